//! Turning loaded documents into the site model: drafts left out, slugs and URLs assigned,
//! collisions found, reports and sections ordered, then navigation linked.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::routes::key;
use super::{
    ATOM, Asset, FIGURES_CSV, FIGURES_JSON, Home, Links, PRINT_SLUG, Page, Part, ROBOTS, Report,
    ReportId, Route, Routes, SITEMAP, Section, SectionId, Site, Texts, Year, nav,
};
use crate::config::Config;
use crate::content::{Content, Document, PageFront, ReportFront, SectionFront, Source};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::Figures;
use crate::slug::{is_valid_segment, slugify, strip_order_prefix};

/// Output files claimed so far, with who claimed them, so two sources never share a URL.
#[derive(Default)]
struct Claims {
    owners: HashMap<PathBuf, String>,
}

impl Claims {
    /// Claims `route`'s output file for `owner`; a second claim is an error naming both.
    fn claim(&mut self, route: &Route, owner: String, errors: &mut Diagnostics) {
        if let Some(first) = self.owners.get(&route.output) {
            errors.push(
                Diagnostic::new(
                    owner,
                    format!("{} is already the URL of {first}", route.url),
                )
                .with_hint("give one of them another `slug:` in its front matter"),
            );
        } else {
            self.owners.insert(route.output.clone(), owner);
        }
    }

    /// The route of `url`, claimed for `owner`.
    fn route(&mut self, base: &str, url: String, owner: String, errors: &mut Diagnostics) -> Route {
        let route = Route::new(base, url);
        self.claim(&route, owner, errors);
        route
    }
}

fn shown(source: &Path) -> String {
    Path::new("content").join(source).display().to_string()
}

/// The slug of a source: `slug:` if given and valid, else `name` made URL-safe.
fn slug_for<F>(
    Source { doc, text }: &Source<F>,
    explicit: Option<&str>,
    name: &str,
    errors: &mut Diagnostics,
) -> String {
    check_file_name(&doc.source, errors);
    if let Some(slug) = explicit {
        if is_valid_segment(slug) {
            check_length(doc, text, slug, true, errors);
            return slug.to_string();
        }
        let mut d = Diagnostic::new(
            shown(&doc.source),
            format!("slug `{slug}` cannot be a URL segment"),
        )
        .with_hint("use letters, digits and `-`, without spaces, `/`, `?`, `#` or `%`");
        if let Some((line, column)) = doc.key_position(text, "slug") {
            d = d.at(text, line, column);
        }
        errors.push(d);
    }
    let slug = if is_valid_segment(name) {
        name.to_string()
    } else {
        slugify(name)
    };
    check_length(doc, text, &slug, false, errors);
    slug
}

/// The longest file or folder name most filesystems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// A slug is a folder name of the output: one the filesystem refuses is an error here, where
/// it can name the source, rather than a failed write later.
fn check_length<F>(
    doc: &Document<F>,
    text: &str,
    slug: &str,
    explicit: bool,
    errors: &mut Diagnostics,
) {
    if slug.len() <= MAX_NAME_BYTES {
        return;
    }
    let start: String = slug.chars().take(20).collect();
    let mut d = Diagnostic::new(
        shown(&doc.source),
        format!(
            "the slug `{start}…` is {} bytes long, longer than a file name can be \
             ({MAX_NAME_BYTES} bytes: about 85 Chinese characters)",
            slug.len()
        ),
    );
    match doc.key_position(text, "slug").filter(|_| explicit) {
        Some((line, column)) => {
            d = d
                .at(text, line, column)
                .with_hint("give it a shorter `slug:`");
        }
        None => d = d.with_hint("give the file a shorter name, or a shorter `slug:`"),
    }
    errors.push(d);
}

/// A source's name becomes part of a URL and of the output's manifest: it must be text.
fn check_file_name(source: &Path, errors: &mut Diagnostics) {
    let fine = source
        .to_str()
        .is_some_and(|name| !name.chars().any(char::is_control));
    if !fine {
        errors.push(
            Diagnostic::new(
                shown(source),
                "the file name is not UTF-8 text or holds a control character",
            )
            .with_hint("rename the file with letters, digits and `-`"),
        );
    }
}

