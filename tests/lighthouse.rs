//! Lighthouse (npm `lighthouse`, run by tests/browser/lighthouse.mjs in Debian's headless
//! Chromium) on the example site as a host would serve it: built with an absolute `base_url` and
//! served by a plain static server. On one page of each type, with the mobile and the desktop
//! preset, performance, accessibility and best practices score at least 95, and so does SEO on
//! every page the sitemap lists (the pages meant to be indexed). Performance uses Lighthouse's
//! simulated throttling, computed from one load rather than measured under throttling; a
//! performance score under 95 is measured three times in all and judged on the median run
//! (the script does it), so a busy machine's slow moment does not fail a page that is fast.
//! A missing browser or Lighthouse fails here with what to do, never a silent pass.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use common::http::serve_static;

const LEAST: u64 = 95;
/// The page types of tests/browser/pages.mjs, which the script measures.
const PAGE_TYPES: [&str; 11] = [
    "home", "year", "archive", "report", "section", "print", "page", "search", "figures", "figure",
    "404",
];
/// Those meant to be indexed, which the sitemap must list (so SEO is judged on them).
const INDEXED_TYPES: [&str; 8] = [
    "home", "year", "archive", "report", "section", "page", "figures", "figure",
];
const CATEGORIES: [&str; 4] = ["performance", "accessibility", "best-practices", "seo"];

#[test]
fn every_page_type_scores_at_least_95_in_lighthouse_on_mobile_and_desktop() {
    let chromium = common::chromium_with(&["lighthouse"]);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    // The server reads files as they are asked for, so it can start first and give its address
    // to the build as the site's base_url.
    let addr = serve_static(&public, "/");
    let site = format!("http://{addr}/");
    common::build_example_into(&public, &["--base-url", &site]);
    let indexed = sitemap_locations(&public);

    let lighthouse = Command::new("node")
        .arg("tests/browser/lighthouse.mjs")
        .arg(&site)
        .env("CHROMIUM", &chromium)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("node runs (Node.js 20 or newer is needed for Lighthouse)");
    let stdout = String::from_utf8_lossy(&lighthouse.stdout);
    assert!(
        lighthouse.status.success(),
        "Lighthouse failed:\n{stdout}{}",
        String::from_utf8_lossy(&lighthouse.stderr)
    );

    // The four scores of each page and preset, as table cells ("69*": SEO not judged).
    let mut cells: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut shortfalls = String::new();
    let mut remeasured = String::new();
    for line in stdout.lines() {
        let result: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a Lighthouse result ({e}): {line}"));
        let (page, url, preset) = (
            text(&result["page"]),
            text(&result["url"]),
            text(&result["preset"]),
        );
        let meant_to_be_indexed = indexed.contains(url.split('?').next().unwrap_or(url));
        if INDEXED_TYPES.contains(&page) && !meant_to_be_indexed {
            let _ = writeln!(shortfalls, "{page} ({url}): not in sitemap.xml");
        }
        let mut scores = Vec::new();
        for category in CATEGORIES {
            let score = result["scores"][category]
                .as_u64()
                .unwrap_or_else(|| panic!("no {category} score: {line}"));
            let judged = category != "seo" || meant_to_be_indexed;
            scores.push(format!("{score}{}", if judged { "" } else { "*" }));
            if judged && score < LEAST {
                let _ = writeln!(shortfalls, "{page} ({preset}, {url}): {category} {score}");
                for audit in result["lost"].as_array().into_iter().flatten() {
                    if audit["category"] == category {
                        let _ = writeln!(
                            shortfalls,
                            "    {} {} — {} ({})",
                            text(&audit["id"]),
                            audit["score"],
                            text(&audit["title"]),
                            text(&audit["value"]),
                        );
                    }
                }
            }
        }
        cells.insert((page.to_string(), preset.to_string()), scores.join(" · "));
        let runs = result["performanceRuns"].as_array().map_or(0, Vec::len);
        if runs > 1 {
            let _ = writeln!(
                remeasured,
                "{page} ({preset}): performance of each run {}, median run kept",
                result["performanceRuns"]
            );
        }
    }
    let mut table = String::from(
        "| page | mobile: performance · accessibility · best practices · SEO | desktop: the same |\n|---|---|---|\n",
    );
    for page in PAGE_TYPES {
        let cell = |preset: &str| {
            cells
                .get(&(page.to_string(), preset.to_string()))
                .unwrap_or_else(|| panic!("no {preset} result for the {page} page:\n{stdout}"))
        };
        let _ = writeln!(
            table,
            "| {page} | {} | {} |",
            cell("mobile"),
            cell("desktop")
        );
    }
    println!(
        "{table}\n\\* not in the sitemap (`noindex`, or the 404 page): SEO not judged\n{remeasured}"
    );
    assert!(
        shortfalls.is_empty(),
        "Lighthouse scores below {LEAST}:\n{shortfalls}\n{table}\n{remeasured}"
    );
}

fn text(value: &serde_json::Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// The URLs sitemap.xml lists, percent-encoded as a browser sends them.
fn sitemap_locations(public: &Path) -> BTreeSet<String> {
    let xml = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap.xml written");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .map(|loc| {
            url::Url::parse(loc)
                .unwrap_or_else(|e| panic!("sitemap location {loc}: {e}"))
                .to_string()
        })
        .collect()
}
