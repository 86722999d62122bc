//! The sitemap lists the pages meant to be indexed, each with the date its sources last
//! changed: the last commit touching them when the site is a git repository.

mod common;

use std::process::Command;

use common::TestSite;

fn git(site: &TestSite, args: &[&str]) {
    let run = Command::new("git")
        .arg("-C")
        .arg(site.root())
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .env("GIT_COMMITTER_DATE", "2021-05-04T10:00:00Z")
        .env("GIT_AUTHOR_DATE", "2021-05-04T10:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn lastmod_is_the_last_commit_and_noindex_pages_stay_out() {
    let site = TestSite::from_fixture("reports");
    git(&site, &["init", "-q"]);
    git(&site, &["add", "."]);
    git(&site, &["commit", "-q", "-m", "sources"]);
    // A file added since the last commit has only its file time.
    site.write("content/pages/new.md", "---\ntitle: 新页面\n---\n正文。\n");
    site.write(
        "content/pages/联系我们.md",
        "---\ntitle: 联系我们\n---\n正文。\n",
    );
    site.build_ok(&[]);
    let xml = std::fs::read_to_string(site.output("sitemap.xml")).unwrap();
    let entry = |url: &str| {
        xml.lines()
            .find(|l| l.contains(&format!("<loc>https://example.org{url}</loc>")))
            .unwrap_or_else(|| panic!("{url} not in the sitemap:\n{xml}"))
            .to_string()
    };
    assert!(entry("/2013/annual/review/").contains("<lastmod>2021-05-04</lastmod>"));
    assert!(entry("/2013/annual/").contains("<lastmod>2021-05-04</lastmod>"));
    assert!(!entry("/new/").contains("2021-05-04"));
    // Crawlers ask for URIs: a Chinese slug is percent-encoded.
    entry("/%E8%81%94%E7%B3%BB%E6%88%91%E4%BB%AC/");
    assert!(xml.is_ascii(), "{xml}");
    assert!(
        !xml.contains("/print/"),
        "printable versions are noindex:\n{xml}"
    );
    assert!(!xml.contains("/search/"), "the search page is noindex");
}
