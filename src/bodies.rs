//! Every Markdown body of the site rendered in parallel, then the links between them checked:
//! dead links and anchors become diagnostics, and what links where is kept in the model for
//! `gazette check` (files nothing uses, external links). A one-shot build renders the bodies
//! report by report instead, as their pages are made ([`Bodies::prepare`]), and frees each
//! report's HTML and text once its pages and search entries are out ([`Bodies::release`]):
//! only the outlines, which links into any document are checked against, stay for the whole
//! build.

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

/// When the bodies are rendered, and whether the source files' text is kept after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sources {
    /// All at once when the site is loaded, the texts kept: a preview re-renders parts of the
    /// site and quotes files in its errors.
    Keep,
    /// Report by report while the site is emitted, each file's text freed as soon as it is
    /// rendered (at 100,000 sections the texts, HTML and plain text together are over a GB);
    /// an error that quotes a file reads it again.
    Stream,
}

/// What the Markdown bodies became, by document: tables beside the model, each of which a
/// build can drop whole when it no longer needs it.
#[derive(Debug, Default)]
pub(crate) struct Bodies {
    /// The rendered HTML: a one-shot build drops it once the pages are written.
    pub html: Table<String>,
    /// The plain text, for search (empty when the site has no search): blocks end in `\n`.
    pub text: Table<String>,
    /// Headings, heading ids and text counts.
    pub outline: Table<Outline>,
    /// What the bodies link to.
    pub outbound: Outbound,
    /// The size in bytes of each report's PDF, by report, once made: its links say it.
    pub(crate) pdf_sizes: Vec<Option<u64>>,
    /// With [`Sources::Stream`]: the texts not rendered yet, and the broken links found so far.
    pending: Option<Pending>,
}

/// Bodies waiting to be rendered by [`Bodies::prepare`].
#[derive(Debug, Default)]
struct Pending {
    texts: Texts,
    broken: BrokenLinks,
}

/// A body's headings and counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
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
/// With [`Sources::Stream`] nothing is rendered yet: the texts wait in the tables for
/// [`Bodies::prepare`], and the texts that come back are empty.
pub(crate) fn render(site: &Site, texts: Texts, sources: Sources) -> (Bodies, Texts, Diagnostics) {
    if sources == Sources::Stream {
        let bodies = Bodies {
            pending: Some(Pending {
                texts,
                broken: BrokenLinks::new(),
            }),
            ..Bodies::default()
        };
        return (bodies, Texts::default(), Diagnostics::default());
    }
    let Texts {
        home,
        reports,
        sections,
        pages,
    } = texts;
    let all = home.into_iter().chain(reports).chain(sections).chain(pages);
    let all: Vec<(DocId, String)> = site.doc_ids().into_iter().zip(all).collect();
    let mut bodies = Bodies::default();
    let mut kept = Texts::default();
    let mut broken = BrokenLinks::new();
    for (id, out, text) in render_docs(site, all) {
        bodies.file(site, id, out, &mut broken);
        set(&mut kept, id, text);
    }
    let errors = link_errors(site, &bodies, &kept, &broken, None);
    (bodies, kept, errors)
}

/// Renders `docs` (each with its file's text) in parallel, in order; the texts come back.
fn render_docs(site: &Site, docs: Vec<(DocId, String)>) -> Vec<(DocId, Output, String)> {
    docs.into_par_iter()
        .map(|(id, text)| (id, render_doc(site, id, &text), text))
        .collect()
}

impl Bodies {
    /// Files one rendered body, keeping its broken links in `broken`.
    fn file(&mut self, site: &Site, id: DocId, out: Output, broken: &mut BrokenLinks) {
        let source = site.source_of(id);
        let errors = self.keep(id, source, out, site.config.search);
        if !errors.is_empty() {
            broken.insert(source.to_path_buf(), errors);
        }
    }

    /// Renders the bodies of `ids` that are still waiting ([`Sources::Stream`]), freeing their
    /// files' texts; bodies rendered when the site was loaded are left as they are.
    pub(crate) fn prepare(&mut self, site: &Site, ids: &[DocId]) {
        let Some(mut pending) = self.pending.take() else {
            return;
        };
        let docs: Vec<(DocId, String)> = ids
            .iter()
            .filter_map(|&id| Some((id, std::mem::take(pending.texts.get_mut(id)?))))
            .collect();
        for (id, out, text) in render_docs(site, docs) {
            drop(text);
            self.file(site, id, out, &mut pending.broken);
        }
        self.pending = Some(pending);
    }

    /// Frees the HTML and plain text of `ids`, whose pages and search entries are made.
    pub(crate) fn release(&mut self, ids: &[DocId]) {
        for &id in ids {
            for table in [&mut self.html, &mut self.text] {
                if let Some(value) = table.get_mut(id) {
                    *value = String::new();
                }
            }
        }
    }

    /// After every body went through [`Bodies::prepare`]: the broken links and anchors found
    /// across them, in site order (none when the site was rendered at load, which checked them
    /// then).
    pub(crate) fn link_errors(&mut self, site: &Site) -> Diagnostics {
        match self.pending.take() {
            Some(pending) => link_errors(site, self, &Texts::default(), &pending.broken, None),
            None => Diagnostics::default(),
        }
    }
}

/// Renders a section's new text (its front matter unchanged) into the tables, for a preview
/// that re-renders only what an edit touched. Nothing changes when its links are broken or
/// when the new text takes away a heading another document links to.
pub(crate) fn replace_section_body(
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
