//! Every Markdown body of the site rendered in parallel, then the links between them checked:
//! dead links and anchors become diagnostics, and what links where is kept in the model for
//! `gazette check` (files nothing uses, external links).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::{SectionFront, Source};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, excerpt};
use crate::markdown::{self, AnchorLink, Heading, LinkError, Output, TextStats};
use crate::site::{DocId, Outbound, SectionId, Site, Table, Texts};

/// Broken links found while rendering, by source: they are reported, not kept.
type BrokenLinks = HashMap<PathBuf, Vec<LinkError>>;

/// Whether the source files' text is kept once its Markdown is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// A preview re-renders parts of the site and quotes files in its errors.
    Keep,
    /// A one-shot build frees each file as soon as it is rendered (at 100,000 sections a few
    /// hundred MB); an error that quotes one reads it again.
    Release,
}

/// What the Markdown bodies became, by document: tables beside the model, each of which a
/// build can drop whole when it no longer needs it.
#[derive(Debug, Default)]
pub struct Bodies {
    /// The rendered HTML: a one-shot build drops it once the pages are written.
    pub html: Table<String>,
    /// The plain text, for search (empty when the site has no search): blocks end in `\n`.
    pub text: Table<String>,
    /// Headings, heading ids and text counts.
    pub outline: Table<Outline>,
    /// What the bodies link to.
    pub outbound: Outbound,
    /// The size in bytes of each report's PDF, by report, once made: its links say it.
    pub pdf_sizes: Vec<Option<u64>>,
}

/// A body's headings and counts.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The h2–h4 headings, in order.
    pub toc: Vec<Heading>,
    /// Every id a link may point at with `#`.
    pub anchors: Vec<String>,
    pub stats: TextStats,
}

impl Bodies {
    /// Files one rendered body in its tables, and what it links to.
    fn keep(&mut self, id: DocId, source: &Path, out: Output, search: bool) -> Vec<LinkError> {
        let rendered = out.rendered;
        let text = if search { rendered.text } else { String::new() };
        let outline = Outline {
            toc: rendered.toc,
            anchors: rendered.anchors,
            stats: rendered.stats,
        };
        set(&mut self.html, id, rendered.html);
        set(&mut self.text, id, text);
        set(&mut self.outline, id, outline);
        let outbound = &mut self.outbound;
        outbound.used.extend(out.linked);
        let external = out.external.into_iter().map(|l| (source.to_path_buf(), l));
        outbound.external.extend(external);
        outbound
            .anchor_links
            .insert(source.to_path_buf(), out.anchor_links);
        out.errors
    }
}

/// Puts `value` in `table` at `id`, growing it in document order as a full render does.
fn set<T: Default>(table: &mut Table<T>, id: DocId, value: T) {
    let (list, i) = match id {
        DocId::Home => {
            table.home = Some(value);
            return;
        }
        DocId::Report(i) => (&mut table.reports, i.index()),
        DocId::Section(i) => (&mut table.sections, i.index()),
        DocId::Page(i) => (&mut table.pages, i.index()),
    };
    if list.len() <= i {
        list.resize_with(i + 1, T::default);
    }
    list[i] = value;
}

/// Renders every Markdown body in parallel, then checks links to headings across documents.
/// With [`Sources::Release`] each file's text is freed as soon as it is rendered, and the texts
/// that come back are empty.
pub fn render(site: &Site, texts: Texts, sources: Sources) -> (Bodies, Texts, Diagnostics) {
    let Texts {
        home,
        reports,
        sections,
        pages,
    } = texts;
    let ids = site.doc_ids();
    let all: Vec<String> = home
        .into_iter()
        .chain(reports)
        .chain(sections)
        .chain(pages)
        .collect();
    let rendered: Vec<(Output, Option<String>)> = ids
        .par_iter()
        .zip(all)
        .map(|(&id, text)| {
            let out = render_doc(site, id, &text);
            (out, (sources == Sources::Keep).then_some(text))
        })
        .collect();
    let mut bodies = Bodies::default();
    let mut kept = Texts::default();
    let mut broken = BrokenLinks::new();
    for (&id, (out, text)) in ids.iter().zip(rendered) {
        let source = site.source_of(id);
        let errors = bodies.keep(id, source, out, site.config.search);
        if !errors.is_empty() {
            broken.insert(source.to_path_buf(), errors);
        }
        if let Some(text) = text {
            set(&mut kept, id, text);
        }
    }
    let errors = link_errors(site, &bodies, &kept, &broken, None);
    (bodies, kept, errors)
}

