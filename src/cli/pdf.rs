//! `gazette pdf`: one report's PDF, on demand.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;

use super::Console;
use crate::build::{self, BuildOptions, Loaded};
use crate::site::ReportId;

#[derive(Debug, Args)]
pub struct PdfArgs {
    /// The report's folder (the one holding its _index.md).
    #[arg(value_name = "REPORT_FOLDER")]
    pub report: PathBuf,
    /// Where to write the PDF [default: <report-slug>.pdf in the current folder].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include drafts (a draft report needs it).
    #[arg(long)]
    pub drafts: bool,
}

impl PdfArgs {
    pub fn run(self, console: Console) -> Result<()> {
        let started = std::time::Instant::now();
        let Loaded { site, theme, .. } = build::load(&BuildOptions {
            root: self.root.clone(),
            drafts: self.drafts,
            ..BuildOptions::default()
        })?;
        let id = find_report(&site, &self.root, &self.report)?;
        let options = site.config.pdf.clone().unwrap_or_default();
        let bytes = crate::pdf::make(&site, &theme, &options, id)?;
        let output = self
            .output
            .unwrap_or_else(|| PathBuf::from(format!("{}.pdf", site.reports[id].slug)));
        if output.file_name().is_none() {
            bail!("{} is not a file name", output.display());
        }
        crate::pdf::write_whole(&output, &bytes)
            .with_context(|| format!("cannot write {}", output.display()))?;
        console.say(format!(
            "Wrote {} ({} KB) in {:.2?}",
            output.display(),
            bytes.len().div_ceil(1000),
            started.elapsed()
        ));
        Ok(())
    }
}

/// The report whose folder is `folder` (as given on the command line, or relative to the
/// site's `content/`).
fn find_report(site: &crate::site::Site, root: &Path, folder: &Path) -> Result<ReportId> {
    let content = std::fs::canonicalize(site.config.content_dir())
        .with_context(|| format!("cannot read {}", root.join("content").display()))?;
    let wanted = std::fs::canonicalize(folder)
        .or_else(|_| std::fs::canonicalize(content.join(folder)))
        .with_context(|| format!("{} is not a folder", folder.display()))?;
    let found = crate::site::ReportId::enumerate(&site.reports).find(|(_, report)| {
        let dir = content.join(report.doc.source.parent().unwrap_or(Path::new("")));
        std::fs::canonicalize(dir).is_ok_and(|dir| dir == wanted)
    });
    match found {
        Some((id, _)) => Ok(id),
        None => bail!(
            "{} is not a report folder of the site at {} (a report folder holds _index.md; a \
             draft needs --drafts)",
            folder.display(),
            root.display()
        ),
    }
}