fn file_stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

/// What assembling carries from step to step: the base path, the claims and routes made so
/// far, the link table and the errors found.
struct Assembly {
    base: String,
    include_drafts: bool,
    claims: Claims,
    routes: Routes,
    links: Links,
    errors: Diagnostics,
}

/// Builds the model, and the table of the documents' texts beside it; `include_drafts` is
/// `--drafts`.
pub fn assemble(
    config: Config,
    content: Content,
    include_drafts: bool,
) -> Result<(Site, Texts), Diagnostics> {
    let Content {
        home,
        reports,
        sections,
        pages,
        assets,
    } = content;
    let mut a = Assembly {
        base: config.base_path.clone(),
        include_drafts,
        claims: Claims::default(),
        routes: Routes::default(),
        links: Links::default(),
        errors: Diagnostics::default(),
    };
    a.claim_generated(config.search);
    if let Some(home) = &home {
        a.links.insert(&home.doc.source, a.base.clone());
    }
    let (mut reports, report_texts) = a.reports(reports, config.pdf.is_some());
    let (sections, section_texts, report_by_folder) = a.sections(sections, &reports);
    order_sections(&mut reports, &sections);
    // After the parts: a year only a plan is about gets its page too.
    let years = a.years(&reports);
    let figures = a.figures(&reports, &sections, &report_texts, &section_texts);
    let (pages, page_texts) = a.pages(pages);
    let assets = a.assets(assets, &report_by_folder);
    let Assembly {
        routes,
        links,
        errors,
        ..
    } = a;
    let (home, home_text) = home.map(|h| (h.doc, h.text)).unzip();
    let texts = Texts {
        home: home_text,
        reports: report_texts,
        sections: section_texts,
        pages: page_texts,
    };
    let mut site = Site {
        config,
        home: Home { doc: home },
        reports,
        sections,
        pages,
        years,
        assets,
        routes,
        links,
        figures,
    };
    nav::link(&mut site);
    errors.into_result((site, texts))
}

impl Assembly {
    fn route(&mut self, url: String, owner: String) -> Route {
        self.claims.route(&self.base, url, owner, &mut self.errors)
    }

    /// The pages and files every build generates, whatever the content.
    fn claim_generated(&mut self, search: bool) {
        let base = self.base.clone();
        self.routes.home = Some(self.route(base.clone(), "the home page".into()));
        let archive = self.route(format!("{base}archive/"), "the archive page".into());
        self.routes.archive = Some(archive);
        if search {
            let route = self.route(format!("{base}search/"), "the search page".into());
            self.routes.search = Some(route);
        }
        let not_found = self.route(format!("{base}404.html"), "the 404 page".into());
        self.routes.not_found = Some(not_found);
        for file in [ATOM, SITEMAP, ROBOTS] {
            self.route(format!("{base}{file}"), format!("the generated {file}"));
        }
    }

    /// Reports newest first (by date, then slug), with their routes, printable versions and
    /// PDFs (`make_pdfs`).
    fn reports(
        &mut self,
        docs: Vec<Source<ReportFront>>,
        make_pdfs: bool,
    ) -> (Vec<Report>, Vec<String>) {
        let mut report_docs: Vec<_> = Vec::new();
        for source in docs {
            let doc = &source.doc;
            if doc.front.draft && !self.include_drafts {
                self.links.insert_draft(&doc.source);
                continue;
            }
            let folder = doc.source.parent().unwrap_or(Path::new(""));
            let name = folder
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let slug = slug_for(&source, doc.front.slug.as_deref(), &name, &mut self.errors);
            report_docs.push((source, slug));
        }
        report_docs.sort_by(|(a, sa), (b, sb)| {
            (b.doc.front.date.cmp(&a.doc.front.date)).then_with(|| sa.cmp(sb))
        });
        let mut reports = Vec::with_capacity(report_docs.len());
        let mut texts = Vec::with_capacity(report_docs.len());
        for (Source { doc, text }, slug) in report_docs {
            texts.push(text);
            let year = doc.front.date.year;
            let url = format!("{}{year}/{slug}/", self.base);
            let route = self.route(url.clone(), shown(&doc.source));
            let print_owner = format!("the printable version of {}", shown(&doc.source));
            let print = self.route(format!("{url}{PRINT_SLUG}/"), print_owner);
            if make_pdfs {
                let pdf_owner = format!("the PDF of {}", shown(&doc.source));
                let pdf = self.route(format!("{url}{slug}.pdf"), pdf_owner);
                self.routes.pdfs.push(pdf);
            }
            self.links.insert(&doc.source, url);
            self.routes.reports.push(route);
            self.routes.prints.push(print);
            reports.push(Report {
                doc,
                slug,
                year,
                sections: Vec::new(),
                parts: Vec::new(),
            });
        }
        (reports, texts)
    }

