//! A report page saved from a website (.html, .htm) into styled items. Government CMS pages
//! put the report inside one element among menus, breadcrumbs, a sidebar and a footer: the
//! page is parsed with a real HTML parser (html5ever, through `scraper`), the element holding
//! most of the page's paragraph text is taken as the article (an `<article>` around it is
//! preferred), and only its headings, paragraphs (bold runs kept), lists, tables and images
//! become items. Lines of chrome inside the article — the publication line, "【字体：大 中
//! 小】", "上一篇：…" — are removed by the text rules' patterns and listed by `--dry-run`.
//!
//! The page's encoding is its byte-order mark, else its `<meta charset>`, else UTF-8 when it
//! is valid UTF-8, else GB18030 (the superset of GBK and GB2312 that Chinese sites use).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::Result;
use encoding_rs::{Encoding, GB18030, UTF_8};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::document::{Located, Media, Unit, Warning};
use super::docx::MAX_TOTAL_BYTES;
use super::input::{MAX_INPUT_BYTES, one_line};
use super::media::image_name;
use super::pdf::is_wide;
use super::styled::{self, Item, StyleKind, runs_markdown};
use super::text;

/// What a page gives: units, warnings, images, and a note when it was not UTF-8.
pub(super) struct Page {
    pub units: Vec<Located>,
    pub warnings: Vec<Warning>,
    pub media: Vec<Media>,
    pub note: Option<String>,
}

/// Reads a saved page; `folder` is where it was saved, for the images saved beside it.
pub(super) fn read(bytes: &[u8], folder: &Path) -> Result<Page> {
    let (html, note) = decode(bytes);
    let document = Html::parse_document(&html);
    let mut reader = Reader::default();
    let article = find_article(&document);
    if let Some(title) = page_title(&document, article) {
        reader.items.push(paragraph(
            0,
            title.clone(),
            &[(title, false)],
            StyleKind::Title,
        ));
        reader.has_title = true;
    }
    if let Some(article) = article {
        reader.block(article);
        reader.flush();
    }
    let mut warnings = Vec::new();
    let mut media = Vec::new();
    let mut copied = HashMap::new();
    let mut image = |src: &str| Ok(image_file(src, folder, &mut media, &mut copied));
    let mut units = styled::classify(reader.items, &mut image, &mut warnings)?;
    units.extend(reader.removed.into_iter().map(|(line, text)| Located {
        line,
        unit: Unit::Removed(text),
    }));
    Ok(Page {
        units,
        warnings,
        media,
        note,
    })
}

/// The page as text, and a note when it was converted from another encoding.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    static CHARSET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#).expect("valid")
    });
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let declared = CHARSET
        .captures(&head)
        .and_then(|c| Encoding::for_label(c[1].as_bytes()));
    let encoding = match (Encoding::for_bom(bytes), declared) {
        (Some((encoding, _)), _) => encoding,
        // A page that says UTF-8 but is not is most often a GBK page with a wrong template.
        (None, Some(e)) if e != UTF_8 || std::str::from_utf8(bytes).is_ok() => e,
        (None, _) if std::str::from_utf8(bytes).is_ok() => UTF_8,
        (None, _) => GB18030,
    };
    let (text, _, _) = encoding.decode(bytes);
    let note = (encoding != UTF_8).then(|| format!("converted from {} to UTF-8", encoding.name()));
    (text.into_owned(), note)
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

/// Elements that are never part of the report.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "iframe", "svg", "head",
];

/// The element holding the report: the one with the most text in paragraphs directly inside
/// it, or the `<article>` around that element.
fn find_article(document: &Html) -> Option<ElementRef<'_>> {
    let own_text = |e: &ElementRef| -> usize {
        e.children()
            .map(|child| match child.value() {
                Node::Text(t) => t.trim().chars().count(),
                Node::Element(el)
                    if matches!(el.name(), "p" | "br" | "span" | "font" | "strong" | "b") =>
                {
                    ElementRef::wrap(child)
                        .map_or(0, |c| c.text().map(|t| t.trim().chars().count()).sum())
                }
                _ => 0,
            })
            .sum()
    };
    let best = document
        .select(&selector("body *"))
        .filter(|e| !SKIPPED.contains(&e.value().name()) && !inside_skipped(e))
        .max_by_key(own_text)?;
    let wrapper = best
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "article");
    Some(wrapper.unwrap_or(best))
}

fn inside_skipped(e: &ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        SKIPPED.contains(&a.value().name()) || matches!(a.value().name(), "header" | "footer")
    })
}

