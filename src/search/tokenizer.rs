//! The search tokenizer, shared with the browser (`themes/default/static/js/search/tokenizer.js`) and
//! specified in `themes/default/README.md` ("Search"); `tests/fixtures/search/tokenizer.json`
//! pins both implementations to the same answers.
//!
//! Text is normalized character by character (full-width ASCII folded, lower-cased), then cut
//! into runs: CJK characters become overlapping bigrams (a run of one character is itself a
//! token), any other letters and digits become words. No dictionary: any run of characters
//! written in a section is found by the same bigrams.

use crate::markdown::is_cjk;

/// Words are cut to this many characters, in the index and in queries alike.
pub(crate) const MAX_WORD: usize = 32;

/// A Latin word is filed under its first characters, so a prefix finds all its completions.
pub(crate) const WORD_KEY: usize = 3;

/// One character, normalized: full-width ASCII (`Ａ１`) to ASCII, the ideographic space to a
/// space, then the first character of its lower case.
pub(crate) fn normalize_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_cjk(c) || is_cjk_punctuation(c) {
        return c;
    }
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(&mut out, text);
    out
}

/// Appends `text` normalized to `out`. Most characters stay as they are (Chinese, lower-case
/// Latin, digits): runs of them are copied whole, not character by character.
pub(crate) fn normalize_into(out: &mut String, text: &str) {
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        let n = normalize_char(c);
        if n != c {
            out.push_str(&text[kept..i]);
            out.push(n);
            kept = i + c.len_utf8();
        }
    }
    out.push_str(&text[kept..]);
}

/// Letters and digits that are not CJK: the characters of words.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk_punctuation(c) && c.is_alphanumeric() && !is_cjk(c)
}

/// Punctuation that fills Chinese text (general punctuation such as “” and —, and 、。《》【】
/// of the CJK block): no case, never part of a word. A shortcut past the Unicode tables for
/// the commonest characters that are not ideographs; 々 and 〇 (letters) are not in it.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x3001..=0x3004 | 0x3008..=0x3020)
}

/// Calls `emit` with every token of `text`, which must already be normalized, as a slice of
/// it. With `unigrams`, every CJK character is also emitted on its own (the index does this so
/// a one-character query finds it); a query is tokenized without.
pub(crate) fn tokens<'a>(text: &'a str, unigrams: bool, mut emit: impl FnMut(&'a str)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_cjk(c) {
            let mut prev = (start, c.len_utf8());
            let mut run = 1;
            while let Some(&(i, d)) = chars.peek() {
                if !is_cjk(d) {
                    break;
                }
                chars.next();
                emit(&text[prev.0..i + d.len_utf8()]);
                if unigrams {
                    emit(&text[prev.0..prev.0 + prev.1]);
                }
                prev = (i, d.len_utf8());
                run += 1;
            }
            if run == 1 || unigrams {
                emit(&text[prev.0..prev.0 + prev.1]);
            }
        } else if is_word_char(c) {
            let mut end = start + c.len_utf8();
            let mut cut = end;
            let mut count = 1;
            while let Some(&(i, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                chars.next();
                end = i + d.len_utf8();
                count += 1;
                if count <= MAX_WORD {
                    cut = end;
                }
            }
            let _ = end;
            emit(&text[start..cut]);
        }
    }
}

/// The tokens of `text` (not yet normalized) as a query sees them: the browser's cut, written
/// here to hold it and the index's to the shared vectors.
#[cfg(test)]
fn query_tokens(text: &str) -> Vec<String> {
    let text = normalize(text);
    let mut out = Vec::new();
    tokens(&text, false, |t| out.push(t.to_string()));
    out
}

/// What a token is filed under: a CJK token itself, a word its first [`WORD_KEY`] characters.
pub(crate) fn shard_key(token: &str) -> &str {
    match token.chars().next() {
        Some(c) if is_cjk(c) => token,
        _ => match token.char_indices().nth(WORD_KEY) {
            Some((i, _)) => &token[..i],
            None => token,
        },
    }
}

