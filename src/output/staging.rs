//! A build being written: files whose bytes differ from the output's go into a staging folder
//! inside the output (the same filesystem, so moving them in is a rename), each path checked
//! against what is already there; [`Staging::finish`] then updates the output.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;

use super::manifest::{self, MANIFEST, Previous};

/// The staging folder's name, followed by the process id.
const STAGING_PREFIX: &str = ".gazette-staging-";
/// Marks a staging folder as gazette's, so one left by a killed build can be removed.
const STAGING_MARK: &str = ".gazette-staging";

/// How many clashing files an error lists.
const CLASHES_SHOWN: usize = 10;

/// What a finished write changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files new or changed, moved into the output.
    pub written: usize,
    /// Files whose bytes were already in the output, left untouched.
    pub unchanged: usize,
    /// Files of the previous build this one no longer has, removed.
    pub removed: usize,
}

/// What is at a folder on the way to a file of the site.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Folder {
    /// A real folder (not a link): the file goes inside it.
    Real,
    /// Nothing yet: the folder is made when the build is moved in.
    Missing,
    /// A file the previous build wrote; removed before this build is moved in.
    OldFile,
    /// Something gazette did not write, or a link that could lead out of the output.
    Foreign,
}

/// Shared by the writing threads.
#[derive(Default)]
struct State {
    /// Every file of this build: whether its bytes wait in the staging folder (or are in the
    /// output already).
    files: HashMap<PathBuf, bool>,
    /// Files of the site whose path is taken by something gazette did not write.
    clashes: BTreeSet<PathBuf>,
    /// Folders of the previous build at the path of a file of this one.
    in_the_way: Vec<PathBuf>,
    /// Folders on the way to files, as found.
    folders: HashMap<PathBuf, Folder>,
}

/// A build's output while it is being written. Dropped without [`Staging::finish`] (an error,
/// a panic), it removes its staging folder and leaves the output as it was.
pub(crate) struct Staging {
    output: PathBuf,
    dir: PathBuf,
    previous: Previous,
    /// The output folder did not exist: removed again if the build fails.
    made_output: bool,
    state: Mutex<State>,
    finished: bool,
}

