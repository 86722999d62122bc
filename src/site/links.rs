//! The table of where each source and asset is published, which Markdown links resolve against.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::markdown::LinkTargets;

/// The URL of every source and asset by its path relative to `content/`: what a relative link in Markdown is rewritten to.
#[derive(Debug, Default)]
pub struct Links {
    /// URL by path relative to `content/`.
    urls: HashMap<PathBuf, String>,
    /// Drafts left out of this build: a link to one gets its own message.
    drafts: HashSet<PathBuf>,
}

impl Links {
    /// Records that `source` is published at `url`.
    pub fn insert(&mut self, source: &Path, url: String) {
        self.urls.insert(source.to_path_buf(), url);
    }

    /// Records a draft left out, so a link to it says so instead of "no such file".
    pub fn insert_draft(&mut self, source: &Path) {
        self.drafts.insert(source.to_path_buf());
    }
}

impl LinkTargets for Links {
    fn url_of(&self, path: &Path) -> Result<&str, String> {
        if let Some(url) = self.urls.get(path) {
            return Ok(url);
        }
        // A link to a report folder means its `_index.md`.
        if let Some(url) = self.urls.get(&path.join("_index.md")) {
            return Ok(url);
        }
        let shown = Path::new("content").join(path);
        if self.drafts.contains(path) {
            Err(format!(
                "{} is a draft, left out of this build (build with --drafts to include it)",
                shown.display()
            ))
        } else {
            Err(format!("{} does not exist", shown.display()))
        }
    }
}
