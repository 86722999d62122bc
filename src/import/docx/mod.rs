//! Word documents (.docx) into the same units as plain text. A .docx is a zip archive
//! (read with `zip`) of XML parts (read with `quick-xml`): `word/document.xml` holds the
//! paragraphs and tables, `word/styles.xml` says which styles are headings, `numbering.xml`
//! how numbered paragraphs are numbered, and the relationships where images are stored.
//!
//! Styles give the structure where the author used them (Heading 1/2/3, 标题 1/2/3, or an
//! outline level); paragraphs without a heading style go through the same [`Classifier`] as
//! plain text, so "一、…" typed by hand is still a section.

mod body;
mod styles;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use anyhow::{Context, Result};
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use zip::ZipArchive;

use super::document::{Block, Located, Media, Unit, Warning};
use super::text::{self, Classifier};
use body::{Item, parse_body, parse_relations};
use styles::{Numbering, StyleKind, Styles};

/// Reads a .docx: units, warnings, and the images to write beside the sections.
pub(crate) fn read(bytes: &[u8]) -> Result<(Vec<Located>, Vec<Warning>, Vec<Media>)> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).context("it is not a zip archive")?;
    let document = read_part(&mut zip, "word/document.xml")?
        .context("it has no word/document.xml (is it a Word document?)")?;
    let styles = match read_part(&mut zip, "word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let mut numbering = match read_part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let relations = match read_part(&mut zip, "word/_rels/document.xml.rels")? {
        Some(xml) => parse_relations(&xml)?,
        None => HashMap::new(),
    };
    let items = parse_body(&document, &styles, &mut numbering, &relations)?;
    let mut warnings = Vec::new();
    let mut media = Vec::new();
    let units = classify(items, &mut zip, &mut media, &mut warnings);
    Ok((units, warnings, media))
}

fn read_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>> {
    let mut file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {name}")),
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .with_context(|| format!("cannot read {name} as UTF-8 XML"))?;
    Ok(Some(text))
}

fn read_bytes(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut file = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// Items into units: heading styles decide where they are used, the plain-text rules
/// elsewhere.
fn classify(
    items: Vec<Item>,
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    media: &mut Vec<Media>,
    warnings: &mut Vec<Warning>,
) -> Vec<Located> {
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
    let mut images = HashMap::new();
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
            Item::Image { no, target, alt } => {
                match extract_image(zip, &target, media, &mut images) {
                    Some(file) => {
                        let alt = text::escape_inline(&alt);
                        classifier.push(no, Unit::Block(Block::Image { file, alt }));
                    }
                    None => warnings.push(Warning::new(
                        no,
                        format!("image {target} is missing from the document; left out"),
                    )),
                }
            }
        }
    }
    let (units, mut more) = classifier.finish();
    warnings.append(&mut more);
    units
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

/// Copies an image out of the archive once, under its own file name ("image1.png"), and
/// returns that name; `None` when the archive does not have it (an external link).
fn extract_image(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    target: &str,
    media: &mut Vec<Media>,
    extracted: &mut HashMap<String, String>,
) -> Option<String> {
    if let Some(file) = extracted.get(target) {
        return Some(file.clone());
    }
    let path = format!(
        "word/{}",
        target.trim_start_matches('/').trim_start_matches("word/")
    );
    let bytes = read_bytes(zip, &path)?;
    let base = target.rsplit('/').next().unwrap_or("image");
    let mut file = base.to_string();
    let mut n = 2;
    while media.iter().any(|m| m.name == file) {
        file = format!("{n}-{base}");
        n += 1;
    }
    media.push(Media {
        name: file.clone(),
        bytes,
    });
    extracted.insert(target.to_string(), file.clone());
    Some(file)
}
