//! What one document gives the index: its distinct tokens, each with its count in the body,
//! whether the title or which headings hold it, and for a bigram the characters that follow
//! it (see the posting format in `index`). Every character of every document passes through
//! here, so the work per character is kept small: a table by code point for Chinese
//! characters, one small map for bigrams and one for words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::index::GROUPS;
use super::meta::Text;
use super::tokenizer::{
    MAX_WORD, hash, hash_bytes, hash_more, is_word_char, normalize, normalize_into, shard_key,
    tokens,
};
use crate::markdown::is_cjk;

pub(crate) const TITLE: u8 = 0x80;
pub(crate) const HEADING: u8 = 0x40;
const TF_MAX: u32 = 0x3F;

/// What one document contributes to the index.
pub(crate) struct Source<'a> {
    pub title: &'a str,
    pub headings: &'a [&'a str],
    pub text: Text<'a>,
}

/// A small fast hasher for the token maps (FxHash); the keys are not attacker-chosen.
#[derive(Default)]
pub(super) struct Fx(u64);

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

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A CJK token packed into an integer while the index is built: one character in the low 21
/// bits, a bigram with [`BIGRAM`] set and its first character in the next 21. A word is
/// [`WORD`] with its place in the document's normalized text (`start << 8 | len`).
pub(super) const BIGRAM: u64 = 1 << 63;
pub(super) const WORD: u64 = 1 << 62;
const CHAR_BITS: u64 = 0x1F_FFFF;

fn bigram_key(a: char, b: char) -> u64 {
    BIGRAM | (a as u64) << 21 | b as u64
}

/// The UTF-8 bytes of a packed CJK token.
pub(super) fn cjk_bytes(key: u64, out: &mut [u8; 8]) -> usize {
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
pub(super) struct Entry {
    pub(super) key: u64,
    /// The hash of the token's shard key: it picks the group and the shard.
    pub(super) hash: u32,
    pub(super) flags: u8,
    pub(super) title_len: u8,
    /// For a CJK bigram: the characters that follow it in the document, one bit each.
    pub(super) next: u8,
    /// Which headings hold it, one bit each.
    pub(super) headings: u8,
}

/// A document's normalized text and its distinct tokens, sorted by group.
pub(crate) struct DocTokens {
    buf: String,
    pub(super) entries: Vec<Entry>,
    /// Where each group's entries start in `entries` (and, last, where they end): every group
    /// reads every document, and searching for its place cost more than filing the tokens.
    starts: [u32; GROUPS as usize + 1],
}

impl DocTokens {
    pub(super) fn word(&self, e: &Entry) -> &str {
        let start = ((e.key & !WORD) >> 8) as usize;
        &self.buf[start..start + (e.key & 0xFF) as usize]
    }

    pub(super) fn in_group(&self, group: u32) -> &[Entry] {
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
/// with `flag`, 0 for the body) as [`tokens`](super::tokenizer::tokens) cuts them with unigrams, reading each
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

/// The distinct tokens of one document with their flags, for [`Builder::add`](super::index::Builder::add).
pub(crate) fn tokenize(source: &Source) -> DocTokens {
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
pub(crate) fn next_bit(c: char) -> u32 {
    c as u32 % 8
}

#[cfg(test)]
mod tests {
    use super::*;

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
                text: Text {
                    summary: None,
                    body: &input,
                    figures: None,
                },
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
}
