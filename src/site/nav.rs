//! Navigation, computed in one place: the prev/next chain through each report, the links
//! between years, and breadcrumbs. Templates only show what this module decides.

use super::{PageId, PageRef, PartRef, Report, ReportId, SectionId, Site, Target};
use crate::config::MenuItem;

/// One step of a breadcrumb trail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Crumb {
    pub title: String,
    pub url: String,
}

/// Fills in the reading chain (report page → first section → … → last section) and the
/// older/newer neighbours of each year.
pub(crate) fn link(site: &mut Site) {
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
        year.plans = plans_about(&site.reports, year.year);
    }
}

/// The year a part is about: the first `year:` its sections set, else the first year its
/// title names ("2014年主要任务", "2025年工作计划", "Plans for 2014").
pub(crate) fn part_year(
    title: Option<&str>,
    section_years: impl IntoIterator<Item = Option<i32>>,
) -> Option<i32> {
    section_years
        .into_iter()
        .flatten()
        .next()
        .or_else(|| title.and_then(year_named))
}

/// The first year from 1900 to 2099 in `text`: four digits followed by 年, or standing alone
/// as a word ("2000人" is a count, not a year).
fn year_named(text: &str) -> Option<i32> {
    let digits: Vec<(usize, char)> = text.char_indices().collect();
    let is_digit = |i: usize| digits.get(i).is_some_and(|(_, c)| c.is_ascii_digit());
    let ends_year = |i: usize| {
        digits
            .get(i)
            .is_none_or(|&(_, c)| c == '年' || !(c.is_alphanumeric()))
    };
    (0..digits.len()).find_map(|i| {
        let starts = is_digit(i) && (i == 0 || !is_digit(i - 1));
        let four = starts && (i..i + 4).all(is_digit) && ends_year(i + 4);
        let year: i32 = four.then(|| text[digits[i].0..digits[i].0 + 4].parse().ok())??;
        (1900..2100).contains(&year).then_some(year)
    })
}

/// The parts about another year than their report's: where a reader of that year looks for
/// its plan.
fn plans(reports: &[Report]) -> impl Iterator<Item = (i32, PartRef)> + '_ {
    ReportId::enumerate(reports).flat_map(|(report, r)| {
        r.parts.iter().enumerate().filter_map(move |(part, p)| {
            p.year
                .filter(|&y| y != r.year)
                .map(|y| (y, PartRef { report, part }))
        })
    })
}

/// Every year some report's part is about, for giving it a year page.
pub(crate) fn planned_years(reports: &[Report]) -> Vec<i32> {
    plans(reports).map(|(year, _)| year).collect()
}

/// The parts about `year` in other years' reports, newest report first.
fn plans_about(reports: &[Report], year: i32) -> Vec<PartRef> {
    plans(reports)
        .filter(|&(y, _)| y == year)
        .map(|(_, part)| part)
        .collect()
}

/// The first section of a report: where its page's "next" leads.
pub(crate) fn report_next(site: &Site, report: ReportId) -> Option<PageRef> {
    site.reports[report]
        .sections
        .first()
        .map(|&s| PageRef::Section(s))
}

/// The report a reader goes on to after the last section of `report`: the next newer one
/// (reports are newest first), else none.
pub(crate) fn next_report(report: ReportId) -> Option<PageRef> {
    let newer = report.index().checked_sub(1)?;
    Some(PageRef::Report(ReportId::new(newer)))
}

/// Home › year › report › section, ending with the page itself.
pub(crate) fn breadcrumbs(site: &Site, page: Breadcrumbed<'_>, home_title: &str) -> Vec<Crumb> {
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
        Breadcrumbed::Figures { title } => trail.push(crumb(title, site.url(Target::Figures))),
        Breadcrumbed::Figure {
            figures_title,
            indicator,
        } => {
            trail.push(crumb(figures_title, site.url(Target::Figures)));
            let name = &site.figures.indicators[indicator].name;
            trail.push(crumb(name, site.url(Target::Figure(indicator))));
        }
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
pub(crate) enum Breadcrumbed<'a> {
    Archive {
        title: &'a str,
    },
    Search {
        title: &'a str,
    },
    Figures {
        title: &'a str,
    },
    Figure {
        figures_title: &'a str,
        indicator: usize,
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
pub(crate) struct MenuLabels<'a> {
    pub home: &'a str,
    pub archive: &'a str,
    pub search: &'a str,
    pub figures: &'a str,
}

/// The header menu: `menu:` of site.yaml as written, or without it one from which every page
/// can be reached: home, archive (years, reports, sections), the figures when a report has
/// any, each standalone page, search.
pub(crate) fn menu(site: &Site, labels: &MenuLabels) -> Vec<MenuItem> {
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
    if let Some(url) = site.figures_url() {
        items.push(item(labels.figures, url.to_string()));
    }
    items.extend(
        PageId::enumerate(&site.pages)
            .map(|(id, p)| item(&p.doc.front.title, site.url(Target::Page(id)).to_string())),
    );
    if site.config.search {
        items.push(item(labels.search, site.url(Target::Search).to_string()));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_about_the_year_it_names_or_its_sections_set() {
        assert_eq!(part_year(Some("2014年主要任务"), []), Some(2014));
        assert_eq!(part_year(Some("2025年工作计划"), [None]), Some(2025));
        assert_eq!(part_year(Some("Plans for 2014"), []), Some(2014));
        assert_eq!(part_year(Some("主要任务"), [None, Some(2014)]), Some(2014));
        assert_eq!(part_year(Some("2013年工作回顾"), [Some(2014)]), Some(2014));
        assert_eq!(part_year(Some("第12345号"), []), None);
        assert_eq!(part_year(Some("共3000人"), []), None);
        assert_eq!(part_year(Some("新增2000人"), []), None);
        assert_eq!(part_year(Some("2000年以来"), []), Some(2000));
        assert_eq!(part_year(None, []), None);
    }
}
