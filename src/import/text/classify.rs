//! The classifier: each line, or each space-separated piece of a scraped line, becomes a
//! title, part, section, sub-heading or running text.

use super::patterns::*;
use super::{chinese_number, ends_sentence, escape_inline, escape_markdown, roman_number};
use crate::import::document::{Block, Located, Unit, Warning};

/// Longest heading, in characters: longer lines are running text that happens to start
/// with a number.
const MAX_CN_HEADING: usize = 50;
const MAX_EN_HEADING: usize = 100;
/// Longest run-in heading ("（一）强化源头维权。借助……") split off its paragraph.
const MAX_RUN_IN: usize = 40;

/// The space-separated pieces of `text`, each as its byte range. A bare number ("1.",
/// "一、", "（一）") belongs to the piece after it: "1.      除了舉辦……" is one item.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| match out.last_mut() {
        Some(last) if BARE_NUMBER.is_match(&text[last.0..last.1]) => last.1 = e,
        _ => out.push((s, e)),
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Where "（一）" or "2．" starts a run-in sub-heading candidate: after a sentence end or a
/// space.
fn run_in_starts(text: &str) -> Vec<usize> {
    RUN_IN_START
        .find_iter(text)
        .filter_map(|m| {
            let at = m
                .as_str()
                .find(|c: char| !c.is_whitespace() && !matches!(c, '。' | '！' | '？'))?;
            Some(m.start() + at)
        })
        .collect()
}

/// The number of a sub-heading that starts `text`, and whether it is of the "（一）" style
/// (else "1．").
fn sub_number(text: &str) -> Option<(u32, bool)> {
    let text = text.trim_start();
    if let Some(c) = CN_SUB_PAREN_HAN.captures(text) {
        return Some((chinese_number(&c[1])?, true));
    }
    let c = CN_SUB_NUMBER.captures(text)?;
    Some((c[1].parse().ok()?, false))
}

/// The source line of byte `offset` of a line joined from several (`joins`).
fn line_at(no: usize, joins: &[(usize, usize)], offset: usize) -> usize {
    joins
        .iter()
        .rev()
        .find(|&&(at, _)| at <= offset)
        .map_or(no, |&(_, line)| line)
}

/// `joins` for the part of the line from `from` on.
fn shifted(joins: &[(usize, usize)], from: usize) -> Vec<(usize, usize)> {
    joins
        .iter()
        .filter(|&&(at, _)| at >= from)
        .map(|&(at, line)| (at - from, line))
        .collect()
}

