//! The file walk under `content/`: sorted, so builds are deterministic, and blind to the hidden
//! and temporary files editors leave beside the ones being edited.

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Every regular file under `dir`, relative to it, sorted by path.
pub(super) fn list_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotFound, "no such folder"));
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() && !is_ignored_file(entry.file_name()) {
            let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
            files.push(rel.to_path_buf());
        }
    }
    Ok(files)
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
