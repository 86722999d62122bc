//! Golden snapshots of the `<main>` of every page type of the example site, so a change of
//! markup is reviewed instead of missed. After a deliberate change, review the new snapshots
//! with `cargo insta review` (or accept them all with `INSTA_UPDATE=always cargo test --test
//! golden`) and commit them under `tests/snapshots/`.

mod common;

use std::fs;

/// One page of each kind, by output file.
const PAGES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("archive", "archive/index.html"),
    ("year", "2013/index.html"),
    ("report", "2013/2013-work-summary/index.html"),
    ("print", "2013/2013-work-summary/print/index.html"),
    ("section", "2013/2013-work-summary/employment/index.html"),
    ("page", "about/index.html"),
    ("figures", "figures/index.html"),
    ("figure", "figures/市级以上巾帼文明岗/index.html"),
    ("search", "search/index.html"),
    ("not_found", "404.html"),
];

/// The `<main>` element of a page, as written.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn the_main_of_every_page_type_is_as_reviewed() {
    let dir = common::build_example(&[]);
    let out = dir.path().join("public");
    for (kind, file) in PAGES {
        let html = fs::read_to_string(out.join(file))
            .unwrap_or_else(|e| panic!("no {kind} page at {file}: {e}"));
        insta::assert_snapshot!(*kind, main_of(&html));
    }
}
