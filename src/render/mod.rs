//! Rendering pages with the theme, in parallel: each page gets its typed views (see `views`),
//! built by one context builder per page kind, and is rendered once, straight into bytes that
//! go to the build's sink as soon as they are ready.

mod print;
mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

use crate::bodies::Bodies;
use crate::diagnostics::Diagnostics;
use crate::figures;
pub(crate) use crate::site::Target;
use crate::site::nav::{self, Breadcrumbed, Crumb};
use crate::site::{DocId, PageId, PageRef, ReportId, SectionId, Site};
use crate::theme::Theme;
use views::*;

/// A page to write: its path in the output folder and its HTML.
pub(crate) struct RenderedPage {
    pub output: PathBuf,
    pub html: Vec<u8>,
}

/// Renders `targets` in parallel and hands each page to `sink` as soon as it is ready (a build
/// writes it at once instead of holding the whole site in memory). Template errors come back
/// together, in the order of `targets`. Returns how many pages there were.
pub(crate) fn render_each(
    site: &Site,
    bodies: &Bodies,
    theme: &Theme,
    targets: &[Target],
    sink: impl Fn(RenderedPage) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<usize> {
    let errors = std::sync::Mutex::new(Vec::new());
    targets
        .par_iter()
        .enumerate()
        .try_for_each(
            |(i, &target)| match render_page(site, bodies, theme, target) {
                Ok(page) => sink(page),
                Err(e) => {
                    errors
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((i, e));
                    Ok(())
                }
            },
        )?;
    let mut errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    errors.sort_by_key(|(i, _)| *i);
    Diagnostics(errors.into_iter().map(|(_, e)| e).collect()).into_result(targets.len())?;
    Ok(targets.len())
}

/// What a page kind decides besides its own variables: the fields every template receives.
struct Frame {
    kind: &'static str,
    template: &'static str,
    title: String,
    breadcrumbs: Vec<Crumb>,
    prev: Option<PageRef>,
    next: Option<PageRef>,
}

impl Frame {
    fn new(kind: &'static str, title: String, breadcrumbs: Vec<Crumb>) -> Frame {
        Frame {
            kind,
            template: match kind {
                "home" => "home.html",
                "archive" => "archive.html",
                "year" => "year.html",
                "report" => "report.html",
                "print" => "print.html",
                "section" => "section.html",
                "page" => "page.html",
                "search" => "search.html",
                "figures" => "figures.html",
                "figure" => "figure.html",
                _ => "404.html",
            },
            title,
            breadcrumbs,
            prev: None,
            next: None,
        }
    }
}

/// The theme's words and the site, for the context builders of each page kind.
struct Builder<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    theme: &'a Theme,
    /// The UI words of the page's language (`page_language`).
    words: &'a BTreeMap<String, String>,
}

