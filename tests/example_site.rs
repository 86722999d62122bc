//! The example site of this repository, built with the real binary and crawled: every internal
//! link and anchor of every page must lead somewhere, at the root and under a base path.

mod common;

// Crawls the example site at the repository root, as built by the real binary, and checks that
// every internal link and fragment lands somewhere and that no page is orphaned.

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

/// Pages nothing links to on purpose: the web server serves 404.html for unknown URLs.
const NOT_LINKED: &[&str] = &["404.html"];

/// One generated HTML file: its URL path, the ids it defines and the links it contains.
struct Page {
    url: String,
    ids: HashSet<String>,
    links: Vec<String>,
}

/// A built site: its output folder, the URL path it is served under, and its pages by file.
struct Site<'a> {
    out: &'a Path,
    base: &'a str,
    pages: BTreeMap<PathBuf, Page>,
}

use common::build_example;

/// Every .html file under `out`, with URL paths rooted at `base`.
fn read_site<'a>(out: &'a Path, base: &'a str) -> Site<'a> {
    let links =
        Selector::parse("a[href], link[href], img[src], script[src], form[action]").unwrap();
    let ids = Selector::parse("[id]").unwrap();
    let mut pages = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out) {
        let path = entry.expect("output is readable").into_path();
        if path.extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let rel = path.strip_prefix(out).unwrap().to_string_lossy();
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        let url = format!("{base}{}", rel.strip_suffix("index.html").unwrap_or(&rel));
        let html = Html::parse_document(&fs::read_to_string(&path).expect("read page"));
        let page = Page {
            url,
            ids: html
                .select(&ids)
                .filter_map(|e| e.attr("id"))
                .map(String::from)
                .collect(),
            links: (html.select(&links))
                .filter_map(|e| {
                    e.attr("href")
                        .or_else(|| e.attr("src"))
                        .or_else(|| e.attr("action"))
                })
                .map(String::from)
                .collect(),
        };
        pages.insert(path, page);
    }
    Site { out, base, pages }
}

/// Links with a scheme (`https:`, `mailto:`) or a host (`//cdn`) leave the site.
fn is_external(href: &str) -> bool {
    let scheme = href.split_once(':').map_or("", |(s, _)| s);
    let has_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    href.starts_with("//") || has_scheme
}

/// RFC 3986 dot-segment removal, so `../x/` from `/a/b/` means `/a/x/`.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => _ = kept.pop(),
            other => {
                kept.push(other);
                continue;
            }
        }
        // A trailing `.` or `..` still names a folder, so keep the slash.
        if i + 1 == segments.len() {
            kept.push("");
        }
    }
    format!("/{}", kept.join("/"))
}

/// Paths and ids come from Chinese headings, percent-encoded as UTF-8 bytes.
fn percent_decode(text: &str) -> Result<String, String> {
    gazette::escape::percent_decode(text).ok_or_else(|| format!("bad percent-escape in {text}"))
}

impl Site<'_> {
    /// The file `href` on the page at `page_url` leads to, after checking its fragment.
    fn follow(&self, page_url: &str, href: &str) -> Result<PathBuf, String> {
        let (before, fragment) = href
            .split_once('#')
            .map_or((href, None), |(b, f)| (b, Some(f)));
        let path = before.split('?').next().unwrap_or_default();
        let page_dir = &page_url[..=page_url.rfind('/').expect("URL paths start with /")];
        let absolute = match path {
            "" => page_url.to_string(),
            p if p.starts_with('/') => p.to_string(),
            p => format!("{page_dir}{p}"),
        };
        let url = percent_decode(&remove_dot_segments(&absolute))?;
        let Some(rel) = url.strip_prefix(self.base) else {
            return Err(format!("{url} is outside the base path {}", self.base));
        };
        if self.out.join(rel).is_dir() && !rel.is_empty() && !rel.ends_with('/') {
            return Err(format!("{url} is a folder without a trailing slash"));
        }
        let target = self.out.join(gazette::site::routes::file_for(rel));
        if !target.is_file() {
            return Err(format!("no file for {url}"));
        }
        if let Some(id) = fragment.filter(|f| !f.is_empty()) {
            let id = percent_decode(id)?;
            match self.pages.get(&target) {
                None => return Err(format!("#{id} points into {url}, which is not HTML")),
                Some(page) if !page.ids.contains(&id) => {
                    return Err(format!("{url} has no id=\"{id}\""));
                }
                Some(_) => {}
            }
        }
        Ok(target)
    }
}

