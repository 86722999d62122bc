//! The inverted index, split into shards the browser fetches one at a time.
//!
//! Every token is filed in shard `hash(shard_key(token)) % shards`. A shard is binary, all
//! integers unsigned LEB128 varints:
//!
//! ```text
//! shard   = count:varint term*            terms sorted by their UTF-8 bytes
//! term    = len:varint utf8[len] df:varint size:varint posting*   (size: bytes of postings)
//! posting = delta:varint flags:u8 [title_len:u8 when flags & TITLE]
//!           [headings:u8 when flags & HEADING] [next:u8 for a CJK bigram]
//! ```
//!
//! `delta` is the document id minus the previous posting's (the first is the id itself);
//! `flags` holds the token's count in the body (capped at 63) with [`HEADING`] and [`TITLE`];
//! `title_len` is how many distinct query tokens the title has, so a query covering all of
//! them is known to be the whole title. `headings` has bit `i` set when heading `i` (the 8th
//! and later share bit 7) holds the token, so a query all in one heading is known. `next`,
//! for a bigram of two CJK characters, has bit `c % 8` set for every CJK character `c` that
//! follows the bigram somewhere in the document:
//! a query "文明岗" needs "文明" followed by "岗", so most documents that have "文明" and
//! "明岗" apart are ruled out without fetching their text.

use anyhow::Result;
use rayon::prelude::*;

use super::document::{BIGRAM, DocTokens, Entry, FxMap, HEADING, TITLE, WORD, cjk_bytes};
use crate::markdown::is_cjk;

/// Bytes a shard should hold on average; the shard count follows from the index size.
const SHARD_TARGET: usize = 4 * 1024;
const MAX_SHARDS: usize = 8192;

/// What the manifest says of a written index.
pub(crate) struct Index {
    /// How many shard files there are, numbered from 0.
    pub shards: usize,
    /// The most frequent CJK bigrams, most frequent first: a query avoids looking them up
    /// when it has rarer ones (their postings are long and they filter little).
    pub common: Vec<String>,
}

/// At most this many bigrams are listed as common, each in at least 1/[`COMMON_SHARE`] of the
/// documents.
const COMMON_MAX: usize = 300;
const COMMON_SHARE: usize = 20;

fn varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// How many shards an index of `entries` postings gets: a power of two.
fn shard_count(entries: usize) -> usize {
    (entries * 5 / 2 / SHARD_TARGET)
        .next_power_of_two()
        .clamp(1, MAX_SHARDS)
}

/// A term's postings while they are being collected.
#[derive(Default)]
struct Postings {
    df: u32,
    last: u32,
    bytes: Vec<u8>,
}

impl Postings {
    fn add(&mut self, id: u32, e: &Entry) {
        varint(&mut self.bytes, (id - self.last) as usize);
        self.last = id;
        self.df += 1;
        self.bytes.push(e.flags);
        if e.flags & TITLE != 0 {
            self.bytes.push(e.title_len);
        }
        if e.flags & HEADING != 0 {
            self.bytes.push(e.headings);
        }
        if e.key & BIGRAM != 0 {
            self.bytes.push(e.next);
        }
    }
}

/// Tokens are collected in this many groups, by their hash, so that groups fill in parallel.
/// A power of two: a shard (`hash % shards`, a power of two too) then lies in one group when
/// there are at least this many shards.
pub(super) const GROUPS: u32 = 16;

/// One group's terms: each with its hash (which picks its shard) and its postings.
#[derive(Default)]
struct Group {
    cjk: FxMap<u64, (u32, Postings)>,
    words: FxMap<Box<str>, (u32, Postings)>,
}

impl Group {
    fn file(&mut self, first_id: u32, docs: &[DocTokens], group: u32) {
        for (id, doc) in (first_id..).zip(docs) {
            for e in doc.in_group(group) {
                let (_, postings) = if e.key & WORD != 0 {
                    let word = doc.word(e);
                    // Looked up before inserting: a word is allocated once, not per document.
                    if !self.words.contains_key(word) {
                        self.words
                            .insert(word.into(), (e.hash, Postings::default()));
                    }
                    self.words.get_mut(word).expect("just inserted")
                } else {
                    self.cjk
                        .entry(e.key)
                        .or_insert_with(|| (e.hash, Postings::default()))
                };
                postings.add(id, e);
            }
        }
    }

    /// The terms, each with the shard it goes to among `shards`.
    fn into_terms(self, shards: u32) -> impl Iterator<Item = Term> {
        let cjk = self.cjk.into_iter().map(move |(key, (hash, p))| {
            let mut bytes = [0u8; 8];
            let n = cjk_bytes(key, &mut bytes);
            let token = String::from_utf8_lossy(&bytes[..n]).into();
            (hash % shards, token, p)
        });
        let words = (self.words.into_iter()).map(move |(t, (hash, p))| (hash % shards, t, p));
        cjk.chain(words)
    }
}