/// The report's title: the first `<h1>` of the article, else the page's `<h1>` or title
/// element nearest the article, else the `<title>` without the site's name.
fn page_title(document: &Html, article: Option<ElementRef>) -> Option<String> {
    let text = |e: ElementRef| one_line(&e.text().collect::<String>());
    if article.is_some_and(|a| a.select(&selector("h1")).next().is_some()) {
        return None;
    }
    let h1 = document
        .select(&selector("h1, .title, .article-title, #title"))
        .filter(|e| !inside_skipped(e))
        .map(text)
        .find(|t| !t.is_empty() && t.chars().count() <= 80);
    h1.or_else(|| {
        let title = document.select(&selector("title")).next().map(text)?;
        let first = title
            .split([' ', '_', '|', '-', '–', '—'])
            .find(|t| !t.trim().is_empty())?;
        Some(first.trim().to_string())
    })
}

/// Items read from the article, in order.
#[derive(Default)]
struct Reader {
    items: Vec<Item>,
    /// Runs of the paragraph being read: (text, bold).
    runs: Vec<(String, bool)>,
    removed: Vec<(usize, String)>,
    has_title: bool,
}

impl Reader {
    fn no(&self) -> usize {
        self.items.len() + 1
    }

    /// An element that starts and ends a paragraph of its own, or holds several.
    fn block(&mut self, element: ElementRef) {
        let name = element.value().name();
        if SKIPPED.contains(&name) {
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let plain = one_line(&element.text().collect::<String>());
                // The article's first <h1> is the report's title; headings rank by their tag.
                let style = match name[1..].parse::<u8>().unwrap_or(1) {
                    1 if !self.has_title => StyleKind::Title,
                    level => StyleKind::Heading(level - 1),
                };
                if !plain.is_empty() {
                    self.has_title |= style == StyleKind::Title;
                    let runs = [(plain.clone(), false)];
                    self.items.push(paragraph(self.no(), plain, &runs, style));
                }
            }
            "ul" | "ol" => {
                self.flush();
                let ordered = name == "ol";
                let items = element
                    .child_elements()
                    .filter(|c| c.value().name() == "li");
                for (i, li) in items.enumerate() {
                    self.inline_children(li, false);
                    let marker = if ordered {
                        format!("{}.", i + 1)
                    } else {
                        "-".into()
                    };
                    self.flush_as(Some(marker));
                }
            }
            "table" => {
                self.flush();
                let rows: Vec<Vec<String>> = element
                    .select(&selector("tr"))
                    .map(|tr| {
                        tr.child_elements()
                            .filter(|c| matches!(c.value().name(), "td" | "th"))
                            .map(|c| one_line(&c.text().collect::<String>()))
                            .collect()
                    })
                    .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
                    .collect();
                if !rows.is_empty() {
                    self.items.push(Item::Table {
                        no: self.no(),
                        rows,
                    });
                }
            }
            "img" => self.image(element),
            _ => self.children(element, false),
        }
    }

    /// The children of a block: inline content gathers into paragraphs, blocks break them.
    fn children(&mut self, element: ElementRef, bold: bool) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.push(t, bold),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_inline(child.value().name()) {
                        self.inline(child, bold);
                    } else {
                        self.flush();
                        self.block(child);
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }

    fn inline(&mut self, element: ElementRef, bold: bool) {
        match element.value().name() {
            "br" => self.flush(),
            "img" => self.image(element),
            name if SKIPPED.contains(&name) => {}
            "b" | "strong" => self.children(element, true),
            _ => {
                let style = element.value().attr("style").unwrap_or("");
                let bold = bold || style.replace(' ', "").contains("font-weight:bold");
                self.children(element, bold);
            }
        }
    }

    /// A list item's or cell's content, as inline text even where it holds blocks.
    fn inline_children(&mut self, element: ElementRef, bold: bool) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.push(t, bold),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        let bold = bold || matches!(child.value().name(), "b" | "strong");
                        self.inline_children(child, bold);
                    }
                }
                _ => {}
            }
        }
    }

    /// Adds text with its white space collapsed, as a browser shows it (a line break in the
    /// source between two Chinese characters shows as nothing, so it is dropped).
    fn push(&mut self, raw: &str, bold: bool) {
        let mut piece = String::new();
        if raw.starts_with(char::is_whitespace) {
            piece.push(' ');
        }
        piece.push_str(&one_line(raw));
        if raw.ends_with(char::is_whitespace) && piece.trim() != "" {
            piece.push(' ');
        }
        match self.runs.last_mut() {
            Some((last, b)) if *b == bold || piece.trim().is_empty() => last.push_str(&piece),
            _ => self.runs.push((piece, bold)),
        }
    }

    fn image(&mut self, element: ElementRef) {
        self.flush();
        if let Some(src) = element.value().attr("src") {
            let alt = element.value().attr("alt").unwrap_or("").to_string();
            self.items.push(Item::Image {
                no: self.no(),
                target: src.to_string(),
                alt,
            });
        }
    }

    fn flush(&mut self) {
        self.flush_as(None);
    }

    /// The runs read so far as one paragraph (a list item when `marker` says so).
    fn flush_as(&mut self, marker: Option<String>) {
        let runs: Vec<(String, bool)> = std::mem::take(&mut self.runs)
            .into_iter()
            .map(|(t, b)| (squeeze(&t), b))
            .collect();
        let plain = one_line(&runs.iter().map(|(t, _)| t.as_str()).collect::<String>());
        if plain.is_empty() {
            return;
        }
        if text::is_chrome(&plain) {
            self.removed.push((self.no(), plain));
            return;
        }
        let mut item = paragraph(self.no(), plain, &runs, StyleKind::Normal);
        if let Item::Paragraph { list_marker, .. } = &mut item {
            *list_marker = marker;
        }
        self.items.push(item);
    }
}

