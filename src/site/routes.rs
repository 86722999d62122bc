//! Routes: where every page of the site is published, its URL and its file in the output,
//! computed once when the model is assembled. Rendering, the feeds, the search index, the
//! preview's server and the tests all read them here; nothing else turns a URL into a file.

use std::path::{Path, PathBuf};

use super::{DocId, PageId, ReportId, SectionId, Site};

/// Every kind of page the site has, with the entity it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The site's front page, `/`.
    Home,
    /// Every year with its reports, `/archive/`.
    Archive,
    /// By index into [`Site::years`].
    Year(usize),
    /// A report's contents page.
    Report(ReportId),
    /// A report's printable version.
    Print(ReportId),
    /// A section's page.
    Section(SectionId),
    /// A standalone page.
    Page(PageId),
    /// The key figures of every report, charted across years (when any report has figures).
    Figures,
    /// One indicator's page, by index into [`crate::figures::Figures::indicators`].
    Figure(usize),
    /// The search page, when the site has search.
    Search,
    /// `404.html`, which hosts serve for missing paths.
    NotFound,
}

impl Target {
    /// Whether the page is listed in `sitemap.xml`: not the search and 404 pages, which are
    /// not content, nor the printable versions, which are `noindex` (they repeat the sections).
    pub fn in_sitemap(self) -> bool {
        !matches!(self, Target::Search | Target::NotFound | Target::Print(_))
    }
}

/// One page's address: its URL (with the base path) and its file under the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Its URL path, with the base path: what links use.
    pub url: String,
    /// Its file relative to the output root.
    pub output: PathBuf,
}

impl Route {
    /// The route of `url` under `base_path` (see [`file_for`]).
    pub fn new(base_path: &str, url: String) -> Route {
        let rel = url.strip_prefix(base_path).unwrap_or(&url);
        let output = PathBuf::from(file_for(rel));
        Route { url, output }
    }
}

/// The file that serves a URL path relative to the base path: `2013/r/` → `2013/r/index.html`;
/// a path naming a file (`404.html`) is that file. The one place this rule is written.
pub fn file_for(rel_url: &str) -> String {
    if rel_url.is_empty() || rel_url.ends_with('/') {
        format!("{rel_url}index.html")
    } else {
        rel_url.to_string()
    }
}

/// The route of every page, by kind and index: [`Site::targets`](super::Site::targets) gives
/// them in site order.
#[derive(Debug, Default)]
pub struct Routes {
    pub(super) home: Option<Route>,
    pub(super) archive: Option<Route>,
    pub(super) search: Option<Route>,
    pub(super) not_found: Option<Route>,
    pub(super) years: Vec<Route>,
    pub(super) reports: Vec<Route>,
    pub(super) prints: Vec<Route>,
    /// The reports' PDFs, when `pdf:` is on (none otherwise).
    pub(super) pdfs: Vec<Route>,
    pub(super) sections: Vec<Route>,
    pub(super) pages: Vec<Route>,
    pub(super) figures: Option<Route>,
    pub(super) indicators: Vec<Route>,
}

impl Routes {
    /// The route of `target`, which must be a page of this site.
    pub fn get(&self, target: Target) -> &Route {
        let route = match target {
            Target::Home => self.home.as_ref(),
            Target::Archive => self.archive.as_ref(),
            Target::Search => self.search.as_ref(),
            Target::NotFound => self.not_found.as_ref(),
            Target::Year(i) => self.years.get(i),
            Target::Report(i) => self.reports.get(i.index()),
            Target::Print(i) => self.prints.get(i.index()),
            Target::Section(i) => self.sections.get(i.index()),
            Target::Page(i) => self.pages.get(i.index()),
            Target::Figures => self.figures.as_ref(),
            Target::Figure(i) => self.indicators.get(i),
        };
        route.expect("a target of this site has a route")
    }
}

