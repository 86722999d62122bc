//! The pipeline: config → content → site model → Markdown ([`load`]), then every output file
//! into a sink ([`emit`]): the disk for [`build`], memory for the preview ([`render()`]),
//! nowhere for `check`. Each stage hands plain data to the next. A one-shot build renders the
//! Markdown inside [`emit`] instead, a batch of reports at a time, so that only one batch's
//! bodies are ever in memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use bytes::Bytes;
use rayon::prelude::*;

use crate::bodies::{self, Bodies, Sources};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::feeds;
use crate::figures;
use crate::output::{self, Staging, WriteSummary};
use crate::pdf;
use crate::render;
use crate::search;
use crate::site::{self, Site, Target, Texts, routes};
use crate::statics::{self, Statics};
use crate::theme::{self, StaticFile, Theme};

/// What `gazette build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder, holding `site.yaml` and `content/`.
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Publish drafts too (`--drafts`), to review them before they go out.
    pub drafts: bool,
    /// Replaces `base_url` of `site.yaml`, e.g. to build for a staging host.
    pub base_url: Option<String>,
    /// Replaces the scheme and host of the base URL, keeping its path (`serve`'s local address).
    pub origin: Option<String>,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildSummary {
    /// How many HTML pages the site has, for the summary line.
    pub pages: usize,
    /// How many files the site has in all: pages, feeds, assets, static and search files.
    pub files: usize,
    /// Wall time from start to the output updated.
    pub elapsed: Duration,
    /// The output folder written, with symlinks resolved.
    pub output: PathBuf,
    /// What changed in the output folder.
    pub written: WriteSummary,
    /// Each stage's time, printed with `--verbose`.
    pub timings: Timings,
}

/// How long each stage of a build took, in order, for `--verbose`.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `stage`, adding its time to `name`'s (a stage run batch by batch is one entry).
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = stage();
        let elapsed = started.elapsed();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += elapsed,
            None => self.0.push((name, elapsed)),
        }
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

/// Everything loaded and checked: the model (not changed after), the tables beside it and
/// the theme.
pub(crate) struct Loaded {
    pub site: Site,
    pub bodies: Bodies,
    /// The files' texts; empty in a one-shot build, whose texts wait in `bodies` until each
    /// batch's bodies are rendered (see [`Sources::Stream`]).
    pub texts: Texts,
    pub theme: Theme,
}

/// Reads and checks everything a build needs, without writing anything.
pub(crate) fn load(options: &BuildOptions) -> Result<Loaded, Diagnostics> {
    load_timed(options, &mut Timings::default(), Sources::Keep)
}

pub(crate) fn load_timed(
    options: &BuildOptions,
    timings: &mut Timings,
    sources: Sources,
) -> Result<Loaded, Diagnostics> {
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
    let (site, texts) =
        timings.time("model", || site::assemble(config, content, options.drafts))?;
    let (bodies, texts, errors) =
        timings.time("markdown", || bodies::render(&site, texts, sources));
    errors.into_result(Loaded {
        site,
        bodies,
        texts,
        theme,
    })
}

/// Where output files go: the only thing `build` (disk), `serve` (memory) and `check`
/// (nowhere) do differently. Called from many threads at once.
pub(crate) trait Sink: Sync {
    /// Takes one file at `path` (relative to the output root).
    fn put(&self, path: &Path, bytes: Bytes) -> Result<()>;
}

/// Files kept in memory, by their path with `/` separators: what the preview serves.
#[derive(Default)]
pub(crate) struct Memory(Mutex<HashMap<String, Bytes>>);

impl Memory {
    pub(crate) fn into_files(self) -> HashMap<String, Bytes> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, path: &Path, bytes: Bytes) -> Result<()> {
        let mut files = self.0.lock().unwrap_or_else(|p| p.into_inner());
        files.insert(routes::key(path), bytes);
        Ok(())
    }
}

/// Files made and dropped: `check` runs every stage a build runs, and keeps nothing.
pub(crate) struct Discard;

impl Sink for Discard {
    fn put(&self, _: &Path, _: Bytes) -> Result<()> {
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: &Path, bytes: Bytes) -> Result<()> {
        self.write(path, &bytes)
    }
}

/// A sink that lets static files take the paths they claim (see [`crate::statics`]):
/// generated files at those paths are dropped on the way in.
pub(crate) struct Published<'a> {
    sink: &'a dyn Sink,
    statics: &'a Statics<'a>,
}

impl<'a> Published<'a> {
    pub(crate) fn new(sink: &'a dyn Sink, statics: &'a Statics<'a>) -> Self {
        Published { sink, statics }
    }

    /// Renders `targets` into the sink; returns how many pages there were.
    pub(crate) fn pages(
        &self,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        targets: &[Target],
    ) -> Result<usize> {
        render::render_each(site, bodies, theme, targets, |page| {
            self.put(&page.output, Bytes::from(page.html))
        })
    }

