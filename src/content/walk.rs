//! The file walks of a site's folders: sorted, so builds are deterministic, and blind to the
//! hidden and temporary files editors leave beside the ones being edited. Symlinks are followed
//! when they lead to somewhere inside the site folder, and refused when they lead out of it: a
//! build publishes what it reads.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};

/// Every regular file under `dir`, relative to it, sorted by path; none if `dir` is missing.
/// `root` is the site folder: links must stay inside it, and messages name paths from it.
/// Hidden folders are skipped unless `hidden_folders` (a theme's `static/.well-known/`).
pub fn list_files(
    dir: &Path,
    root: &Path,
    hidden_folders: bool,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = |path: &Path| display_path(root, path);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let real_root = fs::canonicalize(root)
        .map_err(|e| Diagnostic::new(shown(root), format!("cannot open the site folder: {e}")))?;
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || hidden_folders || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir);
            match fs::read_link(path) {
                Ok(target) if e.loop_ancestor().is_none() => Diagnostic::new(
                    shown(path),
                    format!("is a link to {}, which does not exist", target.display()),
                ),
                _ => Diagnostic::new(shown(path), format!("cannot read the folder: {e}")),
            }
        })?;
        if entry.path_is_symlink() || entry.depth() == 0 {
            check_inside(entry.path(), &real_root, root)?;
        }
        if entry.file_type().is_file() && !is_ignored_file(entry.file_name()) {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.push(rel.to_path_buf());
        }
    }
    Ok(files)
}

/// Refuses `path` (a link, or a folder that may be reached through one) if it resolves to a
/// place outside the site folder `real_root`.
fn check_inside(path: &Path, real_root: &Path, root: &Path) -> Result<(), Diagnostic> {
    let real = fs::canonicalize(path)
        .map_err(|e| Diagnostic::new(display_path(root, path), format!("cannot open it: {e}")))?;
    if real.starts_with(real_root) {
        return Ok(());
    }
    let target = fs::read_link(path).unwrap_or(real);
    Err(Diagnostic::new(
        display_path(root, path),
        format!(
            "is a link to {}, outside the site folder; gazette reads only files inside the site",
            target.display()
        ),
    )
    .with_hint("move what it points to into the site folder, or copy it there instead of the link"))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Hidden files and what editors write while saving: swap, backup and lock files.
pub fn is_ignored_file(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || [".swp", ".swx", ".tmp", ".kate-swp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_droppings_are_ignored() {
        for name in [
            ".01-a.md.swp",
            "01-a.md~",
            "4913",
            "#01-a.md#",
            "01-a.md___jb_tmp___",
            ".DS_Store",
        ] {
            assert!(is_ignored_file(name.as_ref()), "{name}");
        }
        assert!(!is_ignored_file("01-a.md".as_ref()));
        assert!(!is_ignored_file("chart.png".as_ref()));
    }
}
