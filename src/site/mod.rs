//! The site model: reports, sections, pages and years as plain data, built once from the loaded
//! content and read by every later stage. Entities refer to each other by index.

mod assemble;
mod links;
pub mod nav;
pub mod routes;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::config::Config;
use crate::content::{Document, HomeFront, PageFront, ReportFront, SectionFront};
use crate::markdown::{AnchorLink, ExternalLink};

pub use assemble::assemble;
pub use links::Links;
pub use routes::{Route, Routes, Target};

pub type ReportId = usize;
pub type SectionId = usize;
pub type PageId = usize;

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub home: Home,
    /// Newest first: by date, then by slug.
    pub reports: Vec<Report>,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Years that have reports, newest first.
    pub years: Vec<Year>,
    pub assets: Vec<Asset>,
    /// Where every page is published: its URL and output file.
    pub routes: Routes,
    /// Where every source and asset is published, for rewriting links between them.
    pub links: Links,
}

/// A document of the site, by kind and index: the key of the tables kept beside the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocId {
    Home,
    Report(ReportId),
    Section(SectionId),
    Page(PageId),
}

/// One value per document of the site, kept beside the model (rendered bodies, file texts),
/// so a build can drop a whole table when it no longer needs it.
#[derive(Debug, Clone, Default)]
pub struct Table<T> {
    pub home: Option<T>,
    pub reports: Vec<T>,
    pub sections: Vec<T>,
    pub pages: Vec<T>,
}

impl<T> Table<T> {
    pub fn get(&self, id: DocId) -> Option<&T> {
        match id {
            DocId::Home => self.home.as_ref(),
            DocId::Report(i) => self.reports.get(i),
            DocId::Section(i) => self.sections.get(i),
            DocId::Page(i) => self.pages.get(i),
        }
    }

    pub fn get_mut(&mut self, id: DocId) -> Option<&mut T> {
        match id {
            DocId::Home => self.home.as_mut(),
            DocId::Report(i) => self.reports.get_mut(i),
            DocId::Section(i) => self.sections.get_mut(i),
            DocId::Page(i) => self.pages.get_mut(i),
        }
    }
}

impl<T> std::ops::Index<DocId> for Table<T> {
    type Output = T;

    fn index(&self, id: DocId) -> &T {
        self.get(id).expect("a document of this site")
    }
}

/// The files' text of every document, by document.
pub type Texts = Table<String>;

/// The links that leave each document: for finding files nothing uses and checking other sites.
#[derive(Debug, Default)]
pub struct Outbound {
    /// Sources and assets some body links to, relative to `content/`.
    pub used: HashSet<PathBuf>,
    /// Links to other sites, with the document (relative to `content/`) they stand in.
    pub external: Vec<(PathBuf, ExternalLink)>,
    /// Links to headings of documents, by the document they stand in: checked again when a
    /// document changes, since an edit can remove a heading others point at.
    pub anchor_links: HashMap<PathBuf, Vec<AnchorLink>>,
}

/// The home page's own text, from `content/_index.md` when there is one.
#[derive(Debug)]
pub struct Home {
    pub doc: Option<Document<HomeFront>>,
}

#[derive(Debug)]
pub struct Report {
    pub doc: Document<ReportFront>,
    pub slug: String,
    /// The year of `date`: the report's place in the archive.
    pub year: i32,
    /// Reading order: part by part (parts in order of first appearance), by weight within.
    pub sections: Vec<SectionId>,
    pub parts: Vec<Part>,
}

/// Files every build generates at the output root, claimed so no content file takes their place.
pub const ATOM: &str = "atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The last URL segment of a report's printable version: `/<year>/<report>/print/`.
pub const PRINT_SLUG: &str = "print";

/// Consecutive sections of a report under one heading such as "2013年工作回顾";
/// `title` is `None` for sections that name no part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub title: Option<String>,
    pub sections: Vec<SectionId>,
}

#[derive(Debug)]
pub struct Section {
    pub doc: Document<SectionFront>,
    pub report: ReportId,
    pub slug: String,
    /// The weight that orders it: `weight:` or the file name's `NN-` prefix.
    pub weight: Option<i64>,
    pub prev: Option<PageRef>,
    pub next: Option<PageRef>,
}

#[derive(Debug)]
pub struct Page {
    pub doc: Document<PageFront>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    /// Newest first.
    pub reports: Vec<ReportId>,
    /// The nearest older year with reports.
    pub older: Option<i32>,
    /// The nearest newer year with reports.
    pub newer: Option<i32>,
}

/// A file copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Relative to `content/`.
    pub source: PathBuf,
    /// Relative to the output folder.
    pub output: PathBuf,
}

/// A page of the reading chain (report → its sections) that prev/next links point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
    Report(ReportId),
    Section(SectionId),
}

impl Site {
    /// Every document in site order: home, reports, sections, pages.
    pub fn doc_ids(&self) -> Vec<DocId> {
        let home = self.home.doc.as_ref().map(|_| DocId::Home);
        home.into_iter()
            .chain((0..self.reports.len()).map(DocId::Report))
            .chain((0..self.sections.len()).map(DocId::Section))
            .chain((0..self.pages.len()).map(DocId::Page))
            .collect()
    }

    /// The source file of a document, relative to `content/`.
    pub fn source_of(&self, id: DocId) -> &std::path::Path {
        match id {
            DocId::Home => self.home.doc.as_ref().map_or("".as_ref(), |d| &d.source),
            DocId::Report(i) => &self.reports[i].doc.source,
            DocId::Section(i) => &self.sections[i].doc.source,
            DocId::Page(i) => &self.pages[i].doc.source,
        }
    }

    pub fn title_of(&self, page: PageRef) -> &str {
        match page {
            PageRef::Report(id) => &self.reports[id].doc.front.title,
            PageRef::Section(id) => &self.sections[id].doc.front.title,
        }
    }

    pub fn url_of(&self, page: PageRef) -> &str {
        self.url(page.target())
    }

    pub fn year(&self, year: i32) -> Option<&Year> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The index of `year` in [`Site::years`].
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| y.year == year)
    }
}

impl PageRef {
    pub fn target(self) -> Target {
        match self {
            PageRef::Report(id) => Target::Report(id),
            PageRef::Section(id) => Target::Section(id),
        }
    }
}
