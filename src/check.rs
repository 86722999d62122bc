//! `gazette check`: everything a build validates, without writing anything, plus what is worth
//! fixing but does not stop a build (warnings), and optionally the links to other sites.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::build::{self, BuildOptions, Discard, Keep, Loaded, Pdfs, Timings};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::Diagnostic;
use crate::linkcheck::{self, LinkStatus};
use crate::markdown::ExternalLink;
use crate::site::{Outbound, Site};
use crate::statics;

/// What `gazette check` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct CheckOptions {
    pub root: PathBuf,
    pub drafts: bool,
    /// Also request every link to another site.
    pub external: bool,
    pub timeout: Duration,
    pub concurrency: usize,
}

/// An external link that did not answer well, and everywhere it is written.
#[derive(Debug)]
pub(crate) struct BrokenLink {
    pub status: LinkStatus,
    pub places: Vec<(PathBuf, ExternalLink)>,
}

/// The findings of a check that found no errors.
#[derive(Debug)]
pub(crate) struct CheckReport {
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// How many distinct external URLs were requested (0 without `--external`).
    pub external_checked: usize,
    pub broken: Vec<BrokenLink>,
}

/// Runs the whole build with nothing written: errors come back exactly as the build would
/// give them (static files, feeds and search included).
pub(crate) fn check(options: &CheckOptions) -> Result<CheckReport> {
    let build_options = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        ..BuildOptions::default()
    };
    let Loaded {
        site,
        mut bodies,
        theme,
        ..
    } = build::load(&build_options)?;
    let mut timings = Timings::default();
    let emitted = build::emit(
        &site,
        &mut bodies,
        &theme,
        &Discard,
        build::Mode {
            keep: Keep::All,
            pdfs: Pdfs::Check,
        },
        &mut timings,
        build::DOCS_AT_ONCE,
    )?;
    let mut warnings = warnings(&site, &bodies.outbound);
    warnings.extend(statics::resolve(&site, &theme)?.warnings(&site));
    let (external_checked, broken) = if options.external {
        check_external(&bodies.outbound, options)
    } else {
        (0, Vec::new())
    };
    Ok(CheckReport {
        pages: emitted.pages,
        warnings,
        external_checked,
        broken,
    })
}

fn shown(source: &Path) -> PathBuf {
    Path::new("content").join(source)
}

/// What a base URL without a host costs (`build` and `check` say it once); and, for `check`,
/// that a robots.txt in a sub-folder is not read by crawlers.
pub(crate) fn address_warnings(config: &Config, in_check: bool) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if config.base_url.starts_with('/') {
        warnings.push(
            Diagnostic::new(
                CONFIG_FILE,
                format!(
                    "base_url `{}` has no scheme and host: the feed, the sitemap, canonical links and robots.txt need the site's absolute address",
                    config.base_url
                ),
            )
            .with_hint("set it to where public/ is uploaded, e.g. `base_url: https://www.example.gov.cn/reports/`")
            .warning(),
        );
    }
    if in_check && config.base_path != "/" {
        warnings.push(
            Diagnostic::new(
                CONFIG_FILE,
                format!(
                    "robots.txt is published at {}robots.txt, but crawlers read it only at the host's root",
                    config.base_path
                ),
            )
            .with_hint("add its `Sitemap:` line to the host's /robots.txt")
            .warning(),
        );
    }
    warnings
}

/// Sections without a summary, repeated section titles in a report, files nothing links to.
fn warnings(site: &Site, outbound: &Outbound) -> Vec<Diagnostic> {
    let mut warnings = address_warnings(&site.config, true);
    for report in &site.reports {
        let mut by_title: BTreeMap<&str, Vec<&Path>> = BTreeMap::new();
        for &id in &report.sections {
            let doc = &site.sections[id].doc;
            by_title
                .entry(&doc.front.title)
                .or_default()
                .push(&doc.source);
            if doc.front.summary.is_none() {
                warnings.push(
                    Diagnostic::new(shown(&doc.source), "section has no `summary:`")
                        .with_hint("a one-sentence summary is shown in the report's contents and used as the page description")
                        .warning(),
                );
            }
        }
        for (title, sources) in by_title.into_iter().filter(|(_, s)| s.len() > 1) {
            let others: Vec<String> = sources[1..]
                .iter()
                .map(|s| shown(s).display().to_string())
                .collect();
            warnings.push(
                Diagnostic::new(
                    shown(sources[0]),
                    format!(
                        "section title `{title}` is also used by {}",
                        others.join(", ")
                    ),
                )
                .warning(),
            );
        }
    }
    for asset in &site.assets {
        if !outbound.used.contains(&asset.source) {
            warnings.push(
                Diagnostic::new(shown(&asset.source), "no page links to this file")
                    .with_hint("it is still published; link it from a section or remove it")
                    .warning(),
            );
        }
    }
    warnings
}

fn check_external(outbound: &Outbound, options: &CheckOptions) -> (usize, Vec<BrokenLink>) {
    let mut places: HashMap<&str, Vec<(PathBuf, ExternalLink)>> = HashMap::new();
    for (source, link) in &outbound.external {
        places
            .entry(link.url.as_str())
            .or_default()
            .push((source.clone(), link.clone()));
    }
    let mut urls: Vec<String> = places.keys().map(|u| u.to_string()).collect();
    urls.sort();
    let statuses = linkcheck::check(&urls, options.concurrency, options.timeout);
    let broken = statuses
        .into_iter()
        .filter(LinkStatus::is_broken)
        .map(|status| {
            let places = places.remove(status.url.as_str()).unwrap_or_default();
            BrokenLink { status, places }
        })
        .collect();
    (urls.len(), broken)
}

impl BrokenLink {
    /// One diagnostic per place the link is written.
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        let why = match &self.status.outcome {
            Ok(status) => format!("HTTP {status}"),
            Err(e) => e.clone(),
        };
        self.places
            .iter()
            .map(|(source, link)| {
                Diagnostic::new(
                    shown(source),
                    format!("external link {} is broken: {why}", link.url),
                )
                .at_position(link.line, link.column)
            })
            .collect()
    }
}
