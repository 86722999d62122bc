//! `gazette serve`: build the site into memory, serve it on a local address, and rebuild it
//! whenever a source file changes, reloading open pages. Nothing is written to disk.
//!
//! Threads: the HTTP server runs on tokio; the watcher and the rebuilds run on one plain thread
//! (a rebuild is CPU work, parallel inside through rayon). They share a `server::Shared`, whose
//! snapshot of the site a rebuild replaces whole.
//!
//! Every change batch means a full rebuild: simple and correct by construction.

mod server;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, TcpListener};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;

use anyhow::{Context as _, Result, anyhow};

use crate::build::BuildOptions;
use crate::config::Config;
use crate::diagnostics::{describe, report};
use crate::rebuild::{Rebuilt, Workspace};
use server::{Shared, Snapshot};
use watch::{Next, Watcher};

/// How long the writer must pause before a stale search index is made again.
const SEARCH_AFTER: Duration = Duration::from_secs(1);

/// What `gazette serve` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Open the served URL in the default browser.
    pub open: bool,
    /// Print only the address and errors, not a line per rebuild (`--quiet`).
    pub quiet: bool,
}

/// Runs the preview until Ctrl+C.
pub(crate) fn serve(options: &ServeOptions) -> Result<()> {
    let listener = TcpListener::bind((options.bind, options.port)).with_context(|| {
        format!(
            "cannot listen on {}:{} (another preview running? `--port 0` picks a free port)",
            options.bind, options.port
        )
    })?;
    let origin = format!("http://{}", listener.local_addr()?);
    let mut preview = Preview {
        build: BuildOptions {
            root: options.root.clone(),
            output: None,
            drafts: options.drafts,
            base_url: None,
            origin: Some(origin.clone()),
        },
        origin,
        workspace: None,
        quiet: options.quiet,
        pdfs: Pdfs::default(),
    };
    // The watcher starts before the first build, so an edit made during it is not lost.
    let mut watcher = Watcher::new(&options.root)?;
    let shared = Shared::new(preview.base_path().unwrap_or_else(|| "/".into()));
    let url = preview.url(&shared.current().base_path);
    println!("Serving {url} (Ctrl+C to stop)");
    preview.rebuild(&shared, &[]);
    if options.open {
        open_browser(&url);
    }
    let rebuilder = Arc::clone(&shared);
    std::thread::spawn(move || {
        loop {
            // A stale search index waits until the writer pauses: a burst of saves gets its
            // reloads first, and the index once, afterwards.
            let idle = preview.search_pending().then_some(SEARCH_AFTER);
            match watcher.next(idle) {
                Next::Changed(changed) => preview.rebuild(&rebuilder, &changed),
                Next::Idle => preview.refresh_search(&rebuilder, &mut watcher),
                Next::Stopped => break,
            }
        }
    });
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?
        .block_on(server::run(listener, shared))
}

/// How this preview builds the site: on the local address, keeping base_url's path, from the
/// last good build when there is one.
struct Preview {
    build: BuildOptions,
    /// `http://127.0.0.1:1111`: where the listener actually is.
    origin: String,
    workspace: Option<Workspace>,
    quiet: bool,
    pdfs: Pdfs,
}

/// The reports' PDFs (with `pdf:` on), made in the background after each rebuild so they never
/// hold up a reload; the last ones made are served until newer ones are ready.
#[derive(Default, Clone)]
struct Pdfs {
    files: Arc<Mutex<HashMap<String, Bytes>>>,
    /// Counts rebuilds: PDFs made for an older one are dropped.
    generation: Arc<AtomicU64>,
}

impl Pdfs {
    /// `files` with the last PDFs made.
    fn merged(&self, files: crate::rebuild::Files) -> crate::rebuild::Files {
        let pdfs = self.files.lock().unwrap_or_else(|p| p.into_inner());
        if pdfs.is_empty() {
            return files;
        }
        let mut all = (*files).clone();
        all.extend(pdfs.iter().map(|(k, v)| (k.clone(), v.clone())));
        Arc::new(all)
    }

