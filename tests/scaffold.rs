//! The authoring commands on temporary folders: what they create builds, and a refusal leaves
//! every file as it was.

mod common;

use std::path::Path;

use common::{TestSite, gazette};

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Runs a command that must refuse, saying `message`, and leave `dir` byte for byte as it was.
#[track_caller]
fn refused(args: &[&str], message: &str, dir: &Path) {
    let before = snapshot(dir);
    let run = gazette(args);
    assert!(!run.success, "gazette {args:?} should refuse");
    assert!(run.stderr.contains(message), "{}", run.stderr);
    assert_eq!(snapshot(dir), before, "gazette {args:?} changed files");
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let run = gazette(args);
    assert!(run.success, "gazette {args:?} failed:\n{}", run.stderr);
    run.stdout
}

#[test]
fn init_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let site_arg = site.to_str().unwrap();
    let out = ok(&["init", site_arg]);
    assert!(out.starts_with("Created a site with 6 files"), "{out}");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    for option in [
        "title:",
        "description:",
        "base_url:",
        "language:",
        "organization:",
        "# theme:",
        "menu:",
        "# extra:",
    ] {
        assert!(yaml.contains(option), "site.yaml lacks {option}");
    }
    ok(&["build", "--root", site_arg]);
    let built = TestSite::at(&site);
    assert!(built.exists("about/index.html"));
    let years = built.page("/archive/").attrs("main h2 a", "href");
    assert_eq!(
        years.len(),
        2,
        "one sample report, and the year its plan is about"
    );
    let year: i32 = years[1].trim_matches('/').parse().unwrap();
    assert_eq!(years[0], format!("/{}/", year + 1));
    let report = built.page(&format!("/{year}/{year}-work-summary/"));
    assert_eq!(
        report.texts(".report-contents-part"),
        [
            format!("{year}年工作回顾"),
            format!("{}年主要任务", year + 1)
        ]
    );
}

#[test]
fn init_in_english_gives_an_english_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().to_str().unwrap();
    ok(&["init", site, "--language", "en"]);
    ok(&["build", "--root", site]);
    let home = TestSite::at(dir.path()).page("/");
    assert_eq!(home.attrs("html", "lang"), ["en"]);
    assert!(home.text.contains("Annual Work Report (sample)"));
}

#[test]
fn init_refuses_a_folder_with_files_and_force_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: mine\n").unwrap();
    refused(&["init", site], "is not empty; use --force", dir.path());

    let run = gazette(&["init", site, "--force"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: kept the existing"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site.yaml")).unwrap(),
        "title: mine\n"
    );
    assert!(dir.path().join("content/pages/about.md").exists());
}

#[test]
fn new_report_and_new_section_add_pages_in_order() {
    let site = TestSite::new();
    let root = site.root().to_str().unwrap();
    let out = ok(&[
        "new",
        "report",
        "--root",
        root,
        "--year",
        "2025",
        "--title",
        "2025年工作总结",
        "--sections",
        "7",
    ]);
    assert!(out.contains("with 7 sections"), "{out}");
    let report = site.root().join("content/reports/2025-report");
    ok(&[
        "new",
        "section",
        report.to_str().unwrap(),
        "--title",
        "八、其他工作",
        "--slug",
        "other",
    ]);
    assert!(report.join("08-other.md").exists());
    site.build_ok(&[]);
    let page = site.page("/2025/2025-report/");
    assert_eq!(page.texts("h1"), ["2025年工作总结"]);
    let sections = page.texts(".report-contents-list a");
    assert_eq!(sections.len(), 8);
    assert_eq!(sections[0], "一、（标题）");
    assert_eq!(sections[6], "七、（标题）");
    assert_eq!(sections[7], "八、其他工作");
    assert!(site.exists("2025/2025-report/other/index.html"));
}