    /// The reports' PDFs into the sink, their sizes into `bodies`; returns how many there were.
    /// Nothing at all happens with `pdf:` off.
    pub(crate) fn pdfs(
        &self,
        site: &Site,
        bodies: &mut Bodies,
        theme: &Theme,
        when: Pdfs,
    ) -> Result<usize> {
        let Some(options) = &site.config.pdf else {
            return Ok(0);
        };
        let cache = match when {
            Pdfs::Now => pdf::Cache::of_site(&site.config.root),
            Pdfs::Check => pdf::Cache::read_only(&site.config.root),
            Pdfs::Later => return Ok(0),
        };
        let made = pdf::make_all(site, theme, options, &cache)?;
        bodies.pdf_sizes = vec![None; site.reports.len()];
        for pdf::Made { report, bytes, .. } in &made {
            bodies.pdf_sizes[report.index()] = Some(bytes.len() as u64);
        }
        let count = made.len();
        for pdf::Made { report, bytes, .. } in made {
            if let Some(route) = site.pdf_route(report) {
                self.put(&route.output, Bytes::from(bytes))?;
            }
        }
        Ok(count)
    }

    /// The search index of a site whose bodies are all rendered into the sink; returns how
    /// many files it has, or `None` when `interrupted` stopped it (see [`search::generate`]).
    pub(crate) fn search(
        &self,
        site: &Site,
        bodies: &Bodies,
        interrupted: &mut dyn FnMut() -> bool,
    ) -> Result<Option<usize>> {
        let write = |path: &Path, bytes: &[u8]| self.put(path, Bytes::copy_from_slice(bytes));
        search::generate(site, bodies, &write, interrupted)
    }
}

impl Sink for Published<'_> {
    fn put(&self, path: &Path, bytes: Bytes) -> Result<()> {
        if self.statics.replaces(path) {
            return Ok(());
        }
        self.sink.put(path, bytes)
    }
}

/// What emitting the site produced.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Emitted {
    pub pages: usize,
    pub files: usize,
}

/// What a one-shot build may free as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// The preview keeps the model whole to re-render parts of it.
    All,
    /// A one-shot build frees each batch's rendered bodies once its pages and search entries
    /// are made.
    Nothing,
}

/// When the reports' PDFs are made (with `pdf:` on in site.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pdfs {
    /// Before the pages, whose links say how big each PDF is; kept in the cache (`build`).
    Now,
    /// Made as `build` would, reading the cache but never writing it (`check` writes nothing).
    Check,
    /// After the pages, by the caller: the preview makes them in the background.
    Later,
}

/// What a run of [`emit`] keeps and when it makes the PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mode {
    pub(crate) keep: Keep,
    pub(crate) pdfs: Pdfs,
}

/// About how many documents' bodies a build holds at once: enough for every core to have
/// work at each stage, few enough that a 100,000-section site's bodies are never all in
/// memory.
pub(crate) const DOCS_AT_ONCE: usize = 2048;

/// The one pipeline after loading: every output file of the site into `sink`. Feeds, content
/// assets, static files and the reports' PDFs (`mode.pdfs`) first; then batch by batch (see [`Site::batches`]): the bodies
/// rendered (when the site was loaded with [`Sources::Stream`]), the pages made, the search
/// documents written and their postings filed, and with [`Keep::Nothing`] the bodies freed;
/// last the search index's shards. Link errors come before template errors, as when the
/// bodies are rendered at load. Batches hold about `docs_at_once` documents
/// ([`DOCS_AT_ONCE`], fewer in tests).
pub(crate) fn emit(
    site: &Site,
    bodies: &mut Bodies,
    theme: &Theme,
    sink: &dyn Sink,
    mode: Mode,
    timings: &mut Timings,
    docs_at_once: usize,
) -> Result<Emitted> {
    let statics = statics::resolve(site, theme)?;
    let published = Published::new(sink, &statics);
    let mut files = timings.time("assemble", || copied_files(site, &statics, &published))?;
    files += timings.time("pdf", || published.pdfs(site, bodies, theme, mode.pdfs))?;
    let write = |path: &Path, bytes: &[u8]| published.put(path, Bytes::copy_from_slice(bytes));
    let mut indexer = site.config.search.then(|| search::Indexer::new(&write));
    let mut pages = 0;
    let mut template_errors = Diagnostics::default();
    for batch in site.batches(docs_at_once) {
        timings.time("markdown", || bodies.prepare(site, &batch.docs));
        let rendered = timings.time("render", || {
            published.pages(site, bodies, theme, &batch.targets)
        });
        match rendered {
            Ok(n) => pages += n,
            Err(e) => template_errors.extend(e.downcast::<Diagnostics>()?),
        }
        if let Some(indexer) = &mut indexer {
            timings.time("search", || {
                let mut docs = search::meta::report_docs(site, bodies, batch.reports.into_iter());
                if batch.pages {
                    docs.extend(search::meta::page_docs(site, bodies));
                }
                indexer.add(&docs)
            })?;
        }
        if mode.keep == Keep::Nothing {
            bodies.release(&batch.docs);
        }
    }
    bodies.link_errors(site).into_result(())?;
    template_errors.into_result(())?;
    let searched = match indexer {
        Some(indexer) => timings.time("search", || indexer.finish(search::meta::manifest(site)))?,
        None => 0,
    };
    Ok(Emitted {
        pages,
        files: files + pages + searched,
    })
}