/// Renders a section's new text (its front matter unchanged) into the tables, for a preview
/// that re-renders only what an edit touched. Nothing changes when its links are broken or
/// when the new text takes away a heading another document links to.
pub fn replace_section_body(
    site: &mut Site,
    bodies: &mut Bodies,
    texts: &mut Texts,
    id: SectionId,
    new: Source<SectionFront>,
) -> Diagnostics {
    let doc_id = DocId::Section(id);
    let old_doc = std::mem::replace(&mut site.sections[id].doc, new.doc);
    let old_text = std::mem::replace(&mut texts.sections[id], new.text);
    let out = render_doc(site, doc_id, &texts.sections[id]);
    let source = site.sections[id].doc.source.clone();
    let old_html = std::mem::take(&mut bodies.html.sections[id]);
    let old_plain = std::mem::take(&mut bodies.text.sections[id]);
    let old_outline = std::mem::take(&mut bodies.outline.sections[id]);
    let old_anchors = bodies.outbound.anchor_links.remove(&source);
    let old_external = std::mem::take(&mut bodies.outbound.external);
    let (external, others): (Vec<_>, Vec<_>) = old_external
        .iter()
        .cloned()
        .partition(|(from, _)| *from == source);
    drop(external);
    bodies.outbound.external = others;
    let broken = bodies.keep(doc_id, &source, out, site.config.search);
    let broken = BrokenLinks::from([(source.clone(), broken)]);
    let errors = link_errors(site, bodies, texts, &broken, Some(&source));
    if !errors.is_empty() {
        site.sections[id].doc = old_doc;
        texts.sections[id] = old_text;
        bodies.html.sections[id] = old_html;
        bodies.text.sections[id] = old_plain;
        bodies.outline.sections[id] = old_outline;
        bodies.outbound.external = old_external;
        bodies
            .outbound
            .anchor_links
            .insert(source, old_anchors.unwrap_or_default());
    }
    errors
}

fn render_doc(site: &Site, id: DocId, text: &str) -> Output {
    let (source, body, line) = match id {
        DocId::Home => match &site.home.doc {
            Some(d) => (&d.source, d.body(text), d.body_line),
            None => unreachable!("a home document exists when it has an id"),
        },
        DocId::Report(i) => {
            let d = &site.reports[i].doc;
            (&d.source, d.body(text), d.body_line)
        }
        DocId::Section(i) => {
            let d = &site.sections[i].doc;
            (&d.source, d.body(text), d.body_line)
        }
        DocId::Page(i) => {
            let d = &site.pages[i].doc;
            (&d.source, d.body(text), d.body_line)
        }
    };
    markdown::render(body, source, line, &site.links)
}

/// Each document's file text (empty when released) and heading ids, by source path; with
/// `only`, just those.
fn documents<'a>(
    site: &'a Site,
    bodies: &'a Bodies,
    texts: &'a Texts,
    only: Option<&HashSet<&Path>>,
) -> HashMap<&'a Path, (&'a str, HashSet<&'a str>)> {
    let mut docs = HashMap::new();
    for id in site.doc_ids() {
        let source = site.source_of(id);
        if only.is_some_and(|set| !set.contains(source)) {
            continue;
        }
        let text = texts.get(id).map_or("", String::as_str);
        let anchors = bodies.outline.get(id).map_or_else(HashSet::new, |o| {
            o.anchors.iter().map(String::as_str).collect()
        });
        docs.insert(source, (text, anchors));
    }
    docs
}

/// The text of `source` to quote in an error: the kept text, or the file read again when a
/// build has released it (errors are rare; keeping every file for them is not worth it).
fn quotable<'a>(site: &Site, source: &Path, kept: &'a str) -> Cow<'a, str> {
    if !kept.is_empty() {
        return Cow::Borrowed(kept);
    }
    let path = site.config.content_dir().join(source);
    Cow::Owned(std::fs::read_to_string(path).unwrap_or_default())
}

/// Broken links, and `#anchor`s that match no heading of their target, document by document
/// in site order. With `scope`, only the links from or into that document (after an edit to
/// it nothing else can have changed).
fn link_errors(
    site: &Site,
    bodies: &Bodies,
    texts: &Texts,
    broken: &BrokenLinks,
    scope: Option<&Path>,
) -> Diagnostics {
    let anchor_links = &bodies.outbound.anchor_links;
    let involved: Option<HashSet<&Path>> = scope.map(|scope| {
        let mut involved: HashSet<&Path> = HashSet::from([scope]);
        for (source, links) in anchor_links {
            for link in links {
                if source == scope || link.target == scope {
                    involved.insert(source);
                    involved.insert(&link.target);
                }
            }
        }
        involved
    });
    let docs = documents(site, bodies, texts, involved.as_ref());
    let mut order: Vec<&Path> = site
        .doc_ids()
        .into_iter()
        .map(|id| site.source_of(id))
        .collect();
    order.retain(|source| docs.contains_key(source));
    let mut errors = Diagnostics::default();
    for source in order {
        let shown = Path::new("content").join(source);
        let kept = docs.get(source).map_or("", |(text, _)| text);
        let text = quotable(site, source, kept);
        let text = text.as_ref();
        for e in broken.get(source).into_iter().flatten() {
            errors.push(Diagnostic::new(&shown, e.message.clone()).at(text, e.line, e.column));
        }
        let anchor_links = anchor_links.get(source).into_iter().flatten();
        for AnchorLink {
            target,
            anchor,
            line,
            column,
        } in anchor_links
        {
            // Links to assets have no headings to check.
            let Some((_, ids)) = docs.get(target.as_path()) else {
                continue;
            };
            if ids.contains(anchor.as_str()) {
                continue;
            }
            let candidates: Vec<&str> = ids.iter().copied().collect();
            let mut d = Diagnostic::new(
                &shown,
                format!(
                    "broken link: no heading with id `{}` in content/{}",
                    excerpt(anchor),
                    target.display()
                ),
            )
            .at(text, *line, *column);
            if let Some(close) = did_you_mean(anchor, &candidates) {
                d = d.with_hint(format!("did you mean `#{close}`?"));
            }
            errors.push(d);
        }
    }
    errors
}
