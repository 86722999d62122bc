//! Theme resolution: the embedded default theme, a named theme of the site, and the site's
//! own templates, words and static files, each replacing the layer below file by file.

mod common;

use common::TestSite;

fn minimal() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: 报告\ndate: 2013-12-31\n---\n",
    );
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 第一节\n---\n正文。\n",
    );
    site
}

#[test]
fn a_site_without_a_themes_folder_uses_the_embedded_default() {
    let site = minimal();
    assert!(!site.root().join("themes").exists());
    site.build_ok(&[]);
    assert!(site.exists("css/gazette.css"));
    assert_eq!(site.page("/2013/r/a/").texts("h1"), ["第一节"]);
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = minimal();
    site.write(
        "templates/partials/footer.html",
        "<footer id=\"custom-footer\">{{ site.title }}</footer>\n",
    );
    site.build_ok(&[]);
    let page = site.page("/2013/r/a/");
    assert_eq!(page.texts("#custom-footer"), ["测试站点"]);
    // Everything not overridden still comes from the theme.
    assert_eq!(page.texts("nav.breadcrumbs a").len(), 4);
}

#[test]
fn a_named_theme_replaces_the_default_and_falls_back_to_it() {
    let site = minimal();
    site.write("site.yaml", "title: 测试站点\ntheme: plain\n");
    site.write(
        "themes/plain/templates/section.html",
        "<!DOCTYPE html><html lang=\"{{ site.language }}\"><body><h1 class=\"plain\">{{ section.title }}</h1>{{ section.content | safe }}</body></html>\n",
    );
    site.write(
        "themes/plain/static/css/gazette.css",
        "body { color: black }\n",
    );
    site.build_ok(&[]);
    assert_eq!(site.page("/2013/r/a/").texts("h1.plain"), ["第一节"]);
    assert_eq!(
        std::fs::read_to_string(site.output("css/gazette.css")).unwrap(),
        "body { color: black }\n"
    );
    // Templates the theme lacks come from the built-in default.
    assert_eq!(site.page("/2013/r/").texts("h1"), ["报告"]);
}

#[test]
fn a_missing_named_theme_is_an_error() {
    let site = minimal();
    site.write("site.yaml", "title: 测试站点\ntheme: nowhere\n");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "error: site.yaml: theme `nowhere` not found: there is no folder themes/nowhere"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn site_words_and_static_files_override_the_theme() {
    let site = minimal();
    site.write("i18n/zh-CN.yaml", "home: 主页\n");
    site.write("static/robots.txt", "User-agent: *\n");
    site.build_ok(&[]);
    assert_eq!(
        site.page("/2013/r/a/").texts("nav.breadcrumbs a")[0],
        "主页"
    );
    assert!(site.exists("robots.txt"));
}

#[test]
fn a_site_word_file_changes_only_the_words_it_names() {
    let site = minimal();
    site.write("i18n/zh-CN.yaml", "home: 主页\n");
    site.build_ok(&[]);
    let page = site.page("/2013/r/a/");
    assert_eq!(page.texts("nav.breadcrumbs a")[0], "主页");
    assert!(
        page.text.contains("上一") || page.text.contains("下一"),
        "other words stay Chinese"
    );
}

/// The one rule for a static file at a generated path: the static file is published, `check`
/// says so, and a static file where a content file is published is an error.
#[test]
fn a_static_file_replaces_a_generated_page_and_check_warns() {
    let site = minimal();
    site.write("static/archive/index.html", "<p>自己的归档</p>\n");
    site.build_ok(&[]);
    let archive = std::fs::read_to_string(site.output("archive/index.html")).unwrap();
    assert_eq!(archive, "<p>自己的归档</p>\n");
    let root = site.root().to_str().unwrap();
    let run = common::gazette(&["check", "--root", root]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: static/archive/index.html: this static file replaces the page /archive/"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_static_file_where_a_content_file_is_published_is_an_error() {
    let site = minimal();
    site.write_bytes("content/2013/r/chart.png", b"\x89PNG");
    site.write_bytes("static/2013/r/chart.png", b"\x89PNG2");
    for command in ["build", "check"] {
        let root = site.root().to_str().unwrap();
        let run = common::gazette(&[command, "--root", root]);
        assert!(!run.success, "{command} succeeded");
        assert!(
            run.stderr.starts_with(
                "error: static/2013/r/chart.png: this static file and content/2013/r/chart.png are both published at 2013/r/chart.png"
            ),
            "{command}: {}",
            run.stderr
        );
    }
}
