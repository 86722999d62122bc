//! Text PDFs into styled items, read through poppler's `pdftotext -bbox-layout`: every line of
//! every page with its position and height. Measured on the corpus's Chromium PDFs (Noto CJK
//! fonts), pdftotext gives the ideographs themselves where the pure-Rust `pdf-extract` gives
//! look-alike Kangxi radicals for one character in eight ("⼀、" for "一、", "妇⼥" for "妇女"),
//! and its positions let the page furniture and the paragraphs be found by layout rather
//! than guessed from text:
//!
//! - running headers and footers are lines in the top or bottom band of the page that repeat
//!   (digits aside) on other pages, or page numbers ("— 3 —", "第3页 共8页", "Page 2 of 6");
//! - lines join into a paragraph until one is indented, set in another size, further below
//!   than the usual line spacing, or the line before ended short of the right margin — across
//!   page breaks too;
//! - lines set larger than the body text are headings, ranked by size; everything else goes
//!   through the plain-text rules in [`super::styled`].

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;

use anyhow::{Context, Result, bail};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::document::{Located, Unit, Warning};
use super::input::one_line;
use super::styled::{self, Item, StyleKind};
use super::{text, tools};

/// Reads the PDF at `path` into units.
pub(super) fn read(path: &Path) -> Result<(Vec<Located>, Vec<Warning>)> {
    let xml = pdftotext(path)?;
    let mut pages = parse_layout(&xml)?;
    if pages.iter().all(|p| p.lines.is_empty()) {
        bail!(
            "this PDF has no text layer (its pages are scanned images); make it searchable with OCR (ocrmypdf, or \"Recognize text\" in a PDF editor), or import the Word file it was made from"
        );
    }
    let removed = strip_furniture(&mut pages);
    let items = paragraphs(&pages);
    let mut warnings = Vec::new();
    let mut units = styled::classify(items, &mut |_| Ok(None), &mut warnings)?;
    units.extend(removed.into_iter().map(|(page, text)| Located {
        line: page,
        unit: Unit::Removed(text),
    }));
    Ok((units, warnings))
}

/// Runs `pdftotext -bbox-layout` and returns its XHTML.
fn pdftotext(path: &Path) -> Result<String> {
    let args = [
        OsStr::new("-bbox-layout"),
        OsStr::new("-enc"),
        OsStr::new("UTF-8"),
        path.as_os_str(),
        OsStr::new("-"),
    ];
    let out = tools::run(
        "pdftotext",
        &args,
        "reading a PDF needs poppler's pdftotext: `apt-get install poppler-utils` (Debian, Ubuntu) or `brew install poppler` (macOS)",
        "it is not a PDF that can be read",
    )?;
    String::from_utf8(out).context("pdftotext's output is not UTF-8")
}

#[derive(Debug, Default)]
struct Page {
    height: f32,
    lines: Vec<Line>,
}

