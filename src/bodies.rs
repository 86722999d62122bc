//! Every Markdown body of the site rendered in parallel, then the links between them checked:
//! dead links and anchors become diagnostics, and what links where is kept in the model for
//! `gazette check` (files nothing uses, external links).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{self, AnchorLink, LinkError, Output, Rendered};
use crate::site::{Links, Outbound, Site};

/// What rendering found wrong with the links of one document.
struct LinkFindings {
    source: PathBuf,
    errors: Vec<LinkError>,
    anchor_links: Vec<AnchorLink>,
}

/// Renders every Markdown body in parallel, then checks links to headings across documents.
pub fn render(site: &mut Site) -> Diagnostics {
    let Site {
        home,
        reports,
        sections,
        pages,
        links,
        ..
    } = site;
    let links: &Links = links;
    let mut findings: Vec<LinkFindings> = Vec::new();
    let mut outbound = Outbound::default();
    let mut keep = |source: &Path, out: Output, slot: &mut Rendered| {
        *slot = out.rendered;
        outbound.used.extend(out.linked);
        let external = out
            .external
            .into_iter()
            .map(|link| (source.to_path_buf(), link));
        outbound.external.extend(external);
        findings.push(LinkFindings {
            source: source.to_path_buf(),
            errors: out.errors,
            anchor_links: out.anchor_links,
        });
    };
    if let Some(doc) = &home.doc {
        keep(&doc.source, render_doc(doc, links), &mut home.content);
    }
    let rendered: Vec<Output> = reports
        .par_iter()
        .map(|r| render_doc(&r.doc, links))
        .collect();
    for (report, out) in reports.iter_mut().zip(rendered) {
        keep(&report.doc.source, out, &mut report.content);
    }
    let rendered: Vec<Output> = sections
        .par_iter()
        .map(|s| render_doc(&s.doc, links))
        .collect();
    for (section, out) in sections.iter_mut().zip(rendered) {
        keep(&section.doc.source, out, &mut section.content);
    }
    let rendered: Vec<Output> = pages
        .par_iter()
        .map(|p| render_doc(&p.doc, links))
        .collect();
    for (page, out) in pages.iter_mut().zip(rendered) {
        keep(&page.doc.source, out, &mut page.content);
    }
    let errors = check_links(&findings, &documents(site));
    site.outbound = outbound;
    errors
}

fn render_doc<F>(doc: &Document<F>, links: &Links) -> Output {
    markdown::render(doc.body(), &doc.source, doc.body_line, links)
}

/// Each document's file text and heading ids, by source path.
fn documents(site: &Site) -> HashMap<&Path, (&str, HashSet<&str>)> {
    fn entry<'a, F>(
        doc: &'a Document<F>,
        content: &'a Rendered,
    ) -> (&'a Path, (&'a str, HashSet<&'a str>)) {
        (
            doc.source.as_path(),
            (
                doc.text(),
                content.anchors.iter().map(String::as_str).collect(),
            ),
        )
    }
    let mut docs = HashMap::new();
    if let Some(doc) = &site.home.doc {
        docs.insert(doc.source.as_path(), entry(doc, &site.home.content).1);
    }
    docs.extend(site.reports.iter().map(|r| entry(&r.doc, &r.content)));
    docs.extend(site.sections.iter().map(|s| entry(&s.doc, &s.content)));
    docs.extend(site.pages.iter().map(|p| entry(&p.doc, &p.content)));
    docs
}

/// Broken links from rendering, and `#anchor`s that match no heading of their target.
fn check_links(
    findings: &[LinkFindings],
    docs: &HashMap<&Path, (&str, HashSet<&str>)>,
) -> Diagnostics {
    let mut errors = Diagnostics::default();
    for LinkFindings {
        source,
        errors: broken,
        anchor_links,
    } in findings
    {
        let shown = Path::new("content").join(source);
        let text = docs.get(source.as_path()).map_or("", |(text, _)| text);
        for e in broken {
            errors.push(Diagnostic::new(&shown, e.message.clone()).at(text, e.line, e.column));
        }
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
