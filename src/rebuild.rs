//! Rebuilding the preview after a change with the least work that is still correct: an edit
//! is classified ([`Change`]), and [`redo`] says from the facts of what reads what which
//! outputs it makes out of date; anything whose effects are not written down there rebuilds
//! everything. The fast paths, each held equal to a full build byte for byte by the property
//! test in `tests/incremental.rs`:
//!
//! - a section's text saved with its front matter unchanged: that file is read again and its
//!   body re-rendered; the pages that show a body (the section's and its report's printable
//!   version), the feeds (the sitemap dates it) and, once the writer pauses, the search index
//!   (given up when another save comes first) are made again, and every link into it is
//!   checked again;
//! - a template or UI word file: every page is rendered again from the model in memory;
//! - a static file that already existed: it alone is read again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use bytes::Bytes;

use crate::bodies;
use crate::build::{self, BuildOptions, Loaded, Memory, Published, Sink, SiteFiles};
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::feeds;
use crate::site::{SectionId, Site, Target};
use crate::statics;
use crate::theme;

/// Output files by their path relative to the output root, with `/` separators.
pub type Files = Arc<HashMap<String, Bytes>>;

/// What a rebuild did, for the line the preview prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    /// Everything, from the files on disk.
    All {
        /// How many pages the site has.
        pages: usize,
    },
    /// Only the pages showing edited sections.
    Sections {
        /// How many section files changed.
        sections: usize,
        /// How many pages were made again.
        pages: usize,
    },
    /// Every page from the model in memory, after a template or word change.
    Templates {
        /// How many pages were made again: all of them.
        pages: usize,
    },
    /// Static files only.
    Static {
        /// How many static files were read again.
        files: usize,
    },
    /// Nothing: the changed files were as the last build read them.
    Nothing,
}

/// The last good build, kept to rebuild from.
pub struct Workspace {
    options: BuildOptions,
    /// The site folder as the watcher reports paths (canonical).
    root: PathBuf,
    /// The model, its tables and the theme of the last good build.
    loaded: Loaded,
    files: Files,
    /// A failed rebuild leaves the files on disk and the model apart: rebuild all next time.
    stale: bool,
    /// Sections changed since the search index was made (see [`Workspace::refresh_search`]).
    search_stale: bool,
}

/// How one changed path can be taken into account.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// The text of a section that still exists.
    Section(SectionId),
    /// A file of the site's `templates/` or `i18n/`.
    Templates,
    /// A file of the site's `static/` that is already published, by its output path.
    Static(PathBuf),
    Everything,
}

/// What a set of changes makes out of date, besides the model they are applied to.
#[derive(Debug, Default, PartialEq, Eq)]
struct Redo {
    pages: Vec<Target>,
    feeds: bool,
    search: bool,
    statics: Vec<PathBuf>,
}

/// The pages that show a section's body (its HTML, headings or word counts): its own page and
/// its report's printable version. Titles, summaries and parts are front matter, which no fast
/// path changes.
fn body_readers(site: &Site, id: SectionId) -> [Target; 2] {
    [Target::Section(id), Target::Print(site.sections[id].report)]
}

/// The outputs `changes` make out of date. A section's text is read by the pages of
/// [`body_readers`], by the search index, and by the sitemap through its file's date; a
/// template or word by every page and nothing else; a static file only by itself.
fn redo(site: &Site, changes: &[&Change]) -> Redo {
    let mut redo = Redo::default();
    for change in changes {
        match change {
            Change::Section(id) => {
                redo.pages.extend(body_readers(site, *id));
                redo.feeds = true;
                redo.search = true;
            }
            Change::Templates => redo.pages.extend(site.targets()),
            Change::Static(path) => redo.statics.push(path.clone()),
            // Never asked: a change of anything else rebuilds everything.
            Change::Everything => {}
        }
    }
    redo.pages.sort_unstable();
    redo.pages.dedup();
    redo
}

impl Workspace {
    /// The first build.
    pub fn build(options: BuildOptions) -> Result<(Workspace, usize)> {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let SiteFiles {
            files,
            pages,
            loaded,
            ..
        } = build::render(&options)?;
        let workspace = Workspace {
            options,
            root,
            loaded,
            files: Arc::new(files),
            stale: false,
            search_stale: false,
        };
        Ok((workspace, pages))
    }

    /// The files the preview serves, shared: a rebuild replaces them, never changes them.
    pub fn files(&self) -> Files {
        Arc::clone(&self.files)
    }

    /// Whether the last good build's site.yaml asks for PDFs, which the preview makes after it.
    pub(crate) fn makes_pdfs(&self) -> bool {
        self.loaded.site.config.pdf.is_some()
    }

    /// Whether section edits have made the search index out of date.
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Brings the search index up to date after section edits. A preview calls it after the
    /// reload has gone out: the index takes longer than the pages, and a reader of the edited
    /// page does not wait for it. `None` when the index is current.
    pub fn refresh_search(&mut self) -> Option<Files> {
        self.refresh_search_unless(&mut || false)
    }