/// The feeds, the figures' open data, content assets and static files into `sink`; returns how many there were. Files
/// on disk are read here, in parallel.
fn copied_files(site: &Site, statics: &Statics, published: &Published) -> Result<usize> {
    let content_dir = site.config.content_dir();
    let feeds = feeds::generate(site);
    let figures = figures::generate(site);
    let count = feeds.len() + figures.len() + site.assets.len() + statics.files.len();
    for (path, text) in feeds {
        published.put(&path, Bytes::from(text))?;
    }
    for (path, bytes) in figures {
        published.put(&path, Bytes::from(bytes))?;
    }
    site.assets.par_iter().try_for_each(|asset| {
        let bytes = read(&content_dir.join(&asset.source))?;
        published.put(&asset.output, bytes)
    })?;
    // Straight into the sink: these are the files that replace generated ones.
    statics
        .files
        .par_iter()
        .try_for_each(|(path, file)| published.sink.put(path, read_static(file)?))?;
    Ok(count)
}

/// A static file's bytes, from the binary or the disk.
pub(crate) fn read_static(file: &StaticFile) -> Result<Bytes> {
    match &file.source {
        theme::Source::Embedded(bytes) => Ok(Bytes::from_static(bytes)),
        theme::Source::Disk(source) => read(source),
    }
}

fn read(path: &Path) -> Result<Bytes> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Bytes::from(bytes))
}

/// The finished site in memory, with what it came from (a preview re-renders parts of it
/// after an edit).
pub struct SiteFiles {
    /// By path with `/` separators.
    pub files: HashMap<String, Bytes>,
    /// How many HTML pages the site has, for the preview's first line.
    pub pages: usize,
    /// Each stage's time, printed with `--verbose`.
    pub timings: Timings,
    pub(crate) loaded: Loaded,
}

/// Runs the whole pipeline into memory. `serve` serves the result.
pub fn render(options: &BuildOptions) -> Result<SiteFiles> {
    let mut timings = Timings::default();
    let mut loaded = load_timed(options, &mut timings, Sources::Keep)?;
    let memory = Memory::default();
    let Loaded {
        site,
        bodies,
        theme,
        ..
    } = &mut loaded;
    let emitted = emit(
        site,
        bodies,
        theme,
        &memory,
        Mode {
            keep: Keep::All,
            pdfs: Pdfs::Later,
        },
        &mut timings,
        DOCS_AT_ONCE,
    )?;
    Ok(SiteFiles {
        files: memory.into_files(),
        pages: emitted.pages,
        timings,
        loaded,
    })
}

/// Builds the site into its output folder: files are written as they are made, into a
/// staging folder whose files go into the output only when everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let output_dir = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let output_dir = output::check_output_dir(&options.root, &output_dir)?;
    let mut timings = Timings::default();
    let Loaded {
        site,
        mut bodies,
        theme,
        ..
    } = load_timed(options, &mut timings, Sources::Stream)?;
    let staging = Staging::create(&output_dir)?;
    let emitted = emit(
        &site,
        &mut bodies,
        &theme,
        &staging,
        Mode {
            keep: Keep::Nothing,
            pdfs: Pdfs::Now,
        },
        &mut timings,
        DOCS_AT_ONCE,
    )?;
    let written = timings.time("update", || staging.finish())?;
    Ok(BuildSummary {
        pages: emitted.pages,
        files: emitted.files,
        elapsed: started.elapsed(),
        output: output_dir,
        written,
        timings,
    })
}

/// The repository's own example site, for tests of the pipeline's stages.
#[cfg(test)]
pub(crate) fn example_site() -> BuildOptions {
    BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        ..BuildOptions::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build renders, writes and frees bodies batch by batch; the preview renders them all
    /// when the site is loaded and keeps them. The files must be the same, however small the
    /// batches.
    #[test]
    fn batches_of_streamed_bodies_make_the_files_of_one_pass() {
        let options = example_site();
        let whole = render(&options).unwrap().files;
        for docs_at_once in [1, 3] {
            let mut timings = Timings::default();
            let Loaded {
                site,
                mut bodies,
                theme,
                ..
            } = load_timed(&options, &mut timings, Sources::Stream).unwrap();
            assert!(bodies.html.sections.is_empty(), "nothing rendered at load");
            let memory = Memory::default();
            let mode = Mode {
                keep: Keep::Nothing,
                pdfs: Pdfs::Later,
            };
            emit(
                &site,
                &mut bodies,
                &theme,
                &memory,
                mode,
                &mut timings,
                docs_at_once,
            )
            .unwrap();
            assert!(
                bodies.html.sections.iter().all(String::is_empty),
                "bodies freed"
            );
            let batched = memory.into_files();
            let mut paths: Vec<&String> = batched.keys().collect();
            paths.sort();
            assert_eq!(paths.len(), whole.len());
            assert!(paths.iter().any(|p| p.starts_with("search/d/")));
            for path in paths {
                assert_eq!(batched[path], whole[path], "{path}");
            }
        }
    }
}
