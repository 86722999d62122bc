//! Documents whose paragraphs carry their structure — Word styles, HTML elements, font sizes
//! in a PDF — into units. This is the one place that decides which styled paragraph is the
//! title, a part, a section or a sub-heading; paragraphs without a heading style go through
//! the same [`Classifier`] as plain text, so "一、…" typed by hand is still a section. The
//! readers ([`super::docx`], [`super::html`], [`super::pdf`]) only produce [`Item`]s.

use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;

use super::document::{Block, Located, Unit, Warning};
use super::input::one_line;
use super::text::{self, Classifier};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum StyleKind {
    Normal,
    Title,
    /// A table-of-contents entry ("TOC 1", "目录 1"): it repeats the headings, so it is left out.
    Contents,
    /// Outline level, 0 for Heading 1.
    Heading(u8),
}

/// A styled document's content, in reading order, before classification.
#[derive(Debug)]
pub(super) enum Item {
    Paragraph {
        no: usize,
        /// The text, with the number Word would show ("一、") in front.
        plain: String,
        /// The same as Markdown: escaped, bold runs as `**…**`.
        markdown: String,
        style: StyleKind,
        /// A bulleted or Arabic-numbered list item: kept as a Markdown list item.
        list_marker: Option<String>,
    },
    Table {
        no: usize,
        rows: Vec<Vec<String>>,
    },
    Image {
        no: usize,
        target: String,
        alt: String,
    },
}

/// A paragraph that starts with a heading number: "一、", "（一）", "1．", "1、".
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[．.、])",
    )
    .expect("valid")
});

/// Items into units: heading styles decide where they are used, the plain-text rules
/// elsewhere.
///
/// `image` turns an image's target into the file name it is written under (`None` when the
/// document does not hold it).
pub(super) fn classify(
    items: Vec<Item>,
    image: &mut dyn FnMut(&str) -> Result<Option<String>>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Located>> {
    let all_text: String = items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph { plain, .. } => Some(plain.as_str()),
            _ => None,
        })
        .collect();
    let english = text::is_english(&all_text);
    let is_part = |t: &str| text::is_part_heading(t, english);
    let (title_no, section_level) = heading_levels(&items, &is_part);
    let mut classifier = Classifier::new(english, false, true);
    for item in items {
        match item {
            Item::Paragraph {
                no,
                plain,
                markdown,
                style,
                list_marker,
            } => match style {
                _ if title_no == Some(no) => classifier.push(no, Unit::Title(plain)),
                StyleKind::Contents => {}
                StyleKind::Title => classifier.push(no, Unit::Title(plain)),
                StyleKind::Heading(_) if is_part(&plain) => {
                    classifier.push(no, Unit::Part(text::tidy_title(&plain, english)));
                }
                StyleKind::Heading(level) => {
                    let section_level = section_level.unwrap_or(level);
                    let plain = text::tidy_title(&plain, english);
                    let unit = if level <= section_level {
                        Unit::Section(plain)
                    } else {
                        Unit::SubHeading {
                            rank: level - section_level,
                            text: text::escape_inline(&plain),
                        }
                    };
                    classifier.push(no, unit);
                }
                StyleKind::Normal => match list_marker {
                    Some(marker) => {
                        let item = format!("{marker} {markdown}");
                        classifier.push(no, Unit::Block(Block::Paragraph(item)));
                    }
                    // Without formatting, the plain-text rules apply in full (run-in headings);
                    // so they do when the formatting is a numbered heading run in in bold
                    // ("**（一）深化理想信念教育。**开展……"): the heading becomes a heading.
                    None if markdown == text::escape_markdown(&plain)
                        || (markdown.find("**").is_some_and(|i| i <= 3)
                            && NUMBERED.is_match(&plain)) =>
                    {
                        classifier.line(no, &plain);
                    }
                    None => classifier.formatted_line(no, &plain, &markdown),
                },
            },
            Item::Table { no, rows } => {
                let rows = rows
                    .iter()
                    .map(|r| r.iter().map(|c| text::escape_inline(c)).collect())
                    .collect();
                classifier.push(no, Unit::Block(Block::Table(rows)));
            }
            Item::Image { no, target, alt } => match image(&target)? {
                Some(file) => {
                    let alt = text::escape_inline(&one_line(&alt));
                    classifier.push(no, Unit::Block(Block::Image { file, alt }));
                }
                None => warnings.push(Warning::new(
                    no,
                    format!("image {target} is missing from the document; left out"),
                )),
            },
        }
    }
    let (units, mut more) = classifier.finish();
    warnings.append(&mut more);
    Ok(units)
}

/// Which heading paragraph is the title, and which outline level the sections use: the
/// shallowest level of headings that are not parts — except a lone shallower heading at the
/// very top, which is the title (a document "Heading 1: report title, Heading 2: sections").
fn heading_levels(items: &[Item], is_part: &dyn Fn(&str) -> bool) -> (Option<usize>, Option<u8>) {
    let levels: Vec<u8> = items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph {
                style: StyleKind::Heading(l),
                plain,
                ..
            } if !is_part(plain) => Some(*l),
            _ => None,
        })
        .collect();
    let title_no = match items.iter().find(|i| matches!(i, Item::Paragraph { .. })) {
        Some(Item::Paragraph {
            no,
            style: StyleKind::Heading(first),
            plain,
            ..
        }) if !is_part(plain)
            && levels.len() > 1
            && levels.iter().filter(|l| *l <= first).count() == 1 =>
        {
            Some(*no)
        }
        _ => None,
    };
    // The title, when it is a heading, is the first entry of `levels`.
    let skip = usize::from(title_no.is_some());
    (title_no, levels.iter().skip(skip).min().copied())
}

/// Runs as Markdown: escaped text, bold runs in `**`. Punctuation at the edges of a bold run
/// is moved outside it, because CommonMark does not close `**一是……**` followed by a
/// Chinese character.
pub(super) fn runs_markdown(runs: &[(String, bool)]) -> String {
    let mut out = String::new();
    for (i, (text, bold)) in runs.iter().enumerate() {
        let text = if i == 0 { text.trim_start() } else { text };
        let text = if i + 1 == runs.len() {
            text.trim_end()
        } else {
            text
        };
        let core = text.trim_matches(|c: char| c.is_whitespace() || is_punctuation(c));
        if !bold || core.is_empty() {
            out.push_str(&text::escape_inline(text));
            continue;
        }
        let start = text.find(core).unwrap_or(0);
        let (lead, rest) = text.split_at(start);
        let (core, trail) = rest.split_at(core.len());
        out.push_str(&text::escape_inline(lead));
        out.push_str("**");
        out.push_str(&text::escape_inline(core));
        out.push_str("**");
        out.push_str(&text::escape_inline(trail));
    }
    text::escape_line_start(&out)
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "，。、；：！？…—“”‘’（）《》【】".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_runs_keep_punctuation_outside_the_markers() {
        let runs = |r: &[(&str, bool)]| -> Vec<(String, bool)> {
            r.iter().map(|&(t, b)| (t.to_string(), b)).collect()
        };
        assert_eq!(
            runs_markdown(&runs(&[("一是……", true), ("加强学习。", false)])),
            "**一是**……加强学习。"
        );
        assert_eq!(
            runs_markdown(&runs(&[("“巾帼建功”活动", true), ("。", false)])),
            "“**巾帼建功”活动**。"
        );
        assert_eq!(
            runs_markdown(&runs(&[("1. 不是列表", false)])),
            "1\\. 不是列表"
        );
    }
}
