//! Made PDFs kept between builds in `<site>/.gazette-cache/pdf/`, each under the SHA-256 of
//! everything it is made from: gazette's version, the report's markup (which holds its text,
//! the settings and the fonts chosen), the bytes of the images it embeds and the font files
//! found. A PDF is made again exactly when one of these changed. The cache is never inside the
//! output folder; files it no longer uses are removed after each build (only files it names).
//! `gazette check` reads it and writes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::Fonts;

/// The cache folder, relative to the site.
pub(super) const CACHE_DIR: &str = ".gazette-cache/pdf";

pub(crate) struct Cache {
    dir: PathBuf,
    /// `gazette check` reads the cache but writes nothing.
    writes: bool,
    used: Mutex<HashSet<String>>,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(crate) fn of_site(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR),
            writes: true,
            used: Mutex::default(),
        }
    }

    /// The cache of the site at `root`, read but never written.
    pub(crate) fn read_only(root: &Path) -> Cache {
        Cache {
            writes: false,
            ..Cache::of_site(root)
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.used
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_string());
        self.dir.join(format!("{key}.pdf"))
    }

    pub(crate) fn get(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(key)).ok()
    }

    /// Keeps `bytes` under `key`. A cache that cannot be written only costs time: the error is
    /// not the build's.
    pub(crate) fn put(&self, key: &str, bytes: &[u8]) {
        let path = self.path(key);
        if !self.writes {
            return;
        }
        let _ = std::fs::create_dir_all(&self.dir).and_then(|()| super::write_whole(&path, bytes));
    }

    /// Removes the cached PDFs this run did not ask for (files named as the cache names them,
    /// nothing else).
    pub(crate) fn keep_only_used(&self) {
        if !self.writes {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(key) = name.to_str().and_then(|n| n.strip_suffix(".pdf")) else {
                continue;
            };
            let ours = key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit());
            if ours && !used.contains(key) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The key of a PDF made from `markup` with `images` (relative to `content_dir`) and `fonts`.
pub(super) fn key(markup: &str, images: &[PathBuf], content_dir: &Path, fonts: &Fonts) -> String {
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION"));
    hash.update([0]);
    hash.update(markup);
    for image in images {
        hash.update([0]);
        hash.update(image.to_string_lossy().as_bytes());
        hash.update(std::fs::read(content_dir.join(image)).unwrap_or_default());
    }
    for (path, len) in &fonts.files {
        hash.update([0]);
        hash.update(path.to_string_lossy().as_bytes());
        hash.update(len.to_le_bytes());
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
