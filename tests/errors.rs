//! Mistakes a user can make, each reported with the file, line and column, the offending line
//! and a non-zero exit; a failed build never touches the previous output.

mod common;

use common::TestSite;

const REPORT: &str = "---\ntitle: 2013年工作总结\ndate: 2013-12-31\n---\n";

fn site_with_report() -> TestSite {
    let site = TestSite::new();
    site.write("content/2013/r/_index.md", REPORT);
    site
}

#[track_caller]
fn build_error(site: &TestSite) -> String {
    let run = site.build(&[]);
    assert!(
        !run.success,
        "the build should fail, printed:\n{}",
        run.stdout
    );
    run.stderr
}

#[test]
fn unknown_key_points_at_its_line_with_a_suggestion() {
    let site = site_with_report();
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 一\ntitel: 二\n---\n正文\n",
    );
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/01-a.md:3:1: unknown key `titel`\n   |\n 3 | titel: 二\n   | ^\n  = help: did you mean `title`? Custom data goes under `extra:`\n\n1 error found\n"
    );
}

#[test]
fn yaml_syntax_error_gives_the_file_line_not_the_block_line() {
    let site = site_with_report();
    site.write(
        "content/2013/r/01-a.md",
        "---\nsummary: 好\ntitle: \"未闭合\n---\n",
    );
    let err = build_error(&site);
    assert!(
        err.starts_with(
            "error: content/2013/r/01-a.md:3:8: the quote that opens the value of `title` is never closed\n   |\n 3 | title: \"未闭合\n"
        ),
        "{err}"
    );
}

#[test]
fn bad_date_missing_title_and_unclosed_front_matter_are_named() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: R\ndate: 2013-02-30\n---\n",
    );
    site.write("content/2013/r/01-a.md", "---\nweight: 2\n---\n");
    site.write("content/2013/r/02-b.md", "---\ntitle: B\n正文\n");
    site.write("content/2013/r/03-c.md", "没有前言\n");
    let err = build_error(&site);
    for expected in [
        "error: content/2013/r/_index.md:3:7: invalid date `2013-02-30`: write a real date as YYYY-MM-DD, such as 2013-12-31",
        "error: content/2013/r/01-a.md:2:1: missing required key `title`",
        "error: content/2013/r/02-b.md:1:1: front matter is not closed: add a line `---` after it",
        "error: content/2013/r/03-c.md:1:1: missing front matter",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(
        err.ends_with("4 errors found\n"),
        "all errors are reported in one run:\n{err}"
    );
}

#[test]
fn non_utf8_file_is_named_with_its_line() {
    let site = site_with_report();
    site.write_bytes(
        "content/2013/r/01-a.md",
        b"---\ntitle: \xd6\xd0\xce\xc4\n---\n",
    );
    let err = build_error(&site);
    assert!(
        err.starts_with("error: content/2013/r/01-a.md:2: the file is not UTF-8 text\n"),
        "{err}"
    );
}

#[test]
fn sections_in_a_folder_without_index_belong_to_no_report() {
    let site = TestSite::new();
    site.write("content/2013/r/01-a.md", "---\ntitle: A\n---\n");
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/01-a.md: this section is in a folder without `_index.md`, so it belongs to no report\n  = help: add an `_index.md` with the report's `title:` and `date:` to the folder\n\n1 error found\n"
    );
}

#[test]
fn two_sources_with_one_url_name_both_files() {
    let site = site_with_report();
    site.write("content/2013/r/01-review.md", "---\ntitle: A\n---\n");
    site.write("content/2013/r/02-review.md", "---\ntitle: B\n---\n");
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/02-review.md: /2013/r/review/ is already the URL of content/2013/r/01-review.md\n  = help: give one of them another `slug:` in its front matter\n\n1 error found\n"
    );
}

#[test]
fn a_page_cannot_take_a_built_in_url() {
    let site = site_with_report();
    site.write("content/pages/archive.md", "---\ntitle: 归档\n---\n");
    let err = build_error(&site);
    assert!(
        err.starts_with(
            "error: content/pages/archive.md: /archive/ is already the URL of the archive page\n"
        ),
        "{err}"
    );
}

#[test]
fn dead_links_and_anchors_give_file_line_and_column() {
    let site = site_with_report();
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: A\n---\n## 主要数据\n\n见[下一节](02-b.md)和[数据](#主要数句)。\n",
    );
    let err = build_error(&site);
    assert_eq!(
        err,
        "error: content/2013/r/01-a.md:6:2: broken link `02-b.md`: content/2013/r/02-b.md does not exist\n   |\n 6 | 见[下一节](02-b.md)和[数据](#主要数句)。\n   |   ^\n\n\
         error: content/2013/r/01-a.md:6:17: broken link: no heading with id `主要数句` in content/2013/r/01-a.md\n   |\n 6 | 见[下一节](02-b.md)和[数据](#主要数句)。\n   |                      ^\n  = help: did you mean `#主要数据`?\n\n2 errors found\n"
    );
}

