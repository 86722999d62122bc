//! Documents whose paragraphs carry their structure — Word styles, HTML elements, font sizes
//! in a PDF — into units. This is the one place that decides which styled paragraph is the
//! title, a part, a section or a sub-heading; paragraphs without a heading style go through
//! the same [`Classifier`] as plain text, so "一、…" typed by hand is still a section. The
//! readers ([`super::docx`], [`super::html`], [`super::pdf`]) only produce [`Item`]s.

use anyhow::Result;

use super::document::{Block, Located, Unit, Warning};
use super::input::one_line;
use super::text::{self, Classifier};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StyleKind {
    Normal,
    Title,
    /// A table-of-contents entry ("TOC 1", "目录 1"): it repeats the headings, so it is left out.
    Contents,
    /// Outline level, 0 for Heading 1.
    Heading(u8),
}

/// A styled document's content, in reading order, before classification.
#[derive(Debug)]
pub enum Item {
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

/// Items into units: heading styles decide where they are used, the plain-text rules
/// elsewhere.
///
/// `image` turns an image's target into the file name it is written under (`None` when the
/// document does not hold it).
pub fn classify(
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
                StyleKind::Heading(_) if is_part(&plain) => classifier.push(no, Unit::Part(plain)),
                StyleKind::Heading(level) => {
                    let section_level = section_level.unwrap_or(level);
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
                    // Without formatting, the plain-text rules apply in full (run-in headings).
                    None if markdown == text::escape_markdown(&plain) => {
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