    /// The years that have reports, newest first.
    fn years(&mut self, reports: &[Report]) -> Vec<Year> {
        let mut by_year: BTreeMap<i32, Vec<ReportId>> = BTreeMap::new();
        for (id, report) in ReportId::enumerate(reports) {
            by_year.entry(report.year).or_default().push(id);
        }
        // A year only a plan is about ("2025年工作计划" in the 2024 report) has a page too.
        for year in nav::planned_years(reports) {
            by_year.entry(year).or_default();
        }
        by_year
            .into_iter()
            .rev()
            .map(|(year, reports)| {
                let url = format!("{}{year}/", self.base);
                let route = self.route(url, format!("the year page of {year}"));
                self.routes.years.push(route);
                Year {
                    year,
                    reports,
                    older: None,
                    newer: None,
                    plans: Vec::new(),
                }
            })
            .collect()
    }

    /// Sections attached to their reports (drafts and sections of draft reports left out),
    /// with their routes, and each report's id by its folder.
    fn sections(
        &mut self,
        docs: Vec<Source<SectionFront>>,
        reports: &[Report],
    ) -> (Vec<Section>, Vec<String>, HashMap<PathBuf, ReportId>) {
        let report_by_folder: HashMap<PathBuf, ReportId> = ReportId::enumerate(reports)
            .map(|(id, r)| (folder_of(&r.doc.source).to_path_buf(), id))
            .collect();
        let mut sections = Vec::with_capacity(docs.len());
        let mut texts = Vec::with_capacity(docs.len());
        for source in docs {
            let doc = &source.doc;
            let report = match report_by_folder.get(folder_of(&doc.source)) {
                Some(&id) if self.include_drafts || !doc.front.draft => id,
                _ => {
                    self.links.insert_draft(&doc.source);
                    continue;
                }
            };
            let stem = file_stem(&doc.source).to_string();
            let (name, prefix_weight) = strip_order_prefix(&stem);
            let slug = slug_for(&source, doc.front.slug.as_deref(), name, &mut self.errors);
            let weight = doc.front.weight.or(prefix_weight);
            let url = format!("{}{slug}/", self.routes.reports[report].url);
            self.links.insert(&doc.source, url.clone());
            let route = self.route(url, shown(&doc.source));
            self.routes.sections.push(route);
            let Source { doc, text } = source;
            texts.push(text);
            sections.push(Section {
                doc,
                report,
                slug,
                weight,
                prev: None,
                next: None,
            });
        }
        (sections, texts, report_by_folder)
    }

    /// The figures of every report as series; with any, the figures page, a page per indicator
    /// and the open-data files claim their paths.
    fn figures(
        &mut self,
        reports: &[Report],
        sections: &[Section],
        report_texts: &[String],
        section_texts: &[String],
    ) -> Figures {
        let texts = crate::figures::Texts {
            reports: report_texts,
            sections: section_texts,
        };
        let figures = crate::figures::collect(reports, sections, &texts, &mut self.errors);
        if figures.is_empty() {
            return figures;
        }
        let url = format!("{}figures/", self.base);
        self.routes.figures = Some(self.route(url.clone(), "the figures page".into()));
        for indicator in &figures.indicators {
            let owner = format!("the figures page of {}", indicator.name);
            let route = self.route(format!("{url}{}/", indicator.slug), owner);
            self.routes.indicators.push(route);
        }
        for file in [FIGURES_CSV, FIGURES_JSON] {
            self.route(format!("{url}{file}"), format!("the generated {file}"));
        }
        figures
    }