impl Site {
    /// Every page of the site in site order: home, archive, years, each report followed by
    /// its printable version and its sections in reading order, pages, the figures pages,
    /// search, 404. The
    /// sitemap lists them in this order, and errors while rendering come in it.
    pub fn targets(&self) -> Vec<Target> {
        let batches = self.batches(usize::MAX);
        batches.into_iter().flat_map(|b| b.targets).collect()
    }

    /// Every page in site order (as [`Site::targets`]), in batches with the documents whose
    /// bodies they show: the home page and the lists; reports, a batch of them at a time
    /// holding about `docs` documents, each with its printable version and sections; the
    /// standalone pages and the rest. No two batches show one body, so a build can render a
    /// batch's bodies, make its pages and drop the bodies before the next.
    pub fn batches(&self, docs: usize) -> Vec<Batch> {
        let mut head = Batch {
            docs: self.home.doc.iter().map(|_| DocId::Home).collect(),
            targets: vec![Target::Home, Target::Archive],
            reports: Vec::new(),
            pages: false,
        };
        head.targets.extend((0..self.years.len()).map(Target::Year));
        let mut batches = vec![head];
        let mut batch = Batch::default();
        for (id, report) in ReportId::enumerate(&self.reports) {
            batch.reports.push(id);
            batch.docs.push(DocId::Report(id));
            batch
                .targets
                .extend([Target::Report(id), Target::Print(id)]);
            for &s in &report.sections {
                batch.docs.push(DocId::Section(s));
                batch.targets.push(Target::Section(s));
            }
            if batch.docs.len() >= docs {
                batches.push(std::mem::take(&mut batch));
            }
        }
        if !batch.reports.is_empty() {
            batches.push(batch);
        }
        let mut tail = Batch {
            docs: PageId::all(self.pages.len()).map(DocId::Page).collect(),
            targets: PageId::all(self.pages.len()).map(Target::Page).collect(),
            reports: Vec::new(),
            pages: true,
        };
        if self.routes.figures.is_some() {
            tail.targets.push(Target::Figures);
            tail.targets
                .extend((0..self.routes.indicators.len()).map(Target::Figure));
        }
        if self.routes.search.is_some() {
            tail.targets.push(Target::Search);
        }
        tail.targets.push(Target::NotFound);
        batches.push(tail);
        batches
    }

    /// Where `target` is published.
    pub fn route(&self, target: Target) -> &Route {
        self.routes.get(target)
    }

    /// The URL of `target`, for links.
    pub fn url(&self, target: Target) -> &str {
        &self.routes.get(target).url
    }

    /// Where the PDF of `report` is published, when the site makes PDFs.
    pub fn pdf_route(&self, report: ReportId) -> Option<&Route> {
        self.routes.pdfs.get(report.index())
    }
}

/// Pages of the site made together, with the documents whose bodies they show (see
/// [`Site::batches`]).
#[derive(Debug, Default)]
pub struct Batch {
    /// The documents whose bodies these pages show.
    pub docs: Vec<DocId>,
    /// The pages, in site order.
    pub targets: Vec<Target>,
    /// The reports whose pages these are.
    pub reports: Vec<ReportId>,
    /// Whether these are the standalone pages (the search documents after the reports').
    pub pages: bool,
}

/// The output file of a URL under `base_path` (`/base/2013/r/` → `2013/r/index.html`).
pub fn output_of(base_path: &str, url: &str) -> PathBuf {
    Route::new(base_path, url.to_string()).output
}

/// `path` with `/` separators, as output files are keyed in memory.
pub fn key(path: &Path) -> String {
    let parts: Vec<_> = path.iter().map(|c| c.to_string_lossy()).collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_index_files_under_the_base_path() {
        assert_eq!(output_of("/", "/"), PathBuf::from("index.html"));
        assert_eq!(
            output_of("/sub/", "/sub/2013/r/"),
            PathBuf::from("2013/r/index.html")
        );
        assert_eq!(
            output_of("/sub/", "/sub/404.html"),
            PathBuf::from("404.html")
        );
        assert_eq!(file_for("a/b"), "a/b");
    }
}
