//! Plain text (.txt, .md) into classified units: first the page artifacts a page-split document
//! leaves behind are removed and the words a page break cut in two are joined back, then every
//! line — and, for text scraped from the web, every space-separated piece of a line — is
//! classified as title, part, section, sub-heading or running text by [`Classifier`].
//!
//! `chrome.rs` and `clean.rs` do the first step (website chrome, page artifacts), `classify.rs`
//! the second, `patterns.rs` holds the heading patterns they need; this file has the small
//! text helpers they share.

mod chrome;
mod classify;
mod clean;
mod patterns;

pub(crate) use chrome::is_chrome;
pub(crate) use classify::{Classifier, tidy_title};
pub(crate) use clean::is_page_number;
pub(crate) use patterns::{DATE, is_part_heading, is_part_like, numbering_style};

use chrome::strip_chrome;
use clean::{
    join_lines, physical_lines, strip_footers, strip_page_prefixes, strip_running_headers,
    strip_title_repeats, uses_roman_sections,
};
use patterns::{EN_SECTION_NUMBER, EN_SECTION_ROMAN, MD_HEADING, starts_heading, starts_numbered};

use super::document::{Located, Unit, Warning};

/// Reads `.txt` (`markdown == false`) or `.md` text into units.
pub(crate) fn read(input: &str, markdown: bool) -> (Vec<Located>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut removed = Vec::new();
    let mut lines = physical_lines(input);
    strip_chrome(&mut lines, &mut removed);
    strip_page_prefixes(&mut lines, &mut warnings, &mut removed);
    strip_title_repeats(&mut lines, &mut removed);
    strip_footers(&mut lines, &mut removed);
    strip_running_headers(&mut lines, &mut removed);
    let english = is_english(input);
    let lines = join_lines(lines, markdown, english);
    let mut classifier = Classifier::new(english, uses_roman_sections(&lines), !markdown);
    classifier.warnings = warnings;
    classifier.title_case_sections = english
        && !lines.iter().any(|l| {
            EN_SECTION_NUMBER.is_match(l.text.trim()) || EN_SECTION_ROMAN.is_match(l.text.trim())
        });
    for line in &lines {
        if markdown && let Some(caps) = MD_HEADING.captures(&line.text) {
            classifier.markdown_heading(line.no, caps[1].len(), &caps[2]);
        } else if markdown && let Some((head, rest)) = bold_heading(&line.text) {
            // "**（一）加强行业自律。** 修订……": the bold is the heading, the rest its text.
            classifier.line(line.no, head);
            classifier.line(line.no, rest);
        } else {
            classifier.joined_line(line.no, &line.text, &line.joins);
        }
    }
    let (mut units, warnings) = classifier.finish();
    removed.sort();
    units.extend(removed.into_iter().map(|(line, text)| Located {
        line,
        unit: Unit::Removed(text),
    }));
    (units, warnings)
}

/// A Markdown paragraph that opens with a numbered heading in bold: the heading and the rest.
fn bold_heading(text: &str) -> Option<(&str, &str)> {
    let inner = text.trim_start().strip_prefix("**")?;
    let end = inner.find("**")?;
    let head = inner[..end].trim();
    (starts_heading(head) || starts_numbered(head)).then(|| (head, inner[end + 2..].trim()))
}

/// Whether the text is English rather than Chinese: a Chinese character carries about as
/// much as a four-letter word, so compare that way.
pub(crate) fn is_english(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    cjk * 4 < latin
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Whether the text ends a sentence: 。！？； (or their ASCII forms), possibly inside closing
/// quotes or brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '\'', '）', ')']);
    t.ends_with(['。', '！', '？', '；', '!', '?', ';', '…']) || t.ends_with('.')
}

/// Reads a number written in Chinese numerals, 一 to 九十九.
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).map(|n| n as u32),
        ['十', u] => digit(*u).map(|n| 10 + n as u32),
        [t, '十'] => digit(*t).map(|n| n as u32 * 10),
        [t, '十', u] => Some(digit(*t)? as u32 * 10 + digit(*u)? as u32),
        _ => None,
    }
}

fn roman_number(s: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok()
}

/// Escapes what Markdown would read as markup in plain text: emphasis, links, HTML, and a
/// line start that would become a heading, quote or list ("1." at the start of a line).
pub(crate) fn escape_markdown(text: &str) -> String {
    escape_line_start(&escape_inline(text))
}

/// Escapes emphasis, code, links, HTML and entities inside a line.
pub(crate) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '&' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a start of line that Markdown would read as a heading, quote, list or table.
pub(crate) fn escape_line_start(text: &str) -> String {
    let mut out = text.to_string();
    if out.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests;
