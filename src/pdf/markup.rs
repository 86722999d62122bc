//! Markdown → Typst markup, from pulldown-cmark's events. Every piece of the writer's text goes
//! through `escape` on its way in.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown::links::{is_relative, percent_decode, resolve};
use crate::markdown::{self, Levels, is_cjk, unique_id};
use crate::slug::slugify;

use super::escape::{string, text};

/// Marks where a footnote's reference stands until its definition (which may come later) is
/// known: `OPEN label CLOSE`. User text never holds these characters (see [`text`]).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Where links and images of the report's bodies lead in the PDF.
pub(super) struct Targets<'a> {
    /// The label of each document of the report (sections, and the report itself), by source.
    pub(super) docs: HashMap<PathBuf, String>,
    /// Every label the document defines: a link to anything else leaves the PDF.
    pub(super) labels: HashSet<String>,
    /// URLs of the site's other sources and assets, for links that leave the report.
    pub(super) site: &'a crate::site::Site,
    pub(super) content_dir: &'a Path,
    /// The images embedded so far, relative to `content/`: their bytes are part of the key.
    pub(super) images: std::cell::RefCell<Vec<PathBuf>>,
}

impl Targets<'_> {
    /// The label of heading `id` in the document labelled `doc`.
    pub(super) fn heading_label(doc: &str, id: &str) -> String {
        format!("{doc}#{id}")
    }

    /// Where a link written in `source` leads: a label of the PDF or an absolute URL.
    fn link(&self, source: &Path, link_type: LinkType, dest: &str) -> Option<Dest> {
        if link_type == LinkType::Email {
            return Some(Dest::Url(format!("mailto:{dest}")));
        }
        if !is_relative(dest) {
            let url = if dest.starts_with('/') {
                self.site.config.permalink(dest)
            } else {
                dest.to_string()
            };
            return Some(Dest::Url(url));
        }
        let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        let path = path.split('?').next().unwrap_or("");
        let anchor = percent_decode(fragment);
        let target = if path.is_empty() {
            source.to_path_buf()
        } else {
            resolve(source, &percent_decode(path))?
        };
        let doc = self
            .docs
            .get(&target)
            .or_else(|| self.docs.get(&target.join("_index.md")));
        if let Some(doc) = doc {
            let label = if anchor.is_empty() {
                doc.clone()
            } else {
                Self::heading_label(doc, &anchor)
            };
            return self.labels.contains(&label).then_some(Dest::Label(label));
        }
        use crate::markdown::LinkTargets as _;
        let url = self.site.links.url_of(&target).ok()?;
        let url = self.site.config.permalink(url);
        Some(Dest::Url(if anchor.is_empty() {
            url
        } else {
            format!("{url}#{fragment}")
        }))
    }

    /// The image at `dest` written in `source`, as a path Typst reads (relative to `content/`),
    /// when it is a file of the site that Typst can embed (else the PDF shows its alt text, as
    /// a browser does for an image it cannot show).
    fn image(&self, source: &Path, dest: &str) -> Option<String> {
        if !is_relative(dest) {
            return None;
        }
        let path = resolve(source, &percent_decode(dest.split(['#', '?']).next()?))?;
        let bytes = std::fs::read(self.content_dir.join(&path)).ok()?;
        if !decodes(bytes) {
            return None;
        }
        let typst_path = format!("/{}", crate::site::routes::key(&path));
        self.images.borrow_mut().push(path);
        Some(typst_path)
    }
}

/// Whether Typst can decode `bytes` as an image (decoded once: Typst keeps the result).
fn decodes(bytes: Vec<u8>) -> bool {
    use typst::visualize::{ImageFormat, RasterImage, SvgImage, VectorFormat};
    let bytes = typst::foundations::Bytes::new(bytes);
    match ImageFormat::detect(&bytes) {
        Some(ImageFormat::Raster(format)) => RasterImage::plain(bytes, format).is_ok(),
        Some(ImageFormat::Vector(VectorFormat::Svg)) => SvgImage::new(bytes).is_ok(),
        _ => false,
    }
}

enum Dest {
    Label(String),
    Url(String),
}

