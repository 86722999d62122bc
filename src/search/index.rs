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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use anyhow::Result;
use rayon::prelude::*;

use super::meta::Text;
use super::tokenizer::{
    MAX_WORD, hash, hash_bytes, hash_more, is_word_char, normalize, normalize_into, shard_key,
    tokens,
};
use crate::markdown::is_cjk;

pub const TITLE: u8 = 0x80;
pub const HEADING: u8 = 0x40;
const TF_MAX: u32 = 0x3F;

/// Bytes a shard should hold on average; the shard count follows from the index size.
const SHARD_TARGET: usize = 4 * 1024;
const MAX_SHARDS: usize = 8192;

/// What one document contributes to the index.
pub struct Source<'a> {
    pub title: &'a str,
    pub headings: &'a [&'a str],
    pub text: Text<'a>,
}

/// What the manifest says of a written index.
pub struct Index {
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

/// A small fast hasher for the token maps (FxHash); the keys are not attacker-chosen.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.add(word);
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last));
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A CJK token packed into an integer while the index is built: one character in the low 21
/// bits, a bigram with [`BIGRAM`] set and its first character in the next 21. A word is
/// [`WORD`] with its place in the document's normalized text (`start << 8 | len`).
const BIGRAM: u64 = 1 << 63;
const WORD: u64 = 1 << 62;
const CHAR_BITS: u64 = 0x1F_FFFF;

fn bigram_key(a: char, b: char) -> u64 {
    BIGRAM | (a as u64) << 21 | b as u64
}

/// The UTF-8 bytes of a packed CJK token.
fn cjk_bytes(key: u64, out: &mut [u8; 8]) -> usize {
    let char_at = |shift: u64| char::from_u32(((key >> shift) & CHAR_BITS) as u32).unwrap_or('?');
    if key & BIGRAM != 0 {
        let n = char_at(21).encode_utf8(out).len();
        n + char_at(0).encode_utf8(&mut out[n..]).len()
    } else {
        char_at(0).encode_utf8(out).len()
    }
}

/// One distinct token of a document.
#[derive(Clone, Copy)]
struct Entry {
    key: u64,
    /// The hash of the token's shard key: it picks the group and the shard.
    hash: u32,
    flags: u8,
    title_len: u8,
    /// For a CJK bigram: the characters that follow it in the document, one bit each.
    next: u8,
    /// Which headings hold it, one bit each.
    headings: u8,
}

/// A document's normalized text and its distinct tokens, sorted by group.
pub struct DocTokens {
    buf: String,
    entries: Vec<Entry>,
    /// Where each group's entries start in `entries` (and, last, where they end): every group
    /// reads every document, and searching for its place cost more than filing the tokens.
    starts: [u32; GROUPS as usize + 1],
}

impl DocTokens {
    fn word(&self, e: &Entry) -> &str {
        let start = ((e.key & !WORD) >> 8) as usize;
        &self.buf[start..start + (e.key & 0xFF) as usize]
    }

    fn in_group(&self, group: u32) -> &[Entry] {
        let group = group as usize;
        &self.entries[self.starts[group] as usize..self.starts[group + 1] as usize]
    }

    /// Sorts `entries` by group (a counting sort: a document has hundreds of tokens, and
    /// groups are few).
    fn new(buf: String, entries: Vec<Entry>) -> Self {
        let mut starts = [0u32; GROUPS as usize + 1];
        for e in &entries {
            starts[(e.hash % GROUPS) as usize + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut next = starts;
        let mut sorted = entries.clone();
        for e in entries {
            let at = &mut next[(e.hash % GROUPS) as usize];
            sorted[*at as usize] = e;
            *at += 1;
        }
        DocTokens {
            buf,
            entries: sorted,
            starts,
        }
    }
}

/// What a token's value holds while a document is read: bits 0-5 its count in the body,
/// 6 heading, 7 title, 8-15 the `next` set of a bigram, 16-23 which headings hold it.
fn mark(v: &mut u32, flag: u32) {
    if flag == 0 {
        if *v & TF_MAX < TF_MAX {
            *v += 1;
        }
    } else {
        *v |= flag;
    }
}

/// Collects the tokens of `text` (a region of the document: title, headings or body, marked
/// with `flag`, 0 for the body) as [`tokenizer::tokens`] cuts them with unigrams, reading each
/// character once.
fn scan<'a>(
    text: &'a str,
    flag: u32,
    cjk: &mut FxMap<u64, u32>,
    chars: &mut CharTable,
    words: &mut FxMap<&'a str, u32>,
) {
    let mut prev: Option<char> = None;
    // The last bigram, waiting for the character that follows it.
    let mut pending: Option<u64> = None;
    // The current word: start, end (cut at MAX_WORD characters), characters.
    let mut word: Option<(usize, usize, usize)> = None;
    let mut flush_word = |word: &mut Option<(usize, usize, usize)>| {
        if let Some((start, end, _)) = word.take() {
            mark(words.entry(&text[start..end]).or_default(), flag);
        }
    };
    for (i, c) in text.char_indices() {
        if is_cjk(c) {
            flush_word(&mut word);
            match chars.value(c) {
                Some(v) => mark(v, flag),
                None => mark(cjk.entry(c as u64).or_default(), flag),
            }
            if let Some(p) = prev {
                if let Some(key) = pending {
                    let v = cjk.entry(key).or_default();
                    mark(v, flag);
                    *v |= 1 << (8 + next_bit(c));
                }
                pending = Some(bigram_key(p, c));
            }
            prev = Some(c);
            continue;
        }
        if let Some(key) = pending.take() {
            mark(cjk.entry(key).or_default(), flag);
        }
        prev = None;
        if is_word_char(c) {
            let end = i + c.len_utf8();
            match &mut word {
                None => word = Some((i, end, 1)),
                Some((_, e, n)) => {
                    *n += 1;
                    if *n <= MAX_WORD {
                        *e = end;
                    }
                }
            }
        } else {
            flush_word(&mut word);
        }
    }
    flush_word(&mut word);
    if let Some(key) = pending {
        mark(cjk.entry(key).or_default(), flag);
    }
}

/// The values of single characters of the main CJK block while a document is read, by code
/// point: every character of Chinese text is a token, and an index costs far less than a hash
/// lookup. Rarer characters go to the map with the bigrams.
struct CharTable {
    values: Vec<u32>,
    touched: Vec<u32>,
}

const TABLE_START: u32 = 0x4E00;
const TABLE_END: u32 = 0xA000;

impl CharTable {
    fn new() -> Self {
        CharTable {
            values: vec![0; (TABLE_END - TABLE_START) as usize],
            touched: Vec::new(),
        }
    }

