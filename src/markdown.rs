//! Markdown bodies → HTML with pulldown-cmark: ids and anchors on headings (Unicode kept), a
//! table of contents, relative links to other sources rewritten to their URLs, and the text
//! counts that reading time is made from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::escape::escape_html;
use crate::slug::slugify;
use links::{LineIndex, Place, rewrite_tag};

/// One heading of a document, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text, without markup.
    pub title: String,
}

/// Text counts: Chinese is read by the character, Latin text by the word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TextStats {
    pub cjk_chars: usize,
    pub latin_words: usize,
}

impl TextStats {
    /// Minutes at 400 CJK characters and 200 Latin words a minute, at least one.
    pub(crate) fn reading_minutes(&self) -> usize {
        let minutes = self.cjk_chars as f64 / 400.0 + self.latin_words as f64 / 200.0;
        (minutes.ceil() as usize).max(1)
    }

    fn count(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.latin_words += 1;
                }
                in_word = true;
            } else if !(in_word && (c == '\'' || c == '’' || c == '-')) {
                in_word = false;
            }
        }
    }
}

/// Han ideographs, kana and Hangul: the scripts read a character at a time.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    pub html: String,
    /// The h2–h4 headings, in order.
    pub toc: Vec<Heading>,
    /// Every id a link may point at with `#`.
    pub anchors: Vec<String>,
    pub stats: TextStats,
    /// The plain text, for search: blocks end in `\n`, a soft line break between two CJK
    /// characters joins them (as a reader sees them) and is a space otherwise.
    pub text: String,
}

/// Where a relative link leads, as the site knows it.
pub(crate) trait LinkTargets {
    /// The URL of the source or asset at `path` (relative to `content/`), or why there is none.
    fn url_of(&self, path: &Path) -> Result<&str, String>;
}

/// A link to `#anchor` in another document: it can only be checked once every document has
/// been rendered and its heading ids are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    /// The linked document, relative to `content/`.
    pub target: PathBuf,
    pub anchor: String,
    pub line: usize,
    pub column: usize,
}

/// A broken link found while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What rendering one body gives.
#[derive(Debug, Default)]
pub(crate) struct Output {
    pub rendered: Rendered,
    pub anchor_links: Vec<AnchorLink>,
    pub errors: Vec<LinkError>,
    /// Every source or asset the body links to, relative to `content/`.
    pub linked: Vec<PathBuf>,
    /// Links to other sites, for `gazette check --external`.
    pub external: Vec<ExternalLink>,
}

/// A link that leaves the site (`http:` or `https:`), where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub line: usize,
    pub column: usize,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    /// Index in the output where the heading's inner events start.
    start: usize,
    text: String,
}

