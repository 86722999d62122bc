//! The key figures `gazette import` proposes: numbers with a unit in a clause that names what
//! they count ("评选县级劳动模范120名", "trained 1,200 women", "USD 3.5 million") and the
//! report year's cells of tables with a column (or a row) per year. `files.rs` writes them into
//! `_index.md` as a commented `# figures:` block, never active until the user removes the "# ".
//!
//! Every rule — what is a unit, which words are trimmed from a name, what makes a number a
//! target rather than a result, how strong a candidate is and how many are proposed — is in
//! [`rules`]; [`chinese`], [`english`] and [`table`] read the candidates, and this module
//! chooses among them. A figure is always written as the document wrote it — "1.2万人" is
//! value 1.2 with unit 万人, never 12000 — because the numbers of a report are its own.

mod chinese;
mod english;
mod rules;
mod table;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::document::Block;
use super::input::one_line;
use rules::{Clues, MAX_NOTE_CHARS, MAX_PROPOSED, MIN_SCORE, PLAN_HEADING, REVIEW_TITLE, score};

/// A number as written: with thousands separators or without, with a decimal part.
const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

/// Brackets and what they hold: a gloss, not part of a name ("巾帼文明岗(标兵岗)").
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"（[^）]*）|\([^)]*\)|【[^】]*】|\[[^\]]*\]").expect("valid"));

/// One proposed figure, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Proposal {
    pub name: String,
    /// ASCII digits with at most one `.`, no sign and no leading zero: a YAML number.
    pub value: String,
    pub unit: Option<String>,
    /// The section file it was found in; none for the report's introduction.
    pub section: Option<String>,
    /// The clause it was read from.
    pub note: Option<String>,
}

/// What was found in a report.
#[derive(Debug, Default)]
pub(crate) struct Proposals {
    pub chosen: Vec<Proposal>,
    /// Numbers found and not proposed because their name was given to a stronger one (or an
    /// equal one before them): a name is one indicator.
    pub same_name: usize,
    /// Targets, and numbers too weak to propose (see [`rules::score`]).
    pub weak: usize,
    /// Numbers strong enough but beyond the [`MAX_PROPOSED`] strongest.
    pub beyond: usize,
}

/// One file of the report: its introduction, or a section with its file name.
pub(crate) struct Source<'a> {
    pub section: Option<&'a str>,
    /// The section's title and its part's: numbers under a plan heading are targets.
    pub headings: [Option<&'a str>; 2],
    pub blocks: &'a [Block],
}

#[derive(Debug)]
struct Candidate {
    proposal: Proposal,
    clues: Clues,
}

/// What is known of the report as a whole.
pub(crate) struct Report<'a> {
    pub title: Option<&'a str>,
    pub year: i32,
    pub english: bool,
}

/// The figures to propose for a report.
pub(crate) fn propose(report: &Report, sources: &[Source]) -> Proposals {
    choose(candidates(report, sources))
}

/// Every number with what it counts, in document order.
fn candidates(report: &Report, sources: &[Source]) -> Vec<Candidate> {
    let plan_document = report
        .title
        .is_some_and(|t| PLAN_HEADING.is_match(t.trim()) && !REVIEW_TITLE.is_match(t));
    let (year, english) = (report.year, report.english);
    let mut found = Vec::new();
    for source in sources {
        let plan = plan_document
            || source
                .headings
                .iter()
                .flatten()
                .any(|h| PLAN_HEADING.is_match(h.trim()));
        let mut candidates = Vec::new();
        for block in source.blocks {
            match block {
                Block::Paragraph(text) => {
                    let text = plain(text);
                    // A table row left as text: which column is which year is lost.
                    if text.starts_with('|') {
                        continue;
                    }
                    for clause in clauses(&text) {
                        if english {
                            english::clause(clause, &mut candidates);
                        } else {
                            chinese::clause(clause, &mut candidates);
                        }
                    }
                }
                Block::Table(rows) => table::read(rows, year, &mut candidates),
                Block::Heading { .. } | Block::Image { .. } => {}
            }
        }
        for mut c in candidates {
            c.clues.plan |= plan;
            c.proposal.section = source.section.map(str::to_string);
            found.push(c);
        }
    }
    found
}

