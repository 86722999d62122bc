//! Page artifacts out, cut words back together: page-number prefixes, footers, running
//! headers, and lines joined across page breaks (and wrapped lines into paragraphs).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::patterns::*;
use super::{ends_sentence, is_cjk};
use crate::import::document::Warning;

/// "2、" at the very start of a physical line: a page number when they run 1、2、3… down
/// the file (Arabic digits — "一、" is a section number, never a page).
static PAGE_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(\d{1,3})、"));
/// A footer standing alone on its line: "第8页 共8页", "- 3 -", "Page 3 of 8", "12".
static FOOTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:第\s*\d+\s*页(?:\s*[，,/／]?\s*共\s*\d+\s*页)?|[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|(?i:page\s+\d+(?:\s+of\s+\d+)?))\s*$",
    )
});
/// The same footers glued into running text, as scraped text has them. Only unambiguous
/// forms: a bare number inside a sentence is data, not a footer.
static FOOTER_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\s*(?:第\s*\d+\s*页\s*[，,/／]?\s*共\s*\d+\s*页|(?:^|\s)[-—–]\s*\d{1,3}\s*[-—–](?:\s|$)|(?i:\bpage\s+\d+\s+of\s+\d+\b))\s*",
    )
});

/// Whether a line is only a page number or a page footer ("— 3 —", "第3页 共8页").
pub(crate) fn is_page_number(line: &str) -> bool {
    FOOTER_LINE.is_match(line)
}

/// A physical line of the source after cleaning.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) no: usize,
    pub(super) text: String,
    /// A page ends just before this line: a word may be cut across the two.
    pub(super) after_page_break: bool,
    /// For lines joined across page breaks: the byte offset where each later source line
    /// starts in `text`, so a heading found inside is reported on its own line.
    pub(super) joins: Vec<(usize, usize)>,
}

pub(super) fn physical_lines(input: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for (i, raw) in input.trim_start_matches('\u{feff}').split('\n').enumerate() {
        // A form feed is a page break inside the line it sits on.
        for (j, piece) in raw.trim_end_matches('\r').split('\u{c}').enumerate() {
            lines.push(Line {
                no: i + 1,
                text: piece.to_string(),
                after_page_break: j > 0,
                joins: Vec::new(),
            });
        }
    }
    lines
}

/// Removes "2、", "3、" … page numbers at the start of lines. They are told from a numbered
/// list by three things together: they run in sequence, the lines are page-long, and pages
/// end mid-sentence (a list item ends with its full stop).
pub(super) fn strip_page_prefixes(
    lines: &mut [Line],
    warnings: &mut Vec<Warning>,
    removed: &mut Vec<(usize, String)>,
) {
    let numbered: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let caps = PAGE_PREFIX.captures(&l.text)?;
            Some((i, caps[1].parse().ok()?))
        })
        .collect();
    let non_empty = lines.iter().filter(|l| !l.text.trim().is_empty()).count();
    if numbered.len() < 2 || numbered.len() * 2 < non_empty {
        return;
    }
    let in_sequence = numbered
        .windows(2)
        .all(|w| w[1].1 > w[0].1 && w[1].1 - w[0].1 <= 2);
    let mut lengths: Vec<usize> = numbered
        .iter()
        .map(|&(i, _)| lines[i].text.chars().count())
        .collect();
    lengths.sort_unstable();
    let page_long = lengths[lengths.len() / 2] >= 60;
    let cut_mid_sentence = numbered
        .iter()
        .skip(1)
        .filter(|&&(i, _)| i > 0 && !ends_sentence(lines[i - 1].text.trim_end()))
        .count();
    if !page_long || cut_mid_sentence * 2 < numbered.len() - 1 {
        return;
    }
    if !in_sequence {
        let (i, _) = numbered[0];
        warnings.push(Warning::new(
            lines[i].no,
            "lines start with page-like numbers (1、2、…) that are not in sequence; kept as text",
        ));
        return;
    }
    for w in numbered.windows(2) {
        if w[1].1 - w[0].1 == 2 {
            warnings.push(Warning::new(
                lines[w[1].0].no,
                format!("page {} seems to be missing", w[0].1 + 1),
            ));
        }
    }
    for &(i, _) in &numbered {
        let line = &mut lines[i];
        let end = PAGE_PREFIX.find(&line.text).expect("matched above").end();
        removed.push((line.no, line.text[..end].trim().to_string()));
        line.text.replace_range(..end, "");
        line.after_page_break = i > 0;
    }
}