/// Builds the index document by document, a batch at a time, so that only one batch's tokens
/// and the postings themselves are ever in memory. Documents are numbered in the order added.
pub(crate) struct Builder {
    groups: Vec<Group>,
    docs: u32,
    postings: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            groups: (0..GROUPS).map(|_| Group::default()).collect(),
            docs: 0,
            postings: 0,
        }
    }
}

impl Builder {
    /// Files the tokens of the next documents, group by group in parallel.
    pub(crate) fn add(&mut self, docs: &[DocTokens]) {
        let first = self.docs;
        self.groups
            .par_iter_mut()
            .zip(0..GROUPS)
            .for_each(|(group, g)| group.file(first, docs, g));
        self.docs += docs.len() as u32;
        self.postings += docs.iter().map(|d| d.entries.len()).sum::<usize>();
    }

    /// Hands each shard's file to `write` with its number. Shards are made a bucket of
    /// groups at a time, and a bucket's postings are freed once its files are written.
    pub(crate) fn finish(self, write: impl Fn(usize, &[u8]) -> Result<()> + Sync) -> Result<Index> {
        let shards = shard_count(self.postings) as u32;
        let threshold = (self.docs as usize / COMMON_SHARE).max(2) as u32;
        // Both counts are powers of two: shard `s` takes its terms from the groups `g` with
        // `g % buckets == s % buckets`.
        let buckets = shards.min(GROUPS);
        let mut grouped: Vec<Vec<Group>> = (0..buckets).map(|_| Vec::new()).collect();
        for (group, g) in self.groups.into_iter().zip(0..GROUPS) {
            grouped[(g % buckets) as usize].push(group);
        }
        let common: Vec<Vec<(u32, String)>> = grouped
            .into_par_iter()
            .zip(0..buckets)
            .map(|(groups, bucket)| {
                let mut terms: Vec<Term> = groups
                    .into_iter()
                    .flat_map(|group| group.into_terms(shards))
                    .collect();
                terms.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
                for shard in (bucket..shards).step_by(buckets as usize) {
                    let lo = terms.partition_point(|t| t.0 < shard);
                    let hi = terms.partition_point(|t| t.0 <= shard);
                    write(shard as usize, &shard_file(&terms[lo..hi]))?;
                }
                Ok(common_bigrams(&terms, threshold))
            })
            .collect::<Result<_>>()?;
        let common = most_common(common.into_iter().flatten().collect());
        Ok(Index {
            shards: shards as usize,
            common: common.into_iter().map(|(_, bigram)| bigram).collect(),
        })
    }
}

/// A term in its shard, with its postings.
type Term = (u32, Box<str>, Postings);

/// The most frequent CJK bigrams of `terms` in at least `threshold` documents, with that
/// count.
fn common_bigrams(terms: &[Term], threshold: u32) -> Vec<(u32, String)> {
    let bigrams = terms
        .iter()
        .filter(|(_, token, p)| p.df >= threshold && is_cjk_bigram(token))
        .map(|(_, token, p)| (p.df, token.to_string()));
    most_common(bigrams.collect())
}

/// The first [`COMMON_MAX`] of `bigrams` (document count, bigram), most frequent first.
fn most_common(mut bigrams: Vec<(u32, String)>) -> Vec<(u32, String)> {
    bigrams.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    bigrams.truncate(COMMON_MAX);
    bigrams
}

fn is_cjk_bigram(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(a), Some(_), None) if is_cjk(a))
}

