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
const MAX_RUN_IN: usize = 30;

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
    pub(super) fn joined_line(&mut self, no: usize, raw: &str, joins: &[(usize, usize)]) {
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
