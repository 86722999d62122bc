//! Word documents (.docx) into the same units as plain text. A .docx is a zip archive
//! (read with `zip`) of XML parts (read with `quick-xml`): `word/document.xml` holds the
//! paragraphs and tables, `word/styles.xml` says which styles are headings, `numbering.xml`
//! how numbered paragraphs are numbered, and the relationships where images are stored.
//!
//! Styles give the structure where the author used them (Heading 1/2/3, 标题 1/2/3, or an
//! outline level); paragraphs without a heading style go through the same [`Classifier`] as
//! plain text, so "一、…" typed by hand is still a section.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use anyhow::{Context, Result};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use zip::ZipArchive;

use super::document::{Block, Located, Media, Unit, Warning};
use super::text::{self, Classifier};

/// What the body of a .docx holds, in order, before classification.
#[derive(Debug)]
enum Item {
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum StyleKind {
    Normal,
    Title,
    /// A table-of-contents entry ("TOC 1", "目录 1"): it repeats the headings, so it is left out.
    Contents,
    /// Outline level, 0 for Heading 1.
    Heading(u8),
}

/// Reads a .docx: units, warnings, and the images to write beside the sections.
pub fn read(bytes: &[u8]) -> Result<(Vec<Located>, Vec<Warning>, Vec<Media>)> {
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

/// Paragraph styles: which are headings (and at what level) and which is the title.
#[derive(Default)]
struct Styles {
    by_id: HashMap<String, StyleDef>,
}

#[derive(Default, Clone)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles> {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, StyleDef)> = None;
        loop {
            match reader.read_event().context("styles.xml is not valid XML")? {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                    "style" if attr(&e, "type").as_deref() == Some("paragraph") => {
                        current = attr(&e, "styleId").map(|id| (id, StyleDef::default()));
                    }
                    "name" => {
                        if let Some((_, def)) = &mut current {
                            def.name = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "basedOn" => {
                        if let Some((_, def)) = &mut current {
                            def.based_on = attr(&e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, def)) = &mut current {
                            def.outline = attr(&e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, def)) = current.take() {
                        styles.by_id.insert(id, def);
                    }
                }
                _ => {}
            }
        }
        Ok(styles)
    }

    /// What a style makes of a paragraph: by its outline level, else its name ("heading 2",
    /// "标题 2", "Title"), else what it is based on.
    fn kind(&self, id: &str) -> StyleKind {
        let mut id = id.to_string();
        for _ in 0..10 {
            let def = self.by_id.get(&id).cloned().unwrap_or_default();
            let name = if def.name.is_empty() {
                id.clone()
            } else {
                def.name.to_lowercase()
            };
            if let Some(level) = def.outline.filter(|&l| l < 9) {
                return StyleKind::Heading(level);
            }
            let name = name.to_lowercase();
            if name == "title" || name == "标题" {
                return StyleKind::Title;
            }
            if name.starts_with("toc") || name.starts_with("目录") {
                return StyleKind::Contents;
            }
            for prefix in ["heading", "标题"] {
                if let Some(n) = name.strip_prefix(prefix)
                    && let Ok(n) = n.trim().parse::<u8>()
                    && (1..=9).contains(&n)
                {
                    return StyleKind::Heading(n - 1);
                }
            }
            match def.based_on {
                Some(base) => id = base,
                None => break,
            }
        }
        StyleKind::Normal
    }
}

/// Numbered paragraphs: how each list level is numbered, and the running counters.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId → levels.
    formats: HashMap<String, Vec<LevelFormat>>,
    counters: HashMap<String, [u32; 9]>,
}

#[derive(Default, Clone)]
struct LevelFormat {
    format: String,
    text: String,
    start: u32,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut num_id: Option<String> = None;
        loop {
            match reader
                .read_event()
                .context("numbering.xml is not valid XML")?
            {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "lvl" => level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "num" => num_id = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(num), Some(val)) = (&num_id, attr(&e, "val")) {
                            numbering.nums.insert(num.clone(), val);
                        }
                    }
                    name @ ("numFmt" | "lvlText" | "start") => {
                        if let (Some(id), Some(l)) = (&abstract_id, level)
                            && l < 9
                        {
                            let levels = numbering.formats.entry(id.clone()).or_default();
                            if levels.len() <= l {
                                levels.resize(l + 1, LevelFormat::default());
                            }
                            let value = attr(&e, "val").unwrap_or_default();
                            match name {
                                "numFmt" => levels[l].format = value,
                                "lvlText" => levels[l].text = value,
                                _ => levels[l].start = value.parse().unwrap_or(1),
                            }
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "abstractNum" => abstract_id = None,
                Event::End(e) if e.local_name().as_ref() == "num" => num_id = None,
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The label Word shows for the next paragraph numbered `num_id` at `level` ("一、",
    /// "（二）", "3.", "•"), counting on.
    fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let abstract_id = self.nums.get(num_id)?.clone();
        let formats = self.formats.get(&abstract_id)?;
        let format = formats.get(level)?.clone();
        let counters = self.counters.entry(abstract_id).or_insert([0; 9]);
        if level >= 9 {
            return None;
        }
        counters[level] = if counters[level] == 0 {
            format.start.max(1)
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        if format.format == "bullet" {
            return Some("-".into());
        }
        let mut label = format.text.clone();
        for (l, f) in formats.iter().enumerate().take(level + 1) {
            let value = counters[l].max(1);
            label = label.replace(&format!("%{}", l + 1), &format_number(value, &f.format));
        }
        Some(label)
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "chineseLegalSimplified" => chinese(n),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(n).to_string(),
        "lowerLetter" => letter(n).to_ascii_lowercase().to_string(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n > 10 {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if !n.is_multiple_of(10) {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
        ),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, digits) in [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn letter(n: u32) -> char {
    char::from(b'A' + ((n.max(1) - 1) % 26) as u8)
}

/// Relationship id → target path inside `word/` ("media/image1.png").
fn parse_relations(xml: &str) -> Result<HashMap<String, String>> {
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
fn parse_body(
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

fn push_text(paragraph: Option<&mut Paragraph>, text: &str, bold: bool) {
    if let Some(p) = paragraph {
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
    let label = p
        .num
        .0
        .as_deref()
        .and_then(|id| numbering.next_label(id, p.num.1));
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

/// Runs as Markdown: escaped text, bold runs in `**`. Punctuation at the edges of a bold run
/// is moved outside it, because CommonMark does not close `**一是……**` followed by a
/// Chinese character.
fn runs_markdown(runs: &[(String, bool)]) -> String {
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

/// Items into units: heading styles decide where they are used, the plain-text rules
/// elsewhere. The shallowest heading level used for non-part headings is the section level;
/// a lone shallower heading at the very top is the title.
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
    let mut title_no = None;
    if let Some(Item::Paragraph {
        no,
        style: StyleKind::Heading(first),
        plain,
        ..
    }) = items.iter().find(|i| matches!(i, Item::Paragraph { .. }))
        && !is_part(plain)
        && levels.iter().filter(|l| *l <= first).count() == 1
        && levels.len() > 1
    {
        title_no = Some(*no);
    }
    // The title, when it is a heading, is the first entry of `levels`.
    let skip = usize::from(title_no.is_some());
    let section_level = levels.iter().skip(skip).min().copied();

    let mut classifier = Classifier::new(english, false, true);
    let mut names = std::collections::HashSet::new();
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
                let path = format!(
                    "word/{}",
                    target.trim_start_matches('/').trim_start_matches("word/")
                );
                let Some(bytes) = read_bytes(zip, &path) else {
                    warnings.push(Warning::new(
                        no,
                        format!("image {target} is missing from the document"),
                    ));
                    continue;
                };
                let base = target.rsplit('/').next().unwrap_or("image").to_string();
                let mut file = base.clone();
                let mut n = 2;
                while !names.insert(file.clone()) {
                    file = format!("{n}-{base}");
                    n += 1;
                }
                media.push(Media {
                    name: file.clone(),
                    bytes,
                });
                let alt = text::escape_inline(&alt);
                classifier.push(no, Unit::Block(Block::Image { file, alt }));
            }
        }
    }
    let (units, mut more) = classifier.finish();
    warnings.append(&mut more);
    if units.is_empty() {
        warnings.push(Warning::new(1, "the document has no text"));
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_as_word_shows_them() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(20, "chineseCounting"), "二十");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    #[test]
    fn numbering_counts_per_level_and_restarts_deeper_levels() {
        let mut numbering = Numbering::parse(
            r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#,
        )
        .expect("valid xml");
        let mut label = |level| numbering.next_label("5", level);
        assert_eq!(label(0).as_deref(), Some("一、"));
        assert_eq!(label(1).as_deref(), Some("（一）"));
        assert_eq!(label(1).as_deref(), Some("（二）"));
        assert_eq!(label(0).as_deref(), Some("二、"));
        assert_eq!(label(1).as_deref(), Some("（一）"));
        assert_eq!(numbering.next_label("9", 0), None);
    }

    #[test]
    fn heading_styles_are_found_by_outline_name_or_base() {
        let styles = Styles::parse(
            r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/></w:style>
<w:style w:type="paragraph" w:styleId="x"><w:name w:val="My Heading"/><w:basedOn w:val="a5"/></w:style>
<w:style w:type="paragraph" w:styleId="y"><w:name w:val="Chapter"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="t"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="n"><w:name w:val="Normal"/></w:style>
</w:styles>"#,
        )
        .expect("valid xml");
        assert_eq!(styles.kind("1"), StyleKind::Heading(0));
        assert_eq!(styles.kind("a5"), StyleKind::Heading(1));
        assert_eq!(styles.kind("x"), StyleKind::Heading(1));
        assert_eq!(styles.kind("y"), StyleKind::Heading(2));
        assert_eq!(styles.kind("t"), StyleKind::Title);
        assert_eq!(styles.kind("TOC1"), StyleKind::Contents);
        assert_eq!(styles.kind("n"), StyleKind::Normal);
        // A style missing from styles.xml is still known by its usual id.
        assert_eq!(styles.kind("Heading3"), StyleKind::Heading(2));
    }

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
