//! Plain text (.txt, .md) into classified units: first the page artifacts a page-split document
//! leaves behind are removed and the words a page break cut in two are joined back, then every
//! line — and, for text scraped from the web, every space-separated piece of a line — is
//! classified as title, part, section, sub-heading or running text by [`Classifier`].

use std::sync::LazyLock;

use regex::Regex;

use super::document::{Block, Located, Unit, Warning};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the importer's patterns are valid")
}

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

/// "2013年工作回顾", "2014年主要任务", "明年工作思路": a year review or a year plan. At most
/// five characters between year and keyword, so a title such as "2012年妇女儿童工作总结"
/// stays a title.
static CN_PART_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:19|20)\d{2}|今|明|去|上|下)年度?[^，,。；;：:\s]{0,5}?(?:回顾|总结|任务|要点|计划|安排|思路|打算|目标)$",
    )
});
static CN_PART_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^第([一二三四五六七八九十]{1,3})部分(?:\s*(.*))?$"));
static CN_SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([一二三四五六七八九十]{1,3})、\s*(\S.*)$"));
static CN_CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^第([一二三四五六七八九十]{1,3}|\d{1,2})章(?:\s*(.*))?$"));
static CN_SUB_PAREN_HAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.*)$"));
static CN_SUB_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\d{1,2})[.．、]\s*([^\d\s.．].*)$"));
static CN_SUB_PAREN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(](\d{1,2})[）)]\s*(\S.*)$"));

