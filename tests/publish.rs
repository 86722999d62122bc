//! The output as it is published: uploaded under a sub-folder of a larger site and fetched
//! over HTTP, with the feed, sitemap and robots.txt read by machines.

mod common;

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::net::SocketAddr;

use common::TestSite;
use common::http::{get, percent_decode, serve_static};
use scraper::{Html, Selector};

const BASE_URL: &str = "https://www.example.gov.cn/fulian/reports/";
const PREFIX: &str = "/fulian/reports/";

/// `href` resolved against the page URL `from` (both absolute paths), fragment kept apart.
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        from.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}{path}", &from[..=from.rfind('/').unwrap_or(0)])
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            ".." => {
                segments.pop();
            }
            "." => {}
            s => segments.push(s),
        }
    }
    (segments.join("/"), fragment)
}

fn is_external(href: &str) -> bool {
    href.starts_with("//")
        || href
            .split_once(':')
            .is_some_and(|(s, _)| s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Crawls from the home page over HTTP: every internal link, asset and anchor must resolve.
/// Returns the HTML pages reached and the problems found.
fn crawl(addr: SocketAddr) -> (BTreeSet<String>, Vec<String>) {
    let link = Selector::parse("a[href], link[href], img[src], script[src], form[action]").unwrap();
    let with_id = Selector::parse("[id]").unwrap();
    let mut problems = Vec::new();
    let mut pages = BTreeSet::new();
    let mut fetched: HashSet<String> = HashSet::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let mut ids_by_page: std::collections::HashMap<String, HashSet<String>> = Default::default();
    let mut queue = VecDeque::from([PREFIX.to_string()]);
    fetched.insert(PREFIX.to_string());
    while let Some(url) = queue.pop_front() {
        let response = get(addr, &url);
        if response.status != 200 {
            problems.push(format!("{url}: status {}", response.status));
            continue;
        }
        if !response.content_type().starts_with("text/html") {
            continue;
        }
        pages.insert(url.clone());
        let html = Html::parse_document(&response.text());
        ids_by_page.insert(
            url.clone(),
            html.select(&with_id)
                .filter_map(|e| e.attr("id"))
                .map(String::from)
                .collect(),
        );
        for element in html.select(&link) {
            let Some(href) = element
                .attr("href")
                .or_else(|| element.attr("src"))
                .or_else(|| element.attr("action"))
            else {
                continue;
            };
            if is_external(href) {
                continue;
            }
            let (target, fragment) = resolve(&url, href);
            if !target.starts_with(PREFIX) {
                problems.push(format!("{url} → {href}: leaves {PREFIX}"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                anchors.push((url.clone(), target.clone(), fragment));
            }
            if fetched.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    for (page, target, id) in anchors {
        if !ids_by_page
            .get(&target)
            .is_some_and(|ids| ids.contains(&id))
        {
            problems.push(format!("{page} → {target}#{id}: no such id"));
        }
    }
    (pages, problems)
}

fn build_example_under_a_sub_folder() -> (tempfile::TempDir, SocketAddr) {
    let dir = common::build_example(&["--base-url", BASE_URL]);
    let out = dir.path().join("public");
    let addr = serve_static(&out, PREFIX);
    (dir, addr)
}

#[test]
fn the_example_site_works_when_served_from_a_sub_folder() {
    let (dir, addr) = build_example_under_a_sub_folder();
    let (reached, problems) = crawl(addr);
    assert!(problems.is_empty(), "broken:\n{}", problems.join("\n"));
    let out = dir.path().join("public");
    let all_pages: BTreeSet<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html") && !p.ends_with("404.html"))
        .map(|p| {
            let rel = p
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            percent_decode(&format!("{PREFIX}{}", rel.trim_end_matches("index.html")))
        })
        .collect();
    let reached: BTreeSet<String> = reached.iter().map(|u| percent_decode(u)).collect();
    let unreachable: Vec<_> = all_pages.difference(&reached).collect();
    assert!(
        unreachable.is_empty(),
        "pages no link leads to: {unreachable:?}"
    );
    assert!(reached.len() >= 30, "crawled only {} pages", reached.len());
    assert_eq!(get(addr, &format!("{PREFIX}404.html")).status, 200);
}

#[test]
fn feed_sitemap_and_robots_describe_the_published_pages() {
    let (_dir, addr) = build_example_under_a_sub_folder();
    let (reached, _) = crawl(addr);

    let atom = get(addr, &format!("{PREFIX}atom.xml")).text();
    let feed = roxmltree::Document::parse(&atom).expect("atom.xml is XML");
    let ns = "http://www.w3.org/2005/Atom";
    let entries: Vec<_> = feed
        .descendants()
        .filter(|n| n.has_tag_name((ns, "entry")))
        .collect();
    let links: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.children().find(|c| c.has_tag_name((ns, "link"))))
        .filter_map(|l| l.attribute("href"))
        .collect();
    assert_eq!(
        links,
        [
            "https://www.example.gov.cn/fulian/reports/2015/2015-trade-union-review/",
            "https://www.example.gov.cn/fulian/reports/2014/2014-work-plan/",
            "https://www.example.gov.cn/fulian/reports/2013/2013-work-summary/",
            "https://www.example.gov.cn/fulian/reports/2012/2012-women-children-survey/",
        ],
        "every report, newest first"
    );
    let updated: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.children().find(|c| c.has_tag_name((ns, "updated"))))
        .filter_map(|u| u.text())
        .collect();
    assert_eq!(updated[2], "2013-12-31T00:00:00Z");

    let sitemap = get(addr, &format!("{PREFIX}sitemap.xml")).text();
    let map = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let mut locs = BTreeSet::new();
    for url in map.descendants().filter(|n| n.has_tag_name((sm, "url"))) {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((sm, "loc")))
            .and_then(|l| l.text())
            .unwrap();
        let lastmod = url
            .children()
            .find(|c| c.has_tag_name((sm, "lastmod")))
            .and_then(|l| l.text())
            .unwrap();
        assert!(
            lastmod.len() == 10 && lastmod.as_bytes()[4] == b'-',
            "lastmod {lastmod}"
        );
        locs.insert(percent_decode(
            loc.strip_prefix("https://www.example.gov.cn")
                .expect("absolute URL"),
        ));
    }
    // The search page (reached through the header's search form) and the printable versions
    // are noindex: not in the sitemap.
    let reached: BTreeSet<String> = reached
        .iter()
        .map(|u| percent_decode(u))
        .filter(|u| u != &format!("{PREFIX}search/") && !u.ends_with("/print/"))
        .collect();
    assert_eq!(
        locs, reached,
        "the sitemap lists exactly the pages a visitor can reach"
    );

    let robots = get(addr, &format!("{PREFIX}robots.txt")).text();
    assert!(
        robots.contains("Sitemap: https://www.example.gov.cn/fulian/reports/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn drafts_appear_in_no_feed_sitemap_or_page() {
    let site = TestSite::from_fixture("reports");
    site.write(
        "content/2011/secret/_index.md",
        "---\ntitle: 未发布的报告\ndate: 2011-05-01\ndraft: true\n---\n",
    );
    site.build_ok(&[]);
    for file in [
        "atom.xml",
        "sitemap.xml",
        "index.html",
        "archive/index.html",
    ] {
        let text = std::fs::read_to_string(site.output(file)).unwrap();
        assert!(
            !text.contains("未发布的报告") && !text.contains("/2011/"),
            "{file} mentions the draft"
        );
        assert!(
            !text.contains("草稿一节") && !text.contains("/2013/annual/draft/"),
            "{file} mentions the draft section"
        );
    }
}

#[test]
fn pages_carry_description_and_open_graph_from_summaries() {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&[]);
    let section = site.page("/2013/annual/review/");
    assert_eq!(
        section.attrs("meta[name=description]", "content"),
        ["学习宣传。"]
    );
    assert_eq!(
        section.attrs("meta[property='og:description']", "content"),
        ["学习宣传。"]
    );
    assert_eq!(
        section.attrs("meta[property='og:title']", "content"),
        ["一、学习宣传贯彻中央精神"]
    );
    let jobs = site.page("/2013/annual/jobs/");
    assert_eq!(
        jobs.attrs("meta[name=description]", "content"),
        ["2013年的工作回顾与2014年的主要任务。"],
        "falls back to the report summary"
    );
    assert_eq!(
        jobs.attrs("link[rel=canonical]", "href"),
        ["https://example.org/2013/annual/jobs/"]
    );
    assert_eq!(jobs.attrs("link[rel=icon]", "href"), ["/favicon.svg"]);
}

#[test]
fn a_missing_image_is_an_error_with_its_line() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: R\ndate: 2013-12-31\n---\n",
    );
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: A\n---\n正文\n\n![图表](charts/jobs.png)\n",
    );
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with("error: content/2013/r/01-a.md:6:1: broken link `charts/jobs.png`: content/2013/r/charts/jobs.png does not exist\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_beside_sections_are_published_beside_the_report() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: R\ndate: 2013-12-31\n---\n[原文](files/report.docx)\n",
    );
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: A\n---\n![图](charts/a.png)\n",
    );
    site.write_bytes("content/2013/r/files/report.docx", b"PK\x03\x04");
    site.write_bytes("content/2013/r/charts/a.png", b"\x89PNG");
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read(site.output("2013/r/files/report.docx")).unwrap(),
        b"PK\x03\x04"
    );
    assert_eq!(
        site.page("/2013/r/").attrs("main a[href$='.docx']", "href"),
        ["/2013/r/files/report.docx"]
    );
    assert_eq!(
        site.page("/2013/r/a/").attrs("main img", "src"),
        ["/2013/r/charts/a.png"]
    );
}
