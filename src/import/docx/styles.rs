//! What `styles.xml` and `numbering.xml` say about paragraphs: which styles are headings (and
//! at which level), and the number Word shows in front of a numbered paragraph.

use std::collections::HashMap;

use anyhow::{Context, Result};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::{attr, local};
use crate::import::styled::StyleKind;

/// Paragraph styles: which are headings (and at what level) and which is the title.
#[derive(Default)]
pub(super) struct Styles {
    by_id: HashMap<String, StyleDef>,
}

#[derive(Default, Clone)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    /// Numbering the style gives its paragraphs (numId, level): heading styles often
    /// number themselves ("第一章", "一、").
    num_id: Option<String>,
    num_level: Option<usize>,
}

impl Styles {
    pub(super) fn parse(xml: &str) -> Result<Styles> {
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
                    "numId" => {
                        if let Some((_, def)) = &mut current {
                            def.num_id = attr(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, def)) = &mut current {
                            def.num_level = attr(&e, "val").and_then(|v| v.parse().ok());
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

    /// The numbering a style (or one it is based on) gives its paragraphs.
    pub(super) fn numbering(&self, id: &str) -> Option<(String, usize)> {
        let mut id = id.to_string();
        for _ in 0..10 {
            let def = self.by_id.get(&id)?;
            if let Some(num) = &def.num_id {
                return Some((num.clone(), def.num_level.unwrap_or(0)));
            }
            id = def.based_on.clone()?;
        }
        None
    }

    /// What a style makes of a paragraph: by its outline level, else its name ("heading 2",
    /// "标题 2", "Title"), else what it is based on.
    pub(super) fn kind(&self, id: &str) -> StyleKind {
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
pub(super) struct Numbering {
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
    pub(super) fn parse(xml: &str) -> Result<Numbering> {
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
    pub(super) fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
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
<w:style w:type="paragraph" w:styleId="z"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
</w:styles>"#,
        )
        .expect("valid xml");
        assert_eq!(styles.kind("1"), StyleKind::Heading(0));
        assert_eq!(styles.kind("a5"), StyleKind::Heading(1));
        assert_eq!(styles.kind("x"), StyleKind::Heading(1));
        assert_eq!(styles.kind("y"), StyleKind::Heading(2));
        assert_eq!(styles.kind("t"), StyleKind::Title);
        assert_eq!(styles.kind("TOC1"), StyleKind::Contents);
        assert_eq!(styles.numbering("z"), Some(("4".to_string(), 1)));
        assert_eq!(styles.numbering("n"), None);
        assert_eq!(styles.kind("n"), StyleKind::Normal);
        // A style missing from styles.xml is still known by its usual id.
        assert_eq!(styles.kind("Heading3"), StyleKind::Heading(2));
    }
}
