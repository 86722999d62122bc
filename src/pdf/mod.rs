//! A PDF of every report, typeset by Typst (embedded as a library): the report's Markdown
//! becomes Typst markup (`markup`, `document`), laid out after GB/T 9704-2012 for Chinese
//! reports (`layout.typ`), with the fonts found on the system (`fonts`), into PDF bytes. PDFs
//! are made in parallel and kept in a cache keyed by a hash of everything they are made from
//! (`cache`), outside the output folder.

mod cache;
mod document;
mod escape;
mod fonts;
mod markup;
mod world;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use rayon::prelude::*;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;

use crate::config::PdfConfig;
use crate::site::{ReportId, Site};
use crate::theme::Theme;

pub(crate) use cache::Cache;
pub(crate) use fonts::{Fonts, Roles};

/// A report's PDF.
pub(crate) struct Made {
    pub(crate) report: ReportId,
    pub(crate) bytes: Vec<u8>,
}

/// Makes the PDF of every report of `site` in parallel, reusing those in `cache` whose inputs
/// did not change.
pub(crate) fn make_all(
    site: &Site,
    theme: &Theme,
    options: &PdfConfig,
    cache: &Cache,
) -> Result<Vec<Made>> {
    // The markup depends on the fonts chosen, so they are found first, once; which files they
    // are is part of every key.
    let fonts = Fonts::load(&site.config.root, options)?;
    let made: Vec<Result<Made>> = crate::site::ReportId::all(site.reports.len())
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|report| {
            let (markup, images) = markup_of(site, theme, options, &fonts.roles, report)?;
            let key = cache::key(&markup, &images, &site.config.content_dir(), &fonts);
            if let Some(bytes) = cache.get(&key) {
                return Ok(Made { report, bytes });
            }
            let bytes = compile(site, report, markup, &fonts)?;
            cache.put(&key, &bytes);
            Ok(Made { report, bytes })
        })
        .collect();
    let made = made.into_iter().collect::<Result<Vec<_>>>()?;
    cache.keep_only_used();
    Ok(made)
}

/// Makes one report's PDF, without the cache (`gazette pdf`).
pub(crate) fn make(
    site: &Site,
    theme: &Theme,
    options: &PdfConfig,
    report: ReportId,
) -> Result<Vec<u8>> {
    let fonts = Fonts::load(&site.config.root, options)?;
    let (markup, _) = markup_of(site, theme, options, &fonts.roles, report)?;
    compile(site, report, markup, &fonts)
}

/// The report's Typst markup, and the images it embeds (relative to `content/`).
fn markup_of(
    site: &Site,
    theme: &Theme,
    options: &PdfConfig,
    roles: &Roles,
    report: ReportId,
) -> Result<(String, Vec<PathBuf>)> {
    let language =
        crate::render::page_language(site, crate::site::Target::Report(report)).to_string();
    let inputs = document::Inputs {
        site,
        report,
        words: theme.words_for(&language),
        roles,
        paper: options.paper,
    };
    document::markup(&inputs)
}

/// Typesets `markup` into PDF bytes.
fn compile(site: &Site, report: ReportId, markup: String, fonts: &Fonts) -> Result<Vec<u8>> {
    let doc = &site.reports[report].doc;
    let shown = Path::new("content").join(&doc.source);
    let date = doc.front.date;
    let today = Datetime::from_ymd(date.year, date.month as u8, date.day as u8)
        .ok_or_else(|| anyhow!("{}: the date is out of range", shown.display()))?;
    let content_dir = site.config.content_dir();
    let world = world::ReportWorld::new(markup, fonts, &content_dir, today);
    let failed = |errors: &[typst::diag::SourceDiagnostic]| {
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        anyhow!(
            "cannot make the PDF of {}: {}",
            shown.display(),
            messages.join("; ")
        )
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|e| failed(&e))?;
    let options = typst_pdf::PdfOptions {
        // A stable identifier: the same report gives the same bytes build after build.
        ident: Smart::Custom(site.url(crate::site::Target::Report(report)).to_string()),
        creator: Smart::Custom(Some(format!("gazette {}", env!("CARGO_PKG_VERSION")))),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|e| failed(&e))
}

/// Writes `bytes` beside `path` and renames it there, so a reader (or a crash) never sees half a
/// PDF; the temporary file is removed when a step fails.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
