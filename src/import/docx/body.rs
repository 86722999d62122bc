//! The body of `document.xml` read into items in order: paragraphs (with their style,
//! number and bold runs as Markdown), tables and images.

use std::collections::HashMap;

use anyhow::{Context, Result};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::styles::{Numbering, Styles};
use super::{attr, local};
use crate::import::input::is_unsafe;
use crate::import::styled::{Item, StyleKind, runs_markdown};
use crate::import::text;

/// Relationship id → target path inside `word/` ("media/image1.png").
pub(super) fn parse_relations(xml: &str) -> Result<HashMap<String, String>> {
    let mut map = HashMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader
            .read_event()
            .context("document.xml.rels is not valid XML")?
        {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    map.insert(id, target);
                }
            }
            _ => {}
        }
    }
    Ok(map)
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    style: Option<String>,
    outline: Option<u8>,
    num: (Option<String>, usize),
    /// Runs as (text, bold).
    runs: Vec<(String, bool)>,
    images: Vec<(String, String)>,
}

/// Reads the body into items, in order. Text inside tables goes into cells; a nested table
/// is flattened into its cell's text. A text box is a paragraph inside a paragraph: it comes
/// out before the paragraph holding it. The fallback copy Word keeps of drawings and text
/// boxes for old readers (`mc:Fallback`) is skipped, or its text would appear twice.
pub(super) fn parse_body(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
    relations: &HashMap<String, String>,
) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut skip_depth = 0usize;
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let (mut in_ppr, mut in_rpr, mut in_text) = (false, false, false);
    let mut bold = false;
    let mut alt = String::new();
    let mut no = 0;
    loop {
        let event = reader
            .read_event()
            .context("word/document.xml is not valid XML")?;
        let empty = matches!(event, Event::Empty(_));
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = local(&e);
                let p = paragraphs.last_mut();
                match (name.as_str(), p) {
                    ("Fallback", _) if !empty => skip_depth = 1,
                    ("p", _) if !empty => paragraphs.push(Paragraph::default()),
                    ("tbl", _) => tables.push(Vec::new()),
                    ("tr", _) => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    ("tc", _) => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                            row.push(String::new());
                        }
                    }
                    ("pPr", _) => in_ppr = !empty,
                    ("rPr", _) => in_rpr = !empty,
                    ("r", _) => bold = false,
                    ("pStyle", Some(p)) if in_ppr => p.style = attr(&e, "val"),
                    ("outlineLvl", Some(p)) if in_ppr => {
                        p.outline = attr(&e, "val").and_then(|v| v.parse().ok());
                    }
                    ("numId", Some(p)) if in_ppr => p.num.0 = attr(&e, "val"),
                    ("ilvl", Some(p)) if in_ppr => {
                        p.num.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    }
                    ("b", _) if in_rpr && !in_ppr => {
                        bold = !matches!(attr(&e, "val").as_deref(), Some("0" | "false"));
                    }
                    ("t", _) => in_text = !empty,
                    ("tab" | "br", Some(p)) if !in_ppr => p.runs.push((" ".into(), bold)),
                    ("docPr", _) => {
                        alt = attr(&e, "descr")
                            .filter(|d| !d.is_empty())
                            .or_else(|| attr(&e, "title"))
                            .unwrap_or_default();
                    }
                    ("blip", Some(p)) => {
                        if let Some(target) = attr(&e, "embed").and_then(|id| relations.get(&id)) {
                            p.images.push((target.clone(), std::mem::take(&mut alt)));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => push_text(paragraphs.last_mut(), &t.xml10_content(), bold),
            Event::CData(t) if in_text => {
                push_text(paragraphs.last_mut(), &t.xml10_content(), bold);
            }
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&r)
                        .unwrap_or_default()
                        .to_string(),
                };
                push_text(paragraphs.last_mut(), &resolved, bold);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "t" => in_text = false,
                "p" => {
                    let Some(p) = paragraphs.pop() else { continue };
                    if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        let text: String = p.runs.iter().map(|(t, _)| t.as_str()).collect();
                        if !cell.is_empty() && !text.trim().is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text.trim());
                    } else {
                        no += 1;
                        finish_paragraph(p, no, styles, numbering, &mut items);
                    }
                }
                "tbl" => {
                    let Some(rows) = tables.pop() else { continue };
                    match tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        Some(cell) => {
                            let flat: Vec<String> = rows.iter().map(|r| r.join(" ")).collect();
                            cell.push_str(&flat.join(" "));
                        }
                        None => {
                            no += 1;
                            items.push(Item::Table { no, rows });
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(items)
}

/// Adds a run's text; a control character (a carriage return typed as `&#13;`, a vertical
/// tab) becomes a space, so no line break reaches a title or a Markdown line.
fn push_text(paragraph: Option<&mut Paragraph>, text: &str, bold: bool) {
    if let Some(p) = paragraph {
        let text: String = text
            .chars()
            .map(|c| if is_unsafe(c) { ' ' } else { c })
            .collect();
        let text = text.as_str();
        match p.runs.last_mut() {
            Some((last, b)) if *b == bold => last.push_str(text),
            _ => p.runs.push((text.to_string(), bold)),
        }
    }
}

fn finish_paragraph(
    p: Paragraph,
    no: usize,
    styles: &Styles,
    numbering: &mut Numbering,
    items: &mut Vec<Item>,
) {
    let style = match (p.outline.filter(|&l| l < 9), &p.style) {
        (Some(level), _) => StyleKind::Heading(level),
        (None, Some(id)) => styles.kind(id),
        (None, None) => styles.kind("Normal"),
    };
    // The paragraph's own numbering, else its style's; numId 0 switches numbering off.
    let num = match (&p.num.0, &p.style) {
        (Some(id), _) => Some((id.clone(), p.num.1)),
        (None, Some(style)) => styles.numbering(style),
        (None, None) => None,
    };
    let label = num
        .filter(|(id, _)| id != "0")
        .and_then(|(id, level)| numbering.next_label(&id, level));
    let plain: String = p.runs.iter().map(|(t, _)| t.as_str()).collect();
    let plain = plain.trim().to_string();
    // Arabic numbers and bullets make a Markdown list; "一、" and "（一）" are headings to find.
    let list_marker = label.clone().filter(|l| {
        style == StyleKind::Normal
            && (l == "-"
                || l.trim_end_matches(['.', ')'])
                    .bytes()
                    .all(|b| b.is_ascii_digit()))
    });
    let prefix = match (&label, &list_marker) {
        (Some(l), None) => l.clone(),
        _ => String::new(),
    };
    if !plain.is_empty() {
        items.push(Item::Paragraph {
            no,
            plain: format!("{prefix}{plain}"),
            markdown: format!("{}{}", text::escape_inline(&prefix), runs_markdown(&p.runs)),
            style,
            list_marker,
        });
    }
    for (target, alt) in p.images {
        items.push(Item::Image { no, target, alt });
    }
}
