//! Rebuilding the preview after a change with the least work that is still correct. The
//! common case, a writer saving a section, re-reads that one file, re-renders its body and
//! the two pages that show it (the section and the report's printable version), and checks
//! every link into it again; a template or word change re-renders all pages from the model
//! already in memory; a static file is read alone. Anything else, or any change after a failed
//! rebuild, rebuilds everything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use bytes::Bytes;

use crate::bodies;
use crate::build::{self, BuildOptions, SiteFiles};
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::output::OutputFile;
use crate::render::{self, Target};
use crate::search;
use crate::site::Site;
use crate::theme::{self, Theme};

/// Output files by their path relative to the output root, with `/` separators.
pub type Files = Arc<HashMap<String, Bytes>>;

/// What a rebuild did, for the line the preview prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    /// Everything, from the files on disk.
    All { pages: usize },
    /// Only the pages showing edited sections.
    Sections { sections: usize, pages: usize },
    /// Every page from the model in memory, after a template or word change.
    Templates { pages: usize },
    /// Static files only.
    Static { files: usize },
}

/// The last good build, kept to rebuild from.
pub struct Workspace {
    options: BuildOptions,
    /// The site folder as the watcher reports paths (canonical).
    root: PathBuf,
    site: Site,
    theme: Theme,
    files: Files,
    /// A failed rebuild leaves the files on disk and the model apart: rebuild all next time.
    stale: bool,
    /// Sections changed since the search index was made (see [`Workspace::refresh_search`]).
    search_stale: bool,
}

/// How one changed path can be taken into account.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    Section(usize),
    Templates,
    /// A file of the site's `static/`, by its path there (which is its path in the output).
    Static(PathBuf),
    Everything,
}

fn key(path: &Path) -> String {
    let parts: Vec<_> = path.iter().map(|c| c.to_string_lossy()).collect();
    parts.join("/")
}

fn to_map(files: Vec<OutputFile>) -> HashMap<String, Bytes> {
    files.into_iter().map(|f| (key(&f.path), f.bytes)).collect()
}

impl Workspace {
    /// The first build.
    pub fn build(options: BuildOptions) -> Result<(Workspace, usize)> {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let SiteFiles {
            files,
            pages,
            site,
            theme,
            ..
        } = build::render(&options)?;
        let files = Arc::new(to_map(files));
        Ok((
            Workspace {
                options,
                root,
                site,
                theme,
                files,
                stale: false,
                search_stale: false,
            },
            pages,
        ))
    }

    pub fn files(&self) -> Files {
        Arc::clone(&self.files)
    }

    /// Whether section edits have made the search index out of date.
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Brings the search index up to date after section edits. A preview calls it after the
    /// reload has gone out: the index takes longer than the pages, and a reader of the edited
    /// page does not wait for it. `None` when the index is current.
    pub fn refresh_search(&mut self) -> Option<Files> {
        if !std::mem::take(&mut self.search_stale) {
            return None;
        }
        let mut files = (*self.files).clone();
        files.extend(
            search::files(&self.site)
                .into_iter()
                .map(|(path, bytes)| (key(&path), Bytes::from(bytes))),
        );
        self.files = Arc::new(files);
        Some(self.files())
    }

    /// Brings the build up to date with `changed` (absolute paths, as the watcher gives them).
    /// On failure the last good build stays, and the next call rebuilds everything.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuilt> {
        let changes: Vec<Change> = changed.iter().map(|p| self.classify(p)).collect();
        let result = if self.stale || changes.contains(&Change::Everything) {
            self.rebuild_all()
        } else {
            self.rebuild_parts(&changes)
        };
        self.stale = result.is_err();
        result
    }

    fn classify(&self, path: &Path) -> Change {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return Change::Everything;
        };
        let mut parts = rel.components();
        let first = parts
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let inner = parts.as_path();
        match first.as_deref() {
            Some("templates") | Some("i18n") => Change::Templates,
            Some("static") if path.is_file() => Change::Static(inner.to_path_buf()),
            // An edited section that still exists: created, removed or renamed files change
            // the model's shape, so they take a full rebuild.
            Some("content") if path.is_file() => self
                .site
                .sections
                .iter()
                .position(|s| s.doc.source == inner)
                .map_or(Change::Everything, Change::Section),
            _ => Change::Everything,
        }
    }

    fn rebuild_all(&mut self) -> Result<Rebuilt> {
        let (workspace, pages) = Workspace::build(self.options.clone())?;
        *self = workspace;
        Ok(Rebuilt::All { pages })
    }

    fn rebuild_parts(&mut self, changes: &[Change]) -> Result<Rebuilt> {
        let mut sections: Vec<usize> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Section(id) => Some(*id),
                _ => None,
            })
            .collect();
        sections.sort_unstable();
        sections.dedup();
        for &id in &sections {
            let source = self.site.sections[id].doc.source.clone();
            let config = &self.site.config;
            let doc = content::load_section(&config.content_dir(), &config.root, &source)
                .map_err(Diagnostics::from)?;
            // New front matter can move the section, rename it or change its neighbours' links.
            if doc.front != self.site.sections[id].doc.front {
                return self.rebuild_all();
            }
            let errors = bodies::replace_section_body(&mut self.site, id, doc);
            if !errors.is_empty() {
                return Err(errors.into());
            }
        }
        let templates = changes.contains(&Change::Templates);
        if templates {
            self.theme = theme::load(&self.site.config).map_err(Diagnostics::from)?;
        }
        let mut files = (*self.files).clone();
        let mut statics = 0;
        for change in changes {
            if let Change::Static(rel) = change {
                let source = self.site.config.static_dir().join(rel);
                files.insert(
                    key(rel),
                    Bytes::from(
                        std::fs::read(&source)
                            .with_context(|| format!("cannot read {}", source.display()))?,
                    ),
                );
                statics += 1;
            }
        }
        self.search_stale |= !sections.is_empty();
        let targets: Vec<Target> = if templates {
            render::targets(&self.site)
        } else {
            sections
                .iter()
                .flat_map(|&id| {
                    [
                        Target::Section(id),
                        Target::Print(self.site.sections[id].report),
                    ]
                })
                .collect()
        };
        let pages = render::render_targets(&self.site, &self.theme, &targets)?;
        let page_count = pages.len();
        // The feeds stay as the last full build made them: an edited text changes nothing in
        // them but a sitemap date, which no preview reader looks at.
        files.extend(
            pages
                .into_iter()
                .map(|p| (key(&p.output), Bytes::from(p.html))),
        );
        self.files = Arc::new(files);
        Ok(if templates {
            Rebuilt::Templates { pages: page_count }
        } else if sections.is_empty() {
            Rebuilt::Static { files: statics }
        } else {
            Rebuilt::Sections {
                sections: sections.len(),
                pages: page_count,
            }
        })
    }
}
