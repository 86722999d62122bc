//! Writing a build: everything goes into a staging folder beside the output, which is swapped
//! in only when complete, so a failed build leaves the previous output exactly as it was.
//! gazette only ever deletes its own staging folders and an output folder it wrote before.
//! This is the disk sink of the pipeline (`build::emit`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;

/// Marks a folder as written by gazette, so a rebuild may replace it.
const MARKER: &str = ".gazette-output";

/// Refuses output folders that would let a build overwrite or delete the site's own files.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf> {
    let root = fs::canonicalize(root)
        .with_context(|| format!("cannot open the site folder {}", root.display()))?;
    let output = absolute(output)?;
    let content = root.join("content");
    if output == root {
        bail!(
            "the output folder cannot be the site folder itself ({})",
            output.display()
        );
    }
    if content.starts_with(&output) {
        bail!(
            "the output folder {} contains the site's content/ folder; choose another (the default is public/)",
            output.display()
        );
    }
    if output.starts_with(&content) {
        bail!(
            "the output folder {} lies inside content/; choose another (the default is public/)",
            output.display()
        );
    }
    if output.exists() && !is_replaceable(&output)? {
        bail!(
            "the output folder {} already exists and was not written by gazette; remove it or choose another with --output",
            output.display()
        );
    }
    Ok(output)
}

/// `path` made absolute without requiring it to exist (its parent must).
fn absolute(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().context("the output folder needs a name")?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let parent =
        fs::canonicalize(&parent).with_context(|| format!("cannot open {}", parent.display()))?;
    Ok(parent.join(name))
}

/// An empty folder, or one that carries the marker of an earlier build.
fn is_replaceable(dir: &Path) -> Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    Ok(dir.join(MARKER).is_file() || entries.next().is_none())
}

/// A build's output while it is being written: a hidden folder beside the output, swapped in
/// by [`Staging::finish`] and removed if the build stops before that (an error, a panic).
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    finished: bool,
}

impl Staging {
    /// Starts a staging folder for `output` (already checked by [`check_output_dir`]).
    pub fn create(output: &Path) -> Result<Staging> {
        let parent = output.parent().context("the output folder has no parent")?;
        let name = output
            .file_name()
            .context("the output folder needs a name")?
            .to_string_lossy();
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.staging-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        remove_if_present(&dir)?;
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            old,
            finished: false,
        })
    }

    /// Writes one file at `path` (relative to the output root), replacing any earlier one.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let target = self.dir.join(path);
        // Most files go into a folder that exists already (the search index's thousands do):
        // the folder is made only when the write finds it missing.
        match fs::write(&target, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                fs::write(&target, bytes)
            }
            written => written,
        }
        .with_context(|| format!("cannot write {}", target.display()))
    }

    /// Marks the folder as gazette's and swaps it in for the previous output.
    pub fn finish(mut self) -> Result<()> {
        self.write(
            Path::new(MARKER),
            b"written by gazette; the next build replaces this folder\n",
        )
        .context("cannot write the output marker")?;
        self.finished = true;
        swap_in(&self.dir, &self.output, &self.old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn swap_in(staging: &Path, output: &Path, old: &Path) -> Result<()> {
    let had_output = output.exists();
    if had_output {
        remove_if_present(old)?;
        fs::rename(output, old).with_context(|| {
            format!("cannot move the previous output {} aside", output.display())
        })?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_output {
            let _ = fs::rename(old, output);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(e)
            .with_context(|| format!("cannot move the new output into {}", output.display()));
    }
    if had_output {
        remove_in_parallel(old)
            .with_context(|| format!("cannot remove the previous output {}", old.display()))?;
    }
    Ok(())
}

/// Removing the previous output is thousands of unlinks: one folder per core at a time.
fn remove_in_parallel(dir: &Path) -> io::Result<()> {
    let entries: Vec<_> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_in_parallel(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

fn remove_if_present(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}
