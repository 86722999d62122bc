//! The text of the files an import writes: `_index.md` and `NN-name.md`, front matter with
//! only the keys gazette accepts (anything guessed carries a `# TODO` comment) and the body
//! as Markdown.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use super::document::{Block, Section};
use super::figures::Proposal;
use crate::date::Date;
use crate::front_matter::{Decimal, FrontMatter};
use crate::slug;

/// Words of the placeholders, in the report's language.
pub(crate) struct Words {
    /// What stands where a value is missing, visible on the built page until it is filled in.
    pub todo: &'static str,
    /// The title of the untitled text before a part's first section.
    pub intro_title: &'static str,
}

pub(crate) const CHINESE: Words = Words {
    todo: "（待补充）",
    intro_title: "概述",
};
pub(crate) const ENGLISH: Words = Words {
    todo: "(to be written)",
    intro_title: "Overview",
};

/// What `_index.md` says.
pub(crate) struct ReportFront<'a> {
    pub title: Option<&'a str>,
    /// The title when none was found (the file name).
    pub title_fallback: &'a str,
    pub date: Date,
    /// What about the date was guessed, if anything.
    pub date_note: Option<&'a str>,
    /// The site's organization, if it has one.
    pub organization: Option<&'a str>,
    pub words: &'a Words,
    pub intro: &'a [Block],
    /// Figures found in the text, written as a commented block.
    pub figures: &'a [Proposal],
}

pub(super) fn index_file(front: &ReportFront) -> String {
    let mut out = FrontMatter::new();
    match front.title {
        Some(title) => out.text("title", title, None),
        None => out.text(
            "title",
            front.title_fallback,
            Some("TODO: check — no title found, taken from the file name"),
        ),
    }
    let date_note = front.date_note.map(|n| format!("TODO: check — {n}"));
    out.plain("date", front.date, date_note.as_deref());
    match front.organization {
        Some(org) => out.text(
            "organization",
            org,
            Some("TODO: check — taken from site.yaml"),
        ),
        None => out.text("organization", front.words.todo, Some("TODO: fill in")),
    }
    out.text(
        "summary",
        front.words.todo,
        Some("TODO: one or two sentences for the report page and its description"),
    );
    commented_figures(&mut out, front.figures);
    let mut out = out.finish();
    push_body(&mut out, front.intro);
    out
}

/// A section file; `title` is the section's title or the placeholder of an untitled one.
pub(super) fn section_file(
    section: &Section,
    title: &str,
    weight: usize,
    part: Option<&str>,
) -> String {
    let mut out = FrontMatter::new();
    let note = section
        .title
        .is_none()
        .then_some("TODO: check — untitled text before the part's first section");
    out.text("title", title, note);
    out.plain("weight", weight, None);
    if let Some(part) = part {
        out.text("part", part, None);
    }
    let mut out = out.finish();
    push_body(&mut out, &section.blocks);
    out
}

/// Says what the commented `figures:` block is; kept on its line when the block is uncommented.
const FIGURES_NOTE: &str = "TODO: check — found in the text by import; to publish them, check each against its note, then remove the \"# \" at the start of these lines";

/// Figures proposed from the text, as a block every line of which is a comment until the
/// user removes its leading "# ": written by the same writer as every other key, so a name
/// holding ":", "#", quotes or a line break stays one quoted value on its line.
fn commented_figures(out: &mut FrontMatter, figures: &[Proposal]) {
    if figures.is_empty() {
        return;
    }
    let mut block = FrontMatter::nested();
    for figure in figures {
        block.text("  - name", &figure.name, None);
        block.plain("    value", Decimal(&figure.value), None);
        if let Some(unit) = &figure.unit {
            block.text("    unit", unit, None);
        }
        if let Some(section) = &figure.section {
            block.text("    section", section, None);
        }
        if let Some(note) = &figure.note {
            block.text("    note", note, None);
        }
    }
    out.commented("figures", FIGURES_NOTE, block);
}

fn push_body(out: &mut String, blocks: &[Block]) {
    if !blocks.is_empty() {
        out.push('\n');
        out.push_str(&render_blocks(blocks));
    }
}

/// Names section files in order: `01-section-1.md` for a Chinese title (ASCII is nicer in
/// URLs than a Chinese slug, and pinyin would need a dictionary), `01-membership.md` for an
/// English one. The `NN-` prefix has as many digits as the last number needs (at least two).
pub(crate) struct FileNames {
    width: usize,
    count: usize,
    used: HashSet<String>,
}