static EN_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:part\s+(?:[ivx]+|\d+|one|two|three|four|five)\b.*|(?:review of|looking back at|plans? for|priorities for|outlook for|tasks for|work plan for)\s+(?:19|20)\d{2}|(?:19|20)\d{2}\s+(?:in review|review|work plan|plans?|priorities|tasks|outlook))$",
    )
});
static EN_SECTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2})\.\s+(\S.*)$"));
static EN_SECTION_ROMAN: LazyLock<Regex> = LazyLock::new(|| re(r"^([IVXLC]{1,6})\.\s+(\S.*)$"));
static EN_CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^chapter\s+(\d{1,2}|[ivxlc]{1,6})\b.*$"));
static EN_SUB_DECIMAL: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,2}\.\d{1,2}\.?\s+\S.*$"));
static EN_SUB_PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"^\(([a-z]|\d{1,2})\)\s+\S.*$"));
static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^(#{1,6})\s+(.*?)\s*#*\s*$"));

/// Longest heading, in characters: longer lines are running text that happens to start
/// with a number.
const MAX_CN_HEADING: usize = 50;
const MAX_EN_HEADING: usize = 100;
/// Longest run-in heading ("（一）强化源头维权。借助……") split off its paragraph.
const MAX_RUN_IN: usize = 30;

/// A physical line of the source after cleaning.
#[derive(Debug, Clone)]
struct Line {
    no: usize,
    text: String,
    /// A page ends just before this line: a word may be cut across the two.
    after_page_break: bool,
    /// For lines joined across page breaks: the byte offset where each later source line
    /// starts in `text`, so a heading found inside is reported on its own line.
    joins: Vec<(usize, usize)>,
}

/// Reads `.txt` (`markdown == false`) or `.md` text into units.
pub fn read(input: &str, markdown: bool) -> (Vec<Located>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut lines = physical_lines(input);
    strip_page_prefixes(&mut lines, &mut warnings);
    strip_footers(&mut lines);
    strip_running_headers(&mut lines);
    let english = is_english(input);
    let lines = join_lines(lines, markdown, english);
    let mut classifier = Classifier::new(english, uses_roman_sections(&lines), !markdown);
    classifier.warnings = warnings;
    for line in &lines {
        if markdown && let Some(caps) = MD_HEADING.captures(&line.text) {
            classifier.markdown_heading(line.no, caps[1].len(), &caps[2]);
        } else {
            classifier.joined_line(line.no, &line.text, &line.joins);
        }
    }
    classifier.finish()
}

/// Whether the text is English rather than Chinese: a Chinese character carries about as
/// much as a four-letter word, so compare that way.
pub fn is_english(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    cjk * 4 < latin
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

fn physical_lines(input: &str) -> Vec<Line> {
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
fn strip_page_prefixes(lines: &mut [Line], warnings: &mut Vec<Warning>) {
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
        line.text.replace_range(..end, "");
        line.after_page_break = i > 0;
    }
}

/// Removes page footers, whole lines or glued into the text; what follows one starts a page.
fn strip_footers(lines: &mut Vec<Line>) {
    let mut break_next = false;
    lines.retain_mut(|line| {
        if break_next {
            line.after_page_break = true;
            break_next = false;
        }
        if !line.text.trim().is_empty() && FOOTER_LINE.is_match(&line.text) {
            break_next = true;
            return false;
        }
        if FOOTER_INLINE.is_match(&line.text) {
            // A footer at the end of the line ends a page: the next line continues the text.
            let ends_page = FOOTER_INLINE
                .find_iter(&line.text)
                .last()
                .is_some_and(|m| line.text[m.end()..].trim().is_empty());
            line.text = remove_glued_footers(&line.text);
            break_next = ends_page;
            return !line.text.trim().is_empty();
        }
        true
    });
}

/// Takes footers out of running text. Where the footer sat between two sentences a space is
/// left (a paragraph boundary); inside a sentence the two halves are joined directly.
fn remove_glued_footers(text: &str) -> String {
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
fn strip_running_headers(lines: &mut Vec<Line>) {
    let short = |t: &str| !t.is_empty() && t.chars().count() <= 40;
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    for line in lines.iter() {
        let t = line.text.trim();
        if short(t) && !ends_sentence(t) && !starts_numbered(t) {
            *counts.entry(t).or_default() += 1;
        }
    }
    let repeated: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|&(_, n)| n >= 3)
        .map(|(t, _)| t.to_string())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut break_next = false;
    lines.retain_mut(|line| {
        if break_next {
            line.after_page_break = true;
            break_next = false;
        }
        let t = line.text.trim();
        if repeated.contains(t) && !seen.insert(t.to_string()) {
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
    let mut piece_counts = std::collections::HashMap::<String, usize>::new();
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
            lines[i].text = rest.trim_start().to_string();
        }
    }
}

/// Whether the line starts with a heading number of any style: such lines repeat because
/// sections share sub-heading names, not because they are running headers.
fn starts_numbered(text: &str) -> bool {
    [
        &*CN_SECTION,
        &*CN_CHAPTER,
        &*CN_SUB_PAREN_HAN,
        &*CN_SUB_NUMBER,
        &*CN_SUB_PAREN_NUMBER,
        &*EN_SECTION_NUMBER,
        &*EN_SECTION_ROMAN,
    ]
    .iter()
    .any(|r| r.is_match(text))
}

/// Joins a page's first line to the last line of the previous page, and the lines of one
/// paragraph: in Markdown, and in English text wrapped at a fixed width (Chinese text is
/// written a paragraph per line). Blank lines are dropped: they only separate.
fn join_lines(lines: Vec<Line>, markdown: bool, english: bool) -> Vec<Line> {
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
        let wrapped = english
            && !previous_blank
            && out
                .last()
                .is_some_and(|l| is_wrapped_english(&l.text, &line.text));
        // After a full stop or before a heading a page break is also a paragraph break.
        let new_paragraph = out
            .last()
            .is_some_and(|l| ends_sentence(&l.text) || starts_heading(&line.text));
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
fn join_across(text: &mut String, next: &str) {
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
fn is_wrapped_english(previous: &str, next: &str) -> bool {
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

fn starts_markdown_block(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['#', '>', '|', '-', '*', '+', '!'])
        || t.starts_with("```")
        || t.split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the text starts like a part or section heading, whatever follows it (Chinese),
/// or is one (English, whose headings contain spaces).
fn starts_heading(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let text = text.trim();
    CN_PART_YEAR.is_match(first)
        || CN_PART_NUMBERED.is_match(first)
        || CN_SECTION.is_match(first)
        || CN_CHAPTER.is_match(first)
        || EN_PART.is_match(text)
        || EN_SECTION_NUMBER.is_match(text)
        || EN_SECTION_ROMAN.is_match(text)
}

/// The space-separated pieces of `text`, each with its byte offset.
fn pieces(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Whether a space-separated piece of the text is a part or section heading.
fn has_heading_piece(text: &str) -> bool {
    text.split_whitespace().any(|p| {
        CN_PART_YEAR.is_match(p)
            || CN_PART_NUMBERED.is_match(p)
            || CN_SECTION.is_match(p)
            || CN_CHAPTER.is_match(p)
    })
}

/// Whether the text ends a sentence: 。！？； (or their ASCII forms), possibly inside closing
/// quotes or brackets.
pub fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '\'', '）', ')']);
    t.ends_with(['。', '！', '？', '；', '!', '?', ';', '…']) || t.ends_with('.')
}

fn uses_roman_sections(lines: &[Line]) -> bool {
    let starts = |prefix: &str| {
        lines
            .iter()
            .any(|l| l.text.trim_start().starts_with(prefix))
    };
    starts("I. ") && starts("II. ")
}

/// Reads a number written in Chinese numerals, 一 to 九十九.
pub fn chinese_number(s: &str) -> Option<u32> {
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
pub fn escape_markdown(text: &str) -> String {
    escape_line_start(&escape_inline(text))
}

/// Escapes emphasis, code, links, HTML and entities inside a line.
pub fn escape_inline(text: &str) -> String {
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
pub fn escape_line_start(text: &str) -> String {
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

/// Whether a heading names a part of the report ("2013年工作回顾", "第一部分", "Part One").
pub fn is_part_heading(text: &str, english: bool) -> bool {
    let text = text.trim();
    CN_PART_YEAR.is_match(text) && text.chars().count() <= 20
        || CN_PART_NUMBERED.is_match(text)
        || english && EN_PART.is_match(text)
}

/// What a heading-looking piece of text is.
enum Heading {
    Part(String),
    Section(String),
    Sub(u8, String),
}

/// Classifies lines and pieces of lines into units, keeping the state the decisions depend
/// on: whether a title was seen and the number of the last section (sections run 一、二、三
/// within a part, which tells a heading from running text that starts with a numeral).
pub struct Classifier {
    english: bool,
    roman_sections: bool,
    escape: bool,
    units: Vec<Located>,
    pub warnings: Vec<Warning>,
    last_section: u32,
    /// Running text of the current paragraph and the line it started on.
    paragraph: Option<(usize, String)>,
}

impl Classifier {
    /// `escape`: the text is plain, so Markdown characters in it must be escaped.
    pub fn new(english: bool, roman_sections: bool, escape: bool) -> Self {
        Classifier {
            english,
            roman_sections,
            escape,
            units: Vec::new(),
            warnings: Vec::new(),
            last_section: 0,
            paragraph: None,
        }
    }

    pub fn finish(mut self) -> (Vec<Located>, Vec<Warning>) {
        self.flush();
        (self.units, self.warnings)
    }

    /// Adds a unit decided elsewhere (a .docx heading style, a table, an image).
    pub fn push(&mut self, line: usize, unit: Unit) {
        self.flush();
        match &unit {
            Unit::Part(_) => self.last_section = 0,
            Unit::Section(title) => {
                if let Some(n) = self.section_number(title) {
                    self.last_section = n;
                }
            }
            _ => {}
        }
        self.units.push(Located { line, unit });
    }

    fn started(&self) -> bool {
        !self.units.is_empty() || self.paragraph.is_some()
    }

    /// A paragraph that has formatting (a .docx paragraph with bold runs): `text` decides
    /// whether it is a heading or the title, `markdown` is what a paragraph shows.
    pub fn formatted_line(&mut self, no: usize, text: &str, markdown: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if let Some(heading) = self.heading(no, text, true) {
            self.push_heading(no, heading);
        } else if !self.started() && self.is_title_like(text) {
            self.push(no, Unit::Title(text.to_string()));
        } else {
            self.push(no, Unit::Block(Block::Paragraph(markdown.to_string())));
        }
    }

    /// One line of plain text.
    pub fn line(&mut self, no: usize, text: &str) {
        self.joined_line(no, text, &[]);
    }

    /// One logical line of plain text, made of source line `no` and, where `joins` says so
    /// (byte offset, line), of later source lines joined across page breaks.
    fn joined_line(&mut self, no: usize, raw: &str, joins: &[(usize, usize)]) {
        let text = raw.trim();
        if text.is_empty() {
            return;
        }
        if let Some(heading) = self.heading(no, text, true) {
            self.push_heading(no, heading);
            return;
        }
        if !self.started() && self.is_title_like(text) && !has_heading_piece(text) {
            self.push(no, Unit::Title(text.to_string()));
            return;
        }
        if !self.english
            && let Some((head, rest)) = self.run_in(no, text)
        {
            self.push_heading(no, head);
            self.text_piece(no, rest, true);
        } else if self.english || !text.contains(char::is_whitespace) {
            self.text_piece(no, text, true);
        } else {
            let pieces: Vec<(usize, &str)> = pieces(raw)
                .into_iter()
                .map(|(offset, piece)| {
                    let joined = joins.iter().rev().find(|&&(at, _)| at <= offset);
                    (joined.map_or(no, |&(_, line)| line), piece)
                })
                .collect();
            self.inline_pieces(&pieces);
        }
        self.flush();
    }

    /// A line of scraped text where headings sit between spaces inside the running text;
    /// each piece comes with its source line.
    fn inline_pieces(&mut self, pieces: &[(usize, &str)]) {
        let mut i = 0;
        while i < pieces.len() {
            let (no, piece) = pieces[i];
            // "第一部分 2013年工作回顾", "第一章 总则": the number and the title are two pieces.
            if (CN_PART_NUMBERED.is_match(piece) || CN_CHAPTER.is_match(piece))
                && let Some(&(_, next)) = pieces.get(i + 1)
                && self.is_title_like(next)
                && self.bare_numbered_heading(piece)
            {
                let joined = format!("{piece} {next}");
                if let Some(h) = self.heading(no, &joined, false) {
                    self.push_heading(no, h);
                    i += 2;
                    continue;
                }
            }
            if let Some(h) = self.heading(no, piece, false) {
                self.push_heading(no, h);
            } else if !self.started() && i + 1 < pieces.len() && self.is_title_like(piece) {
                self.push(no, Unit::Title(piece.to_string()));
            } else {
                self.text_piece(no, piece, false);
            }
            i += 1;
        }
    }

    /// "第一部分" or "第一章" with nothing after it.
    fn bare_numbered_heading(&self, piece: &str) -> bool {
        let caps = CN_PART_NUMBERED
            .captures(piece)
            .or_else(|| CN_CHAPTER.captures(piece));
        caps.is_some_and(|c| c.get(2).is_none_or(|m| m.as_str().is_empty()))
    }

    /// A short line without a full stop, before anything else: the document's title.
    fn is_title_like(&self, text: &str) -> bool {
        let max = if self.english { MAX_EN_HEADING } else { 40 };
        let n = text.chars().count();
        n > 0 && n <= max && !ends_sentence(text) && !text.ends_with(['，', ',', '：', ':'])
    }

    /// Adds running text. Within a scraped line a space after a full stop separates
    /// paragraphs; any other space is kept as a space.
    fn text_piece(&mut self, no: usize, text: &str, own_paragraph: bool) {
        if own_paragraph {
            self.flush();
        }
        match &mut self.paragraph {
            Some((_, buffer)) if !ends_sentence(buffer) => {
                buffer.push(' ');
                buffer.push_str(text);
            }
            _ => {
                self.flush();
                self.paragraph = Some((no, text.to_string()));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((line, text)) = self.paragraph.take() {
            let text = if self.escape {
                escape_markdown(&text)
            } else {
                text
            };
            self.units.push(Located {
                line,
                unit: Unit::Block(Block::Paragraph(text)),
            });
        }
    }

    fn push_heading(&mut self, no: usize, heading: Heading) {
        let unit = match heading {
            Heading::Part(t) => Unit::Part(t),
            Heading::Section(t) => Unit::Section(t),
            Heading::Sub(rank, t) => Unit::SubHeading {
                rank,
                text: if self.escape { escape_inline(&t) } else { t },
            },
        };
        self.push(no, unit);
    }

    /// A `#` heading of a Markdown file: `#` is the title (then parts), `##` sections, deeper
    /// ones sub-headings — unless the text itself says it is a part.
    pub fn markdown_heading(&mut self, no: usize, level: usize, text: &str) {
        let text = text.trim().to_string();
        let is_part = is_part_heading(&text, true);
        let unit = match level {
            _ if is_part => Unit::Part(text),
            1 if !self.started() => Unit::Title(text),
            1 => Unit::Part(text),
            2 => Unit::Section(text),
            n => Unit::SubHeading {
                rank: (n - 2) as u8,
                text,
            },
        };
        self.push(no, unit);
    }

    /// The number of a section title ("三、…" → 3, "II. …" → 2), for the sequence check.
    fn section_number(&self, title: &str) -> Option<u32> {
        if let Some(c) = CN_SECTION
            .captures(title)
            .or_else(|| CN_CHAPTER.captures(title))
        {
            return chinese_number(&c[1]).or_else(|| c[1].parse().ok());
        }
        if let Some(c) = EN_SECTION_ROMAN.captures(title) {
            return roman_number(&c[1]);
        }
        EN_SECTION_NUMBER
            .captures(title)
            .and_then(|c| c[1].parse().ok())
    }

    /// Classifies `text` as a heading. `whole_line`: it is a line of its own, so a section
    /// number out of sequence is still a section (with a warning); a piece inside running
    /// text must be the next number in sequence to count as a heading.
    fn heading(&mut self, no: usize, text: &str, whole_line: bool) -> Option<Heading> {
        let n = text.chars().count();
        let max = if self.english {
            MAX_EN_HEADING
        } else {
            MAX_CN_HEADING
        };
        // Headings do not end a sentence or clause: "一、加强学习，提高素质；" is a list item.
        let ends_clause = text.ends_with(['，', ',', '；', ';']);
        if n > max || text.contains('。') || ends_clause || (self.english && text.ends_with('.')) {
            return None;
        }
        if is_part_heading(text, self.english) {
            return Some(Heading::Part(text.to_string()));
        }
        if let Some(h) = self.section(no, text, whole_line) {
            return Some(h);
        }
        self.sub_heading(text, whole_line)
    }

    fn section(&mut self, no: usize, text: &str, whole_line: bool) -> Option<Heading> {
        let is_section = if self.english {
            (if self.roman_sections {
                EN_SECTION_ROMAN.is_match(text)
            } else {
                EN_SECTION_NUMBER.is_match(text)
            }) || EN_CHAPTER.is_match(text)
        } else {
            CN_SECTION.is_match(text) || CN_CHAPTER.is_match(text)
        };
        if !is_section {
            return None;
        }
        let number = self.section_number(text)?;
        let expected = self.last_section + 1;
        if number != expected {
            if number == 1 {
                self.warnings.push(Warning::new(
                    no,
                    format!("section numbering starts again at \"{text}\" without a part heading; kept in the same part"),
                ));
            } else if whole_line {
                self.warnings.push(Warning::new(
                    no,
                    format!("section \"{text}\" is number {number}, expected {expected}: is a section missing?"),
                ));
            } else {
                self.warnings.push(Warning::new(
                    no,
                    format!("\"{text}\" looks like a section heading but is out of sequence (expected number {expected}); kept as text"),
                ));
                return None;
            }
        }
        Some(Heading::Section(text.to_string()))
    }

    fn sub_heading(&self, text: &str, whole_line: bool) -> Option<Heading> {
        let short = text.chars().count() <= if self.english { MAX_EN_HEADING } else { 40 };
        if !short || text.ends_with(['：', ':']) {
            return None;
        }
        let rank = if self.english {
            if self.roman_sections && EN_SECTION_NUMBER.is_match(text) {
                1
            } else if EN_SUB_DECIMAL.is_match(text) {
                if self.roman_sections { 2 } else { 1 }
            } else if EN_SUB_PAREN.is_match(text) && whole_line {
                3
            } else {
                return None;
            }
        } else if CN_SUB_PAREN_HAN.is_match(text) {
            1
        } else if !whole_line {
            // Inside running text only the unmistakable （一） style counts.
            return None;
        } else if CN_SUB_NUMBER.is_match(text) {
            2
        } else if CN_SUB_PAREN_NUMBER.is_match(text) {
            3
        } else {
            return None;
        };
        Some(Heading::Sub(rank, text.to_string()))
    }

    /// "（一）强化源头维权。借助……": a short numbered heading ending at the first full stop,
    /// run into its paragraph. Returns the heading and the rest.
    fn run_in<'t>(&mut self, no: usize, text: &'t str) -> Option<(Heading, &'t str)> {
        let stop = text.find('。')?;
        let head = &text[..stop];
        let rest = text[stop + '。'.len_utf8()..].trim();
        if head.chars().count() > MAX_RUN_IN || rest.is_empty() {
            return None;
        }
        let heading = match self.heading(no, head, true)? {
            Heading::Part(_) => return None,
            h => h,
        };
        Some((heading, rest))
    }
}

#[cfg(test)]
mod tests;
