//! Rendering every page of the site with the theme, in parallel: each page gets its typed views
//! (see `views`) and is rendered once; the output is a list of files for the output stage.

mod views;

use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::Diagnostics;
use crate::site::nav::{self, Breadcrumbed, Crumb};
use crate::site::{PageRef, Site};
use crate::theme::Theme;
use views::*;

/// A page to write: its path in the output folder and its HTML.
pub struct RenderedPage {
    pub output: PathBuf,
    pub html: Vec<u8>,
}

/// Every page the site has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Home,
    Archive,
    Year(usize),
    Report(usize),
    Print(usize),
    Section(usize),
    Page(usize),
    Search,
    NotFound,
}

/// Every page of the site.
pub fn targets(site: &Site) -> Vec<Target> {
    let mut all = vec![Target::Home, Target::Archive, Target::NotFound];
    all.extend((0..site.years.len()).map(Target::Year));
    all.extend((0..site.reports.len()).map(Target::Report));
    all.extend((0..site.reports.len()).map(Target::Print));
    all.extend((0..site.sections.len()).map(Target::Section));
    all.extend((0..site.pages.len()).map(Target::Page));
    if site.config.search {
        all.push(Target::Search);
    }
    all
}

/// Renders all pages; template errors are collected with the page they happened on.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<RenderedPage>, Diagnostics> {
    render_targets(site, theme, &targets(site))
}

/// Renders the given pages only (what a preview re-renders after a small edit).
pub fn render_targets(
    site: &Site,
    theme: &Theme,
    targets: &[Target],
) -> Result<Vec<RenderedPage>, Diagnostics> {
    let results: Vec<_> = targets
        .par_iter()
        .copied()
        .map(|target| render_page(site, theme, target))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut errors = Diagnostics::default();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(e) => errors.push(e),
        }
    }
    errors.into_result(pages)
}

/// Renders all pages and hands each to `sink` as soon as it is ready (a build writes it at once
/// instead of holding the whole site in memory). Returns how many pages there were.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    sink: impl Fn(RenderedPage) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<usize> {
    let targets = targets(site);
    let errors = std::sync::Mutex::new(Vec::new());
    targets
        .par_iter()
        .enumerate()
        .try_for_each(|(i, &target)| match render_page(site, theme, target) {
            Ok(page) => sink(page),
            Err(e) => {
                errors
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((i, e));
                Ok(())
            }
        })?;
    let mut errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    errors.sort_by_key(|(i, _)| *i);
    Diagnostics(errors.into_iter().map(|(_, e)| e).collect()).into_result(targets.len())?;
    Ok(targets.len())
}

/// The fields every template receives.
struct Common {
    kind: &'static str,
    template: &'static str,
    url: String,
    title: String,
    breadcrumbs: Vec<Crumb>,
    prev: Option<PageRef>,
    next: Option<PageRef>,
}