#[test]
fn new_never_overwrites() {
    let site = TestSite::new();
    let root = site.root().to_str().unwrap();
    ok(&[
        "new", "report", "--root", root, "--year", "2025", "--title", "一",
    ]);
    let before = snapshot(site.root());
    refused(
        &[
            "new", "report", "--root", root, "--year", "2025", "--title", "二",
        ],
        "already exists; choose another --slug",
        site.root(),
    );
    let report = site.root().join("content/reports/2025-report");
    let run = gazette(&[
        "new",
        "section",
        report.to_str().unwrap(),
        "--title",
        "x",
        "--slug",
        "section-1",
    ]);
    assert!(
        run.success,
        "the next weight gives a new file name: {}",
        run.stderr
    );
    // Its weight puts it before its own number, so the next section would take its file name.
    std::fs::write(
        report.join("05-clash.md"),
        "---\ntitle: mine\nweight: 4\n---\n",
    )
    .unwrap();
    let report_arg = report.to_str().unwrap();
    let args = [
        "new", "section", report_arg, "--title", "x", "--slug", "clash",
    ];
    refused(&args, "not overwriting existing files", site.root());
    assert_ne!(
        before,
        snapshot(site.root()),
        "the sections added above are there"
    );
}

#[test]
fn theme_eject_copies_the_default_theme_which_the_site_then_uses() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: R\ndate: 2013-12-31\n---\n",
    );
    let root = site.root().to_str().unwrap();
    ok(&["theme", "eject", "--root", root]);
    let theme = site.root().join("themes/default");
    assert!(theme.join("templates/base.html").exists());
    assert!(theme.join("i18n/zh-CN.yaml").exists());
    let footer = theme.join("templates/partials/footer.html");
    std::fs::write(&footer, "<footer id=\"ejected\">mine</footer>\n").unwrap();
    site.build_ok(&[]);
    assert_eq!(site.page("/2013/r/").texts("#ejected"), ["mine"]);

    refused(
        &["theme", "eject", "--root", root],
        "already exists",
        site.root(),
    );
    ok(&["theme", "eject", "custom", "--root", root]);
    assert!(
        site.root()
            .join("themes/custom/templates/section.html")
            .exists()
    );
}

#[test]
fn authoring_commands_refuse_what_the_build_would_reject() {
    // `new report --year 0` wrote a report the next build rejected; a title with a control
    // character or a language that is not a tag wrote files that break YAML or XML.
    let site = TestSite::new();
    let root = site.root().to_str().unwrap();
    let new_report = |title: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["new", "report", "--root", root, "--title", title];
        args.extend(extra);
        args.into_iter().map(str::to_string).collect()
    };
    for (args, message) in [
        (
            new_report("总结", &["--year", "0"]),
            "error: invalid value '0' for '--year <YEAR>': 0 is not in 1000..=9999",
        ),
        (
            new_report("总结", &["--year", "2013", "--sections", "100"]),
            "error: invalid value '100' for '--sections <SECTIONS>': 100 is not in 0..=99",
        ),
        (
            new_report("总\u{1b}[2J结", &["--year", "2013"]),
            "error: the title holds a control character (U+001B); write it on one line without it",
        ),
        (
            new_report("总结", &["--year", "2013", "--slug", "a/b"]),
            "error: `a/b` cannot be a folder name in a URL",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&args, message, site.root());
    }
    ok(&[
        "new", "report", "--root", root, "--year", "2013", "--title", "总结",
    ]);
    let report = site.root().join("content/reports/2013-report");
    let report = report.to_str().unwrap();
    refused(
        &["new", "section", report, "--title", "  "],
        "error: the title is empty: give one with --title",
        site.root(),
    );
    refused(
        &["new", "section", report, "--title", "一\n二"],
        "error: the title holds a control character (U+000A)",
        site.root(),
    );
    site.build_ok(&[]);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    refused(
        &[
            "init",
            target.to_str().unwrap(),
            "--language",
            "en\nmenu: x",
        ],
        "error: `en\u{fffd}menu: x` is not a language tag: write one such as zh-CN or en",
        dir.path(),
    );
    assert!(!target.exists());
    ok(&["init", target.to_str().unwrap(), "--language", "zh-Hant-TW"]);
}