/// The ids the HTML gives `body`'s headings, in order, computed as `markdown::render` does
/// (footnote definitions take ids from the same pool).
pub(super) fn heading_ids(body: &str) -> Vec<String> {
    let mut seen = HashMap::new();
    let mut ids = Vec::new();
    let mut open: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(body, markdown::options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                open = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title)) = open.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, title)) = open.take() {
                    ids.push(unique_id(&mut seen, id.unwrap_or_else(|| slugify(&title))));
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                unique_id(&mut seen, format!("fn-{label}"));
            }
            _ => {}
        }
    }
    ids
}

/// One body to convert.
pub(super) struct Body<'a> {
    /// The Markdown.
    pub(super) markdown: &'a str,
    /// Its file, relative to `content/`: links resolve against it.
    pub(super) source: &'a Path,
    /// Its document's label: its headings' labels start with it.
    pub(super) label: &'a str,
    /// The Typst level of the body's top headings (its `##`).
    pub(super) level: u8,
}

/// Appends `body` as Typst markup to `out`.
pub(super) fn convert(out: &mut String, body: &Body, targets: &Targets) {
    let mut c = Converter {
        out: String::with_capacity(body.markdown.len() * 2),
        body,
        targets,
        ids: heading_ids(body.markdown).into_iter(),
        levels: Levels::default(),
        links: Vec::new(),
        image: None,
        code: None,
        soft_break: false,
        last: None,
        footnotes: HashMap::new(),
        in_footnote: None,
    };
    for event in Parser::new_ext(body.markdown, markdown::options()) {
        c.event(event);
    }
    c.finish(out);
}

struct Converter<'a> {
    out: String,
    body: &'a Body<'a>,
    targets: &'a Targets<'a>,
    ids: std::vec::IntoIter<String>,
    levels: Levels,
    /// For each open link: whether it was written as a link (a link that leads nowhere in the
    /// PDF keeps only its text).
    links: Vec<bool>,
    /// The open image: where it leads and its alt text so far.
    image: Option<(Option<String>, String)>,
    /// The open code block: its language and text so far.
    code: Option<(String, String)>,
    soft_break: bool,
    /// The last character of text written, for joining lines.
    last: Option<char>,
    /// Footnote definitions, by label, as markup.
    footnotes: HashMap<String, String>,
    /// The footnote being defined, and the output before it.
    in_footnote: Option<(String, String)>,
}