/// Checks the site in `out`; returns the pages and internal links checked, and every failure.
fn crawl(out: &Path, base: &str) -> (usize, usize, Vec<String>) {
    let site = read_site(out, base);
    let (mut links, mut failures) = (0, Vec::new());
    let mut edges: BTreeMap<&Path, Vec<PathBuf>> = BTreeMap::new();
    for (file, page) in &site.pages {
        for href in page.links.iter().filter(|h| !is_external(h)) {
            links += 1;
            match site.follow(&page.url, href) {
                Ok(target) => edges.entry(file).or_default().push(target),
                Err(reason) => failures.push(format!("{} → {href}: {reason}", page.url)),
            }
        }
    }
    let home = out.join("index.html");
    let mut reached = BTreeSet::from([home.clone()]);
    let mut queue = VecDeque::from([home]);
    while let Some(file) = queue.pop_front() {
        for target in edges.get(file.as_path()).into_iter().flatten() {
            if reached.insert(target.clone()) {
                queue.push_back(target.clone());
            }
        }
    }
    for (file, page) in &site.pages {
        if !reached.contains(file) && !NOT_LINKED.iter().any(|rel| *file == out.join(rel)) {
            failures.push(format!("{}: not reachable by links from {base}", page.url));
        }
    }
    (site.pages.len(), links, failures)
}

#[track_caller]
fn assert_links_resolve(extra: &[&str], base: &str) {
    let dir = build_example(extra);
    assert_crawl(&dir.path().join("public"), base);
}

#[track_caller]
fn assert_crawl(out: &Path, base: &str) {
    let (pages, links, failures) = crawl(out, base);
    assert!(
        failures.is_empty(),
        "{} broken:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Guards against a crawl that passes because it found nothing to check.
    assert!(pages >= 25, "only {pages} pages checked");
    assert!(links >= 200, "only {links} internal links checked");
    println!("{pages} pages, {links} internal links checked");
}

#[test]
fn every_internal_link_of_the_example_site_resolves() {
    assert_links_resolve(&[], "/");
}

#[test]
fn example_site_links_work_under_a_base_url_with_a_path() {
    let base_url = "https://www.example.gov.cn/fulian/reports/";
    assert_links_resolve(&["--base-url", base_url], "/fulian/reports/");
}

#[test]
fn without_a_menu_every_page_is_still_reachable_from_the_home_page() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().expect("temp dir");
    let yaml = fs::read_to_string(repo.join("site.yaml")).expect("site.yaml");
    // The menu is the last top-level key whose entries are indented lines.
    let without_menu: String = yaml
        .lines()
        .scan(false, |in_menu, line| {
            *in_menu = line.starts_with("menu:") || (*in_menu && line.starts_with(' '));
            Some((!*in_menu).then(|| format!("{line}\n")))
        })
        .flatten()
        .collect();
    assert!(!without_menu.contains("menu:") && without_menu.contains("title:"));
    fs::write(site.path().join("site.yaml"), without_menu).unwrap();
    for folder in ["content", "static"] {
        common::copy_dir(&repo.join(folder), &site.path().join(folder));
    }
    let out = site.path().join("public");
    let run = common::gazette(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(run.success, "build failed:\n{}", run.stderr);
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    let menu = Selector::parse(".site-menu a").unwrap();
    let items: Vec<String> = Html::parse_document(&home)
        .select(&menu)
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(items, ["首页", "归档", "主要数据", "关于本站", "搜索"]);
    assert_crawl(&out, "/");
}
