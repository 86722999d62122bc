//! The output folder, shared with its owner. A build is produced whole into a staging folder
//! inside the output before anything there changes, so a failed build leaves the output exactly
//! as it was. Then only files whose bytes changed are moved in (the others keep their
//! modification time, so rsync or a CDN uploader sends only changes), and files the previous
//! build wrote that this one no longer has are removed. What gazette wrote is listed in the
//! folder's manifest; every other file there — a deploy repository's `.git`, `CNAME`,
//! `.htaccess`, a file the user put there — is never changed or removed, and a site file that
//! would replace one is an error. An output folder that is a symlink (to a web root, say) is
//! written through, never replaced.
//!
//! This is the pipeline's disk sink ([`crate::build::emit`]): files arrive one at a time, from
//! many threads, as they are made ([`Staging::write`]).

mod manifest;
mod staging;

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

pub(crate) use staging::{Staging, WriteSummary};

use crate::config::SOURCE_DIRS;

/// Resolves `output` (through symlinks) and refuses folders a build must not write into: the
/// site folder, one the build reads (`content/`, `static/`, `templates/`, `themes/`, `i18n/`),
/// one inside those or holding them. Returns the real folder the build writes into.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf> {
    let root = fs::canonicalize(root)
        .with_context(|| format!("cannot open the site folder {}", root.display()))?;
    let real = resolve(output)?;
    let shown = if real == output {
        real.display().to_string()
    } else {
        format!("{} (→ {})", output.display(), real.display())
    };
    if real == root {
        bail!(
            "the output folder {shown} cannot be the site folder itself; \
             give it a folder of its own, such as public/ (the default)"
        );
    }
    for name in SOURCE_DIRS {
        let dir = root.join(name);
        let dir = fs::canonicalize(&dir).unwrap_or(dir);
        let problem = if real == dir {
            format!("is the site's {name}/ folder, which the build reads")
        } else if dir.starts_with(&real) {
            format!("contains the site's {name}/ folder")
        } else if real.starts_with(&dir) {
            format!("lies inside {name}/, which the build reads, so the next build would read it")
        } else {
            continue;
        };
        bail!("the output folder {shown} {problem}; choose another (the default is public/)");
    }
    if real.exists() && !real.is_dir() {
        bail!("the output folder {shown} is a file, not a folder");
    }
    Ok(real)
}

/// `path` made absolute with every symlink in it resolved, without requiring it to exist: the
/// part that exists is resolved and the rest appended (so `.` and `out/../site` work too).
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .with_context(|| format!("cannot find the output folder {}", path.display()))?;
    let mut real = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => real.push(component),
            Component::CurDir => {}
            // `real` has no symlinks left, so its parent is the folder `..` means.
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                let is_link = fs::symlink_metadata(&real).is_ok_and(|m| m.is_symlink());
                if is_link {
                    real = fs::canonicalize(&real).with_context(|| {
                        let target = fs::read_link(&real).unwrap_or_default();
                        format!(
                            "{} is a link to {}, which does not exist; create that folder or \
                             choose another output folder",
                            real.display(),
                            target.display()
                        )
                    })?;
                }
            }
        }
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` (path, text) as one build into `output`.
    fn write_site(output: &Path, files: &[(&str, &str)]) -> Result<WriteSummary> {
        let staging = Staging::create(output)?;
        for (path, text) in files {
            staging.write(Path::new(path), text.as_bytes())?;
        }
        staging.finish()
    }

    #[test]
    fn a_rewrite_reports_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out");
        let first = [("a/index.html", "a"), ("b/index.html", "b")];
        let summary = write_site(&output, &first).unwrap();
        assert_eq!(
            (summary.written, summary.unchanged, summary.removed),
            (2, 0, 0)
        );
        let second = [("a/index.html", "A"), ("c.txt", "c")];
        let summary = write_site(&output, &second).unwrap();
        assert_eq!(
            (summary.written, summary.unchanged, summary.removed),
            (2, 0, 1)
        );
        assert!(!output.join("b").exists());
        let summary = write_site(&output, &second).unwrap();
        assert_eq!(
            (summary.written, summary.unchanged, summary.removed),
            (0, 2, 0)
        );
    }

    #[test]
    fn a_later_write_of_a_path_wins() {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &[("x", "page")]).unwrap();
        let staging = Staging::create(dir.path()).unwrap();
        staging.write(Path::new("x"), b"static").unwrap();
        staging.write(Path::new("x"), b"page").unwrap();
        staging.finish().unwrap();
        assert_eq!(fs::read(dir.path().join("x")).unwrap(), b"page");
    }

    #[test]
    fn dot_is_resolved_to_a_folder_name() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            resolve(Path::new(".")).unwrap(),
            fs::canonicalize(&here).unwrap()
        );
        assert_eq!(
            resolve(Path::new("missing/../other")).unwrap(),
            fs::canonicalize(&here).unwrap().join("other")
        );
    }
}