impl Converter<'_> {
    fn push(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    fn text(&mut self, t: &str) {
        if let Some((_, alt)) = self.image.as_mut() {
            alt.push_str(t);
            return;
        }
        if let Some((_, code)) = self.code.as_mut() {
            code.push_str(t);
            return;
        }
        if std::mem::take(&mut self.soft_break) {
            let joins = self.last.is_some_and(is_cjk) && t.chars().next().is_some_and(is_cjk);
            if !joins {
                self.out.push(' ');
            }
        }
        text(&mut self.out, t);
        if let Some(c) = t.chars().next_back() {
            self.last = Some(c);
        }
    }

    fn block_end(&mut self) {
        self.soft_break = false;
        self.last = None;
        self.out.push_str("\n\n");
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let raw = format!("#raw({})", string(&t));
                self.push(&raw);
            }
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.push("#linebreak()"),
            Event::Rule => self.push("#line(length: 100%)\n\n"),
            Event::TaskListMarker(done) => self.push(if done { "☑ " } else { "☐ " }),
            Event::FootnoteReference(label) => {
                let mark = format!("{OPEN}{label}{CLOSE}");
                self.out.push_str(&mark);
            }
            // Raw HTML has no meaning in a PDF; math is not enabled.
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                let level = self.levels.level(level) - 2 + self.body.level;
                let heading = format!(
                    "#heading(level: {}, outlined: false, bookmarked: false)[",
                    level.min(6)
                );
                self.push(&heading);
            }
            Tag::BlockQuote(_) => self.push("#quote(block: true)["),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(Some(n)) => self.push(&format!("#enum(start: {n}, ")),
            Tag::List(None) => self.push("#list("),
            Tag::Item => self.push("["),
            Tag::FootnoteDefinition(label) => {
                let before = std::mem::take(&mut self.out);
                self.in_footnote = Some((label.to_string(), before));
            }
            Tag::Table(aligns) => {
                let aligns: Vec<&str> = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                        Alignment::Left | Alignment::None => "left",
                    })
                    .collect();
                let table = format!(
                    "#table(columns: {}, align: ({},), ",
                    aligns.len(),
                    aligns.join(", ")
                );
                self.push(&table);
            }
            Tag::TableHead => self.push("table.header("),
            Tag::TableRow => {}
            Tag::TableCell => self.push("["),
            Tag::Emphasis => self.push("#emph["),
            Tag::Strong => self.push("#strong["),
            Tag::Strikethrough => self.push("#strike["),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let dest = self.targets.link(self.body.source, link_type, &dest_url);
                let open = match dest {
                    Some(Dest::Label(label)) => format!("#link(label({}))[", string(&label)),
                    Some(Dest::Url(url)) => format!("#link({})[", string(&url)),
                    None => String::new(),
                };
                self.links.push(!open.is_empty());
                self.push(&open);
            }
            Tag::Image { dest_url, .. } => {
                let path = self.targets.image(self.body.source, &dest_url);
                self.image = Some((path, String::new()));
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.block_end(),
            TagEnd::Heading(_) => {
                let id = self.ids.next().unwrap_or_default();
                let label = Targets::heading_label(self.body.label, &id);
                let close = format!("]#label({})", string(&label));
                self.push(&close);
                self.block_end();
            }
            TagEnd::BlockQuote(_) => {
                self.push("]");
                self.block_end();
            }
            TagEnd::CodeBlock => {
                if let Some((lang, code)) = self.code.take() {
                    let lang = if lang.is_empty() {
                        String::new()
                    } else {
                        format!("lang: {}, ", string(&lang))
                    };
                    let raw = format!("#raw(block: true, {lang}{})", string(&code));
                    self.push(&raw);
                    self.block_end();
                }
            }
            TagEnd::List(_) => {
                self.push(")");
                self.block_end();
            }
            TagEnd::Item => {
                self.push("], ");
                self.soft_break = false;
            }
            TagEnd::FootnoteDefinition => {
                if let Some((label, before)) = self.in_footnote.take() {
                    let definition = std::mem::replace(&mut self.out, before);
                    // A footnote inside a footnote has nowhere to go: its mark is dropped.
                    let mut kept = String::with_capacity(definition.len());
                    let mut rest = definition.trim();
                    while let (Some(start), Some(end)) = (rest.find(OPEN), rest.find(CLOSE)) {
                        if end < start {
                            break;
                        }
                        kept.push_str(&rest[..start]);
                        rest = &rest[end + CLOSE.len_utf8()..];
                    }
                    kept.push_str(rest);
                    self.footnotes.insert(label, kept);
                }
            }
            TagEnd::Table => {
                self.push(")");
                self.block_end();
            }
            TagEnd::TableHead => self.push("), "),
            TagEnd::TableRow => {}
            TagEnd::TableCell => self.push("], "),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.push("]"),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.push("]");
                }
            }
            TagEnd::Image => {
                if let Some((path, alt)) = self.image.take() {
                    match path {
                        Some(path) => {
                            let image = format!("#image({}, alt: {})", string(&path), string(&alt));
                            self.push(&image);
                        }
                        None => self.text(&alt),
                    }
                }
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    /// Puts each footnote's text where it is first referenced (a footnote referenced again
    /// points at the first) and appends the result to `out`.
    fn finish(self, out: &mut String) {
        let mut used: HashSet<&str> = HashSet::new();
        let mut rest = self.out.as_str();
        while let Some(start) = rest.find(OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + OPEN.len_utf8()..];
            let Some(end) = after.find(CLOSE) else {
                rest = after;
                continue;
            };
            let label = &after[..end];
            rest = &after[end + CLOSE.len_utf8()..];
            let Some((label, definition)) = self.footnotes.get_key_value(label) else {
                continue;
            };
            let name = string(&format!("{}#fn-{label}", self.body.label));
            if used.insert(label) {
                let _ = write!(out, "#footnote[{definition}]#label({name})");
            } else {
                let _ = write!(out, "#footnote(label({name}))");
            }
        }
        out.push_str(rest);
    }
}