/// One shard's file from its terms, sorted.
fn shard_file(terms: &[Term]) -> Vec<u8> {
    let size: usize = terms.iter().map(|t| t.1.len() + t.2.bytes.len() + 8).sum();
    let mut out = Vec::with_capacity(size + 4);
    varint(&mut out, terms.len());
    for (_, token, p) in terms {
        varint(&mut out, token.len());
        out.extend_from_slice(token.as_bytes());
        varint(&mut out, p.df as usize);
        varint(&mut out, p.bytes.len());
        out.extend_from_slice(&p.bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::{Source, next_bit, tokenize};
    use crate::search::meta::Text;
    use crate::search::tokenizer::{hash, shard_key};

    /// The shard files in order, and the common bigrams.
    fn files(builder: Builder) -> (Vec<Vec<u8>>, Vec<String>) {
        let files = std::sync::Mutex::new(std::collections::BTreeMap::new());
        let index = builder
            .finish(|i, bytes| {
                files.lock().unwrap().insert(i, bytes.to_vec());
                Ok(())
            })
            .unwrap();
        let files = files.into_inner().unwrap();
        assert_eq!(
            files.keys().copied().collect::<Vec<_>>(),
            (0..index.shards).collect::<Vec<_>>()
        );
        (files.into_values().collect(), index.common)
    }

    fn build(sources: &[Source]) -> (Vec<Vec<u8>>, Vec<String>) {
        let mut builder = Builder::default();
        builder.add(&sources.iter().map(tokenize).collect::<Vec<_>>());
        files(builder)
    }

    fn body(text: &str) -> Text<'_> {
        Text {
            summary: None,
            body: text,
            figures: None,
        }
    }

    struct Cursor<'a>(&'a [u8], usize);

    impl Cursor<'_> {
        fn varint(&mut self) -> usize {
            let (mut n, mut shift) = (0usize, 0);
            loop {
                let b = self.byte();
                n |= usize::from(b & 0x7F) << shift;
                shift += 7;
                if b < 0x80 {
                    return n;
                }
            }
        }
        fn byte(&mut self) -> u8 {
            self.1 += 1;
            self.0[self.1 - 1]
        }
    }

    /// `(doc, flags, title_len, headings, next)`.
    type Posting = (usize, u8, u8, u8, u8);

    /// Reads a shard back: term → postings.
    fn read(shard: &[u8]) -> Vec<(String, Vec<Posting>)> {
        let mut c = Cursor(shard, 0);
        let mut terms = Vec::new();
        for _ in 0..c.varint() {
            let len = c.varint();
            let term = String::from_utf8(shard[c.1..c.1 + len].to_vec()).unwrap();
            c.1 += len;
            let df = c.varint();
            let _size = c.varint();
            let mut doc = 0;
            let mut postings = Vec::new();
            for _ in 0..df {
                doc += c.varint();
                let flags = c.byte();
                let title_len = if flags & TITLE != 0 { c.byte() } else { 0 };
                let headings = if flags & HEADING != 0 { c.byte() } else { 0 };
                let next = if is_cjk_bigram(&term) { c.byte() } else { 0 };
                postings.push((doc, flags, title_len, headings, next));
            }
            terms.push((term, postings));
        }
        assert_eq!(c.1, shard.len());
        terms
    }

    #[test]
    fn postings_carry_counts_headings_and_title_length() {
        let sources = [
            Source {
                title: "巾帼文明岗",
                headings: &[],
                text: body("文明 文明"),
            },
            Source {
                title: "Jobs",
                headings: &["文明岗", "岗"],
                text: body("文明岗"),
            },
        ];
        let (shards, common) = build(&sources);
        assert_eq!(shards.len(), 1);
        assert_eq!(common, ["文明", "明岗"]);
        let terms = read(&shards[0]);
        let find = |t: &str| terms.iter().find(|(term, _)| term == t).unwrap().1.clone();
        // 岗 is U+5C97: bit 7 of the set of characters that follow 文明.
        let gang = 1 << next_bit('岗');
        assert_eq!(gang, 0x80);
        assert_eq!(
            find("文明"),
            [(0, TITLE | 2, 4, 0, gang), (1, HEADING | 1, 0, 0b1, gang)]
        );
        assert_eq!(
            find("明岗"),
            [(0, TITLE, 4, 0, 0), (1, HEADING | 1, 0, 0b1, 0)]
        );
        assert_eq!(find("jobs"), [(1, TITLE, 1, 0, 0)]);
        assert_eq!(
            find("岗"),
            [(0, TITLE, 4, 0, 0), (1, HEADING | 1, 0, 0b11, 0)]
        );
        let names: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    /// A build holds one batch of documents at a time: the files must not depend on where the
    /// batches are cut.
    #[test]
    fn batches_make_the_same_index_as_one_pass() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("第{i}节 巾帼文明岗{} Loans {i} 家庭", "明".repeat(i % 7)))
            .collect();
        let sources: Vec<Source> = texts
            .iter()
            .map(|t| Source {
                title: "标题",
                headings: &["小额贷款"],
                text: body(t),
            })
            .collect();
        let whole = build(&sources);
        let mut batched = Builder::default();
        for batch in sources.chunks(7) {
            batched.add(&batch.iter().map(tokenize).collect::<Vec<_>>());
        }
        assert_eq!(files(batched), whole);
        assert_eq!(whole.0.len(), 1);
        let terms = read(&whole.0[0]);
        let (_, postings) = terms.iter().find(|(t, _)| t == "家庭").unwrap();
        let ids: Vec<usize> = postings.iter().map(|p| p.0).collect();
        assert_eq!(ids, (0..40).collect::<Vec<_>>());
    }

    /// With more shards than groups, each group's shards are made apart: every shard must
    /// still be written, holding exactly the terms that hash to it.
    #[test]
    fn every_term_lands_in_the_shard_its_hash_names() {
        let texts: Vec<String> = (0..100)
            .map(|d| (0..1000).map(|w| format!("w{d}x{w} ")).collect())
            .collect();
        let sources: Vec<Source> = texts
            .iter()
            .map(|t| Source {
                title: "",
                headings: &[],
                text: body(t),
            })
            .collect();
        let (shards, _) = build(&sources);
        assert!(shards.len() > GROUPS as usize, "{} shards", shards.len());
        let mut terms = 0;
        for (i, shard) in shards.iter().enumerate() {
            for (term, _) in read(shard) {
                assert_eq!(hash(shard_key(&term)) as usize % shards.len(), i, "{term}");
                terms += 1;
            }
        }
        assert_eq!(terms, 100 * 1000);
    }

    #[test]
    fn shard_count_grows_with_the_index() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(100_000), 64);
        assert!(shard_count(usize::MAX / 8) <= MAX_SHARDS);
    }
}
