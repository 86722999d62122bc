//! Carrying out a plan: phase by phase, at most `concurrency` files at a time, each finished
//! step recorded in the manifest being built. A phase with failures is the last one run, so a
//! page is never published before an asset it needs, nor a file deleted that a page which failed
//! to upload still links to.

use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::{StreamExt as _, stream};
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest as _, Sha256};

use super::manifest::Manifest;
use super::plan::{Kind, LocalTree, Plan, Step};
use super::remote::Remote;

/// Test-only: end the process at once (no manifest, no goodbye to the server) after this many
/// finished steps, the way a killed deploy stops.
const ABORT_AFTER: &str = "GAZETTE_DEPLOY_ABORT_AFTER";

/// What a run did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub uploaded: usize,
    pub replaced: usize,
    pub deleted: usize,
    pub bytes_sent: u64,
    /// Paths that did not arrive (or were not deleted), with why.
    pub failures: Vec<(String, String)>,
    /// Steps not finished because an earlier phase failed or the deploy was interrupted.
    pub skipped: usize,
    /// Stopped by Ctrl+C.
    pub interrupted: bool,
    pub elapsed: Duration,
}

pub(super) async fn run(
    remote: &Remote,
    plan: &Plan,
    local: &LocalTree,
    output: &Path,
    manifest: &mut Manifest,
    concurrency: usize,
    show_progress: bool,
) -> Outcome {
    let started = Instant::now();
    let abort_after: Option<usize> = std::env::var(ABORT_AFTER).ok().and_then(|n| n.parse().ok());
    let progress = Progress::new(plan, show_progress);
    let mut outcome = Outcome::default();
    let mut finished = 0;
    // Ctrl+C stops the deploy between files: the caller still writes the manifest and the
    // connections are closed, rather than left behind by a killed process.
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    for phase in plan.steps.chunk_by(|a, b| a.phase == b.phase) {
        if !outcome.failures.is_empty() || outcome.interrupted {
            break;
        }
        let mut results = stream::iter(phase)
            .map(|step| async move { (step, carry_out(remote, step, output).await) })
            .buffer_unordered(concurrency);
        loop {
            let next = tokio::select! {
                next = results.next() => next,
                _ = &mut interrupt => {
                    outcome.interrupted = true;
                    None
                }
            };
            let Some((step, result)) = next else { break };
            match result {
                Ok(hash) => {
                    super::plan::record(manifest, step, local);
                    if let Some(hash) = hash
                        && let Some(entry) = manifest.files.get_mut(&step.path)
                    {
                        // Vouch for the bytes that were sent, even if the file changed since
                        // it was first read.
                        entry.sha256 = Some(hash);
                    }
                    match step.kind {
                        Kind::Upload => outcome.uploaded += 1,
                        Kind::Replace => outcome.replaced += 1,
                        Kind::Delete => outcome.deleted += 1,
                        Kind::CleanUp => {}
                    }
                    if matches!(step.kind, Kind::Upload | Kind::Replace) {
                        outcome.bytes_sent += step.size;
                    }
                }
                Err(error) => outcome.failures.push((step.path.clone(), error)),
            }
            progress.step(step);
            finished += 1;
            if abort_after == Some(finished) {
                std::process::exit(137);
            }
        }
    }
    progress.finish();
    outcome.skipped = plan.steps.len() - finished;
    outcome.elapsed = started.elapsed();
    outcome
}

/// One step; an upload answers with the hash of the bytes it sent.
async fn carry_out(
    remote: &Remote,
    step: &Step,
    output: &Path,
) -> Result<Option<[u8; 32]>, String> {
    match step.kind {
        Kind::Delete | Kind::CleanUp => remote
            .delete(&step.path)
            .await
            .map(|()| None)
            .map_err(|e| e.to_string()),
        Kind::Upload | Kind::Replace => {
            let bytes = std::fs::read(output.join(&step.path))
                .map_err(|e| format!("cannot read the local file: {e}"))?;
            let hash: [u8; 32] = Sha256::digest(&bytes).into();
            remote
                .upload(&step.path, Bytes::from(bytes))
                .await
                .map(|()| Some(hash))
                .map_err(|e| e.to_string())
        }
    }
}

/// A bar on a terminal (files, bytes, rate, time left); nothing otherwise.
struct Progress {
    bar: ProgressBar,
    files: usize,
    done: Cell<usize>,
}

impl Progress {
    fn new(plan: &Plan, show: bool) -> Progress {
        let bytes: u64 = plan
            .steps
            .iter()
            .filter(|s| matches!(s.kind, Kind::Upload | Kind::Replace))
            .map(|s| s.size)
            .sum();
        let target = match show {
            true => ProgressDrawTarget::stderr(),
            false => ProgressDrawTarget::hidden(),
        };
        let bar = ProgressBar::with_draw_target(Some(bytes), target);
        bar.set_style(
            ProgressStyle::with_template(
                "{wide_bar} {bytes}/{total_bytes} · {msg} · {binary_bytes_per_sec} · {eta} left",
            )
            .expect("the template is valid"),
        );
        let progress = Progress {
            bar,
            files: plan.steps.len(),
            done: Cell::new(0),
        };
        progress
            .bar
            .set_message(format!("0/{} files", progress.files));
        progress
    }

    fn step(&self, step: &Step) {
        if matches!(step.kind, Kind::Upload | Kind::Replace) {
            self.bar.inc(step.size);
        }
        self.done.set(self.done.get() + 1);
        self.bar
            .set_message(format!("{}/{} files", self.done.get(), self.files));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Outcome {
    /// The one line a deploy ends with.
    pub(crate) fn summary(&self, target: &str, unchanged: usize) -> String {
        format!(
            "Deployed to `{target}`: {} uploaded, {} replaced ({} sent), {} deleted, {unchanged} unchanged in {:.1?}",
            self.uploaded,
            self.replaced,
            HumanBytes(self.bytes_sent),
            self.deleted,
            self.elapsed
        )
    }
}