impl Staging {
    /// Starts writing into `output` (already checked by [`super::check_output_dir`]).
    pub(crate) fn create(output: &Path) -> Result<Staging> {
        let made_output = !output.exists();
        fs::create_dir_all(output)
            .with_context(|| format!("cannot create the output folder {}", output.display()))?;
        remove_abandoned_staging(output)?;
        let previous = Previous::read(output)?;
        let dir = output.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        fs::write(dir.join(STAGING_MARK), "")
            .with_context(|| format!("cannot write into {}", dir.display()))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            previous,
            made_output,
            state: Mutex::new(State::default()),
            finished: false,
        })
    }

    /// Adds the file at `path` (relative to the output root) to the build. Its bytes are staged
    /// unless the output has them already; a later write of the same path wins.
    pub(crate) fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let target = self.output.join(path);
        let existing = match self.folder_of(path)? {
            (Folder::Foreign, folder) => return self.clash(folder),
            (Folder::Missing | Folder::OldFile, _) => None,
            (Folder::Real, _) => match fs::symlink_metadata(&target) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                found => Some(found.with_context(|| format!("cannot read {}", target.display()))?),
            },
        };
        if let Some(meta) = existing {
            let ours = self.previous.wrote(path);
            if meta.is_file() && ours {
                if meta.len() == bytes.len() as u64 && same_bytes(&target, bytes)? {
                    return self.record(path, false);
                }
            } else if meta.is_dir() && matches!(self.previous, Previous::Files(_)) {
                // Checked by `finish`: a folder of old files only is removed first.
                self.lock().in_the_way.push(path.to_path_buf());
            } else {
                return self.clash(path);
            }
        }
        write_file(&self.dir.join(path), bytes)?;
        self.record(path, true)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn clash(&self, path: &Path) -> Result<()> {
        self.lock().clashes.insert(path.to_path_buf());
        Ok(())
    }

    fn record(&self, path: &Path, staged: bool) -> Result<()> {
        let was_staged = self.lock().files.insert(path.to_path_buf(), staged);
        if was_staged == Some(true) && !staged {
            // An earlier write of this path staged other bytes; the output has these.
            fs::remove_file(self.dir.join(path))
                .with_context(|| format!("cannot remove a staged {}", path.display()))?;
        }
        Ok(())
    }

    /// What stands on the way to `path` in the output: the first of its folders that is not a
    /// real one, with its verdict (each folder is looked at once).
    fn folder_of<'a>(&self, path: &'a Path) -> Result<(Folder, &'a Path)> {
        for folder in path
            .ancestors()
            .skip(1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            if folder.as_os_str().is_empty() {
                continue;
            }
            let known = self.lock().folders.get(folder).copied();
            let verdict = match known {
                Some(v) => v,
                None => {
                    let v = self.look_at(folder)?;
                    self.lock().folders.insert(folder.to_path_buf(), v);
                    v
                }
            };
            if verdict != Folder::Real {
                return Ok((verdict, folder));
            }
        }
        Ok((Folder::Real, path))
    }

    fn look_at(&self, folder: &Path) -> Result<Folder> {
        let path = self.output.join(folder);
        Ok(match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Folder::Missing,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            Ok(m) if m.is_dir() => Folder::Real,
            Ok(m) if m.is_file() && self.previous.wrote(folder) => match self.previous {
                // A legacy build's file is not removed, so it stays in the way.
                Previous::Legacy => Folder::Foreign,
                _ => Folder::OldFile,
            },
            Ok(_) => Folder::Foreign,
        })
    }

    /// Checks the whole build against the output, then updates it: removes the previous
    /// build's files this one no longer has (and the folders that leaves empty), moves the
    /// staged files in, and writes the manifest. Nothing in the output changes if a check fails.
    pub(crate) fn finish(mut self) -> Result<WriteSummary> {
        let state = std::mem::take(&mut *self.lock());
        if !state.clashes.is_empty() {
            bail!(clash_message(&self.output, &state.clashes));
        }
        let current: HashSet<&Path> = state.files.keys().map(PathBuf::as_path).collect();
        let stale = self.previous.stale(&current);
        let stale_set: HashSet<&Path> = stale.iter().copied().collect();
        for folder in &state.in_the_way {
            if !holds_only(&self.output, folder, &stale_set)? {
                bail!(clash_message(
                    &self.output,
                    &BTreeSet::from([folder.clone()])
                ));
            }
        }

        // From here on the output changes. The manifest first lists both builds' files, so a
        // build stopped halfway still knows every file it may have written.
        let all = current.iter().copied().chain(stale.iter().copied());
        self.write_manifest(all)?;
        for file in &stale {
            remove_old_file(&self.output, file)?;
        }
        remove_emptied_folders(&self.output, &stale, &state.in_the_way);
        move_in(&self.dir, &self.output, true)
            .with_context(|| format!("cannot move the build into {}", self.output.display()))?;
        if !stale.is_empty() {
            self.write_manifest(current.iter().copied())?;
        }
        self.finished = true;
        fs::remove_dir_all(&self.dir)
            .with_context(|| format!("cannot remove {}", self.dir.display()))?;
        let written = state.files.values().filter(|&&staged| staged).count();
        Ok(WriteSummary {
            written,
            unchanged: state.files.len() - written,
            removed: stale.len(),
        })
    }

    fn write_manifest<'a>(&self, files: impl Iterator<Item = &'a Path>) -> Result<()> {
        let staged = self.dir.join(MANIFEST);
        fs::write(&staged, manifest::text(files)?)
            .with_context(|| format!("cannot write {}", staged.display()))?;
        let target = self.output.join(MANIFEST);
        fs::rename(&staged, &target).with_context(|| format!("cannot write {}", target.display()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
            if self.made_output {
                let _ = fs::remove_dir(&self.output);
            }
        }
    }
}