/// The strongest candidates, one per name, at most [`MAX_PROPOSED`], in document order.
fn choose(found: Vec<Candidate>) -> Proposals {
    let scores: Vec<i32> = found.iter().map(|c| score(c.clues)).collect();
    let strong: Vec<usize> = (0..found.len())
        .filter(|&i| scores[i] >= MIN_SCORE)
        .collect();
    let weak = found.len() - strong.len();
    // One candidate per name: the strongest, the first of equals.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for &i in &strong {
        let kept = by_name.entry(&found[i].proposal.name).or_insert(i);
        if scores[i] > scores[*kept] {
            *kept = i;
        }
    }
    let same_name = strong.len() - by_name.len();
    let mut kept: Vec<usize> = by_name.into_values().collect();
    kept.sort_unstable();
    // Among equals, each section's first before any section's second: the proposals then
    // cover the report rather than its first section.
    let mut nth: HashMap<(Option<&str>, i32), usize> = HashMap::new();
    let mut ranked: Vec<(std::cmp::Reverse<i32>, usize, usize)> = kept
        .iter()
        .map(|&i| {
            let n = nth
                .entry((found[i].proposal.section.as_deref(), scores[i]))
                .or_default();
            *n += 1;
            (std::cmp::Reverse(scores[i]), *n, i)
        })
        .collect();
    ranked.sort_unstable();
    let mut chosen: Vec<usize> = ranked.iter().take(MAX_PROPOSED).map(|r| r.2).collect();
    chosen.sort_unstable();
    let beyond = kept.len() - chosen.len();
    let chosen: Vec<Proposal> = found
        .into_iter()
        .enumerate()
        .filter(|(i, _)| chosen.binary_search(i).is_ok())
        .map(|(_, c)| c.proposal)
        .collect();
    Proposals {
        chosen,
        same_name,
        weak,
        beyond,
    }
}

/// The words of a Markdown paragraph: escapes, emphasis and link targets gone, full-width
/// digits as ASCII, on one line.
fn plain(markdown: &str) -> String {
    static LINK_TARGET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\]\([^)]*\)").expect("valid"));
    static LIST_ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d{1,9}\\?[.)])\s+").expect("valid"));
    let text = LIST_ITEM.replace(markdown, "");
    let text = LINK_TARGET.replace_all(&text, "");
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\\' | '*' | '`' | '[' | ']'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    one_line(&text)
}

/// The clauses of a paragraph: cut at sentence and clause punctuation, but not at a "," or
/// "." inside a number ("1,200", "3.5").
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let digit_at = |j: Option<&(usize, char)>| j.is_some_and(|(_, c)| c.is_ascii_digit());
        let inside_number =
            digit_at(k.checked_sub(1).and_then(|j| chars.get(j))) && digit_at(chars.get(k + 1));
        let cuts = matches!(c, '，' | '；' | '。' | '！' | '？' | '：' | ';' | '!' | '?')
            || matches!(c, ',' | '.' | ':') && !inside_number;
        if cuts {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.retain(|c| !c.trim().is_empty());
    out
}

/// Whether any of `words` is in `text`.
fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// `text` without the longest of `words` it starts with; none when it starts with none.
fn strip_start<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| text.starts_with(*w))
        .max_by_key(|w| w.len())
        .map(|w| &text[w.len()..])
}

/// `text` without the longest of `words` it ends with; none when it ends with none.
fn strip_end<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| text.ends_with(*w))
        .max_by_key(|w| w.len())
        .map(|w| &text[..text.len() - w.len()])
}

/// A number as written ("1,200", "72.63", "05") as a YAML number, or none when it is too
/// long to be kept exactly or is zero.
fn number(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if int.len() + frac.len() > 15 || (int == "0" && frac.is_empty()) {
        return None;
    }
    Some(if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

/// The clause a figure was read from, cut to [`MAX_NOTE_CHARS`].
fn note(clause: &str) -> Option<String> {
    let clause = clause.trim();
    let note: String = clause.chars().take(MAX_NOTE_CHARS).collect();
    let cut = note.len() < clause.len();
    (!note.is_empty()).then(|| if cut { format!("{note}…") } else { note })
}

fn candidate(name: String, value: String, unit: Option<String>, note: Option<String>) -> Proposal {
    Proposal {
        name,
        value,
        unit,
        section: None,
        note,
    }
}

/// Text without quotation marks and bracketed glosses.
fn unquoted(text: &str) -> String {
    BRACKETED
        .replace_all(text, "")
        .chars()
        .filter(|c| !"“”‘’\"'「」『』《》〈〉".contains(*c))
        .collect()
}
