//! Navigation, computed in one place: the prev/next chain through each report, the links
//! between years, and breadcrumbs. Templates only show what this module decides.

use super::{PageId, PageRef, ReportId, SectionId, Site, Target};
use crate::config::MenuItem;

/// One step of a breadcrumb trail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// Fills in the reading chain (report page → first section → … → last section) and the
/// older/newer neighbours of each year.
pub fn link(site: &mut Site) {
    for report_id in ReportId::all(site.reports.len()) {
        let chain: Vec<PageRef> = std::iter::once(PageRef::Report(report_id))
            .chain(
                site.reports[report_id]
                    .sections
                    .iter()
                    .map(|&s| PageRef::Section(s)),
            )
            .collect();
        for (i, window) in chain.iter().enumerate().skip(1) {
            let PageRef::Section(id) = *window else {
                continue;
            };
            site.sections[id].prev = Some(chain[i - 1]);
            site.sections[id].next = chain.get(i + 1).copied();
        }
    }
    // Years are newest first: the older neighbour follows, the newer one precedes.
    let years: Vec<i32> = site.years.iter().map(|y| y.year).collect();
    for (i, year) in site.years.iter_mut().enumerate() {
        year.newer = i.checked_sub(1).map(|j| years[j]);
        year.older = years.get(i + 1).copied();
    }
}

/// The first section of a report: where its page's "next" leads.
pub fn report_next(site: &Site, report: ReportId) -> Option<PageRef> {
    site.reports[report]
        .sections
        .first()
        .map(|&s| PageRef::Section(s))
}

/// Home › year › report › section, ending with the page itself.
pub fn breadcrumbs(site: &Site, page: Breadcrumbed<'_>, home_title: &str) -> Vec<Crumb> {
    let crumb = |title: &str, url: &str| Crumb {
        title: title.to_string(),
        url: url.to_string(),
    };
    let mut trail = vec![crumb(home_title, site.url(Target::Home))];
    let year_crumb = |trail: &mut Vec<Crumb>, year: i32| {
        if let Some(i) = site.year_index(year) {
            trail.push(crumb(&year.to_string(), site.url(Target::Year(i))));
        }
    };
    let report_trail = |trail: &mut Vec<Crumb>, id: ReportId| {
        let report = &site.reports[id];
        year_crumb(trail, report.year);
        trail.push(crumb(&report.doc.front.title, site.url(Target::Report(id))));
    };
    match page {
        Breadcrumbed::Archive { title } => trail.push(crumb(title, site.url(Target::Archive))),
        Breadcrumbed::Search { title } => trail.push(crumb(title, site.url(Target::Search))),
        Breadcrumbed::Year(year) => year_crumb(&mut trail, year),
        Breadcrumbed::Report(id) => report_trail(&mut trail, id),
        Breadcrumbed::Print { report, title } => {
            report_trail(&mut trail, report);
            trail.push(crumb(title, site.url(Target::Print(report))));
        }
        Breadcrumbed::Section(id) => {
            let section = &site.sections[id];
            report_trail(&mut trail, section.report);
            trail.push(crumb(
                &section.doc.front.title,
                site.url(Target::Section(id)),
            ));
        }
        Breadcrumbed::Page(id) => {
            let page = &site.pages[id];
            trail.push(crumb(&page.doc.front.title, site.url(Target::Page(id))));
        }
    }
    trail
}

/// The pages that have a breadcrumb trail (the home page is its own root).
#[derive(Debug, Clone, Copy)]
pub enum Breadcrumbed<'a> {
    Archive {
        title: &'a str,
    },
    Search {
        title: &'a str,
    },
    Year(i32),
    Report(ReportId),
    /// A report's printable version, titled in the site language.
    Print {
        report: ReportId,
        title: &'a str,
    },
    Section(SectionId),
    Page(PageId),
}

/// The names of the default menu's fixed entries, in the site language.
pub struct MenuLabels<'a> {
    pub home: &'a str,
    pub archive: &'a str,
    pub search: &'a str,
}

/// The header menu: `menu:` of site.yaml as written, or without it one from which every page
/// can be reached: home, archive (years, reports, sections), each standalone page, search.
pub fn menu(site: &Site, labels: &MenuLabels) -> Vec<MenuItem> {
    if let Some(menu) = &site.config.menu {
        return menu.clone();
    }
    let item = |name: &str, url: String| MenuItem {
        name: name.to_string(),
        url,
    };
    let mut items = vec![
        item(labels.home, site.url(Target::Home).to_string()),
        item(labels.archive, site.url(Target::Archive).to_string()),
    ];
    items.extend(
        PageId::enumerate(&site.pages)
            .map(|(id, p)| item(&p.doc.front.title, site.url(Target::Page(id)).to_string())),
    );
    if site.config.search {
        items.push(item(labels.search, site.url(Target::Search).to_string()));
    }
    items
}