/// Removes the document's title repeated next to a page footer ("Eastside Youth Council -
/// Annual Report 2016" above "Page 2 of 2", or on its line): a running header or footer even
/// when it occurs once. The title is the first line, or the first two, compared by letters and digits only.
pub(super) fn strip_title_repeats(lines: &mut Vec<Line>, removed: &mut Vec<(usize, String)>) {
    let key = |t: &str| -> String { t.chars().filter(|c| c.is_alphanumeric()).collect() };
    let mut firsts = lines.iter().filter(|l| !l.text.trim().is_empty());
    let Some(first) = firsts.next() else {
        return;
    };
    let first_no = first.no;
    let one = key(&first.text);
    let two = firsts.next().map(|l| one.clone() + &key(&l.text));
    let is_title = |t: &str| {
        let k = key(t);
        !k.is_empty() && (k == one || Some(&k) == two.as_ref())
    };
    let footers: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.trim().is_empty() && FOOTER_LINE.is_match(&lines[i].text))
        .collect();
    // The title and the footer on one line: "Riverbank Food Bank Annual Report 2021-22   Page 2 of 3".
    let mut drop: HashSet<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].no > first_no + 1
                && FOOTER_INLINE.is_match(&lines[i].text)
                && is_title(&remove_glued_footers(&lines[i].text))
        })
        .collect();
    for i in footers {
        let before = (0..i).rev().find(|&j| !lines[j].text.trim().is_empty());
        let after = (i + 1..lines.len()).find(|&j| !lines[j].text.trim().is_empty());
        for j in before.into_iter().chain(after) {
            if lines[j].no > first_no + 1 && is_title(&lines[j].text) {
                drop.insert(j);
            }
        }
    }
    let mut i = 0;
    lines.retain(|line| {
        i += 1;
        if drop.contains(&(i - 1)) {
            removed.push((line.no, line.text.trim().to_string()));
            return false;
        }
        true
    });
}

/// Removes page footers, whole lines or glued into the text; what follows one starts a page.
pub(super) fn strip_footers(lines: &mut Vec<Line>, removed: &mut Vec<(usize, String)>) {
    let mut break_next = false;
    lines.retain_mut(|line| {
        if break_next {
            line.after_page_break = true;
            break_next = false;
        }
        if !line.text.trim().is_empty() && FOOTER_LINE.is_match(&line.text) {
            removed.push((line.no, line.text.trim().to_string()));
            break_next = true;
            return false;
        }
        if FOOTER_INLINE.is_match(&line.text) {
            // A footer at the end of the line ends a page: the next line continues the text.
            let ends_page = FOOTER_INLINE
                .find_iter(&line.text)
                .last()
                .is_some_and(|m| line.text[m.end()..].trim().is_empty());
            removed.extend(
                FOOTER_INLINE
                    .find_iter(&line.text)
                    .map(|m| (line.no, m.as_str().trim().to_string())),
            );
            line.text = remove_glued_footers(&line.text);
            break_next = ends_page;
            return !line.text.trim().is_empty();
        }
        true
    });
}