impl Builder<'_> {
    /// The UI word `key` in the page's language.
    fn t(&self, key: &str) -> String {
        let words = self.words;
        words.get(key).map_or(key, String::as_str).to_string()
    }

    fn crumbs(&self, page: Breadcrumbed) -> Vec<Crumb> {
        nav::breadcrumbs(self.site, page, &self.t("home"))
    }

    fn home(&self, context: &mut Context) -> Frame {
        let site = self.site;
        let home_doc = site.home.doc.as_ref();
        context.insert(
            "home",
            &HomeView {
                title: home_doc.and_then(|d| d.front.title.as_deref()),
                content: self.bodies.html.get(DocId::Home).map_or("", String::as_str),
                extra: home_doc.map(|d| &d.front.extra),
            },
        );
        let latest: Vec<ReportId> = ReportId::all(site.reports.len().min(10)).collect();
        context.insert("latest_reports", &reports_of(site, self.theme, &latest));
        Frame::new("home", site.config.title.clone(), Vec::new())
    }

    fn archive(&self, context: &mut Context) -> Frame {
        let site = self.site;
        let years: Vec<ArchiveYear> = site
            .years
            .iter()
            .enumerate()
            .map(|(i, y)| ArchiveYear {
                year: y.year,
                url: site.url(Target::Year(i)),
                count: y.reports.len(),
                reports: reports_of(site, self.theme, &y.reports),
                plans: plans_of(site, y),
            })
            .collect();
        context.insert("years", &years);
        let title = self.t("archive");
        let crumbs = self.crumbs(Breadcrumbed::Archive { title: &title });
        Frame::new("archive", title, crumbs)
    }

    fn year(&self, context: &mut Context, i: usize) -> Frame {
        let site = self.site;
        let year = &site.years[i];
        context.insert(
            "year",
            &YearView {
                year: year.year,
                url: site.url(Target::Year(i)),
                reports: reports_of(site, self.theme, &year.reports),
                prev_year: year.older.and_then(|y| year_link(site, y)),
                next_year: year.newer.and_then(|y| year_link(site, y)),
                plans: plans_of(site, year),
            },
        );
        let title = self
            .t("year_title")
            .replace("{year}", &year.year.to_string());
        Frame::new("year", title, self.crumbs(Breadcrumbed::Year(year.year)))
    }

    fn report(&self, context: &mut Context, id: ReportId) -> Frame {
        let site = self.site;
        context.insert(
            "report",
            &report_view(site, self.theme, self.bodies, id, None),
        );
        context.insert("figures", &figures::views::report_figures(site, id));
        context.insert("figures_url", &site.figures_url());
        let title = site.reports[id].doc.front.title.clone();
        Frame {
            next: nav::report_next(site, id),
            ..Frame::new("report", title, self.crumbs(Breadcrumbed::Report(id)))
        }
    }

    fn print(&self, context: &mut Context, id: ReportId) -> Frame {
        let site = self.site;
        context.insert(
            "report",
            &report_view(site, self.theme, self.bodies, id, None),
        );
        context.insert("parts", &print_parts(site, self.bodies, id));
        context.insert("figures", &figures::views::report_figures(site, id));
        let title = self.t("print_version");
        let crumbs = self.crumbs(Breadcrumbed::Print {
            report: id,
            title: &title,
        });
        let full_title = format!("{} · {title}", site.reports[id].doc.front.title);
        Frame::new("print", full_title, crumbs)
    }

    fn section(&self, context: &mut Context, id: SectionId) -> Frame {
        let site = self.site;
        let section = &site.sections[id];
        context.insert(
            "report",
            &report_view(site, self.theme, self.bodies, section.report, Some(id)),
        );
        context.insert("section", &section_view(site, self.bodies, id));
        let title = section.doc.front.title.clone();
        Frame {
            prev: section.prev,
            next: section.next,
            ..Frame::new("section", title, self.crumbs(Breadcrumbed::Section(id)))
        }
    }

    fn page(&self, context: &mut Context, id: PageId) -> Frame {
        let site = self.site;
        let page = &site.pages[id];
        let front = &page.doc.front;
        context.insert(
            "page",
            &PageView {
                title: &front.title,
                url: site.url(Target::Page(id)),
                summary: front.summary.as_deref(),
                content: &self.bodies.html[DocId::Page(id)],
                toc: &self.bodies.outline[DocId::Page(id)].toc,
                extra: &front.extra,
            },
        );
        let crumbs = self.crumbs(Breadcrumbed::Page(id));
        Frame::new("page", front.title.clone(), crumbs)
    }

    fn figures(&self, context: &mut Context) -> Frame {
        context.insert("figures", &figures::views::figures_view(self.site));
        let title = self.t("figures");
        let crumbs = self.crumbs(Breadcrumbed::Figures { title: &title });
        Frame::new("figures", title, crumbs)
    }

    fn figure(&self, context: &mut Context, id: usize) -> Frame {
        let site = self.site;
        context.insert("indicator", &figures::views::indicator_view(site, id));
        let figures_title = self.t("figures");
        context.insert("figures_url", &site.figures_url());
        let title = site.figures.indicators[id].name.clone();
        let crumbs = self.crumbs(Breadcrumbed::Figure {
            figures_title: &figures_title,
            indicator: id,
        });
        Frame::new("figure", title, crumbs)
    }

    fn search(&self, context: &mut Context) -> Frame {
        context.insert("search", &search_view(self.site));
        let title = self.t("search");
        let crumbs = self.crumbs(Breadcrumbed::Search { title: &title });
        Frame::new("search", title, crumbs)
    }

    fn not_found(&self) -> Frame {
        Frame::new("404", self.t("not_found_title"), Vec::new())
    }
}