#[derive(Debug, Clone, Default)]
struct Line {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

impl Line {
    fn size(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// Pages and their lines, in pdftotext's reading order.
fn parse_layout(xml: &str) -> Result<Vec<Page>> {
    let mut pages: Vec<Page> = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut in_word = false;
    let number = |e: &quick_xml::events::BytesStart, name: &str| -> f32 {
        super::docx::attr(e, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    loop {
        match reader
            .read_event()
            .context("pdftotext's layout is not valid XML")?
        {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "page" => pages.push(Page {
                    height: number(&e, "height"),
                    lines: Vec::new(),
                }),
                "line" => {
                    if let Some(page) = pages.last_mut() {
                        page.lines.push(Line {
                            x0: number(&e, "xMin"),
                            y0: number(&e, "yMin"),
                            x1: number(&e, "xMax"),
                            y1: number(&e, "yMax"),
                            text: String::new(),
                        });
                    }
                }
                "word" => in_word = true,
                _ => {}
            },
            Event::Text(t) if in_word => {
                let word = t.xml10_content();
                push_word(pages.last_mut(), &word);
            }
            Event::GeneralRef(r) if in_word => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or_default()
                        .to_string(),
                };
                if let Some(line) = pages.last_mut().and_then(|p| p.lines.last_mut()) {
                    line.text.push_str(&resolved);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                in_word = false;
                if let Some(line) = pages.last_mut().and_then(|p| p.lines.last_mut()) {
                    line.text.push('\u{0}');
                }
            }
            _ => {}
        }
    }
    for page in &mut pages {
        page.lines.retain_mut(|line| {
            line.text = join_words(&line.text);
            !line.text.is_empty()
        });
    }
    Ok(pages)
}

fn push_word(page: Option<&mut Page>, word: &str) {
    if let Some(line) = page.and_then(|p| p.lines.last_mut()) {
        line.text.push_str(word);
    }
}

/// Words (ended by NUL) into a line: a space between them, except between two CJK
/// characters or a CJK character and a digit, which a PDF sometimes sets apart ("服务站 点",
/// "2019 年").
fn join_words(marked: &str) -> String {
    let mut out = String::new();
    for word in marked
        .split('\u{0}')
        .map(one_line)
        .filter(|w| !w.is_empty())
    {
        let (Some(before), Some(after)) = (out.chars().last(), word.chars().next()) else {
            out.push_str(&word);
            continue;
        };
        let glued = (is_wide(before) || before.is_ascii_digit())
            && (is_wide(after) || after.is_ascii_digit())
            && (is_wide(before) || is_wide(after));
        if !glued {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// A character set without spaces around it: CJK ideographs, kana, full-width punctuation.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’' | '—' | '…')
}

/// Removes running headers and footers and page numbers; returns them with their page.
fn strip_furniture(pages: &mut [Page]) -> Vec<(usize, String)> {
    let key = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let in_band = |height: f32, line: &Line| line.y1 < height * 0.12 || line.y0 > height * 0.88;
    let mut pages_with: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = page
            .lines
            .iter()
            .filter(|l| in_band(page.height, l))
            .map(|l| key(&l.text))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *pages_with.entry(k).or_default() += 1;
        }
    }
    let mut removed = Vec::new();
    for (n, page) in pages.iter_mut().enumerate() {
        let height = page.height;
        page.lines.retain(|line| {
            let furniture = in_band(height, line)
                && (pages_with.get(&key(&line.text)).is_some_and(|&c| c >= 2)
                    || text::is_page_number(&line.text));
            if furniture {
                removed.push((n + 1, line.text.clone()));
            }
            !furniture
        });
    }
    removed
}

/// The lines of all pages as paragraphs: see the module comment for where one ends.
fn paragraphs(pages: &[Page]) -> Vec<Item> {
    let lines: Vec<(usize, &Line)> = pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.lines.iter().map(move |l| (n, l)))
        .collect();
    let Some(metrics) = Metrics::of(lines.iter().map(|(_, l)| *l)) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    let mut current: Vec<&Line> = Vec::new();
    for (i, &(page, line)) in lines.iter().enumerate() {
        let starts = match i.checked_sub(1).map(|j| lines[j]) {
            None => true,
            Some((prev_page, prev)) if metrics.is_heading(line) => {
                // A heading's lines are short and spaced by its own size.
                prev_page != page
                    || !close(prev.size(), line.size())
                    || line.y0 - prev.y0 > line.size() * 1.4
            }
            Some((prev_page, prev)) => {
                let same_page = prev_page == page;
                !metrics.same_size(prev, line)
                    || line.x0 > metrics.left + 0.8 * metrics.em
                    || ends_short(prev, line, metrics.right)
                    || (same_page && line.y0 - prev.y0 > metrics.step * 1.15)
            }
        };
        if starts && !current.is_empty() {
            items.push(metrics.item(&current, items.len() + 1));
            current.clear();
        }
        current.push(line);
    }
    if !current.is_empty() {
        items.push(metrics.item(&current, items.len() + 1));
    }
    items
}

/// Whether `prev` ended short of the right margin `right`: the first word of `next` would
/// have fit after it, so the writer broke the line — a paragraph's end, in justified and
/// ragged text alike.
fn ends_short(prev: &Line, next: &Line, right: f32) -> bool {
    let chars = next.text.chars().count().max(1) as f32;
    let char_width = (next.x1 - next.x0) / chars;
    let first_word = match next.text.chars().next() {
        Some(c) if is_wide(c) => 1,
        // The word, its space, and room for the narrower or wider letters of a ragged line.
        _ => next.text.split(' ').next().map_or(1, |w| w.chars().count()) + 4,
    };
    prev.x1 + first_word as f32 * char_width < right
}

/// The body text's measures.
struct Metrics {
    /// The body text's line height, and the larger heights of headings, largest first.
    body: f32,
    heading_sizes: Vec<f32>,
    /// Width of one CJK character (or of an average Latin pair) in the body text.
    em: f32,
    left: f32,
    right: f32,
    /// The usual distance from one line's top to the next's.
    step: f32,
}

impl Metrics {
    fn of<'a>(lines: impl Iterator<Item = &'a Line> + Clone) -> Option<Metrics> {
        // The body size is the one most text is set in.
        let mut by_size: Vec<(f32, usize)> = Vec::new();
        for line in lines.clone() {
            let chars = line.text.chars().count();
            match by_size.iter_mut().find(|(s, _)| close(*s, line.size())) {
                Some((_, n)) => *n += chars,
                None => by_size.push((line.size(), chars)),
            }
        }
        let body = by_size.iter().max_by_key(|(_, n)| *n)?.0;
        let mut heading_sizes: Vec<f32> = by_size
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| *s > body * 1.08)
            .collect();
        heading_sizes.sort_by(|a, b| b.total_cmp(a));
        let body_lines: Vec<&Line> = lines.filter(|l| close(l.size(), body)).collect();
        let left = median(body_lines.iter().map(|l| l.x0))?;
        let right = body_lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
        let em = median(body_lines.iter().filter_map(|l| {
            let wide = l.text.chars().filter(|&c| is_wide(c)).count();
            let all = l.text.chars().count();
            (wide > 0 && wide == all).then(|| (l.x1 - l.x0) / all as f32)
        }))
        .unwrap_or(body * 0.4);
        let step = median(
            body_lines
                .windows(2)
                .map(|w| w[1].y0 - w[0].y0)
                .filter(|d| *d > 0.0),
        )
        .unwrap_or(body);
        Some(Metrics {
            body,
            heading_sizes,
            em,
            left,
            right,
            step,
        })
    }

