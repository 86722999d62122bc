//! Full-text search from static files: every report, section and page is indexed at build
//! time into `search/` in the output, and `search.js` in the browser fetches only the few
//! shards and documents a query needs. Chinese is indexed by character bigrams, so whatever
//! run of characters a reader types is found without a dictionary; see `tokenizer`.
//!
//! Output: `search/meta.json` (the manifest), `search/s/<shard in hex>.bin` (the index, see
//! `index`) and `search/d/<id>.json` (one document, see `meta`). The page itself,
//! `/search/`, is rendered from the theme's `search.html`.

pub mod index;
pub mod meta;
pub mod tokenizer;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::site::Site;

/// Where the search files go, under the output root (the page is `search/index.html`).
pub const DIR: &str = "search";

/// The generated files: output path and bytes; nothing when the site turns search off.
pub fn generate(site: &Site) -> Vec<(PathBuf, Vec<u8>)> {
    if !site.config.search {
        return Vec::new();
    }
    let (docs, mut manifest) = meta::collect(site);
    let sources: Vec<index::Source> = docs
        .iter()
        .map(|d| index::Source {
            title: d.title,
            headings: d.headings.clone(),
            text: &d.text,
        })
        .collect();
    let index = index::build(&sources);
    manifest.shards = index.shards.len();
    manifest.common = index.common;
    let dir = PathBuf::from(DIR);
    let mut files: Vec<(PathBuf, Vec<u8>)> = docs
        .par_iter()
        .enumerate()
        .map(|(id, doc)| {
            let json = serde_json::to_vec(doc).expect("a document serializes");
            (dir.join("d").join(format!("{id}.json")), json)
        })
        .collect();
    files.extend(
        index
            .shards
            .into_iter()
            .enumerate()
            .map(|(i, bytes)| (dir.join("s").join(format!("{i:x}.bin")), bytes)),
    );
    let json = serde_json::to_vec(&manifest).expect("the manifest serializes");
    files.push((dir.join("meta.json"), json));
    files
}