/// White space collapsed to single spaces, and none between two CJK characters.
fn squeeze(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let between_wide = before.is_some_and(is_wide) && after.is_some_and(|&a| is_wide(a));
            if !between_wide && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "br"
            | "cite"
            | "code"
            | "em"
            | "font"
            | "i"
            | "img"
            | "label"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
    )
}

fn paragraph(no: usize, plain: String, runs: &[(String, bool)], style: StyleKind) -> Item {
    Item::Paragraph {
        no,
        markdown: runs_markdown(runs),
        plain,
        style,
        list_marker: None,
    }
}

/// Where an image of the page is: a URL stays a link (escaped so the Markdown parses); a
/// file saved beside the page ("report_files/1.jpg") is copied under a safe name, if it is
/// inside the page's folder. `None` leaves the image out.
fn image_file(
    src: &str,
    folder: &Path,
    media: &mut Vec<Media>,
    copied: &mut HashMap<String, String>,
) -> Option<String> {
    let src = src.trim();
    if src.starts_with("http://") || src.starts_with("https://") {
        return Some(escape_url(src));
    }
    if src.starts_with("//") {
        return Some(escape_url(&format!("https:{src}")));
    }
    if let Some(name) = copied.get(src) {
        return Some(name.clone());
    }
    if src.starts_with('/') || src.contains(':') {
        return None;
    }
    let path = local_file(folder, src)?;
    let meta = std::fs::metadata(&path).ok()?;
    // Each image within the input's limit, all of them within the one for a .docx's parts.
    let copied_bytes: u64 = media.iter().map(|m| m.bytes.len() as u64).sum();
    if !meta.is_file()
        || meta.len() > MAX_INPUT_BYTES
        || copied_bytes + meta.len() > MAX_TOTAL_BYTES
    {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    let name = image_name(&percent_decode(src), &bytes, media);
    media.push(Media {
        name: name.clone(),
        bytes,
    });
    copied.insert(src.to_string(), name.clone());
    Some(name)
}

/// `src` (percent-decoded) under `folder`, when it stays inside it.
fn local_file(folder: &Path, src: &str) -> Option<PathBuf> {
    let path = src.split(['?', '#']).next()?;
    let decoded = percent_decode(path);
    let joined = folder.join(decoded);
    let real = joined.canonicalize().ok()?;
    real.starts_with(folder.canonicalize().ok()?)
        .then_some(real)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A URL a Markdown link destination can hold: spaces, parentheses and angle brackets
/// percent-encoded.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in one_line(url).chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_comes_from_the_meta_charset_or_the_bytes() {
        let gbk = GB18030.encode("<meta charset=\"gb2312\"><p>妇联工作</p>").0;
        let (text, note) = decode(&gbk);
        assert!(text.contains("妇联工作"), "{text}");
        assert!(note.expect("a note").contains("GBK"));
        let undeclared = GB18030.encode("<p>妇联工作</p>").0;
        assert!(decode(&undeclared).0.contains("妇联工作"));
        assert_eq!(decode("<p>妇联</p>".as_bytes()).1, None);
    }

    #[test]
    fn urls_are_escaped_for_markdown() {
        assert_eq!(
            escape_url("https://x.org/a b(1).png"),
            "https://x.org/a%20b%281%29.png"
        );
        assert_eq!(percent_decode("a%20b%E5%A6%87"), "a b妇");
    }
}