/// Renders `body`, which is the file `source` (relative to `content/`) from line `first_line`.
pub(crate) fn render(
    body: &str,
    source: &Path,
    first_line: usize,
    links: &dyn LinkTargets,
) -> Output {
    let lines = LineIndex::new(body, first_line);
    let mut out: Vec<Event> = Vec::new();
    let mut result = Output::default();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<OpenHeading> = None;
    let mut plain = PlainText::default();
    let mut levels = Levels::default();

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(OpenHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    start: out.len(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some(h) = heading.take() else { continue };
                let inner = out.split_off(h.start);
                let id = unique_id(
                    &mut seen_ids,
                    h.id.as_deref()
                        .map_or_else(|| slugify(&h.text), str::to_string),
                );
                let level = levels.level(h.level);
                out.push(Event::Html(
                    open_heading_tag(level, &id, &h.classes, &h.attrs).into(),
                ));
                out.extend(inner);
                let with_anchor = (2..=4).contains(&level);
                if with_anchor {
                    out.push(Event::Html(
                        format!(r##"<a class="anchor" href="#{id}" aria-hidden="true" tabindex="-1">#</a>"##)
                            .into(),
                    ));
                    result.rendered.toc.push(Heading {
                        level,
                        id: id.clone(),
                        title: h.text.trim().to_string(),
                    });
                }
                out.push(Event::Html(format!("</h{level}>\n").into()));
                result.rendered.anchors.push(id);
                plain.end_block();
            }
            // A footnote's id is its label, which could repeat a heading's id (`[^1]` and
            // `## 1`) or another definition of the label: both are kept apart with a prefix
            // and the heading ids' numbering.
            Event::FootnoteReference(label) => {
                out.push(Event::FootnoteReference(format!("fn-{label}").into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = unique_id(&mut seen_ids, format!("fn-{label}"));
                out.push(Event::Start(Tag::FootnoteDefinition(id.into())));
            }
            Event::Text(text) => {
                count_text(&text, &mut heading, &mut result.rendered.stats);
                plain.push(&text);
                out.push(Event::Text(text));
            }
            Event::Code(text) => {
                count_text(&text, &mut heading, &mut result.rendered.stats);
                plain.push(&text);
                out.push(Event::Code(text));
            }
            Event::SoftBreak => {
                plain.soft_break = true;
                out.push(Event::SoftBreak);
            }
            Event::HardBreak => {
                plain.end_block();
                out.push(Event::HardBreak);
            }
            Event::End(end) => {
                if !matches!(
                    end,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                ) {
                    plain.end_block();
                }
                out.push(Event::End(end));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let at = Place {
                    source,
                    offset: range.start,
                    lines: &lines,
                };
                out.push(Event::Start(rewrite_tag(tag, &at, links, &mut result)));
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    result.rendered.html = snug(html);
    result.rendered.text = snug(plain.text);
    result
}

/// `text` in an allocation of its own size. Every body is kept until its pages are written,
/// and the slack of growing strings was a fifth of that (allocators keep a block that shrinks
/// by less than half, so `shrink_to_fit` does not help).
fn snug(text: String) -> String {
    if text.capacity() - text.len() > text.len() / 8 {
        text.as_str().to_owned()
    } else {
        text
    }
}

/// The plain text of a body as a reader sees it, collected from its text events.
#[derive(Default)]
struct PlainText {
    text: String,
    /// A soft line break was seen since the last text.
    soft_break: bool,
}

impl PlainText {
    fn push(&mut self, text: &str) {
        if self.soft_break {
            self.soft_break = false;
            let joins = self.text.chars().next_back().is_some_and(is_cjk)
                && text.chars().next().is_some_and(is_cjk);
            if !joins {
                self.text.push(' ');
            }
        }
        self.text.push_str(text);
    }

    fn end_block(&mut self) {
        self.soft_break = false;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }
}

/// Text counts toward reading time, and inside a heading it is also the heading's plain title.
fn count_text(text: &str, heading: &mut Option<OpenHeading>, stats: &mut TextStats) {
    if let Some(h) = heading.as_mut() {
        h.text.push_str(text);
    }
    stats.count(text);
}

/// Heading levels never skip: the page title is the h1, so a body's headings start at h2
/// (an imported section that opens with `###` gets h2) and each goes one level under the
/// nearest heading before it with fewer `#`s.
#[derive(Default)]
pub(crate) struct Levels {
    /// The open headings: (Markdown level, output level).
    open: Vec<(u8, u8)>,
}

impl Levels {
    /// The output level (2 to 6) of the next heading, written with `written`'s `#`s.
    pub(crate) fn level(&mut self, written: HeadingLevel) -> u8 {
        let written = written as u8;
        while self.open.last().is_some_and(|&(w, _)| w >= written) {
            self.open.pop();
        }
        let level = self.open.last().map_or(2, |&(_, out)| (out + 1).min(6));
        self.open.push((written, level));
        level
    }
}

pub(crate) fn unique_id(seen: &mut HashMap<String, usize>, base: String) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let count = seen.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        return base;
    }
    let mut n = *count - 1;
    loop {
        let candidate = format!("{base}-{n}");
        if !seen.contains_key(&candidate) {
            seen.insert(candidate.clone(), 1);
            return candidate;
        }
        n += 1;
    }
}

fn open_heading_tag(
    level: u8,
    id: &str,
    classes: &[CowStr],
    attrs: &[(CowStr, Option<CowStr>)],
) -> String {
    let mut tag = format!(r#"<h{level} id="{}""#, escape_html(id));
    if !classes.is_empty() {
        let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
        tag.push_str(&format!(r#" class="{}""#, escape_html(&joined.join(" "))));
    }
    for (name, value) in attrs {
        match value {
            Some(v) => tag.push_str(&format!(r#" {}="{}""#, escape_html(name), escape_html(v))),
            None => tag.push_str(&format!(" {}", escape_html(name))),
        }
    }
    tag.push('>');
    tag
}

pub(crate) mod links;

#[cfg(test)]
mod tests;