#[test]
fn an_error_on_a_long_line_quotes_a_window_of_it() {
    let site = site_with_report();
    let line = format!(
        "{}[x](02-b.md){}",
        "长".repeat(3_000_000),
        "文".repeat(3_000_000)
    );
    site.write(
        "content/2013/r/01-a.md",
        &format!("---\ntitle: A\n---\n{line}\n"),
    );
    let err = build_error(&site);
    // 120 columns: the two `…`, a third before the link, the rest after it.
    let shown = format!("…{}[x](02-b.md){}…", "长".repeat(19), "文".repeat(34));
    assert_eq!(
        err,
        format!(
            "error: content/2013/r/01-a.md:4:3000001: broken link `02-b.md`: content/2013/r/02-b.md does not exist\n   |\n 4 | {shown}\n   | {}^\n\n1 error found\n",
            " ".repeat(1 + 38)
        )
    );
}

#[test]
fn a_link_to_a_draft_says_so() {
    let site = site_with_report();
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: A\n---\n[草稿](02-b.md)\n",
    );
    site.write(
        "content/2013/r/02-b.md",
        "---\ntitle: B\ndraft: true\n---\n",
    );
    let err = build_error(&site);
    assert!(err.contains("content/2013/r/02-b.md is a draft, left out of this build (build with --drafts to include it)"), "{err}");
    site.build_ok(&["--drafts"]);
}

#[test]
fn a_broken_template_names_the_site_file() {
    let site = site_with_report();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }{% endblock content %}\n",
    );
    site.write("content/pages/about.md", "---\ntitle: 关于\n---\n");
    let err = build_error(&site);
    assert!(err.starts_with("error: templates/page.html:2:"), "{err}");
    assert!(err.contains("template error"), "{err}");
}

#[test]
fn a_missing_site_yaml_is_explained() {
    let site = TestSite::new();
    site.remove("site.yaml");
    let err = build_error(&site);
    assert!(
        err.starts_with("error: site.yaml: cannot read the site configuration"),
        "{err}"
    );
    assert!(
        err.contains("a gazette site? A site folder holds site.yaml and content/"),
        "{err}"
    );
}

#[test]
fn unknown_site_yaml_key_gets_a_hint() {
    let site = TestSite::new();
    site.write("site.yaml", "title: t\nlanguge: en\n");
    let err = build_error(&site);
    assert!(
        err.starts_with("error: site.yaml:2:1: unknown key `languge`\n"),
        "{err}"
    );
    assert!(err.contains("did you mean `language`?"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = site_with_report();
    site.write("content/2013/r/01-a.md", "---\ntitle: A\n---\n正文\n");
    site.build_ok(&[]);
    let snapshot = |site: &TestSite| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        walkdir::WalkDir::new(site.output(""))
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    };
    let before = snapshot(&site);
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: A\nbroken: yes\n---\n新正文\n",
    );
    build_error(&site);
    assert_eq!(snapshot(&site), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn refuses_output_folders_that_would_destroy_the_site() {
    let site = site_with_report();
    let root = site.root().to_str().unwrap().to_string();
    let at = |rel: &str| format!("{root}/{rel}");
    for (output, reason) in [
        (root.clone(), "cannot be the site folder itself".to_string()),
        (at(".."), "contains the site's content/ folder".into()),
        (at("content"), "is the site's content/ folder".into()),
        (at("content/out"), "lies inside content/".into()),
        (
            at("static/out"),
            "lies inside static/, which the build reads".into(),
        ),
        (at("templates/out"), "lies inside templates/".into()),
        (at("themes/default/static"), "lies inside themes/".into()),
        (at("i18n"), "is the site's i18n/ folder".into()),
    ] {
        let run = site.build(&["--output", &output]);
        assert!(!run.success);
        assert!(run.stderr.contains(&reason), "{output}: {}", run.stderr);
    }
    assert!(site.root().join("content/2013/r/_index.md").exists());
    assert!(!site.root().join("static").exists());
}

#[test]
fn output_dot_is_the_site_folder_or_a_folder_like_any_other() {
    let site = site_with_report();
    let gazette = |cwd: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args([
                "build",
                "--root",
                site.root().to_str().unwrap(),
                "--output",
                ".",
            ])
            .current_dir(cwd)
            .output()
            .unwrap()
    };
    let run = gazette(site.root());
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("the output folder . (→ ") && stderr.contains("cannot be the site folder"),
        "{stderr}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    assert!(gazette(elsewhere.path()).status.success());
    assert!(elsewhere.path().join("2013/r/index.html").is_file());
}