/// Takes footers out of running text. Where the footer sat between two sentences a space is
/// left (a paragraph boundary); inside a sentence the two halves are joined directly.
pub(super) fn remove_glued_footers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in FOOTER_INLINE.find_iter(text) {
        out.push_str(&text[last..m.start()]);
        let at_end = m.end() == text.len();
        if !out.is_empty() && !at_end && ends_sentence(&out) {
            out.push(' ');
        }
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

/// Removes running headers: a short line repeated on three or more pages, or the same short
/// piece opening most pages of a scraped text ("妇联工作总结 重新命名……"). The first
/// occurrence stays: it is usually the document's title.
pub(super) fn strip_running_headers(lines: &mut Vec<Line>, removed: &mut Vec<(usize, String)>) {
    let short = |t: &str| !t.is_empty() && t.chars().count() <= 40;
    // How often each short line occurs, and how often again right after a page break.
    let mut counts = HashMap::<&str, (usize, usize)>::new();
    for line in lines.iter() {
        let t = line.text.trim();
        if short(t) && !ends_sentence(t) && !starts_numbered(t) {
            let (n, at_break) = counts.entry(t).or_default();
            if *n > 0 && line.after_page_break {
                *at_break += 1;
            }
            *n += 1;
        }
    }
    let repeated: HashSet<String> = counts
        .into_iter()
        .filter(|&(_, (n, at_break))| n >= 3 || n == 2 && at_break == 1)
        .map(|(t, _)| t.to_string())
        .collect();
    let mut seen = HashSet::new();
    let mut break_next = false;
    lines.retain_mut(|line| {
        if break_next {
            line.after_page_break = true;
            break_next = false;
        }
        let t = line.text.trim();
        if repeated.contains(t) && !seen.insert(t.to_string()) {
            removed.push((line.no, t.to_string()));
            break_next = true;
            return false;
        }
        true
    });

    // Scraped pages: the header is the first space-separated piece of each page line.
    let page_starts: Vec<usize> = (1..lines.len())
        .filter(|&i| lines[i].after_page_break)
        .collect();
    if page_starts.len() < 2 {
        return;
    }
    let first_piece = |t: &str| t.split_whitespace().next().map(str::to_string);
    let mut piece_counts = HashMap::<String, usize>::new();
    for &i in &page_starts {
        if let Some(p) = first_piece(&lines[i].text)
            && short(&p)
            && lines[i].text.trim() != p
        {
            *piece_counts.entry(p).or_default() += 1;
        }
    }
    let Some((header, n)) = piece_counts.into_iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    if n < 2 || n * 2 < page_starts.len() {
        return;
    }
    for &i in &page_starts {
        let text = lines[i].text.trim_start();
        if let Some(rest) = text.strip_prefix(header.as_str())
            && rest.starts_with(char::is_whitespace)
        {
            removed.push((lines[i].no, header.clone()));
            lines[i].text = rest.trim_start().to_string();
        }
    }
}

/// Joins a page's first line to the last line of the previous page, and the lines of one
/// paragraph: in Markdown, and in English text wrapped at a fixed width (Chinese text is
/// written a paragraph per line). Blank lines are dropped: they only separate.
pub(super) fn join_lines(mut lines: Vec<Line>, markdown: bool, english: bool) -> Vec<Line> {
    let width = if english || markdown {
        None
    } else {
        wrap_width(&lines)
    };
    if width.is_some() {
        for line in &mut lines {
            line.text = remove_spaces_between_cjk(&line.text);
        }
    }
    let mut out: Vec<Line> = Vec::new();
    let mut page_break = false;
    let mut previous_blank = true;
    for line in lines {
        page_break |= line.after_page_break;
        if line.text.trim().is_empty() {
            previous_blank = true;
            continue;
        }
        let after_heading = out
            .last()
            .is_some_and(|l| l.text.trim_start().starts_with('#'));
        let wrapped = !previous_blank
            && out.last().is_some_and(|l| match width {
                Some(width) => is_wrapped_line(&l.text, &line.text, width),
                None => english && is_wrapped_english(&l.text, &line.text),
            });
        // After a full stop or a heading line, or before a heading, a page break is also a
        // paragraph break.
        let new_paragraph = out.last().is_some_and(|l| {
            ends_sentence(&l.text)
                || is_heading_line(&l.text)
                || starts_heading(&line.text)
                || starts_numbered(line.text.trim())
        });
        let continues = page_break && !new_paragraph
            || wrapped
            || markdown && !previous_blank && !after_heading && !starts_markdown_block(&line.text);
        page_break = false;
        previous_blank = false;
        match out.last_mut() {
            Some(last) if continues => {
                join_across(&mut last.text, &line.text);
                let at = last.text.len() - line.text.trim_start().len();
                last.joins.push((at, line.no));
            }
            _ => out.push(line),
        }
    }
    out
}

/// Joins `next` to `text` across a line or page break: a Chinese word cut in two is joined
/// directly ("中国妇女十一" + "大精神"), a hyphenated English word loses its hyphen, Latin
/// words get a space, and after a full stop the two stay apart (a space, so the next piece
/// can still be a heading).
pub(super) fn join_across(text: &mut String, next: &str) {
    let had_space = text.ends_with(char::is_whitespace) || next.starts_with(char::is_whitespace);
    let next = next.trim_start();
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    let last = text.chars().last();
    let first = next.chars().next();
    let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if text.ends_with('-')
        && text[..text.len() - 1].ends_with(|c: char| c.is_ascii_alphabetic())
        && first.is_some_and(|c| c.is_ascii_lowercase())
    {
        text.pop();
    } else if had_space
        || ends_sentence(text)
        || (ascii_word(last) || last.is_some_and(|c| ",;:.!?".contains(c))) && ascii_word(first)
        || starts_heading(next)
    {
        text.push(' ');
    }
    text.push_str(next);
}

/// Whether `next` continues the sentence of a wrapped English line: the line is long, ends
/// mid-sentence, and neither is a heading.
pub(super) fn is_wrapped_english(previous: &str, next: &str) -> bool {
    let heading = |t: &str| {
        let t = t.trim();
        EN_PART.is_match(t)
            || EN_SECTION_NUMBER.is_match(t)
            || EN_SECTION_ROMAN.is_match(t)
            || EN_CHAPTER.is_match(t)
            || EN_SUB_DECIMAL.is_match(t)
            || EN_SUB_PAREN.is_match(t)
    };
    previous.trim().chars().count() >= 40
        && !ends_sentence(previous)
        && !heading(previous)
        && !heading(next)
}

/// A heading on a line of its own: numbered, short, without a full stop inside. One at the
/// foot of a page ("（一）抓好儿童康复救助") does not run on into the next page.
fn is_heading_line(text: &str) -> bool {
    let t = text.trim();
    (starts_heading(t) || starts_numbered(t)) && !t.contains('。') && t.chars().count() <= 40
}

/// Display width: a Chinese character takes two columns.
fn columns(text: &str) -> usize {
    text.trim()
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum()
}

/// The width a Chinese text copied from a PDF was wrapped at, if it was: many lines of about
/// the same width (the widest such group, within four columns), 40 to 200 columns wide,
/// most of them ending mid-sentence.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| columns(&l.text))
        .filter(|&w| w > 0)
        .collect();
    let mut best: Option<(usize, usize)> = None;
    for &w in widths.iter().filter(|&&w| (40..=200).contains(&w)) {
        let near = widths.iter().filter(|&&x| x + 4 >= w && x <= w).count();
        if best.is_none_or(|(n, bw)| near > n || near == n && w > bw) {
            best = Some((near, w));
        }
    }
    let (near, width) = best?;
    // Wrapped lines end where the width ran out, mostly mid-sentence; lines of about the
    // same length that end with a full stop are just paragraphs of about the same length.
    let full: Vec<&Line> = lines
        .iter()
        .filter(|l| columns(&l.text) + 6 >= width)
        .collect();
    let mid_sentence = full.iter().filter(|l| !ends_sentence(&l.text)).count();
    (near >= 3 && near * 10 >= widths.len() * 3 && mid_sentence * 2 >= full.len()).then_some(width)
}

