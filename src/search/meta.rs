//! What the browser shows of a result: one small JSON file per document (title, URL, report,
//! year, headings and the plain text the excerpt is cut from), and the manifest every search
//! reads first: shard count and which documents belong to which report, year and category.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::bodies::Bodies;
use crate::site::{DocId, PageId, ReportId, Site, Target};

/// A searchable document: a report's own page, a section or a standalone page. Documents are
/// numbered report by report, newest first (the report, then its sections in reading order),
/// then the pages, so a report's documents are one range of ids.
#[derive(Serialize)]
pub(crate) struct Doc<'a> {
    #[serde(rename = "t")]
    pub title: &'a str,
    #[serde(rename = "u")]
    pub url: &'a str,
    /// The report's title, for sections.
    #[serde(rename = "r")]
    pub report: Option<&'a str>,
    #[serde(rename = "y")]
    pub year: Option<i32>,
    #[serde(rename = "h")]
    pub headings: Vec<&'a str>,
    #[serde(rename = "x")]
    pub text: Text<'a>,
}

/// A document's plain text as it is searched and shown: its summary (when it has one), a line
/// break, its body, and for a report its key figures. Written out piece by piece, never copied
/// into one string.
#[derive(Clone, Copy)]
pub(crate) struct Text<'a> {
    pub summary: Option<&'a str>,
    pub body: &'a str,
    /// A report's figures, a line each (see [`crate::figures::Figures::text`]).
    pub figures: Option<&'a str>,
}

impl<'a> Text<'a> {
    fn new(summary: Option<&'a str>, body: &'a str) -> Self {
        let summary = summary.filter(|s| !s.is_empty());
        Text {
            summary,
            body,
            figures: None,
        }
    }

    /// The pieces, in order; a line break stands between them.
    pub(crate) fn parts(&self) -> impl Iterator<Item = &'a str> {
        self.summary
            .into_iter()
            .chain([self.body])
            .chain(self.figures)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(part)?;
        }
        Ok(())
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The manifest, `search/meta.json`.
#[derive(Serialize)]
pub(crate) struct Manifest<'a> {
    pub version: u32,
    pub docs: usize,
    pub shards: usize,
    pub reports: Reports,
    /// The parts of reports about another year (see `site::nav::part_year`), as
    /// `[year, first document, documents]`: a year's filter finds them as the year page lists
    /// them.
    pub plans: Vec<(i32, usize, usize)>,
    pub categories: Vec<&'a str>,
    /// The first document that is a standalone page (= `docs` when there are none).
    pub pages: usize,
    /// The most frequent CJK bigrams, most frequent first (see `index::Index::common`).
    pub common: Vec<String>,
}

/// The reports, newest first, in columns that stay small with thousands of reports (every
/// search fetches the manifest first): how many documents each has (a report's documents
/// follow the previous report's, from 0), its year as runs `[year, how many reports]`, and its
/// category index or -1.
#[derive(Serialize, Default)]
pub(crate) struct Reports {
    pub docs: Vec<usize>,
    pub years: Vec<(i32, usize)>,
    pub categories: Vec<i64>,
}

impl Reports {
    fn push(&mut self, docs: usize, year: i32, category: i64) {
        self.docs.push(docs);
        self.categories.push(category);
        match self.years.last_mut() {
            Some((last, count)) if *last == year => *count += 1,
            _ => self.years.push((year, 1)),
        }
    }
}

fn headings(bodies: &Bodies, doc: DocId) -> Vec<&str> {
    let toc = &bodies.outline[doc].toc;
    toc.iter().map(|h| h.title.as_str()).collect()
}

/// The manifest without its shard count and common bigrams: which documents each report has,
/// known from the model before any body is rendered.
pub(crate) fn manifest(site: &Site) -> Manifest<'_> {
    let mut categories: Vec<&str> = Vec::new();
    let mut reports = Reports::default();
    let mut plans = Vec::new();
    let mut first = 0;
    for report in &site.reports {
        let category = report.doc.front.category.as_deref().map_or(-1, |c| {
            let at = categories.iter().position(|&k| k == c).unwrap_or_else(|| {
                categories.push(c);
                categories.len() - 1
            });
            at as i64
        });
        // The sections follow their report's document in reading order, part after part.
        let mut part_first = first + 1;
        for part in &report.parts {
            if let Some(year) = part.year.filter(|&y| y != report.year) {
                plans.push((year, part_first, part.sections.len()));
            }
            part_first += part.sections.len();
        }
        let docs = 1 + report.sections.len();
        reports.push(docs, report.year, category);
        first += docs;
    }
    Manifest {
        version: 3,
        docs: first + site.pages.len(),
        shards: 0,
        reports,
        plans,
        categories,
        pages: first,
        common: Vec::new(),
    }
}

/// The documents of `reports` in id order: each report, then its sections in reading order.
pub(crate) fn report_docs<'a>(
    site: &'a Site,
    bodies: &'a Bodies,
    reports: impl Iterator<Item = ReportId>,
) -> Vec<Doc<'a>> {
    let mut docs = Vec::new();
    for report_id in reports {
        let report = &site.reports[report_id];
        let front = &report.doc.front;
        let doc = DocId::Report(report_id);
        docs.push(Doc {
            title: &front.title,
            url: site.url(Target::Report(report_id)),
            report: None,
            year: Some(report.year),
            headings: headings(bodies, doc),
            text: Text {
                figures: site.figures.text[report_id].as_deref(),
                ..Text::new(front.summary.as_deref(), &bodies.text[doc])
            },
        });
        for &id in &report.sections {
            let section = &site.sections[id];
            let doc = DocId::Section(id);
            docs.push(Doc {
                title: &section.doc.front.title,
                url: site.url(Target::Section(id)),
                report: Some(&front.title),
                year: Some(report.year),
                headings: headings(bodies, doc),
                text: Text::new(section.doc.front.summary.as_deref(), &bodies.text[doc]),
            });
        }
    }
    docs
}

/// The standalone pages' documents, which follow the reports'.
pub(crate) fn page_docs<'a>(site: &'a Site, bodies: &'a Bodies) -> Vec<Doc<'a>> {
    PageId::enumerate(&site.pages)
        .map(|(id, page)| Doc {
            title: &page.doc.front.title,
            url: site.url(Target::Page(id)),
            report: None,
            year: None,
            headings: headings(bodies, DocId::Page(id)),
            text: Text::new(
                page.doc.front.summary.as_deref(),
                &bodies.text[DocId::Page(id)],
            ),
        })
        .collect()
}
