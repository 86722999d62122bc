//! The pipeline as one readable function: config → content → site model → Markdown →
//! theme → pages → output files in memory ([`render()`]). Each stage hands plain data to the
//! next. [`build`] writes the files to disk; `serve` serves them as they are.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use bytes::Bytes;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{self, AnchorLink, LinkError, Output, Rendered};
use crate::output::{self, OutputFile};
use crate::render::{self, RenderedPage};
use crate::site::{self, Links, Site};
use crate::theme::{self, Theme};

/// What `gazette build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Replaces the scheme and host of the base URL, keeping its path (`serve`'s local address).
    pub origin: Option<String>,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
}

/// Reads and checks everything a build needs, without writing anything.
pub fn load(options: &BuildOptions) -> Result<(Site, Theme), Diagnostics> {
    let config = Config::load(
        &options.root,
        options.base_url.as_deref(),
        options.origin.as_deref(),
    )?;
    let theme = theme::load(&config);
    let content = crate::content::load(&config.content_dir(), &config.root);
    let (theme, content) = match (theme, content) {
        (Ok(t), Ok(c)) => (t, c),
        (t, c) => {
            let mut errors = Diagnostics::default();
            if let Err(e) = t {
                errors.push(e);
            }
            if let Err(e) = c {
                errors.extend(e);
            }
            return Err(errors);
        }
    };
    let mut site = site::assemble(config, content, options.drafts)?;
    render_markdown(&mut site).into_result(())?;
    Ok((site, theme))
}

/// The finished site in memory: every output file and how many of them are pages.
pub struct SiteFiles {
    pub files: Vec<OutputFile>,
    pub pages: usize,
}

/// Runs the whole pipeline in memory. `build` writes the result; `serve` serves it.
pub fn render(options: &BuildOptions) -> Result<SiteFiles> {
    let (site, theme) = load(options)?;
    let pages = render::render_site(&site, &theme)?;
    let page_count = pages.len();
    let files = site_files(&site, &theme, pages)?;
    Ok(SiteFiles {
        files,
        pages: page_count,
    })
}

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let output_dir = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let output_dir = output::check_output_dir(&options.root, &output_dir)?;
    let site = render(options)?;
    output::write_site(&output_dir, &site.files)?;
    Ok(BuildSummary {
        pages: site.pages,
        files: site.files.len(),
        elapsed: started.elapsed(),
        output: output_dir,
    })
}

/// Every file of the output: theme and site static files, content assets, then pages.
/// Files on disk are read here (in parallel), so nothing later depends on the source tree.
fn site_files(site: &Site, theme: &Theme, pages: Vec<RenderedPage>) -> Result<Vec<OutputFile>> {
    let content_dir = site.config.content_dir();
    let statics = theme
        .static_files
        .par_iter()
        .map(|file| match &file.source {
            theme::Source::Embedded(bytes) => Ok(OutputFile::new(&file.output, *bytes)),
            theme::Source::Disk(path) => OutputFile::read(&file.output, path),
        });
    let assets = site
        .assets
        .par_iter()
        .map(|asset| OutputFile::read(&asset.output, &content_dir.join(&asset.source)));
    let mut files: Vec<OutputFile> = statics.chain(assets).collect::<Result<_>>()?;
    files.extend(pages.into_iter().map(|p| OutputFile {
        path: p.output,
        bytes: Bytes::from(p.html),
    }));
    Ok(files)
}

/// What rendering found wrong with the links of one document.
struct LinkFindings {
    source: PathBuf,
    errors: Vec<LinkError>,
    anchor_links: Vec<AnchorLink>,
}

/// Renders every Markdown body in parallel, then checks links to headings across documents.
fn render_markdown(site: &mut Site) -> Diagnostics {
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
    let mut keep = |source: &Path, out: Output, slot: &mut Rendered| {
        *slot = out.rendered;
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
    check_links(&findings, &documents(site))
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