    /// Makes the PDFs of the site as `build` options read it now (`on`: the rebuild just made
    /// found `pdf:` set), on a thread of their own, then serves them (without a reload: the
    /// pages already link to them).
    fn make_later(&self, on: bool, build: BuildOptions, shared: Arc<Shared>) {
        if !on {
            // A site without PDFs pays nothing; one that just turned them off serves none.
            self.files.lock().unwrap_or_else(|p| p.into_inner()).clear();
            return;
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let pdfs = self.clone();
        std::thread::spawn(move || {
            let made = crate::build::load(&build)
                .map_err(anyhow::Error::from)
                .and_then(|loaded| {
                    let site = &loaded.site;
                    let Some(options) = &site.config.pdf else {
                        return Ok(HashMap::new());
                    };
                    let cache = crate::pdf::Cache::of_site(&site.config.root);
                    let made = crate::pdf::make_all(site, &loaded.theme, options, &cache)?;
                    Ok(made
                        .into_iter()
                        .filter_map(|m| {
                            let route = site.pdf_route(m.report)?;
                            let key = crate::site::routes::key(&route.output);
                            Some((key, Bytes::from(m.bytes)))
                        })
                        .collect())
                });
            if pdfs.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            match made {
                Ok(made) => {
                    *pdfs.files.lock().unwrap_or_else(|p| p.into_inner()) = made;
                    shared.update_files(pdfs.merged(shared.current().files.clone()));
                }
                Err(e) => report(&describe(&e)),
            }
        });
    }
}

impl Preview {
    fn url(&self, base_path: &str) -> String {
        format!("{}{base_path}", self.origin)
    }

    /// The path to serve under, read from `site.yaml` on its own so that a broken content file
    /// does not move the preview; `None` when `site.yaml` itself is broken.
    fn base_path(&self) -> Option<String> {
        let b = &self.build;
        Config::load(&b.root, None, b.origin.as_deref())
            .ok()
            .map(|c| c.base_path)
    }

    fn search_pending(&self) -> bool {
        self.workspace.as_ref().is_some_and(Workspace::search_stale)
    }

    /// Brings the search index up to date, without a reload: the pages already are. A change
    /// that comes meanwhile stops it, to be rebuilt at once; the index waits for the next pause.
    fn refresh_search(&mut self, shared: &Shared, watcher: &mut Watcher) {
        let Some(workspace) = self.workspace.as_mut() else {
            return;
        };
        if let Some(files) = workspace.refresh_search_unless(&mut || watcher.has_pending()) {
            shared.update_files(self.pdfs.merged(files));
        }
    }

    /// Brings the preview up to date with `changed` (nothing: the first build) and publishes
    /// the result, or the error over the last good site. Prints one line per rebuild on stdout
    /// (the full error goes to stderr).
    fn rebuild(&mut self, shared: &Arc<Shared>, changed: &[PathBuf]) {
        let started = Instant::now();
        let first = self.workspace.is_none();
        let previous = shared.current();
        let base_path = self
            .base_path()
            .unwrap_or_else(|| previous.base_path.clone());
        if base_path != previous.base_path {
            println!("Now serving {} (base_url changed)", self.url(&base_path));
        }
        // A panic is a bug in gazette, but it must not end the preview: the watcher thread
        // would die and every later edit would go unnoticed. The panic hook has printed it.
        let result = panic::catch_unwind(AssertUnwindSafe(|| match self.workspace.as_mut() {
            Some(workspace) => workspace.apply(changed),
            None => Workspace::build(self.build.clone()).map(|(workspace, pages)| {
                self.workspace = Some(workspace);
                Rebuilt::All { pages }
            }),
        }))
        .unwrap_or_else(|_| Err(anyhow!("gazette crashed while building; this is a bug")));
        let (done, attempt) = if first {
            ("Built", "Build")
        } else {
            ("Rebuilt", "Rebuild")
        };
        match (result, &self.workspace) {
            // Nothing new: no reload, no line.
            (Ok(Rebuilt::Nothing), Some(_)) => {}
            (Ok(rebuilt), Some(workspace)) => {
                shared.publish(Snapshot {
                    files: self.pdfs.merged(workspace.files()),
                    base_path,
                    error: None,
                });
                if !matches!(rebuilt, Rebuilt::Static { .. }) {
                    self.pdfs.make_later(
                        workspace.makes_pdfs(),
                        self.build.clone(),
                        Arc::clone(shared),
                    );
                }
                let ms = started.elapsed().as_millis();
                let what = match rebuilt {
                    Rebuilt::All { pages } => format!("{pages} pages"),
                    Rebuilt::Sections { sections, pages } => {
                        format!("{pages} pages for {sections} edited sections")
                    }
                    Rebuilt::Templates { pages } => {
                        format!("{pages} pages after a template change")
                    }
                    Rebuilt::Static { files } => format!("{files} static files"),
                    Rebuilt::Nothing => String::new(),
                };
                if !self.quiet {
                    println!("{done} {what} in {ms} ms");
                }
            }
            (result, _) => {
                let error = result.err().unwrap_or_else(|| anyhow!("no build to serve"));
                let text = describe(&error);
                report(&text);
                let first_line = text.lines().next().unwrap_or_default();
                println!("{attempt} failed: {first_line}");
                shared.publish(Snapshot {
                    files: Arc::clone(&previous.files),
                    base_path,
                    error: Some(text),
                });
            }
        }
    }
}

/// Opens `url` in the default browser; a preview without one still works, so only warn.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reap it when it exits rather than leave a zombie behind.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => eprintln!("warning: cannot open a browser with {opener}: {e}"),
    }
}