    /// [`Workspace::refresh_search`], given up as soon as `interrupted` says so (a save has
    /// come): the index stays out of date, to be made at the next pause, and the save is
    /// rebuilt without waiting for the whole index.
    pub(crate) fn refresh_search_unless(
        &mut self,
        interrupted: &mut dyn FnMut() -> bool,
    ) -> Option<Files> {
        if !self.search_stale {
            return None;
        }
        let redo = Redo {
            search: true,
            ..Redo::default()
        };
        match self.emit(&redo, interrupted) {
            Ok(true) => {
                self.search_stale = false;
                Some(self.files())
            }
            Ok(false) => None,
            // Cannot happen after the pages succeeded; rebuild all next time to be sure.
            Err(_) => {
                self.search_stale = false;
                self.stale = true;
                None
            }
        }
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
            // A new or removed static file can replace a page or clash with a content file.
            Some("static")
                if path.is_file()
                    && self
                        .loaded
                        .theme
                        .static_files
                        .iter()
                        .any(|f| f.output == inner && is_site_static(&f.source, path)) =>
            {
                Change::Static(inner.to_path_buf())
            }
            // An edited section that still exists: created, removed or renamed files change
            // the model's shape, so they take a full rebuild.
            Some("content") if path.is_file() => self
                .loaded
                .site
                .sections
                .iter()
                .position(|s| s.doc.source == inner)
                .map_or(Change::Everything, |i| Change::Section(SectionId::new(i))),
            _ => Change::Everything,
        }
    }

    fn rebuild_all(&mut self) -> Result<Rebuilt> {
        let (workspace, pages) = Workspace::build(self.options.clone())?;
        *self = workspace;
        Ok(Rebuilt::All { pages })
    }

    fn rebuild_parts(&mut self, changes: &[Change]) -> Result<Rebuilt> {
        let mut sections: Vec<SectionId> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Section(id) => Some(*id),
                _ => None,
            })
            .collect();
        sections.sort_unstable();
        sections.dedup();
        let mut unchanged = Vec::new();
        for &id in &sections {
            let source = self.loaded.site.sections[id].doc.source.clone();
            let config = &self.loaded.site.config;
            let new = content::load_section(&config.content_dir(), &config.root, &source)
                .map_err(Diagnostics::from)?;
            let old = &self.loaded.site.sections[id].doc;
            // An event for a file as the model already has it (a late event of a burst the
            // last rebuild read): nothing reads anything new.
            if new.text == self.loaded.texts.sections[id] && new.doc.modified == old.modified {
                unchanged.push(id);
                continue;
            }
            // New front matter can move the section, rename it or change its neighbours' links.
            if new.doc.front != old.front {
                return self.rebuild_all();
            }
            let Loaded {
                site,
                bodies,
                texts,
                ..
            } = &mut self.loaded;
            let errors = bodies::replace_section_body(site, bodies, texts, id, new);
            if !errors.is_empty() {
                return Err(errors.into());
            }
        }
        let changes: Vec<&Change> = changes
            .iter()
            .filter(|c| !matches!(c, Change::Section(id) if unchanged.contains(id)))
            .collect();
        if changes.is_empty() {
            return Ok(Rebuilt::Nothing);
        }
        sections.retain(|id| !unchanged.contains(id));
        let templates = changes.contains(&&Change::Templates);
        if templates {
            self.loaded.theme = theme::load(&self.loaded.site.config).map_err(Diagnostics::from)?;
        }
        let mut redo = redo(&self.loaded.site, &changes);
        // The index waits for the writer to pause (see `refresh_search`).
        self.search_stale |= std::mem::take(&mut redo.search);
        let (pages, statics) = (redo.pages.len(), redo.statics.len());
        self.emit(&redo, &mut || false)?;
        Ok(if templates {
            Rebuilt::Templates { pages }
        } else if sections.is_empty() {
            Rebuilt::Static { files: statics }
        } else {
            Rebuilt::Sections {
                sections: sections.len(),
                pages,
            }
        })
    }

    /// Makes the outputs of `redo` again through the build's own stages, over the files kept;
    /// `false`, keeping nothing, when `interrupted` stopped the search index.
    fn emit(&mut self, redo: &Redo, interrupted: &mut dyn FnMut() -> bool) -> Result<bool> {
        let statics = statics::resolve(&self.loaded.site, &self.loaded.theme)?;
        let memory = Memory::default();
        let published = Published::new(&memory, &statics);
        let Loaded {
            site,
            bodies,
            theme,
            ..
        } = &self.loaded;
        published.pages(site, bodies, theme, &redo.pages)?;
        if redo.feeds {
            for (path, text) in feeds::generate(&self.loaded.site) {
                published.put(&path, Bytes::from(text))?;
            }
        }
        if redo.search && published.search(site, bodies, interrupted)?.is_none() {
            return Ok(false);
        }
        for path in &redo.statics {
            if let Some(file) = statics.files.get(path.as_path()) {
                memory.put(path, build::read_static(file)?)?;
            }
        }
        let mut files = (*self.files).clone();
        files.extend(memory.into_files());
        self.files = Arc::new(files);
        Ok(true)
    }
}

/// Whether a theme file is the site's own `static/` file at `path` (and not the theme's one
/// it replaced).
fn is_site_static(source: &theme::Source, path: &Path) -> bool {
    match source {
        theme::Source::Disk(disk) => disk == path || same_file(disk, path),
        theme::Source::Embedded(_) => false,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A save during the preview's search refresh stops it: nothing of the half-made index is
    /// served, and it is made whole at the next pause.
    #[test]
    fn an_interrupted_search_refresh_changes_nothing_and_stays_due() {
        let (mut workspace, _) = Workspace::build(build::example_site()).unwrap();
        let before = workspace.files();
        workspace.search_stale = true;
        let mut asked = 0;
        let refreshed = workspace.refresh_search_unless(&mut || {
            asked += 1;
            true
        });
        assert!(refreshed.is_none());
        assert_eq!(asked, 1, "asked before the first batch");
        assert!(workspace.search_stale());
        assert!(Arc::ptr_eq(&before, &workspace.files()));
        let files = workspace
            .refresh_search()
            .expect("made when not interrupted");
        assert!(!workspace.search_stale());
        assert_eq!(*files, *before, "the same site gives the same index");
    }
}
