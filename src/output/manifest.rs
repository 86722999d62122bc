//! The output folder's manifest, `.gazette-output`: the files gazette wrote there, so the next
//! build knows which files are its own to replace or remove — and that every other one is not.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};

/// The manifest's name in the output folder.
pub(crate) const MANIFEST: &str = ".gazette-output";

/// What versions before the manifest wrote into the marker: they replaced the whole folder.
const LEGACY_MARKER: &str = "written by gazette";

#[derive(Serialize, Deserialize)]
struct Manifest {
    about: String,
    /// Paths relative to the output folder, with `/` separators, sorted.
    files: Vec<String>,
}

/// What the previous build left in the output folder.
#[derive(Debug)]
pub(super) enum Previous {
    /// No build wrote here: every file in the folder is someone else's.
    Nothing,
    /// A version of gazette that replaced the whole folder on every build: each file there was
    /// written by it, unless the user added it since. Its files may be overwritten by the same
    /// path, but nothing is removed, since what it wrote is not known.
    Legacy,
    /// The files the previous build wrote.
    Files(HashSet<PathBuf>),
}

impl Previous {
    /// Reads the manifest of the folder `output`.
    pub(super) fn read(output: &Path) -> Result<Previous> {
        let path = output.join(MANIFEST);
        let text = match fs::read_to_string(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Previous::Nothing),
            read => read.with_context(|| format!("cannot read {}", path.display()))?,
        };
        if text.starts_with(LEGACY_MARKER) {
            return Ok(Previous::Legacy);
        }
        let damaged = || {
            format!(
                "{} is damaged, so gazette cannot tell which files in the folder it wrote; \
                 remove the files of the site from the folder, then that file, and build again",
                path.display()
            )
        };
        let manifest: Manifest = serde_json::from_str(&text).with_context(damaged)?;
        let mut files = HashSet::with_capacity(manifest.files.len());
        for file in manifest.files {
            let file = PathBuf::from(file);
            // A path leaving the folder would make a build delete outside it.
            if !file.components().all(|c| matches!(c, Component::Normal(_))) {
                bail!(
                    "{}: `{}` is not a path inside the folder",
                    damaged(),
                    file.display()
                );
            }
            files.insert(file);
        }
        Ok(Previous::Files(files))
    }

    /// Whether the previous build wrote the regular file at `path`.
    pub(super) fn wrote(&self, path: &Path) -> bool {
        match self {
            Previous::Nothing => false,
            Previous::Legacy => true,
            Previous::Files(files) => files.contains(path),
        }
    }

    /// The files the previous build wrote that are not among `current`, sorted.
    pub(super) fn stale<'a>(&'a self, current: &HashSet<&Path>) -> Vec<&'a Path> {
        let Previous::Files(files) = self else {
            return Vec::new();
        };
        let mut stale: Vec<&Path> = files
            .iter()
            .map(PathBuf::as_path)
            .filter(|f| !current.contains(f))
            .collect();
        stale.sort();
        stale
    }
}

/// The manifest text listing `files` (any order).
pub(super) fn text<'a>(files: impl Iterator<Item = &'a Path>) -> Result<String> {
    let mut files: Vec<String> = files
        .map(|f| {
            f.to_str()
                .map(|s| s.replace('\\', "/"))
                .with_context(|| format!("the file name {} is not UTF-8", f.display()))
        })
        .collect::<Result<_>>()?;
    files.sort();
    let manifest = Manifest {
        about: "The files gazette wrote into this folder. The next build replaces or removes \
                only these; any other file here is left alone."
            .into(),
        files,
    };
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    Ok(text)
}