/// 32-bit FNV-1a over the UTF-8 bytes: which shard a key lives in is `hash % shards`.
pub(crate) fn hash(key: &str) -> u32 {
    hash_bytes(key.as_bytes())
}

pub(crate) fn hash_bytes(bytes: &[u8]) -> u32 {
    hash_more(0x811c_9dc5, bytes)
}

/// [`hash_bytes`] of a key that starts with the bytes whose hash is `h`, then has `bytes`.
pub(crate) fn hash_more(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_tokens(text: &str) -> Vec<String> {
        let text = normalize(text);
        let mut out = Vec::new();
        tokens(&text, true, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn chinese_becomes_bigrams_and_words_lower_case() {
        assert_eq!(
            query_tokens("巾帼文明岗 Women's ＦＵＬＬ"),
            ["巾帼", "帼文", "文明", "明岗", "women", "s", "full"]
        );
        assert_eq!(query_tokens("对862个"), ["对", "862", "个"]);
        assert_eq!(index_tokens("文明岗"), ["文明", "文", "明岗", "明", "岗"]);
    }

    #[test]
    fn words_are_cut_and_filed_by_prefix() {
        let long = "a".repeat(40);
        assert_eq!(query_tokens(&long), ["a".repeat(MAX_WORD)]);
        assert_eq!(shard_key("employment"), "emp");
        assert_eq!(shard_key("em"), "em");
        assert_eq!(shard_key("文明"), "文明");
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
    }

    /// The punctuation shortcut must say what the Unicode tables say.
    #[test]
    fn punctuation_shortcut_agrees_with_unicode() {
        let shortcut = (0x2000..=0x206F)
            .chain(0x3001..=0x3004)
            .chain(0x3008..=0x3020);
        for c in shortcut.filter_map(char::from_u32) {
            assert!(is_cjk_punctuation(c));
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
        for c in ['々', '〇', 'é', 'Ж'] {
            assert!(is_word_char(c), "{c:?}");
        }
    }
}

#[cfg(test)]
mod vectors {
    use super::*;

    /// The test vectors shared with the JavaScript tokenizer.
    const VECTORS: &str = include_str!("../../tests/fixtures/search/tokenizer.json");

    fn strings(v: &serde_json::Value) -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|s| s.as_str().expect("a string").to_string())
            .collect()
    }

    #[test]
    fn shared_vectors_pass() {
        let all: serde_json::Value = serde_json::from_str(VECTORS).expect("valid JSON");
        let cases = all["tokens"].as_array().expect("tokens");
        assert!(cases.len() >= 15);
        for case in cases {
            let input = case["input"].as_str().expect("input");
            assert_eq!(query_tokens(input), strings(&case["query"]), "{input:?}");
            let normalized = normalize(input);
            let mut index = Vec::new();
            tokens(&normalized, true, |t| index.push(t.to_string()));
            assert_eq!(index, strings(&case["index"]), "{input:?} (index)");
        }
        for case in all["keys"].as_array().expect("keys") {
            let token = case["token"].as_str().expect("token");
            let key = shard_key(token);
            assert_eq!(key, case["key"].as_str().expect("key"), "{token:?}");
            assert_eq!(u64::from(hash(key)), case["hash"].as_u64().expect("hash"));
        }
    }

    /// Prints vectors for new inputs: `GAZETTE_VECTORS=inputs.json cargo test print_vectors`.
    #[test]
    fn print_vectors() {
        let Ok(path) = std::env::var("GAZETTE_VECTORS") else {
            return;
        };
        let inputs: Vec<(String, String)> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for (about, input) in inputs {
            let mut index = Vec::new();
            let normalized = normalize(&input);
            tokens(&normalized, true, |t| index.push(t.to_string()));
            let case = serde_json::json!({"about": about, "input": input, "query": query_tokens(&input), "index": index});
            println!("{case},");
        }
    }
}
