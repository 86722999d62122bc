//! The site's boundaries: a build reads nothing outside the site folder (themes, links), its
//! addresses cannot lead to another host, its file names fit the filesystem, and no text of
//! the site can break the XML, JSON or HTML it is written into.

mod common;

use std::fs;

use common::TestSite;

#[track_caller]
fn build_error(site: &TestSite, args: &[&str]) -> String {
    let run = site.build(args);
    assert!(
        !run.success,
        "the build should fail, printed:\n{}",
        run.stdout
    );
    assert!(!site.exists(""), "a failed build wrote an output");
    run.stderr
}

#[test]
fn a_theme_is_a_folder_name_inside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("static")).unwrap();
    fs::write(outside.path().join("static/secret.txt"), "secret").unwrap();
    let site = TestSite::with_report();
    let absolute = outside.path().to_str().unwrap();
    for theme in [absolute, "/", "../x", "a/b", "\"..\""] {
        site.write("site.yaml", &format!("title: t\ntheme: {theme}\n"));
        let err = build_error(&site, &[]);
        let theme = theme.trim_matches('"');
        assert!(
            err.starts_with(&format!(
                "error: site.yaml:2:8: theme `{theme}` is not a theme name"
            )),
            "{theme}: {err}"
        );
        assert!(
            err.contains("help: `theme:` is the name of a folder"),
            "{err}"
        );
    }

    fs::create_dir_all(site.root().join("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("themes/linked")).unwrap();
    site.write("site.yaml", "title: t\ntheme: linked\n");
    let err = build_error(&site, &[]);
    assert!(
        err.starts_with("error: site.yaml:2:8: theme `linked` is a link to ")
            && err.contains("outside the site folder"),
        "{err}"
    );
}

#[test]
fn a_theme_linked_inside_the_site_is_used() {
    let site = TestSite::with_report();
    site.write("shared/theme/static/mark.txt", "from the shared theme");
    fs::create_dir_all(site.root().join("themes")).unwrap();
    std::os::unix::fs::symlink("../shared/theme", site.root().join("themes/shared")).unwrap();
    site.write("site.yaml", "title: t\ntheme: shared\n");
    site.build_ok(&[]);
    assert_eq!(
        fs::read_to_string(site.output("mark.txt")).unwrap(),
        "from the shared theme"
    );
}

#[test]
fn base_url_cannot_lead_to_another_host_or_break_links() {
    let site = TestSite::with_report();
    for (url, problem) in [
        ("//evil.example/sub/", "has a path starting with `//`"),
        ("/a?b#c/", "contains `?`"),
        ("https://host/a b/", "contains a space"),
        ("\"https://host/\\nx/\"", "contains a line break"),
        ("https:///sub/", "has no host"),
    ] {
        site.write("site.yaml", &format!("title: t\nbase_url: {url}\n"));
        let err = build_error(&site, &[]);
        assert!(
            err.starts_with("error: site.yaml:2:11: base_url `") && err.contains(problem),
            "{url}: {err}"
        );
        assert!(
            err.contains("such as `https://www.example.gov.cn/fulian/reports/`"),
            "{err}"
        );
    }
    site.write("site.yaml", "title: t\n");
    let err = build_error(&site, &["--base-url", "//evil.example/"]);
    assert!(
        err.starts_with("error: --base-url: `//evil.example/` has a path starting with `//`"),
        "{err}"
    );
}

#[test]
fn a_slug_too_long_for_a_file_name_is_an_error_at_its_line() {
    let site = TestSite::with_report();
    let long = "a".repeat(300);
    site.write(
        "content/2013/r/01-a.md",
        &format!("---\ntitle: 一\nslug: {long}\n---\n正文\n"),
    );
    let expected = "error: content/2013/r/01-a.md:3:7: the slug `aaaaaaaaaaaaaaaaaaaa…` is 300 \
         bytes long, longer than a file name can be (255 bytes: about 85 Chinese characters)\n";
    let err = build_error(&site, &[]);
    assert!(err.starts_with(expected), "{err}");
    assert!(err.contains("help: give it a shorter `slug:`"), "{err}");
    let check = common::gazette(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(!check.success);
    assert!(check.stderr.starts_with(expected), "{}", check.stderr);

    let chinese = "妇".repeat(86);
    site.write(
        "content/2013/r/01-a.md",
        &format!("---\ntitle: 一\nslug: {chinese}\n---\n正文\n"),
    );
    assert!(build_error(&site, &[]).contains("is 258 bytes long"));
    site.write(
        "content/2013/r/01-a.md",
        &format!("---\ntitle: 一\nslug: {}\n---\n正文\n", "妇".repeat(85)),
    );
    site.build_ok(&[]);
}

#[test]
fn a_file_name_that_is_not_text_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::with_report();
    let name = std::ffi::OsStr::from_bytes(b"chart\xff.png");
    fs::write(site.root().join("content/2013/r").join(name), "png").unwrap();
    let err = build_error(&site, &[]);
    assert!(
        err.starts_with("error: content/2013/r/chart\u{FFFD}.png: the file name is not UTF-8"),
        "{err}"
    );
}

#[test]
fn links_inside_the_site_are_followed() {
    let site = TestSite::with_report();
    site.write(
        "shared/2014-plan/_index.md",
        "---\ntitle: 2014年工作要点\ndate: 2014-01-10\n---\n",
    );
    site.write(
        "shared/2014-plan/01-a.md",
        "---\ntitle: 一\n---\n![图](chart.png)\n",
    );
    site.write("shared/images/chart.png", "png");
    std::os::unix::fs::symlink(
        "../../../shared/images/chart.png",
        site.root().join("content/2013/r/chart.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "../../shared/2014-plan",
        site.root().join("content/2013/plan"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "../images/chart.png",
        site.root().join("shared/2014-plan/chart.png"),
    )
    .unwrap();
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 一\n---\n![图](chart.png)\n",
    );
    let check = common::gazette(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(check.success, "{}", check.stderr);
    site.build_ok(&[]);
    assert!(
        site.exists("2014/plan/a/index.html"),
        "the linked report is published"
    );
    assert_eq!(fs::read(site.output("2013/r/chart.png")).unwrap(), b"png");
    assert_eq!(
        fs::read(site.output("2014/plan/chart.png")).unwrap(),
        b"png"
    );
}

#[test]
fn links_leading_out_of_the_site_are_refused_by_name() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    for place in [
        "content/2013/r/secret.txt",
        "static/secret.txt",
        "templates/base.html",
        "content/2013/linked",
    ] {
        let site = TestSite::with_report();
        let link = site.root().join(place);
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        let target = if place.ends_with("linked") {
            outside.path().to_path_buf()
        } else {
            outside.path().join("secret.txt")
        };
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = build_error(&site, &[]);
        assert!(
            err.starts_with(&format!(
                "error: {place}: is a link to {}, outside the site folder",
                target.display()
            )),
            "{place}: {err}"
        );
    }
}

#[test]
fn a_dangling_link_names_its_target() {
    let site = TestSite::with_report();
    std::os::unix::fs::symlink(
        "/nowhere/chart.png",
        site.root().join("content/2013/r/chart.png"),
    )
    .unwrap();
    let err = build_error(&site, &[]);
    assert!(
        err.starts_with(
            "error: content/2013/r/chart.png: is a link to /nowhere/chart.png, which does not exist"
        ),
        "{err}"
    );
}

#[test]
fn control_characters_in_front_matter_never_break_xml_json_or_html() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: \"站\\x01点\"\ndescription: \"描\\0述\"\norganization: \"妇\\e联\"\nbase_url: https://example.org/\n",
    );
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: \"2013\\x01年\\e总结\\0\\x7f\\uFFFE\"\ndate: 2013-12-31\n\
         organization: \"市\\x02妇联\"\ncategory: \"总\\x03结\"\nsummary: \"摘\\x1b要\"\n---\n",
    );
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: \"一\\x01\"\npart: \"二\\x08\"\nsummary: \"三\\0\"\n---\n正文\n",
    );
    site.build_ok(&[]);
    let forbidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    for file in walkdir::WalkDir::new(site.output("")) {
        let file = file.unwrap();
        if !file.file_type().is_file() {
            continue;
        }
        let path = file.path();
        let bytes = fs::read(path).unwrap();
        let name = path
            .strip_prefix(site.output(""))
            .unwrap()
            .display()
            .to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("xml") => {
                let text = String::from_utf8(bytes).unwrap();
                roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
            }
            Some("json") => {
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
            }
            Some("html") => {
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    !text.contains(forbidden),
                    "{name} holds a control character"
                );
            }
            _ => {}
        }
    }
    let atom = fs::read_to_string(site.output("atom.xml")).unwrap();
    assert!(atom.contains("<title>2013年总结</title>"), "{atom}");
    assert!(site.page("/2013/r/").text.contains("<title>2013年总结"));
}
