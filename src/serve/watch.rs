//! Watching the site's source folders: notify events, debounced and filtered down to "these
//! source files changed". Folders are watched rather than files, because editors often save by
//! writing a temporary file and renaming it over the original, which a watch on the original
//! file would lose.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::{CONFIG_FILE, SOURCE_DIRS};
use crate::content::is_ignored_file;

/// How long a path must stay quiet before its event is delivered. Together with `QUIET` this is
/// most of the time from a save to the reload, so both are short: the writes of one save, or of
/// a `git checkout` of hundreds of files, come within a few milliseconds of each other.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// After a first batch, more batches arriving this close together belong to the same burst
/// (the debouncer delivers each path on its own clock, so a `git checkout` arrives in pieces).
const QUIET: Duration = Duration::from_millis(30);
/// A burst is cut here, so a folder that never stops changing still gets rebuilt now and then.
const MAX_BURST: Duration = Duration::from_secs(2);

/// What waiting for changes gave.
pub(super) enum Next {
    /// Source files changed: every path of the burst, sorted.
    Changed(Vec<PathBuf>),
    /// Nothing changed for the time asked.
    Idle,
    /// The watcher stopped.
    Stopped,
}

pub(super) struct Watcher {
    /// Kept alive for as long as we want events; dropping it stops the watch.
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    /// An event taken by [`Watcher::has_pending`], handed out first by [`Watcher::next`].
    held: Option<DebounceEventResult>,
    root: PathBuf,
}

impl Watcher {
    /// Watches `root` itself (not recursively, for `site.yaml` and source folders appearing) and
    /// each source folder that exists, recursively.
    pub(super) fn new(root: &Path) -> Result<Self> {
        let root = std::fs::canonicalize(root)
            .with_context(|| format!("cannot open the site folder {}", root.display()))?;
        let (tx, events) = mpsc::channel();
        let mut debouncer =
            new_debouncer(DEBOUNCE, None, tx).context("cannot start watching for changes")?;
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        let mut watcher = Watcher {
            debouncer,
            events,
            held: None,
            root,
        };
        for dir in SOURCE_DIRS {
            watcher.watch_source_dir(dir)?;
        }
        Ok(watcher)
    }

    fn watch_source_dir(&mut self, name: &str) -> Result<()> {
        let dir = self.root.join(name);
        if dir.is_dir() {
            self.debouncer
                .watch(&dir, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", dir.display()))?;
        }
        Ok(())
    }

    /// Blocks until source files change, then waits for the burst to end and returns every
    /// changed path in it, sorted. With `idle`, gives up after that long without a change.
    pub(super) fn next(&mut self, idle: Option<Duration>) -> Next {
        let started_waiting = Instant::now();
        loop {
            let first = match (self.held.take(), idle) {
                (Some(held), _) => Ok(held),
                (None, None) => self
                    .events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
                (None, Some(idle)) => self
                    .events
                    .recv_timeout(idle.saturating_sub(started_waiting.elapsed())),
            };
            let first = match first {
                Ok(first) => first,
                Err(RecvTimeoutError::Timeout) => return Next::Idle,
                Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
            };
            let mut changed = self.relevant(first);
            let started = Instant::now();
            while started.elapsed() < MAX_BURST {
                match self.events.recv_timeout(QUIET) {
                    Ok(more) => changed.extend(self.relevant(more)),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                }
            }
            if !changed.is_empty() {
                changed.sort();
                changed.dedup();
                return Next::Changed(changed);
            }
        }
    }

    /// Whether an event has come since the last [`Watcher::next`], without waiting: work that
    /// can wait (the search index) stops for it. The event is kept for `next`.
    pub(super) fn has_pending(&mut self) -> bool {
        if self.held.is_none() {
            self.held = self.events.try_recv().ok();
        }
        self.held.is_some()
    }

    /// The source paths named by a batch of events; watch errors are reported, not fatal.
    fn relevant(&mut self, batch: DebounceEventResult) -> Vec<PathBuf> {
        let events = match batch {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: watching for changes: {e}");
                }
                return Vec::new();
            }
        };
        let mut changed = Vec::new();
        for event in events {
            // Reads (open, close without writing) change nothing.
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                let Some(rel) = path.strip_prefix(&self.root).ok() else {
                    continue;
                };
                if let Some(dir) = new_source_dir(rel) {
                    // A source folder created after start: watch it too. Failing here only
                    // means its later changes are missed, so say so and go on.
                    if let Err(e) = self.watch_source_dir(dir) {
                        eprintln!("warning: {e:#}");
                    }
                }
                if is_source(rel) {
                    changed.push(path.clone());
                }
            }
        }
        changed
    }
}

/// `templates` when `rel` is a source folder itself (created, removed or renamed).
fn new_source_dir(rel: &Path) -> Option<&'static str> {
    let name = rel.to_str()?;
    SOURCE_DIRS.iter().copied().find(|dir| *dir == name)
}

/// Whether a path (relative to the site root) feeds the build: `site.yaml`, or a file inside a
/// source folder that no editor is writing on the side (swap, backup, temporary files).
pub(super) fn is_source(rel: &Path) -> bool {
    let names: Vec<&std::ffi::OsStr> = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    match names.as_slice() {
        [] => false,
        [name] => *name == CONFIG_FILE || new_source_dir(rel).is_some(),
        [dir, rest @ ..] => {
            SOURCE_DIRS.iter().any(|d| *dir == *d) && !rest.iter().any(|n| is_ignored_file(n))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_files_count() {
        for path in [
            "site.yaml",
            "content",
            "content/2013/r/01-a.md",
            "templates/base.html",
            "static/css/site.css",
            "themes/blue/templates/base.html",
            "i18n/en.yaml",
        ] {
            assert!(is_source(Path::new(path)), "{path} is a source");
        }
        for path in [
            "public/index.html",
            "public",
            "README.md",
            ".git",
            "content/2013/r/.01-a.md.swp",
            "content/2013/r/01-a.md~",
            "content/2013/r/4913",
            "content/2013/r/01-a.md___jb_tmp___",
            "content/.git/HEAD",
            "themes/blue/.hidden/x.html",
        ] {
            assert!(!is_source(Path::new(path)), "{path} is not a source");
        }
    }
}
