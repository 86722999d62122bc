//! The site model: reports, sections, pages and years as plain data, built once from the loaded
//! content and read by every later stage. Entities refer to each other by typed ids.

mod assemble;
mod links;
pub(crate) mod nav;
pub mod routes;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::config::Config;
use crate::content::{Document, HomeFront, PageFront, ReportFront, SectionFront};
use crate::figures::Figures;
use crate::markdown::{AnchorLink, ExternalLink};

pub use assemble::assemble;
pub use links::Links;
pub use routes::{Route, Routes, Target};

/// Declares an index into one of the site's lists as its own type, so a section's index can't
/// be taken for a report's. The list, and the tables kept beside it in the same order, are
/// indexed by it directly (`site.reports[id]`, `dates[id]`).
macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl $name {
            /// The id of the item at `index` of its list.
            pub fn new(index: usize) -> $name {
                $name(index)
            }

            /// The position in the list, for tables kept beside it.
            pub fn index(self) -> usize {
                self.0
            }

            /// Every id of a list of `len` items, in order.
            pub fn all(len: usize) -> impl Iterator<Item = $name> {
                (0..len).map($name)
            }

            /// The items of a list (or of a table beside it) with their ids.
            pub fn enumerate<T>(list: &[T]) -> impl Iterator<Item = ($name, &T)> {
                list.iter().enumerate().map(|(i, item)| ($name(i), item))
            }
        }

        impl<T> std::ops::Index<$name> for [T] {
            type Output = T;

            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;

            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }
    };
}

id!(
    /// A report: an index into [`Site::reports`].
    ReportId
);
id!(
    /// A section: an index into [`Site::sections`].
    SectionId
);
id!(
    /// A page outside the reports: an index into [`Site::pages`].
    PageId
);

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// `site.yaml`, resolved.
    pub config: Config,
    /// The home page's own text.
    pub home: Home,
    /// Newest first: by date, then by slug.
    pub reports: Vec<Report>,
    /// Every section of every report; each report lists its own in reading order.
    pub sections: Vec<Section>,
    /// The standalone pages, such as `/about/`.
    pub pages: Vec<Page>,
    /// Years that have reports, newest first.
    pub years: Vec<Year>,
    /// Files of `content/` copied as they are (images, PDFs).
    pub assets: Vec<Asset>,
    /// Where every page is published: its URL and output file.
    pub routes: Routes,
    /// Where every source and asset is published, for rewriting links between them.
    pub links: Links,
    /// The reports' key figures as series across years.
    pub figures: Figures,
}

/// A document of the site, by kind and index: the key of the tables kept beside the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocId {
    /// `content/_index.md`.
    Home,
    /// A report's `_index.md`.
    Report(ReportId),
    /// A section's file.
    Section(SectionId),
    /// A standalone page's file.
    Page(PageId),
}

/// One value per document of the site, kept beside the model (rendered bodies, file texts),
/// so a build can drop a whole table when it no longer needs it.
#[derive(Debug, Clone, Default)]
pub struct Table<T> {
    /// The home page's value, when it has a document.
    pub home: Option<T>,
    /// By [`ReportId`].
    pub reports: Vec<T>,
    /// By [`SectionId`].
    pub sections: Vec<T>,
    /// By [`PageId`].
    pub pages: Vec<T>,
}

impl<T> Table<T> {
    /// The value of `id`, when the table has one (a build may have dropped it).
    pub fn get(&self, id: DocId) -> Option<&T> {
        match id {
            DocId::Home => self.home.as_ref(),
            DocId::Report(i) => self.reports.get(i.index()),
            DocId::Section(i) => self.sections.get(i.index()),
            DocId::Page(i) => self.pages.get(i.index()),
        }
    }

