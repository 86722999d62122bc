//! `gazette build` and `gazette check`.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::Args;
use clap::builder::RangedU64ValueParser;

use super::Console;
use crate::diagnostics;
use crate::linkcheck::{MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS};

use crate::build::{self, BuildOptions};
use crate::check::{self, CheckOptions};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public]. Files gazette did not write there are
    /// kept; a link (to a web root, say) is written through.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include reports, sections and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.yaml's `base_url` (for a staging host, say).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl BuildArgs {
    pub fn run(self, console: Console) -> Result<()> {
        let BuildArgs {
            root,
            output,
            drafts,
            base_url,
        } = self;
        // Read again here only to warn: build reports any error in site.yaml itself.
        if let Ok(config) = crate::config::Config::load(&root, base_url.as_deref(), None) {
            for warning in check::address_warnings(&config, false) {
                diagnostics::report(&format!("{warning}\n"));
            }
        }
        let summary = build::build(&BuildOptions {
            root,
            output,
            drafts,
            base_url,
            origin: None,
        })?;
        console.detail(format!("Stages: {}", summary.timings));
        let written = &summary.written;
        console.say(format!(
            "Built {} pages ({} files) into {} in {:.2?}: {} written, {} unchanged, {} removed",
            summary.pages,
            summary.files,
            summary.output.display(),
            summary.elapsed,
            written.written,
            written.unchanged,
            written.removed
        ));
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Check drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Also request every link to another site and report the ones that fail.
    #[arg(long)]
    pub external: bool,
    /// Seconds to wait for each external link (1 to 300).
    #[arg(long, default_value_t = 10, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECONDS))]
    pub timeout: u64,
    /// How many external links to request at once (1 to 64).
    #[arg(long, default_value_t = 8, value_name = "N",
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_CONCURRENCY as u64))]
    pub concurrency: usize,
    /// Fail (non-zero exit) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

impl CheckArgs {
    pub fn run(self, console: Console) -> Result<()> {
        let CheckArgs {
            root,
            drafts,
            external,
            timeout,
            concurrency,
            deny_warnings,
        } = self;
        let options = CheckOptions {
            root,
            drafts,
            external,
            timeout: Duration::from_secs(timeout),
            concurrency,
        };
        let report = check::check(&options)?;
        for warning in &report.warnings {
            diagnostics::report(&format!("{warning}\n"));
        }
        for link in &report.broken {
            for diagnostic in link.diagnostics() {
                diagnostics::report(&format!("{diagnostic}\n"));
            }
        }
        let mut summary = format!(
            "Checked {} pages: no errors, {} warnings",
            report.pages,
            report.warnings.len()
        );
        if external {
            summary.push_str(&format!(
                "; {} external links, {} broken",
                report.external_checked,
                report.broken.len()
            ));
        }
        console.say(summary);
        if !report.broken.is_empty() {
            bail!("{} external links are broken", report.broken.len());
        }
        if deny_warnings && !report.warnings.is_empty() {
            bail!("{} warnings (--deny-warnings)", report.warnings.len());
        }
        Ok(())
    }
}