    fn is_heading(&self, line: &Line) -> bool {
        line.size() > self.body * 1.08
    }

    fn same_size(&self, a: &Line, b: &Line) -> bool {
        close(a.size(), b.size()) || (!self.is_heading(a) && !self.is_heading(b))
    }

    /// The lines of one paragraph as an item: a heading when set larger than the body text
    /// (and short), else a paragraph for the text rules.
    fn item(&self, lines: &[&Line], no: usize) -> Item {
        let mut plain = String::new();
        for line in lines {
            let glued = plain.chars().last().is_some_and(is_wide)
                || line.text.chars().next().is_some_and(is_wide);
            if plain.ends_with('-') && line.text.starts_with(|c: char| c.is_lowercase()) {
                plain.pop();
            } else if !plain.is_empty() && !glued {
                plain.push(' ');
            }
            plain.push_str(&line.text);
        }
        let rank = self
            .heading_sizes
            .iter()
            .position(|s| close(*s, lines[0].size()));
        let style = match rank {
            Some(rank) if lines.len() <= 3 && !text::ends_sentence(&plain) => {
                StyleKind::Heading(rank as u8)
            }
            _ => StyleKind::Normal,
        };
        Item::Paragraph {
            no,
            markdown: text::escape_markdown(&plain),
            plain,
            style,
            list_marker: None,
        }
    }
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= a.max(b) * 0.04
}

fn median(values: impl Iterator<Item = f32>) -> Option<f32> {
    let mut all: Vec<f32> = values.collect();
    if all.is_empty() {
        return None;
    }
    all.sort_by(f32::total_cmp);
    Some(all[all.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f32, y0: f32, x1: f32, size: f32, text: &str) -> Line {
        Line {
            x0,
            y0,
            x1,
            y1: y0 + size,
            text: text.into(),
        }
    }

    #[test]
    fn words_join_without_spaces_between_cjk() {
        let words = ["服务站", "点", "in", "2019", "年"].join("\0");
        assert_eq!(join_words(&words), "服务站点 in 2019年");
    }

    #[test]
    fn furniture_is_found_by_place_and_repetition() {
        let page = |n: usize| Page {
            height: 600.0,
            lines: vec![
                line(100.0, 20.0, 200.0, 20.0, "松林县妇女联合会"),
                line(50.0, 300.0, 370.0, 27.0, &format!("正文第{n}页的内容")),
                line(180.0, 560.0, 220.0, 20.0, &format!("— {n} —")),
            ],
        };
        let mut pages = vec![page(1), page(2)];
        let removed = strip_furniture(&mut pages);
        assert_eq!(removed.len(), 4, "{removed:?}");
        assert_eq!(pages[1].lines[0].text, "正文第2页的内容");
    }

    #[test]
    fn lines_join_into_paragraphs_and_large_lines_are_headings() {
        let page = Page {
            height: 600.0,
            lines: vec![
                line(110.0, 50.0, 300.0, 40.0, "报告标题"),
                line(
                    72.0,
                    100.0,
                    370.0,
                    27.0,
                    "第一段第一行的文字内容共有十八个字",
                ),
                line(
                    51.0,
                    118.0,
                    370.0,
                    27.0,
                    "第一段第二行的文字内容共有十八个字符",
                ),
                line(51.0, 136.0, 200.0, 27.0, "第一段结束。"),
                line(51.0, 154.0, 250.0, 27.0, "（一）小标题"),
                line(
                    72.0,
                    172.0,
                    370.0,
                    27.0,
                    "第二段的文字内容共有十八个字符哦哦",
                ),
            ],
        };
        let items = paragraphs(&[page]);
        let shown: Vec<(String, StyleKind)> = items
            .into_iter()
            .map(|i| match i {
                Item::Paragraph { plain, style, .. } => (plain, style),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("报告标题".into(), StyleKind::Heading(0)),
                (
                    "第一段第一行的文字内容共有十八个字第一段第二行的文字内容共有十八个字符第一段结束。".into(),
                    StyleKind::Normal
                ),
                ("（一）小标题".into(), StyleKind::Normal),
                ("第二段的文字内容共有十八个字符哦哦".into(), StyleKind::Normal),
            ]
        );
    }
}