    /// The value of `id`, to replace it after an edit.
    pub fn get_mut(&mut self, id: DocId) -> Option<&mut T> {
        match id {
            DocId::Home => self.home.as_mut(),
            DocId::Report(i) => self.reports.get_mut(i.index()),
            DocId::Section(i) => self.sections.get_mut(i.index()),
            DocId::Page(i) => self.pages.get_mut(i.index()),
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
    /// `content/_index.md`, when there is one.
    pub doc: Option<Document<HomeFront>>,
}

/// A report: a folder with `_index.md`, its sections and their parts.
#[derive(Debug)]
pub struct Report {
    /// Its `_index.md`.
    pub doc: Document<ReportFront>,
    /// Its URL segment: `slug:` or the folder name.
    pub slug: String,
    /// The year of `date`: the report's place in the archive.
    pub year: i32,
    /// Reading order: part by part (parts in order of first appearance), by weight within.
    pub sections: Vec<SectionId>,
    /// Its sections grouped under part headings, in reading order.
    pub parts: Vec<Part>,
}

// Files every build generates at the output root, claimed so no content file takes their place.
/// The feed of the latest reports.
pub const ATOM: &str = "atom.xml";
/// Every indexable page with its last change, for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// Points crawlers at the sitemap.
pub const ROBOTS: &str = "robots.txt";
// The open-data files of the figures, beside the figures page.
/// Every figure of every report, a row each, for spreadsheets (UTF-8 with a byte-order mark).
pub const FIGURES_CSV: &str = "figures.csv";
/// The same rows as [`FIGURES_CSV`], for programs.
pub const FIGURES_JSON: &str = "figures.json";

/// The last URL segment of a report's printable version: `/<year>/<report>/print/`.
pub const PRINT_SLUG: &str = "print";

/// Consecutive sections of a report under one heading such as "2013年工作回顾";
/// `title` is `None` for sections that name no part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's heading; `None` for sections that name no part.
    pub title: Option<String>,
    /// Its sections, in reading order.
    pub sections: Vec<SectionId>,
    /// The year the part is about when it names one ("2014年主要任务") or its sections set
    /// `year:`; see `nav::part_year`.
    pub year: Option<i32>,
}

/// A section of a report: one Markdown file, one page.
#[derive(Debug)]
pub struct Section {
    /// Its Markdown file.
    pub doc: Document<SectionFront>,
    /// The report it belongs to.
    pub report: ReportId,
    /// Its URL segment: `slug:` or the file stem without `NN-`.
    pub slug: String,
    /// The weight that orders it: `weight:` or the file name's `NN-` prefix.
    pub weight: Option<i64>,
    /// The page before it in reading order: the previous section, or its report.
    pub prev: Option<PageRef>,
    /// The page after it in reading order, within its report.
    pub next: Option<PageRef>,
}

/// A standalone page such as `/about/`.
#[derive(Debug)]
pub struct Page {
    /// Its Markdown file.
    pub doc: Document<PageFront>,
}

/// A year of the archive, with its page `/<year>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// The year, as in reports' dates.
    pub year: i32,
    /// Newest first.
    pub reports: Vec<ReportId>,
    /// The nearest older year with reports.
    pub older: Option<i32>,
    /// The nearest newer year with reports.
    pub newer: Option<i32>,
    /// Parts of other years' reports about this year (its plan in last year's report).
    pub plans: Vec<PartRef>,
}

/// A part of a report: `site.reports[report].parts[part]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartRef {
    /// The report the part is in.
    pub report: ReportId,
    /// The index into the report's `parts`.
    pub part: usize,
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
    /// A report's page.
    Report(ReportId),
    /// A section's page.
    Section(SectionId),
}

impl Site {
    /// Every document in site order: home, reports, sections, pages.
    pub fn doc_ids(&self) -> Vec<DocId> {
        let home = self.home.doc.as_ref().map(|_| DocId::Home);
        home.into_iter()
            .chain(ReportId::all(self.reports.len()).map(DocId::Report))
            .chain(SectionId::all(self.sections.len()).map(DocId::Section))
            .chain(PageId::all(self.pages.len()).map(DocId::Page))
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

    /// The title of a page of the reading chain, for prev/next links.
    pub fn title_of(&self, page: PageRef) -> &str {
        match page {
            PageRef::Report(id) => &self.reports[id].doc.front.title,
            PageRef::Section(id) => &self.sections[id].doc.front.title,
        }
    }

    /// The URL of a page of the reading chain.
    pub fn url_of(&self, page: PageRef) -> &str {
        self.url(page.target())
    }

    /// The figures page, when any report has figures.
    pub fn figures_url(&self) -> Option<&str> {
        self.routes.figures.as_ref().map(|r| r.url.as_str())
    }

    /// The archive's entry for `year`, when a report or plan is about it.
    pub fn year(&self, year: i32) -> Option<&Year> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The index of `year` in [`Site::years`].
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| y.year == year)
    }
}

impl PageRef {
    /// The page it is, for its route.
    pub fn target(self) -> Target {
        match self {
            PageRef::Report(id) => Target::Report(id),
            PageRef::Section(id) => Target::Section(id),
        }
    }
}