fn render_page(
    site: &Site,
    theme: &Theme,
    target: Target,
) -> Result<RenderedPage, crate::diagnostics::Diagnostic> {
    let t = |key: &str| {
        theme
            .translations
            .get(key)
            .map_or(key, String::as_str)
            .to_string()
    };
    let home_title = t("home");
    let crumbs = |page: Breadcrumbed| nav::breadcrumbs(site, page, &home_title);
    let mut context = Context::new();
    let archive_title = t("archive");

    let common = match target {
        Target::Home => {
            let home_doc = site.home.doc.as_ref();
            context.insert(
                "home",
                &HomeView {
                    title: home_doc.and_then(|d| d.front.title.as_deref()),
                    content: &site.home.content.html,
                    extra: home_doc.map(|d| &d.front.extra),
                },
            );
            let latest: Vec<usize> = (0..site.reports.len().min(10)).collect();
            context.insert("latest_reports", &reports_of(site, &latest));
            Common {
                kind: "home",
                template: "home.html",
                url: site.home.url.clone(),
                title: site.config.title.clone(),
                breadcrumbs: Vec::new(),
                prev: None,
                next: None,
            }
        }
        Target::Archive => {
            let years: Vec<ArchiveYear> = site
                .years
                .iter()
                .map(|y| ArchiveYear {
                    year: y.year,
                    url: &y.url,
                    count: y.reports.len(),
                    reports: reports_of(site, &y.reports),
                })
                .collect();
            context.insert("years", &years);
            Common {
                kind: "archive",
                template: "archive.html",
                url: site.archive_url(),
                title: archive_title.clone(),
                breadcrumbs: crumbs(Breadcrumbed::Archive {
                    title: &archive_title,
                }),
                prev: None,
                next: None,
            }
        }
        Target::Year(i) => {
            let year = &site.years[i];
            context.insert(
                "year",
                &YearView {
                    year: year.year,
                    url: &year.url,
                    reports: reports_of(site, &year.reports),
                    prev_year: year.older.and_then(|y| year_link(site, y)),
                    next_year: year.newer.and_then(|y| year_link(site, y)),
                },
            );
            Common {
                kind: "year",
                template: "year.html",
                url: year.url.clone(),
                title: t("year_title").replace("{year}", &year.year.to_string()),
                breadcrumbs: crumbs(Breadcrumbed::Year(year.year)),
                prev: None,
                next: None,
            }
        }
        Target::Report(id) => {
            let report = &site.reports[id];
            context.insert("report", &report_view(site, id, None));
            Common {
                kind: "report",
                template: "report.html",
                url: report.url.clone(),
                title: report.doc.front.title.clone(),
                breadcrumbs: crumbs(Breadcrumbed::Report(id)),
                prev: None,
                next: nav::report_next(site, id),
            }
        }
        Target::Print(id) => {
            let report = &site.reports[id];
            let title = t("print_version");
            context.insert("report", &report_view(site, id, None));
            context.insert("parts", &print_parts(site, id));
            Common {
                kind: "print",
                template: "print.html",
                url: report.print_url(),
                title: format!("{} · {title}", report.doc.front.title),
                breadcrumbs: crumbs(Breadcrumbed::Print {
                    report: id,
                    title: &title,
                }),
                prev: None,
                next: None,
            }
        }
        Target::Section(id) => {
            let section = &site.sections[id];
            context.insert("report", &report_view(site, section.report, Some(id)));
            context.insert("section", &section_view(site, id));
            Common {
                kind: "section",
                template: "section.html",
                url: section.url.clone(),
                title: section.doc.front.title.clone(),
                breadcrumbs: crumbs(Breadcrumbed::Section(id)),
                prev: section.prev,
                next: section.next,
            }
        }
        Target::Page(id) => {
            let page = &site.pages[id];
            let front = &page.doc.front;
            context.insert(
                "page",
                &PageView {
                    title: &front.title,
                    url: &page.url,
                    summary: front.summary.as_deref(),
                    content: &page.content.html,
                    toc: &page.content.toc,
                    extra: &front.extra,
                },
            );
            Common {
                kind: "page",
                template: "page.html",
                url: page.url.clone(),
                title: front.title.clone(),
                breadcrumbs: crumbs(Breadcrumbed::Page(id)),
                prev: None,
                next: None,
            }
        }
        Target::Search => {
            let title = t("search");
            context.insert("search", &search_view(site));
            Common {
                kind: "search",
                template: "search.html",
                url: site.search_url(),
                title: title.clone(),
                breadcrumbs: crumbs(Breadcrumbed::Search { title: &title }),
                prev: None,
                next: None,
            }
        }
        Target::NotFound => Common {
            kind: "404",
            template: "404.html",
            url: format!("{}404.html", site.config.base_path),
            title: t("not_found_title"),
            breadcrumbs: Vec::new(),
            prev: None,
            next: None,
        },
    };
    context.insert("title", &common.title);
    context.insert("description", description(site, target));
    let menu = nav::menu(
        site,
        &nav::MenuLabels {
            home: &home_title,
            archive: &archive_title,
            search: &t("search"),
        },
    );
    context.insert("site", &SiteView::new(site, &menu, &common.url));
    context.insert("page_kind", common.kind);
    context.insert("current_url", &common.url);
    context.insert("permalink", &site.config.permalink(&common.url));
    context.insert("breadcrumbs", &common.breadcrumbs);
    context.insert("prev", &link(site, common.prev));
    context.insert("next", &link(site, common.next));
    // Rendered straight into bytes: the page is written or served as bytes, and a String
    // would cost a UTF-8 check of every page.
    let mut html = Vec::with_capacity(16 * 1024);
    theme
        .tera
        .render_to(common.template, &context, &mut html)
        .map_err(|e| {
            let mut d = theme.error(&e);
            d.message = format!("{} (while rendering {})", d.message, common.url);
            d
        })?;
    // Thousands of pages wait in memory until written: drop the slack of the first guess.
    html.shrink_to_fit();
    Ok(RenderedPage {
        output: output_path(&site.config.base_path, &common.url),
        html,
    })
}

/// What search engines and link previews show: the page's own summary, else its report's,
/// else the site's description.
fn description(site: &Site, target: Target) -> &str {
    let report_summary = |id: usize| site.reports[id].doc.front.summary.as_deref();
    let own = match target {
        Target::Home => site
            .home
            .doc
            .as_ref()
            .and_then(|d| d.front.summary.as_deref()),
        Target::Report(id) | Target::Print(id) => report_summary(id),
        Target::Section(id) => {
            let section = &site.sections[id];
            section
                .doc
                .front
                .summary
                .as_deref()
                .or_else(|| report_summary(section.report))
        }
        Target::Page(id) => site.pages[id].doc.front.summary.as_deref(),
        Target::Archive | Target::Year(_) | Target::Search | Target::NotFound => None,
    };
    own.unwrap_or(&site.config.description)
}

/// `/base/2013/r/` → `2013/r/index.html`; a URL naming a file keeps its name.
fn output_path(base_path: &str, url: &str) -> PathBuf {
    let path = url.strip_prefix(base_path).unwrap_or(url);
    if path.is_empty() || path.ends_with('/') {
        PathBuf::from(format!("{path}index.html"))
    } else {
        PathBuf::from(path)
    }
}
