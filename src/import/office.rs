//! Word 97–2003 (.doc), WPS (.wps) and OpenDocument (.odt) files, converted to .docx by
//! LibreOffice (`soffice --headless --convert-to docx`) into a folder of their own, then read
//! as Word documents — one reader for all of them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

use super::tools;

/// The document at `path` as the bytes of a .docx.
pub(super) fn to_docx(path: &Path) -> Result<Vec<u8>> {
    let folder = Scratch::new()?;
    // A profile of its own: LibreOffice refuses to start beside a running instance that uses
    // the default one, and the user's settings stay untouched.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        folder.0.join("profile").display()
    );
    let args = [
        profile.as_str().as_ref(),
        "--headless".as_ref(),
        "--convert-to".as_ref(),
        "docx:MS Word 2007 XML".as_ref(),
        "--outdir".as_ref(),
        folder.0.as_os_str(),
        path.as_os_str(),
    ];
    tools::run::<&std::ffi::OsStr>(
        "soffice",
        &args,
        "reading .doc, .wps and .odt files needs LibreOffice: `apt-get install libreoffice-writer-nogui` (Debian, Ubuntu), or open the file in Word, WPS or LibreOffice and save it as .docx",
        "LibreOffice could not convert it",
    )?;
    let stem = path.file_stem().context("the file has no name")?;
    let converted = folder.0.join(stem).with_extension("docx");
    std::fs::read(&converted)
        .with_context(|| "LibreOffice did not convert it to .docx (is it a document?)".to_string())
}

/// A folder in the system's temporary folder, removed with everything in it when dropped:
/// only this run writes there.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("gazette-import-{}-{n}", std::process::id()));
        std::fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