fn render_page(
    site: &Site,
    bodies: &Bodies,
    theme: &Theme,
    target: Target,
) -> Result<RenderedPage, crate::diagnostics::Diagnostic> {
    let language = page_language(site, target);
    let builder = Builder {
        site,
        bodies,
        theme,
        words: theme.words_for(language),
    };
    let mut context = Context::new();
    let frame = match target {
        Target::Home => builder.home(&mut context),
        Target::Archive => builder.archive(&mut context),
        Target::Year(i) => builder.year(&mut context, i),
        Target::Report(id) => builder.report(&mut context, id),
        Target::Print(id) => builder.print(&mut context, id),
        Target::Section(id) => builder.section(&mut context, id),
        Target::Page(id) => builder.page(&mut context, id),
        Target::Figures => builder.figures(&mut context),
        Target::Figure(id) => builder.figure(&mut context, id),
        Target::Search => builder.search(&mut context),
        Target::NotFound => builder.not_found(),
    };
    let route = site.route(target);
    let url = route.url.as_str();
    context.insert("lang", language);
    if language != site.config.language {
        // The page's own words replace the site's (the theme's global `t`).
        context.insert("t", builder.words);
    }
    context.insert("title", &frame.title);
    context.insert("description", description(site, target));
    let menu = nav::menu(
        site,
        &nav::MenuLabels {
            home: &builder.t("home"),
            archive: &builder.t("archive"),
            search: &builder.t("search"),
            figures: &builder.t("figures"),
        },
    );
    context.insert("site", &SiteView::new(site, &menu, url));
    context.insert("page_kind", frame.kind);
    context.insert("current_url", url);
    context.insert("permalink", &site.config.permalink(url));
    context.insert("breadcrumbs", &frame.breadcrumbs);
    // After a report's last section: back to its contents and on to the next report.
    let last_section = match target {
        Target::Section(id) if frame.next.is_none() => Some(site.sections[id].report),
        _ => None,
    };
    context.insert(
        "next_report",
        &link(site, last_section.and_then(nav::next_report)),
    );
    context.insert("prev", &link(site, frame.prev));
    context.insert("next", &link(site, frame.next));
    // Rendered straight into bytes: the page is written or served as bytes, and a String
    // would cost a UTF-8 check of every page.
    let mut html = Vec::with_capacity(16 * 1024);
    theme
        .tera
        .render_to(frame.template, &context, &mut html)
        .map_err(|e| {
            let mut d = theme.error(&e);
            d.message = format!("{} (while rendering {url})", d.message);
            d
        })?;
    // Thousands of pages wait in memory until written: drop the slack of the first guess.
    html.shrink_to_fit();
    Ok(RenderedPage {
        output: route.output.clone(),
        html,
    })
}

/// The language of a page: its own `language:`, else its report's, else the site's.
pub(crate) fn page_language(site: &Site, target: Target) -> &str {
    let report = |id: ReportId| site.reports[id].doc.front.language.as_deref();
    let own = match target {
        Target::Report(id) | Target::Print(id) => report(id),
        Target::Section(id) => {
            let section = &site.sections[id];
            (section.doc.front.language.as_deref()).or_else(|| report(section.report))
        }
        Target::Page(id) => site.pages[id].doc.front.language.as_deref(),
        _ => None,
    };
    own.unwrap_or(&site.config.language)
}

/// What search engines and link previews show: the page's own summary, else its report's,
/// else the site's description.
fn description(site: &Site, target: Target) -> &str {
    let report_summary = |id: ReportId| site.reports[id].doc.front.summary.as_deref();
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
        Target::Archive
        | Target::Year(_)
        | Target::Figures
        | Target::Figure(_)
        | Target::Search
        | Target::NotFound => None,
    };
    own.unwrap_or(&site.config.description)
}