    fn value(&mut self, c: char) -> Option<&mut u32> {
        let at = (c as u32).checked_sub(TABLE_START)? as usize;
        let value = self.values.get_mut(at)?;
        // `mark` never leaves a value at 0: this is the character's first time.
        if *value == 0 {
            self.touched.push(at as u32);
        }
        Some(value)
    }

    /// The characters met, as packed keys with their values; the table is left empty.
    fn drain(&mut self) -> impl Iterator<Item = (u64, u32)> + '_ {
        let CharTable { values, touched } = self;
        touched.drain(..).map(|at| {
            let value = std::mem::take(&mut values[at as usize]);
            (u64::from(TABLE_START + at), value)
        })
    }
}

/// The hash of a packed CJK token, as [`hash_bytes`] gives it for its UTF-8 bytes. Every
/// distinct token of every document is hashed: characters of the table's block take their
/// hash from a table made once, and a bigram goes on from its first character's.
fn cjk_hash(key: u64) -> u32 {
    static HASHES: OnceLock<Vec<u32>> = OnceLock::new();
    let hashes = HASHES.get_or_init(|| {
        let mut bytes = [0u8; 4];
        (TABLE_START..TABLE_END)
            .map(|c| {
                char::from_u32(c).map_or(0, |c| hash_bytes(c.encode_utf8(&mut bytes).as_bytes()))
            })
            .collect()
    });
    let in_table = |shift: u64| {
        let c = ((key >> shift) & CHAR_BITS) as u32;
        (TABLE_START..TABLE_END).contains(&c).then_some(c)
    };
    let last = in_table(0);
    match (key & BIGRAM != 0, last) {
        (false, Some(c)) => return hashes[(c - TABLE_START) as usize],
        (true, Some(c)) => {
            if let Some(first) = in_table(21) {
                // Both are three bytes in UTF-8.
                let utf8 = [
                    0xE0 | (c >> 12) as u8,
                    0x80 | ((c >> 6) & 0x3F) as u8,
                    0x80 | (c & 0x3F) as u8,
                ];
                return hash_more(hashes[(first - TABLE_START) as usize], &utf8);
            }
        }
        _ => {}
    }
    let mut bytes = [0u8; 8];
    let n = cjk_bytes(key, &mut bytes);
    hash_bytes(&bytes[..n])
}

thread_local! {
    static CHAR_TABLE: std::cell::RefCell<CharTable> = std::cell::RefCell::new(CharTable::new());
}

/// The distinct tokens of one document with their flags, for [`Builder::add`].
pub fn tokenize(source: &Source) -> DocTokens {
    CHAR_TABLE.with_borrow_mut(|chars| tokenize_with(source, chars))
}

