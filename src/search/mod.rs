//! Full-text search from static files: every report, section and page is indexed at build
//! time into `search/` in the output, and `js/search/` in the browser fetches only the few
//! shards and documents a query needs. Chinese is indexed by character bigrams, so whatever
//! run of characters a reader types is found without a dictionary; see `tokenizer`.
//!
//! Output: `search/meta.json` (the manifest), `search/s/<shard in hex>.bin` (the index, see
//! `index`) and `search/d/<id>.json` (one document, see `meta`). The page itself,
//! `/search/`, is rendered from the theme's `search.html`.

pub(crate) mod document;
pub(crate) mod index;
pub(crate) mod meta;
pub(crate) mod tokenizer;

use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use crate::bodies::Bodies;
use crate::site::{ReportId, Site};

/// Where the search files go, under the output root (the page is `search/index.html`).
pub(crate) const DIR: &str = "search";

/// The search manifest under [`DIR`]: the page reads it first to find the index's shards.
pub(crate) const MANIFEST: &str = "meta.json";

/// Documents tokenized at a time: enough to keep every core busy, few enough that their tokens
/// take little memory (the index holds only postings, the documents are written at once).
const BATCH: usize = 2048;

/// Documents indexed between two questions to `interrupted` in [`generate`]: a save that
/// stops the index waits for about this many to be tokenized (tens of milliseconds).
const ASK_EVERY: usize = 256;

/// Where a generated file goes: its path under the output root and its bytes.
pub(crate) type Write<'a> = &'a (dyn Fn(&Path, &[u8]) -> Result<()> + Sync);

/// Writes the search files through `write` for a site whose bodies are all rendered, and
/// returns how many there were (none when the site turns search off); or gives up (`None`)
/// as soon as `interrupted` says so between two batches of documents: the preview remakes the
/// index while the writer pauses, and a save must not wait for it. What was written by then
/// is incomplete and must be dropped.
pub(crate) fn generate(
    site: &Site,
    bodies: &Bodies,
    write: Write,
    interrupted: &mut dyn FnMut() -> bool,
) -> Result<Option<usize>> {
    if !site.config.search {
        return Ok(Some(0));
    }
    let mut indexer = Indexer::new(write);
    let mut docs = meta::report_docs(site, bodies, ReportId::all(site.reports.len()));
    docs.extend(meta::page_docs(site, bodies));
    for batch in docs.chunks(ASK_EVERY) {
        if interrupted() {
            return Ok(None);
        }
        indexer.add(batch)?;
    }
    indexer.finish(meta::manifest(site)).map(Some)
}

/// The index being made, documents added in id order as their bodies are rendered (a build
/// adds a few reports at a time, then drops their text): each document's file is written as
/// soon as it is indexed, and only the postings are kept until [`Indexer::finish`].
pub(crate) struct Indexer<'a> {
    write: Write<'a>,
    index: index::Builder,
    docs: usize,
}

impl<'a> Indexer<'a> {
    pub(crate) fn new(write: Write<'a>) -> Self {
        Indexer {
            write,
            index: index::Builder::default(),
            docs: 0,
        }
    }

    /// Writes and indexes the next documents.
    pub(crate) fn add(&mut self, docs: &[meta::Doc]) -> Result<()> {
        let dir = Path::new(DIR);
        for chunk in docs.chunks(BATCH) {
            let first = self.docs;
            // A document is written and tokenized in one go, while its text is in the cache.
            let tokens: Vec<document::DocTokens> = chunk
                .par_iter()
                .enumerate()
                .map(|(i, doc)| {
                    let json = serde_json::to_vec(doc).expect("a document serializes");
                    (self.write)(&dir.join("d").join(format!("{}.json", first + i)), &json)?;
                    Ok(document::tokenize(&document::Source {
                        title: doc.title,
                        headings: &doc.headings,
                        text: doc.text,
                    }))
                })
                .collect::<Result<_>>()?;
            self.index.add(&tokens);
            self.docs += chunk.len();
        }
        Ok(())
    }

    /// Writes the shards and the manifest (from [`meta::manifest`], which must count the
    /// documents added); returns how many search files there are.
    pub(crate) fn finish(self, mut manifest: meta::Manifest) -> Result<usize> {
        debug_assert_eq!(
            manifest.docs, self.docs,
            "the manifest counts the documents added"
        );
        let dir = Path::new(DIR);
        let write = self.write;
        let index = self
            .index
            .finish(|i, bytes| write(&dir.join("s").join(format!("{i:x}.bin")), bytes))?;
        manifest.shards = index.shards;
        manifest.common = index.common;
        let json = serde_json::to_vec(&manifest).expect("the manifest serializes");
        write(&dir.join(MANIFEST), &json)?;
        Ok(self.docs + index.shards + 1)
    }
}