/// "Our Programmes", "Membership and Volunteers", "A word from our chair": a short line that
/// starts with a capital letter, with no punctuation at its end. Title Case lines may hold
/// commas; a sentence-case line holds no punctuation at all (a sentence or a byline does).
fn is_heading_case(text: &str) -> bool {
    const SMALL: [&str; 14] = [
        "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let title_case = words
        .iter()
        .all(|w| capital(w) || SMALL.contains(&w.to_lowercase().as_str()) || *w == "&");
    let sentence_case = !text.contains(|c: char| ".,;:!?\"".contains(c));
    (1..=8).contains(&words.len())
        && text.chars().count() <= 60
        && !text.ends_with(|c: char| c.is_ascii_punctuation() && c != ')')
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && (title_case || sentence_case)
}

/// A heading title as written, without the spaces after its number ("二、 助力" → "二、助力")
/// and without a final "。".
pub(crate) fn tidy_title(text: &str, english: bool) -> String {
    let text = text.trim();
    let text = text.strip_suffix('。').unwrap_or(text).trim_end();
    if english {
        return text.to_string();
    }
    match MARKER.find(text) {
        Some(m) => format!("{}{}", m.as_str().trim_end(), text[m.end()..].trim_start()),
        None => text.to_string(),
    }
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
pub(crate) struct Classifier {
    english: bool,
    roman_sections: bool,
    escape: bool,
    units: Vec<Located>,
    pub warnings: Vec<Warning>,
    /// An English report without numbered sections: its short lines in Title Case or
    /// sentence case are them.
    pub title_case_sections: bool,
    /// The number of the last section of each numbering style in use ("一、" then "一．"
    /// inside it), outermost first: sections run 一、二、三 within their style.
    numbering: Vec<(char, u32)>,
    /// The number of the last "（一）" sub-heading of the current section, and of the last
    /// "1．" one under it: one inside running text must be the next of its style.
    last_sub: u32,
    last_number_sub: u32,
    /// Running text of the current paragraph and the line it started on.
    paragraph: Option<(usize, String)>,
}

impl Classifier {
    /// `escape`: the text is plain, so Markdown characters in it must be escaped.
    pub(crate) fn new(english: bool, roman_sections: bool, escape: bool) -> Self {
        Classifier {
            english,
            roman_sections,
            escape,
            units: Vec::new(),
            warnings: Vec::new(),
            title_case_sections: false,
            numbering: Vec::new(),
            last_sub: 0,
            last_number_sub: 0,
            paragraph: None,
        }
    }

    pub(crate) fn finish(mut self) -> (Vec<Located>, Vec<Warning>) {
        self.flush();
        (self.units, self.warnings)
    }

    /// Adds a unit decided elsewhere (a .docx heading style, a table, an image).
    pub(crate) fn push(&mut self, line: usize, unit: Unit) {
        self.flush();
        match &unit {
            Unit::Part(_) => {
                self.numbering.clear();
                self.last_sub = 0;
                self.last_number_sub = 0;
            }
            Unit::Section(title) => {
                if let Some(n) = self.section_number(title) {
                    let style = numbering_style(title);
                    match self.numbering.iter().position(|(s, _)| *s == style) {
                        Some(p) => {
                            self.numbering[p].1 = n;
                            self.numbering.truncate(p + 1);
                        }
                        None => self.numbering.push((style, n)),
                    }
                }
                self.last_sub = 0;
                self.last_number_sub = 0;
            }
            Unit::SubHeading { text, .. } => match sub_number(text) {
                Some((n, true)) => {
                    self.last_sub = n;
                    self.last_number_sub = 0;
                }
                Some((n, false)) => self.last_number_sub = n,
                None => {}
            },
            _ => {}
        }
        self.units.push(Located { line, unit });
    }

    fn started(&self) -> bool {
        !self.units.is_empty() || self.paragraph.is_some()
    }

    /// A paragraph that has formatting (a .docx paragraph with bold runs): `text` decides
    /// whether it is a heading or the title, `markdown` is what a paragraph shows.
    pub(crate) fn formatted_line(&mut self, no: usize, text: &str, markdown: &str) {
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
    pub(crate) fn line(&mut self, no: usize, text: &str) {
        self.joined_line(no, text, &[]);
    }

    /// One logical line of plain text, made of source line `no` and, where `joins` says so
    /// (byte offset, line), of later source lines joined across page breaks.
    pub(super) fn joined_line(&mut self, no: usize, raw: &str, joins: &[(usize, usize)]) {
        if self.english {
            return self.segment(no, raw, joins);
        }
        // Only the next number of its style in the section, heading a short clause ending
        // with 。: "（二）" after "（一）", "2．" after "1．" (which "（二）" starts again).
        let (mut next_paren, mut next_number) = (self.last_sub + 1, self.last_number_sub + 1);
        if starts_heading(raw) {
            // "三、坚持维权服务并重 （一）推进集体协商。…": the section starts the count again.
            (next_paren, next_number) = (1, 1);
        } else {
            match sub_number(raw) {
                Some((n, true)) if n == next_paren => (next_paren, next_number) = (n + 1, 1),
                Some((n, false)) if n == next_number => next_number += 1,
                _ => {}
            }
        }
        let mut start = 0;
        for at in run_in_starts(raw) {
            let head = &raw[at..];
            let short = head
                .find('。')
                .is_some_and(|stop| head[..stop].chars().count() <= MAX_RUN_IN);
            let split = match sub_number(head) {
                Some((n, true)) if short && n == next_paren => {
                    (next_paren, next_number) = (n + 1, 1);
                    true
                }
                Some((n, false)) if short && n == next_number => {
                    next_number += 1;
                    true
                }
                _ => false,
            };
            if split {
                let line = line_at(no, joins, start);
                self.segment(line, &raw[start..at], &shifted(joins, start));
                start = at;
            }
        }
        let line = line_at(no, joins, start);
        self.segment(line, &raw[start..], &shifted(joins, start));
    }

    /// A piece of a line that holds no run-in sub-heading after its start.
    fn segment(&mut self, no: usize, raw: &str, joins: &[(usize, usize)]) {
        let text = raw.trim();
        if text.is_empty() {
            return;
        }
        if let [
            Located {
                unit: Unit::Title(title),
                ..
            },
        ] = self.units.as_mut_slice()
            && self.paragraph.is_none()
            && TITLE_SECOND_LINE.is_match(text)
            && !starts_heading(text)
            && !starts_numbered(text)
            && !is_part_heading(text, self.english)
            && !DATE.is_match(text)
            && text.chars().count() <= 40
        {
            // "Harbourside Women's Centre" / "Annual Report 2019-2020": one title.
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(title.chars().last()) && latin(text.chars().next()) {
                title.push(' ');
            }
            title.push_str(text);
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
                .map(|(start, end)| (line_at(no, joins, start), &raw[start..end]))
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
    pub(crate) fn markdown_heading(&mut self, no: usize, level: usize, text: &str) {
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
        let text = text.trim();
        // "一、完善团组织机构。": a heading may end with a full stop, which it then loses; it
        // must be in sequence, as a list item ending with one usually is not.
        let (text, stop) = match text.strip_suffix('。') {
            Some(core) if !self.english => (core.trim_end(), true),
            _ => (text, false),
        };
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
        let tidy = tidy_title(text, self.english);
        if !stop && is_part_heading(&tidy, self.english) {
            return Some(Heading::Part(tidy));
        }
        if let Some(h) = self.section(no, &tidy, whole_line && !stop) {
            return Some(h);
        }
        if whole_line && !stop && CN_NAMED_SECTION.is_match(&tidy) {
            return Some(Heading::Section(tidy));
        }
        if self.title_case_sections && whole_line && self.started() && is_heading_case(&tidy) {
            return Some(Heading::Section(tidy));
        }
        if stop && !CN_SUB_PAREN_HAN.is_match(&tidy) {
            return None;
        }
        self.sub_heading(&tidy, whole_line)
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
        let style = numbering_style(text);
        let last = self
            .numbering
            .iter()
            .find(|(s, _)| *s == style)
            .map_or(0, |(_, n)| *n);
        let expected = last + 1;
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
        let colon = text.ends_with(['：', ':']) && !CN_SUB_PAREN_HAN.is_match(text);
        if !short || colon {
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