/// Whether `next` continues the paragraph of a line wrapped at `width`: the line fills the
/// width, does not end a sentence, and neither line is a heading (a line that starts with a
/// run-in heading and goes on with its text is one).
fn is_wrapped_line(previous: &str, next: &str, width: usize) -> bool {
    columns(previous) + 6 >= width
        && !ends_sentence(previous)
        && (previous.contains('。')
            || !starts_heading(previous) && !starts_numbered(previous.trim()))
        && !starts_heading(next)
        && !starts_numbered(next.trim())
}

/// "服务站 点" → "服务站点": a PDF's space between two Chinese characters.
fn remove_spaces_between_cjk(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between = c == ' '
            && i > 0
            && chars.get(i - 1).is_some_and(|&p| is_cjk(p))
            && chars.get(i + 1).is_some_and(|&n| is_cjk(n));
        if !between {
            out.push(c);
        }
    }
    out
}

pub(super) fn starts_markdown_block(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['#', '>', '|', '-', '*', '+', '!'])
        || t.starts_with("```")
        || t.split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn uses_roman_sections(lines: &[Line]) -> bool {
    let starts = |prefix: &str| {
        lines
            .iter()
            .any(|l| l.text.trim_start().starts_with(prefix))
    };
    starts("I. ") && starts("II. ")
}
