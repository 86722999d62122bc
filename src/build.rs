//! The pipeline as one readable function: config → content → site model → Markdown →
//! theme → pages → output files in memory ([`render()`]). Each stage hands plain data to the
//! next. [`build`] writes the files to disk; `serve` serves them as they are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use bytes::Bytes;
use rayon::prelude::*;

use crate::bodies::{self, Sources};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::feeds;
use crate::output::{self, OutputFile, Staging, WriteSummary};
use crate::render;
use crate::search;
use crate::site::{self, Site};
use crate::theme::{self, Theme};

/// What `gazette build` was asked to do.
#[derive(Debug, Clone, Default)]
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
    /// What changed in the output folder.
    pub written: WriteSummary,
    pub timings: Timings,
}

/// How long each stage of a build took, in order, for `--verbose`.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `stage`, recording its time under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = stage();
        self.0.push((name, started.elapsed()));
        value
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stages: Vec<String> = self
            .0
            .iter()
            .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        write!(f, "{}", stages.join(", "))
    }
}

/// Reads and checks everything a build needs, without writing anything.
pub fn load(options: &BuildOptions) -> Result<(Site, Theme), Diagnostics> {
    load_timed(options, &mut Timings::default(), Sources::Keep)
}

pub fn load_timed(
    options: &BuildOptions,
    timings: &mut Timings,
    sources: Sources,
) -> Result<(Site, Theme), Diagnostics> {
    let config = Config::load(
        &options.root,
        options.base_url.as_deref(),
        options.origin.as_deref(),
    )?;
    let theme = timings.time("theme", || theme::load(&config));
    let content = timings.time("load", || {
        crate::content::load(&config.content_dir(), &config.root)
    });
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
    let mut site = timings.time("model", || site::assemble(config, content, options.drafts))?;
    timings
        .time("markdown", || bodies::render(&mut site, sources))
        .into_result(())?;
    Ok((site, theme))
}

/// The finished site in memory: every output file and how many of them are pages, with the
/// model and theme they came from (a preview re-renders parts of it after an edit).
pub struct SiteFiles {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub timings: Timings,
    pub site: Site,
    pub theme: Theme,
}

/// Runs the whole pipeline in memory. `serve` serves the result.
pub fn render(options: &BuildOptions) -> Result<SiteFiles> {
    let mut timings = Timings::default();
    let (site, theme) = load_timed(options, &mut timings, Sources::Keep)?;
    let pages = timings.time("render", || render::render_site(&site, &theme))?;
    let page_count = pages.len();
    let files = timings.time("assemble", || -> Result<Vec<OutputFile>> {
        let mut by_path: HashMap<PathBuf, OutputFile> = HashMap::new();
        let pages = pages.into_iter().map(|p| OutputFile {
            path: p.output,
            bytes: Bytes::from(p.html),
        });
        let search = search::files(&site)
            .into_iter()
            .map(|(path, bytes)| OutputFile::new(&path, bytes));
        // In the order `build` writes them: a later file wins a path.
        for file in other_files(&site, &theme)?
            .into_iter()
            .chain(search)
            .chain(pages)
        {
            by_path.insert(file.path.clone(), file);
        }
        Ok(by_path.into_values().collect())
    })?;
    Ok(SiteFiles {
        files,
        pages: page_count,
        timings,
        site,
        theme,
    })
}

/// Builds the site into its output folder: pages are written as they are rendered, into a
/// staging folder whose files go into the output only when everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let output_dir = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let output_dir = output::check_output_dir(&options.root, &output_dir)?;
    let mut timings = Timings::default();
    let (mut site, theme) = load_timed(options, &mut timings, Sources::Release)?;
    let staging = Staging::create(&output_dir)?;
    // Everything but the pages goes first, so a page wins a path it shares with a file.
    let files = timings.time("assemble", || other_files(&site, &theme))?;
    timings.time("write", || {
        files
            .par_iter()
            .try_for_each(|f| staging.write(&f.path, &f.bytes))
    })?;
    let pages = timings.time("render", || {
        render::render_each(&site, &theme, |page| {
            staging.write(&page.output, &page.html)
        })
    })?;
    site.release_html();
    // Last, with the pages' HTML freed: the index is the largest thing a build holds. Its
    // files are under `search/`, where a page cannot be.
    let write = |path: &Path, bytes: &[u8]| staging.write(path, bytes);
    let searched = timings.time("search", || search::generate(&site, &write))?;
    let written = timings.time("update", || staging.finish())?;
    Ok(BuildSummary {
        pages,
        files: pages + files.len() + searched,
        elapsed: started.elapsed(),
        output: output_dir,
        written,
        timings,
    })
}

/// Every file of the output but the pages and search's, one per path: the feeds,
/// the theme's and the site's static files, then content assets, each replacing an earlier one
/// at its path. Files on disk are read here (in parallel), so nothing later depends on the
/// source tree.
pub fn other_files(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>> {
    let content_dir = site.config.content_dir();
    let feeds = feeds::generate(site)
        .into_iter()
        .map(|(path, text)| OutputFile::new(&path, text));
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
    let read: Vec<OutputFile> = statics.chain(assets).collect::<Result<_>>()?;
    let mut by_path: HashMap<PathBuf, OutputFile> = HashMap::new();
    for file in feeds.chain(read) {
        by_path.insert(file.path.clone(), file);
    }
    Ok(by_path.into_values().collect())
}
