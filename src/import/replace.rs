//! Writing the report folder so that a failed import changes nothing and a repeated import
//! loses nothing of the user's.
//!
//! The new folder is written in full beside the old one (a hidden `.SLUG.import-PID` folder in
//! the same parent, so on the same filesystem) and only then put in its place by renames. An
//! import records what it wrote, with a hash of each file, in `.gazette-import`; with it, a
//! later `--force` tells an earlier import's files, unchanged, from the user's:
//!
//! - an earlier import's unchanged file is replaced (or dropped when the new import has no
//!   file of that name: a section that no longer exists);
//! - a file the user added — an image, a hand-written section — is carried into the new
//!   folder as it is;
//! - a file the user edited, or added under a name the new import writes, is replaced — and
//!   so is an earlier import's section the user edited that the new import no longer has;
//!   the old folder is then kept whole, renamed to a hidden backup `.SLUG.backup` (`-2`, …
//!   when taken) that the message names. A folder without the record (an older gazette, or
//!   made by hand) gets the same treatment for its `_index.md` and `NN-*.md` files.
//!
//! When nothing of the user's had to be replaced, the backup holds only an earlier import's
//! own files and is removed.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::PlannedFile;
use crate::slug;

/// The record of what an import wrote, in the report folder (hidden: builds skip it).
pub(super) const RECORD: &str = ".gazette-import";

/// What happens to the files of an existing report folder.
#[derive(Debug, Default)]
pub(crate) struct Replacement {
    /// An earlier import's files, unchanged since: replaced or dropped.
    pub replaced: Vec<String>,
    /// Files of the user's that a new file takes the place of: kept in the backup.
    pub backed_up: Vec<String>,
    /// Files and folders of the user's carried into the new folder.
    pub kept: Vec<String>,
    kept_names: Vec<OsString>,
}

/// Sorts the entries of `dir` (which may not exist) by what will happen to them.
pub(super) fn survey(dir: &Path, planned: &[PlannedFile]) -> Result<Replacement> {
    let shown = dir.display();
    let mut replacement = Replacement::default();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(replacement),
        Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("{shown} is a symbolic link; import does not replace it (choose another --slug)")
        }
        Ok(meta) if !meta.is_dir() => {
            bail!("{shown} is a file, not a report folder (choose another --slug)")
        }
        Ok(_) => {}
    }
    let record = std::fs::read_to_string(dir.join(RECORD)).ok();
    let written = record.as_deref().map(parse_record);
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {shown}"))?
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("cannot read {shown}"))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let shown_name = name.to_string_lossy().into_owned();
        if name == RECORD {
            continue;
        }
        let is_file = entry.file_type()?.is_file();
        let import_named = match &written {
            Some(written) => written.contains_key(shown_name.as_str()),
            None => is_file && is_import_markdown(&shown_name),
        };
        let unchanged = is_file
            && written
                .as_ref()
                .and_then(|w| w.get(shown_name.as_str()))
                .is_some_and(|&hash| {
                    std::fs::read(entry.path()).is_ok_and(|b| fingerprint(&b) == hash)
                });
        if unchanged {
            replacement.replaced.push(shown_name);
        } else if import_named || planned.iter().any(|p| name == p.name.as_str()) {
            replacement.backed_up.push(shown_name);
        } else {
            replacement.kept.push(shown_name);
            replacement.kept_names.push(name);
        }
    }
    Ok(replacement)
}

/// `_index.md` or `NN-*.md`: the names import gives Markdown files.
fn is_import_markdown(name: &str) -> bool {
    name == "_index.md"
        || name
            .strip_suffix(".md")
            .is_some_and(|stem| slug::strip_order_prefix(stem).1.is_some())
}

