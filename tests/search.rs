//! Search: what the index holds (drafts never), the page and the header box, and the
//! tokenizer vectors under node. The search page in headless Chromium is one of the browser
//! tests (`tests/browser/search.test.mjs`, run by `tests/browser.rs`).

mod common;

use std::fs;
use std::process::Command;

use common::TestSite;

/// Every document file of a built site's index, as text.
fn indexed_docs(site: &TestSite) -> Vec<String> {
    let dir = site.output("search/d");
    let mut docs: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no {}: {e}", dir.display()))
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    docs.sort();
    docs
}

fn manifest(site: &TestSite) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(site.output("search/meta.json")).unwrap()).unwrap()
}

#[test]
fn every_report_section_and_page_is_indexed_but_no_draft() {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&[]);
    let docs = indexed_docs(&site);
    let meta = manifest(&site);
    assert_eq!(meta["docs"], docs.len());
    // 4 reports with their 6 published sections, and the about page.
    assert_eq!(docs.len(), 11, "{docs:#?}");
    assert!(
        docs.iter()
            .all(|d| !d.contains("草稿一节") && !d.contains("尚未完成"))
    );
    assert!(docs.iter().any(|d| d.contains("\"u\":\"/about/\"")));
    let shards = meta["shards"].as_u64().unwrap();
    for shard in 0..shards {
        let bytes = fs::read(site.output(&format!("search/s/{shard:x}.bin"))).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("草稿"),
            "a draft token is indexed"
        );
    }

    site.build_ok(&["--drafts"]);
    let docs = indexed_docs(&site);
    assert!(
        docs.iter()
            .any(|d| d.contains("草稿一节") && d.contains("尚未完成"))
    );
}

/// The manifest's report columns say which documents are whose: each report's own, then its
/// sections', reports newest first, then the standalone pages.
#[test]
fn the_manifest_says_which_documents_belong_to_which_report_and_year() {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&[]);
    let meta = manifest(&site);
    let doc = |id: u64| -> serde_json::Value {
        let path = site.output(&format!("search/d/{id}.json"));
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
    };
    let reports = &meta["reports"];
    let counts: Vec<u64> = reports["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let years: Vec<i64> = reports["years"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|run| {
            std::iter::repeat_n(run[0].as_i64().unwrap(), run[1].as_u64().unwrap() as usize)
        })
        .collect();
    assert_eq!(counts.len(), 4);
    assert_eq!(years.len(), counts.len());
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {years:?}"
    );
    assert!(
        reports["years"].as_array().unwrap().len() < years.len(),
        "years come in runs"
    );
    let mut id = 0;
    for (count, year) in counts.iter().zip(&years) {
        let report = doc(id);
        assert_eq!(report["r"], serde_json::Value::Null);
        assert_eq!(report["y"], *year);
        for section in id + 1..id + count {
            assert_eq!(doc(section)["r"], report["t"]);
            assert_eq!(doc(section)["y"], *year);
        }
        id += count;
    }
    assert_eq!(meta["pages"], id);
    assert_eq!(doc(id)["u"], "/about/");
    // The 2013 report's part "2014年主要任务" is a plan for 2014: its one section's document.
    let plans = meta["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 1, "{plans:?}");
    assert_eq!(plans[0][0], 2014);
    assert_eq!(plans[0][2], 1);
    let first = plans[0][1].as_u64().unwrap();
    assert_eq!(doc(first)["t"], "一、2014年工作思路");
    assert_eq!(doc(first)["y"], 2013);
}

#[test]
fn the_header_box_and_the_search_page_work_without_javascript_as_links() {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&["--base-url", "https://example.org/sub/"]);
    let home = site.page("/index.html");
    assert_eq!(home.attrs("form.site-search", "action"), ["/sub/search/"]);
    assert_eq!(home.attrs("form.site-search input", "name"), ["q"]);
    let page = site.page("/search/");
    assert_eq!(page.texts("h1"), ["搜索"]);
    assert_eq!(page.attrs("#search-form", "data-index"), ["/sub/search/"]);
    assert_eq!(page.attrs("#search-form input[type=search]", "name"), ["q"]);
    assert_eq!(
        page.attrs("script[type=module]", "src"),
        ["/sub/js/search/page.js"]
    );
    assert!(
        page.select("form.site-search").is_empty(),
        "one box on the search page"
    );
    let years = page.texts("#search-year option");
    assert_eq!(years[0], "全部年份");
    assert!(years.contains(&"2013年".to_string()), "{years:?}");
    assert!(
        years.contains(&"2014年".to_string()),
        "a year only a plan is about has its page, so it is a filter too: {years:?}"
    );
    assert!(
        !site.page("/").text.contains("js/search/"),
        "only the search page loads it"
    );
}

#[test]
fn the_search_page_speaks_english_on_an_english_site() {
    let site = TestSite::new();
    site.write("site.yaml", "title: Reports\nlanguage: en\n");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSmall loans.\n",
    );
    site.build_ok(&[]);
    let page = site.page("/search/");
    assert_eq!(page.texts("h1"), ["Search"]);
    assert_eq!(page.attrs("#search-form", "data-results"), ["{n} results"]);
    assert_eq!(page.texts("#search-year option"), ["All years"]);
}

#[test]
fn search_false_turns_it_off() {
    let site = TestSite::new();
    site.write("site.yaml", "title: 站点\nsearch: false\n");
    site.write("content/pages/search.md", "---\ntitle: 自己的搜索页\n---\n");
    site.build_ok(&[]);
    assert!(!site.exists("search/meta.json"));
    assert_eq!(site.page("/search/").texts("h1"), ["自己的搜索页"]);
    assert!(site.page("/").select("form.site-search").is_empty());
}

fn node() -> Command {
    let found = Command::new("node").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "node is missing: the search tests run the browser script under node (Debian: apt-get install -y nodejs)"
    );
    Command::new("node")
}

#[test]
fn tokenizer_vectors_pass_in_javascript() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = node()
        .args(["--test", "tests/js/"])
        .current_dir(root)
        .output()
        .expect("run node --test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test tests/js/ failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