    fn pages(&mut self, docs: Vec<Source<PageFront>>) -> (Vec<Page>, Vec<String>) {
        let mut pages = Vec::with_capacity(docs.len());
        let mut texts = Vec::with_capacity(docs.len());
        for source in docs {
            let doc = &source.doc;
            if doc.front.draft && !self.include_drafts {
                self.links.insert_draft(&doc.source);
                continue;
            }
            let rel = doc.source.strip_prefix("pages").unwrap_or(&doc.source);
            let folders: Vec<String> = rel
                .parent()
                .into_iter()
                .flat_map(|p| p.iter())
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            let slug = slug_for(
                &source,
                doc.front.slug.as_deref(),
                file_stem(rel),
                &mut self.errors,
            );
            let url = folders
                .iter()
                .fold(self.base.clone(), |url, f| format!("{url}{f}/"))
                + &slug
                + "/";
            self.links.insert(&doc.source, url.clone());
            let route = self.route(url, shown(&doc.source));
            self.routes.pages.push(route);
            let Source { doc, text } = source;
            texts.push(text);
            pages.push(Page { doc });
        }
        (pages, texts)
    }

    fn assets(
        &mut self,
        sources: Vec<PathBuf>,
        report_by_folder: &HashMap<PathBuf, ReportId>,
    ) -> Vec<Asset> {
        sources
            .into_iter()
            .map(|source| {
                check_file_name(&source, &mut self.errors);
                let output = asset_output(&source, report_by_folder, &self.routes, &self.base);
                let url = format!("{}{}", self.base, key(&output));
                let route = self.route(url, shown(&source));
                self.links.insert(&source, route.url);
                Asset { source, output }
            })
            .collect()
    }
}

fn folder_of(source: &Path) -> &Path {
    source.parent().unwrap_or(Path::new(""))
}

/// Where an asset is published: beside its report's pages when it is inside a report folder
/// (so `![](chart.png)` in a section works), else at its path under `content/`.
fn asset_output(
    source: &Path,
    report_by_folder: &HashMap<PathBuf, ReportId>,
    routes: &Routes,
    base: &str,
) -> PathBuf {
    for folder in source.ancestors().skip(1) {
        if let Some(&id) = report_by_folder.get(folder) {
            let url = &routes.reports[id].url;
            let report_dir = url.strip_prefix(base).unwrap_or(url);
            return Path::new(report_dir).join(source.strip_prefix(folder).unwrap_or(source));
        }
    }
    source.to_path_buf()
}

/// Sorts each report's sections by weight then file name, and groups them into parts in the
/// order the parts first appear; the grouped order is the reading order.
fn order_sections(reports: &mut [Report], sections: &[Section]) {
    let mut ids_by_report: Vec<Vec<SectionId>> = vec![Vec::new(); reports.len()];
    for (id, section) in SectionId::enumerate(sections) {
        ids_by_report[section.report].push(id);
    }
    for (report, mut ids) in reports.iter_mut().zip(ids_by_report) {
        ids.sort_by(|&a, &b| {
            let (a, b) = (&sections[a], &sections[b]);
            let weight = |s: &Section| (s.weight.is_none(), s.weight);
            weight(a)
                .cmp(&weight(b))
                .then_with(|| a.doc.source.cmp(&b.doc.source))
        });
        let mut parts: Vec<Part> = Vec::new();
        for id in ids {
            let title = sections[id].doc.front.part.clone();
            match parts.iter_mut().find(|p| p.title == title) {
                Some(part) => part.sections.push(id),
                None => parts.push(Part {
                    title,
                    sections: vec![id],
                    year: None,
                }),
            }
        }
        for part in &mut parts {
            let set = part.sections.iter().map(|&id| sections[id].doc.front.year);
            part.year = nav::part_year(part.title.as_deref(), set);
        }
        report.sections = parts
            .iter()
            .flat_map(|p| p.sections.iter().copied())
            .collect();
        report.parts = parts;
    }
}
