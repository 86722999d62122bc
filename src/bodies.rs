//! Every Markdown body of the site rendered in parallel, then the links between them checked:
//! dead links and anchors become diagnostics, and what links where is kept in the model for
//! `gazette check` (files nothing uses, external links).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::{Document, SectionFront};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{self, AnchorLink, LinkError, Output, Rendered};
use crate::site::{Links, Outbound, Site};

/// Broken links found while rendering, by source: they are reported, not kept.
type BrokenLinks = HashMap<PathBuf, Vec<LinkError>>;

/// Whether the source files' text stays in the model after its Markdown is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// A preview re-renders parts of the site and quotes files in its errors.
    Keep,
    /// A one-shot build frees each file as soon as it is rendered (at 100,000 sections a few
    /// hundred MB); an error that quotes one reads it again.
    Release,
}

/// Renders every Markdown body in parallel, then checks links to headings across documents.
pub fn render(site: &mut Site, sources: Sources) -> Diagnostics {
    let Site {
        config,
        home,
        reports,
        sections,
        pages,
        links,
        ..
    } = site;
    let links: &Links = links;
    let search = config.search;
    let mut broken = BrokenLinks::new();
    let mut outbound = Outbound::default();
    let mut keep = |source: &Path, mut out: Output, slot: &mut Rendered| {
        if !search {
            out.rendered.text = String::new();
        }
        *slot = out.rendered;
        outbound.used.extend(out.linked);
        let external = out
            .external
            .into_iter()
            .map(|link| (source.to_path_buf(), link));
        outbound.external.extend(external);
        outbound
            .anchor_links
            .insert(source.to_path_buf(), out.anchor_links);
        if !out.errors.is_empty() {
            broken.insert(source.to_path_buf(), out.errors);
        }
    };
    let home = home.doc.as_mut().map(|doc| (doc, &mut home.content));
    render_docs(home.into_iter().collect(), links, sources, &mut keep);
    let reports = reports.iter_mut().map(|r| (&mut r.doc, &mut r.content));
    render_docs(reports.collect(), links, sources, &mut keep);
    let sections = sections.iter_mut().map(|s| (&mut s.doc, &mut s.content));
    render_docs(sections.collect(), links, sources, &mut keep);
    let pages = pages.iter_mut().map(|p| (&mut p.doc, &mut p.content));
    render_docs(pages.collect(), links, sources, &mut keep);
    site.outbound = outbound;
    link_errors(site, &broken, None)
}

/// Renders `docs` in parallel and hands each result to `keep` with the slot it goes in.
fn render_docs<F: Send>(
    mut docs: Vec<(&mut Document<F>, &mut Rendered)>,
    links: &Links,
    sources: Sources,
    keep: &mut impl FnMut(&Path, Output, &mut Rendered),
) {
    let outputs: Vec<Output> = docs
        .par_iter_mut()
        .map(|(doc, _)| {
            let out = render_doc(doc, links);
            if sources == Sources::Release {
                doc.release_text();
            }
            out
        })
        .collect();
    for ((doc, slot), out) in docs.into_iter().zip(outputs) {
        keep(&doc.source, out, slot);
    }
}

/// Renders a section's new text (its front matter unchanged) into the model, for a preview
/// that re-renders only what an edit touched. Nothing changes when its links are broken or
/// when the new text takes away a heading another document links to.
pub fn replace_section_body(
    site: &mut Site,
    id: usize,
    doc: Document<SectionFront>,
) -> Diagnostics {
    let out = render_doc(&doc, &site.links);
    let source = doc.source.clone();
    let section = &mut site.sections[id];
    let old_doc = std::mem::replace(&mut section.doc, doc);
    let old_content = std::mem::replace(&mut section.content, out.rendered);
    let old_anchors = site
        .outbound
        .anchor_links
        .insert(source.clone(), out.anchor_links);
    let broken = BrokenLinks::from([(source.clone(), out.errors)]);
    let errors = link_errors(site, &broken, Some(&source));
    if !errors.is_empty() {
        let section = &mut site.sections[id];
        section.doc = old_doc;
        section.content = old_content;
        site.outbound
            .anchor_links
            .insert(source, old_anchors.unwrap_or_default());
    }
    errors
}

fn render_doc<F>(doc: &Document<F>, links: &Links) -> Output {
    markdown::render(doc.body(), &doc.source, doc.body_line, links)
}

/// Each document's file text and heading ids, by source path; with `only`, just those.
fn documents<'a>(
    site: &'a Site,
    only: Option<&HashSet<&Path>>,
) -> HashMap<&'a Path, (&'a str, HashSet<&'a str>)> {
    fn entry<'a, F>(
        doc: &'a Document<F>,
        content: &'a Rendered,
    ) -> (&'a Path, (&'a str, HashSet<&'a str>)) {
        let anchors = content.anchors.iter().map(String::as_str).collect();
        (doc.source.as_path(), (doc.text(), anchors))
    }
    let wanted = |source: &Path| only.is_none_or(|set| set.contains(source));
    let mut docs = HashMap::new();
    if let Some(doc) = site.home.doc.as_ref().filter(|d| wanted(&d.source)) {
        docs.insert(doc.source.as_path(), entry(doc, &site.home.content).1);
    }
    docs.extend(
        site.reports
            .iter()
            .filter(|r| wanted(&r.doc.source))
            .map(|r| entry(&r.doc, &r.content)),
    );
    docs.extend(
        site.sections
            .iter()
            .filter(|s| wanted(&s.doc.source))
            .map(|s| entry(&s.doc, &s.content)),
    );
    docs.extend(
        site.pages
            .iter()
            .filter(|p| wanted(&p.doc.source))
            .map(|p| entry(&p.doc, &p.content)),
    );
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
fn link_errors(site: &Site, broken: &BrokenLinks, scope: Option<&Path>) -> Diagnostics {
    let anchor_links = &site.outbound.anchor_links;
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
    let docs = documents(site, involved.as_ref());
    let mut order: Vec<&Path> = Vec::with_capacity(docs.len());
    order.extend(site.home.doc.iter().map(|d| d.source.as_path()));
    order.extend(site.reports.iter().map(|r| r.doc.source.as_path()));
    order.extend(site.sections.iter().map(|s| s.doc.source.as_path()));
    order.extend(site.pages.iter().map(|p| p.doc.source.as_path()));
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
        let anchor_links = site.outbound.anchor_links.get(source).into_iter().flatten();
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
                    "broken link: no heading with id `{anchor}` in content/{}",
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