impl FileNames {
    pub(crate) fn new(total: usize) -> Self {
        FileNames {
            width: total.to_string().len().max(2),
            count: 0,
            used: HashSet::new(),
        }
    }

    pub(crate) fn next(&mut self, title: &str) -> String {
        static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)^(?:(?:part|chapter)\s+\S+|[IVXLC]+\.|\d+(?:\.\d+)*\.?)\s*[:.\-–—]?\s*",
            )
            .expect("valid")
        });
        self.count += 1;
        let n = self.count;
        let words = slug::slugify(&NUMBER.replace(title, ""));
        let mut stem = if !words.is_empty() && words.is_ascii() {
            cut_at_dash(&words, 40).to_string()
        } else {
            format!("section-{n}")
        };
        if !self.used.insert(stem.clone()) {
            stem = format!("{stem}-{n}");
            self.used.insert(stem.clone());
        }
        format!("{n:0width$}-{stem}.md", width = self.width)
    }
}

/// At most `max` bytes of an ASCII slug, cut at a word boundary when possible.
fn cut_at_dash(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    match slug[..max].rfind('-') {
        Some(i) if i > 0 => &slug[..i],
        _ => &slug[..max],
    }
}

fn render_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for block in blocks {
        // Blocks are separated by a blank line, except list items of one list, which would
        // otherwise make a loose list (a paragraph per item).
        if previous.is_some_and(|p| !(is_list_item(p) && is_list_item(block))) {
            out.push('\n');
        }
        match block {
            Block::Paragraph(t) => out.push_str(t),
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(*level as usize));
                out.push(' ');
                out.push_str(text);
            }
            Block::Table(rows) => out.push_str(&render_table(rows)),
            Block::Image { file, alt } => {
                let _ = write!(out, "![{alt}]({file})");
            }
        }
        out.push('\n');
        previous = Some(block);
    }
    out
}

/// A paragraph that is a Markdown list item ("- x", "1. x"); plain text starting like one
/// was escaped when it was read, so this only sees real list items.
fn is_list_item(block: &Block) -> bool {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:[-*+]|\d{1,9}[.)])\s").expect("valid"));
    matches!(block, Block::Paragraph(t) if ITEM.is_match(t))
}

/// A Markdown table; the first row is the header, short rows are padded.
fn render_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..columns {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            let _ = write!(out, " {} |", cell.replace('|', "\\|").replace('\n', " "));
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(columns));
            out.push('\n');
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_titles_get_numbered_names_and_english_ones_their_words() {
        let mut names = FileNames::new(3);
        assert_eq!(names.next("一、围绕时代主题"), "01-section-1.md");
        assert_eq!(
            names.next("2. Community events and the winter market of the association"),
            "02-community-events-and-the-winter-market.md"
        );
        assert_eq!(
            names.next("III. Community events and the winter market"),
            "03-community-events-and-the-winter-market-3.md"
        );
        let mut many = FileNames::new(120);
        assert_eq!(many.next("Overview"), "001-overview.md");
    }

    #[test]
    fn the_index_marks_what_was_guessed() {
        let intro = [Block::Paragraph("导语。".into())];
        let text = index_file(&ReportFront {
            title: Some("报告: \"年度\""),
            title_fallback: "file",
            date: Date {
                year: 2013,
                month: 12,
                day: 31,
            },
            date_note: Some("the day is a guess"),
            organization: None,
            words: &CHINESE,
            intro: &intro,
            figures: &[],
        });
        assert_eq!(
            text,
            "---\n\
             title: \"报告: \\\"年度\\\"\"\n\
             date: 2013-12-31  # TODO: check — the day is a guess\n\
             organization: \"（待补充）\"  # TODO: fill in\n\
             summary: \"（待补充）\"  # TODO: one or two sentences for the report page and its description\n\
             ---\n\
             \n\
             导语。\n"
        );
    }

    #[test]
    fn blocks_become_markdown() {
        let blocks = [
            Block::Heading {
                level: 3,
                text: "（一）小标题".into(),
            },
            Block::Paragraph("- 甲".into()),
            Block::Paragraph("- 乙".into()),
            Block::Table(vec![vec!["项目".into(), "数量".into()], vec!["a|b".into()]]),
            Block::Image {
                file: "image1.png".into(),
                alt: "照片".into(),
            },
        ];
        assert_eq!(
            render_blocks(&blocks),
            "### （一）小标题\n\n- 甲\n- 乙\n\n| 项目 | 数量 |\n| --- | --- |\n| a\\|b |  |\n\n![照片](image1.png)\n"
        );
    }
}
