//! What Typst sees while it sets one report: the generated markup as its only source file, the
//! fonts found, and the report's images read from `content/`. Nothing else on the disk is
//! reachable: a path that is not a file of `content/` is an error, never a read.

use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

/// The standard library, built once for every report.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One report's world.
pub(super) struct ReportWorld<'a> {
    main: Source,
    fonts: &'a Fonts,
    /// The site's `content/`: image paths in the markup are relative to it.
    content_dir: &'a Path,
    today: Datetime,
}

impl<'a> ReportWorld<'a> {
    pub(super) fn new(
        markup: String,
        fonts: &'a Fonts,
        content_dir: &'a Path,
        today: Datetime,
    ) -> Self {
        let id = main_id();
        ReportWorld {
            main: Source::new(id, markup),
            fonts,
            content_dir,
            today,
        }
    }

    /// The file of `content/` that `id` names.
    fn path_of(&self, id: FileId) -> FileResult<PathBuf> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::AccessDenied);
        }
        let rel = Path::new(id.vpath().get_without_slash());
        let inside = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            return Err(FileError::AccessDenied);
        }
        Ok(self.content_dir.join(rel))
    }
}

/// The generated markup's file id (the same for every report: each world has its own source).
fn main_id() -> FileId {
    let path = VirtualPath::new("/gazette-report.typ").expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = self.path_of(id)?;
        std::fs::read(&path)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