/// Writes `planned` as the folder `dir`, replacing what is there as `replacement` says.
/// Returns the backup folder, when one is kept.
pub(super) fn write(
    dir: &Path,
    planned: &[PlannedFile],
    replacement: &Replacement,
) -> Result<Option<PathBuf>> {
    let parent = dir
        .parent()
        .context("the report folder has no parent folder")?;
    let name = dir
        .file_name()
        .context("the report folder has no name")?
        .to_string_lossy()
        .into_owned();
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = new_folder(parent, &format!(".{name}.import-{}", std::process::id()))?;
    if let Err(e) = fill(&staging, planned) {
        // Only what this run created: the staging folder and the files just written in it.
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if !dir.exists() {
        return match std::fs::rename(&staging, dir) {
            Ok(()) => Ok(None),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                Err(e).with_context(|| format!("cannot create {}", dir.display()))
            }
        };
    }
    let backup = free_name(parent, &format!(".{name}.backup"))?;
    std::fs::rename(dir, &backup)
        .with_context(|| format!("cannot move {} aside", dir.display()))?;
    if let Err(e) = swap_in(&staging, dir, &backup, &replacement.kept_names) {
        // Back as it was: the kept files into the old folder, the old folder in its place.
        for kept in &replacement.kept_names {
            let _ = std::fs::rename(staging.join(kept), backup.join(kept));
        }
        let restored = std::fs::rename(&backup, dir).is_ok();
        let _ = std::fs::remove_dir_all(&staging);
        if !restored {
            return Err(e)
                .with_context(|| format!("the earlier folder is in {}", backup.display()));
        }
        return Err(e);
    }
    if replacement.backed_up.is_empty() && remove_own_files(&backup, &replacement.replaced) {
        return Ok(None);
    }
    Ok(Some(backup))
}

/// The kept entries moved from the old folder into the new one, then the new one in place.
fn swap_in(staging: &Path, dir: &Path, backup: &Path, kept: &[OsString]) -> Result<()> {
    for name in kept {
        let from = backup.join(name);
        std::fs::rename(&from, staging.join(name))
            .with_context(|| format!("cannot move {} into the new folder", from.display()))?;
    }
    std::fs::rename(staging, dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// The files and the record, written into the new folder.
fn fill(staging: &Path, planned: &[PlannedFile]) -> Result<()> {
    let mut record = String::from(
        "# What `gazette import` wrote here, so that `import --force` can tell your files from its own.\n",
    );
    for file in planned {
        let path = staging.join(&file.name);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let _ = writeln!(record, "{:016x} {}", fingerprint(&file.bytes), file.name);
    }
    let path = staging.join(RECORD);
    std::fs::write(&path, record).with_context(|| format!("cannot write {}", path.display()))
}

/// Removes the backup when it holds only an earlier import's unchanged files (and its
/// record); `false` when anything else is there.
fn remove_own_files(backup: &Path, replaced: &[String]) -> bool {
    for name in replaced.iter().map(String::as_str).chain([RECORD]) {
        let path = backup.join(name);
        if path.exists() && std::fs::remove_file(&path).is_err() {
            return false;
        }
    }
    std::fs::remove_dir(backup).is_ok()
}

fn parse_record(text: &str) -> HashMap<&str, u64> {
    text.lines()
        .filter_map(|line| {
            let (hash, name) = line.split_once(' ')?;
            Some((name, u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

/// FNV-1a: stable across versions, enough to tell an edited file from the one written.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Creates a new, empty folder `parent/base` (or `base-2`, … when taken).
fn new_folder(parent: &Path, base: &str) -> Result<PathBuf> {
    for path in candidates(parent, base) {
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
        }
    }
    bail!("no free name for {base} in {}", parent.display())
}

/// The first of `parent/base`, `base-2`, … that does not exist.
fn free_name(parent: &Path, base: &str) -> Result<PathBuf> {
    candidates(parent, base)
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .with_context(|| format!("no free name for {base} in {}", parent.display()))
}

fn candidates(parent: &Path, base: &str) -> impl Iterator<Item = PathBuf> {
    (1..1000).map(move |n| match n {
        1 => parent.join(base),
        n => parent.join(format!("{base}-{n}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_markdown_names() {
        for (name, expected) in [
            ("_index.md", true),
            ("01-section-1.md", true),
            ("12-old.md", true),
            ("notes.md", false),
            ("01-chart.png", false),
        ] {
            assert_eq!(is_import_markdown(name), expected, "{name}");
        }
    }

    #[test]
    fn the_record_reads_back() {
        let text = format!("# comment\n{:016x} _index.md\n", fingerprint(b"abc"));
        assert_eq!(parse_record(&text)["_index.md"], fingerprint(b"abc"));
    }
}