fn tokenize_with(source: &Source, chars: &mut CharTable) -> DocTokens {
    let mut buf = normalize(source.title);
    let title_end = buf.len();
    buf.push('\n');
    let mut headings = Vec::with_capacity(source.headings.len());
    for heading in source.headings {
        let start = buf.len();
        normalize_into(&mut buf, heading);
        headings.push(start..buf.len());
        buf.push('\n');
    }
    let headings_end = buf.len();
    for (i, part) in source.text.parts().enumerate() {
        if i > 0 {
            buf.push('\n');
        }
        normalize_into(&mut buf, part);
    }

    let mut cjk: FxMap<u64, u32> =
        FxMap::with_capacity_and_hasher(buf.len() / 3, Default::default());
    let mut words: FxMap<&str, u32> = FxMap::default();
    let title = &buf[..title_end];
    scan(title, u32::from(TITLE), &mut cjk, chars, &mut words);
    let mut distinct = Vec::new();
    tokens(title, false, |t| distinct.push(t));
    distinct.sort_unstable();
    distinct.dedup();
    let title_len = distinct.len().min(255) as u8;
    for (i, range) in headings.into_iter().enumerate() {
        let flag = u32::from(HEADING) | 1 << (16 + i.min(7));
        scan(&buf[range], flag, &mut cjk, chars, &mut words);
    }
    scan(&buf[headings_end..], 0, &mut cjk, chars, &mut words);

    let base = buf.as_ptr() as usize;
    let mut entries = Vec::with_capacity(cjk.len() + chars.touched.len() + words.len());
    entries.extend(cjk.into_iter().chain(chars.drain()).map(|(key, v)| Entry {
        key,
        hash: cjk_hash(key),
        flags: v as u8,
        title_len,
        next: (v >> 8) as u8,
        headings: (v >> 16) as u8,
    }));
    entries.extend(words.into_iter().map(|(word, v)| Entry {
        key: WORD | ((word.as_ptr() as usize - base) as u64) << 8 | word.len() as u64,
        hash: hash(shard_key(word)),
        flags: v as u8,
        title_len,
        next: 0,
        headings: (v >> 16) as u8,
    }));
    DocTokens::new(buf, entries)
}

/// Which bit of a bigram's `next` set stands for the character `c` that follows it.
pub fn next_bit(c: char) -> u32 {
    c as u32 % 8
}

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
const GROUPS: u32 = 16;

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
#[derive(Default)]
pub struct Builder {
    groups: Vec<Group>,
    docs: u32,
    postings: usize,
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            groups: (0..GROUPS).map(|_| Group::default()).collect(),
            docs: 0,
            postings: 0,
        }
    }

    /// Files the tokens of the next documents, group by group in parallel.
    pub fn add(&mut self, docs: &[DocTokens]) {
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
    pub fn finish(self, write: impl Fn(usize, &[u8]) -> Result<()> + Sync) -> Result<Index> {
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
        let mut builder = Builder::new();
        builder.add(&sources.iter().map(tokenize).collect::<Vec<_>>());
        files(builder)
    }

    fn body(text: &str) -> Text<'_> {
        Text {
            summary: None,
            body: text,
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

    /// The index reads each character once instead of calling the tokenizer: it must file
    /// exactly the tokens the tokenizer gives, on the shared vectors and on mixed text.
    #[test]
    fn the_index_files_what_the_tokenizer_cuts() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/search/tokenizer.json"))
                .unwrap();
        let mut inputs: Vec<String> = vectors["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["input"].as_str().unwrap().to_string())
            .collect();
        inputs.push("对862个市级以上“巾帼文明岗”进行复查，Small-loans 2013年 岗".repeat(3));
        for input in inputs {
            let doc = tokenize(&Source {
                title: "",
                headings: &[],
                text: body(&input),
            });
            let mut filed: Vec<String> = doc
                .entries
                .iter()
                .map(|e| {
                    if e.key & WORD != 0 {
                        doc.word(e).to_string()
                    } else {
                        let mut bytes = [0u8; 8];
                        let n = cjk_bytes(e.key, &mut bytes);
                        String::from_utf8(bytes[..n].to_vec()).unwrap()
                    }
                })
                .collect();
            filed.sort();
            let normalized = normalize(&input);
            let mut expected = Vec::new();
            tokens(&normalized, true, |t| expected.push(t.to_string()));
            expected.sort();
            expected.dedup();
            assert_eq!(filed, expected, "{input:?}");
            for e in &doc.entries {
                let body_count = u32::from(e.flags) & TF_MAX;
                assert!(body_count >= 1, "{input:?}");
            }
        }
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
        let mut batched = Builder::new();
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

    /// The shortcuts of `cjk_hash` must give what hashing the token's bytes gives.
    #[test]
    fn cjk_tokens_hash_as_their_bytes() {
        let chars = [
            '文',
            '明',
            '一',
            '\u{9FFF}',
            'あ',
            '\u{3400}',
            '\u{20000}',
            '가',
        ];
        for a in chars {
            assert_eq!(cjk_hash(a as u64), hash(&a.to_string()), "{a}");
            for b in chars {
                let bigram = format!("{a}{b}");
                assert_eq!(cjk_hash(bigram_key(a, b)), hash(&bigram), "{bigram}");
            }
        }
    }

    #[test]
    fn shard_count_grows_with_the_index() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(100_000), 64);
        assert!(shard_count(usize::MAX / 8) <= MAX_SHARDS);
    }
}
