//! A base_url without scheme and host leaves the feed, the sitemap, canonical links and
//! robots.txt relative: `build` and `check` say so once; `check` also notes that a robots.txt
//! in a sub-folder is not read by crawlers.

mod common;

use common::TestSite;

const WARNING: &str = "warning: site.yaml: base_url `/` has no scheme and host";

#[test]
fn build_and_check_warn_once_about_a_base_url_without_host() {
    let site = TestSite::from_fixture("reports");
    site.write("site.yaml", "title: 测试\n");
    let build = site.build_ok(&[]);
    assert_eq!(build.stderr.matches(WARNING).count(), 1, "{}", build.stderr);
    assert!(build.stdout.starts_with("Built "), "{}", build.stdout);
    let root = site.root().to_str().unwrap();
    let check = common::gazette(&["check", "--root", root]);
    assert!(check.success, "{}", check.stderr);
    assert_eq!(check.stderr.matches(WARNING).count(), 1, "{}", check.stderr);
    // An absolute address given on the command line silences it.
    let overridden = site.build_ok(&["--base-url", "https://www.example.org/"]);
    assert!(
        !overridden.stderr.contains("warning"),
        "{}",
        overridden.stderr
    );
}

#[test]
fn check_notes_that_robots_txt_in_a_sub_folder_is_not_read() {
    let site = TestSite::from_fixture("reports");
    site.write(
        "site.yaml",
        "title: 测试\nbase_url: https://www.example.gov.cn/fulian/\n",
    );
    let root = site.root().to_str().unwrap();
    let check = common::gazette(&["check", "--root", root]);
    assert!(
        check.stderr.contains(
            "warning: site.yaml: robots.txt is published at /fulian/robots.txt, but crawlers read it only at the host's root"
        ),
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains("no scheme and host"));
    let build = site.build_ok(&[]);
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
}

#[test]
fn init_writes_a_commented_placeholder_address() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let run = common::gazette(&["init", root.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(
        yaml.contains("\n# base_url: https://www.example.gov.cn/reports/\n"),
        "{yaml}"
    );
    assert!(!yaml.contains("\nbase_url:"), "{yaml}");
}