/// Writes `bytes` to `target`, making its folder when the write finds it missing (most files
/// go into a folder that exists already: the search index's thousands do).
fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    match fs::write(target, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            fs::write(target, bytes)
        }
        written => written,
    }
    .with_context(|| format!("cannot write {}", target.display()))
}

fn same_bytes(path: &Path, bytes: &[u8]) -> Result<bool> {
    let old = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(old == bytes)
}

/// Removes staging folders of builds that were killed before they could.
fn remove_abandoned_staging(output: &Path) -> Result<()> {
    let entries =
        fs::read_dir(output).with_context(|| format!("cannot read {}", output.display()))?;
    for entry in entries.flatten() {
        let is_staging = entry
            .file_name()
            .to_string_lossy()
            .starts_with(STAGING_PREFIX)
            && entry.path().join(STAGING_MARK).is_file();
        if is_staging {
            fs::remove_dir_all(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn clash_message(output: &Path, clashes: &BTreeSet<PathBuf>) -> String {
    let mut listed: Vec<String> = clashes
        .iter()
        .take(CLASHES_SHOWN)
        .map(|p| format!("  {}", p.display()))
        .collect();
    if clashes.len() > CLASHES_SHOWN {
        listed.push(format!("  … and {} more", clashes.len() - CLASHES_SHOWN));
    }
    format!(
        "gazette did not write these files in the output folder {}, and the site would \
         replace them:\n{}\nmove them out of the folder (or delete them, if they are an old \
         copy of the site) and build again; gazette never replaces a file it did not write",
        output.display(),
        listed.join("\n")
    )
}

/// Whether the folder `folder` of the output holds nothing but files of `old` (and folders).
fn holds_only(output: &Path, folder: &Path, old: &HashSet<&Path>) -> Result<bool> {
    for entry in walkdir::WalkDir::new(output.join(folder)) {
        let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        if !entry.file_type().is_dir() && !old.contains(rel) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Removes a file the previous build wrote, if it is still a file reached through real folders
/// (never through a link: the manifest is a file anyone can edit).
fn remove_old_file(output: &Path, file: &Path) -> Result<()> {
    let mut path = output.to_path_buf();
    for component in file.iter() {
        path.push(component);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() && path != output.join(file) => {}
            Ok(m) if m.is_file() && path == output.join(file) => {
                return fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()));
            }
            // Gone, or replaced by something of the user's: left alone.
            _ => return Ok(()),
        }
    }
    Ok(())
}

/// Removes the folders that removing `stale` emptied (deepest first; a folder still holding
/// anything stays), and the folders of old files in the way of new ones.
fn remove_emptied_folders(output: &Path, stale: &[&Path], in_the_way: &[PathBuf]) {
    let mut folders: BTreeSet<&Path> = BTreeSet::new();
    for file in stale {
        folders.extend(
            file.ancestors()
                .skip(1)
                .filter(|f| !f.as_os_str().is_empty()),
        );
    }
    for folder in in_the_way {
        let walk = walkdir::WalkDir::new(output.join(folder)).contents_first(true);
        for entry in walk.into_iter().flatten() {
            let _ = fs::remove_dir(entry.path());
        }
    }
    // Reverse order puts `a/b` before `a`.
    for folder in folders.into_iter().rev() {
        let _ = fs::remove_dir(output.join(folder));
    }
}

/// Moves everything under `staged` into `target`: a folder missing there in one rename, a file
/// over the older one; folders present on both sides are merged, one per core at a time.
fn move_in(staged: &Path, target: &Path, top: bool) -> io::Result<()> {
    let entries: Vec<_> = fs::read_dir(staged)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        let name = entry.file_name();
        if top && name == STAGING_MARK {
            return Ok(());
        }
        let to = target.join(&name);
        let is_dir = entry.file_type()?.is_dir();
        match fs::symlink_metadata(&to) {
            Ok(m) if is_dir && m.is_dir() => move_in(&entry.path(), &to, false),
            _ => fs::rename(entry.path(), &to),
        }
    })
}
