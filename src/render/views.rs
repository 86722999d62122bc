//! What templates see: serializable views borrowed from the site model, one struct per shape,
//! documented in the theme's README. Nothing here decides navigation; it only shows it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::bodies::Bodies;
use crate::config::{Footer, MenuItem, ParentSite};
use crate::content::Extra;
use crate::markdown::Heading;
use crate::site::{DocId, PageRef, Part, ReportId, SectionId, Site, Target, Year};
use crate::theme::Theme;

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub organization: Option<&'a str>,
    pub menu: Vec<MenuItemView<'a>>,
    pub years: Vec<YearLink<'a>>,
    /// The site has full-text search (`/search/`).
    pub search: bool,
    pub extra: &'a Extra,
    /// URL of the logo shown before the site title.
    pub logo: Option<&'a str>,
    pub parent_site: Option<&'a ParentSite>,
    pub footer: FooterView<'a>,
    /// `indent: true`: paragraphs start with a two-character indent.
    pub indent: bool,
}

/// The footer's lines from `footer:` of site.yaml, with the filing systems' addresses.
#[derive(Serialize)]
pub(super) struct FooterView<'a> {
    pub organizer: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub icp: Option<&'a str>,
    pub icp_url: &'static str,
    pub police: Option<&'a str>,
    /// The public-security filing system's page of this record (its number's digits).
    pub police_url: Option<String>,
    pub text: Option<&'a str>,
}

/// Where a visitor checks an ICP number: the national filing system of the MIIT.
const ICP_URL: &str = "https://beian.miit.gov.cn/";

impl<'a> FooterView<'a> {
    fn new(footer: &'a Footer) -> Self {
        let police = footer.police.as_deref();
        FooterView {
            organizer: footer.organizer.as_deref(),
            contact: footer.contact.as_deref(),
            icp: footer.icp.as_deref(),
            icp_url: ICP_URL,
            police,
            police_url: police.map(|number| {
                let code: String = number.chars().filter(char::is_ascii_digit).collect();
                format!("https://beian.mps.gov.cn/#/query/webSearch?code={code}")
            }),
            text: footer.text.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct MenuItemView<'a> {
    pub name: &'a str,
    pub url: &'a str,
    /// The current page is this item or lies under it.
    pub active: bool,
}

#[derive(Serialize)]
pub(super) struct YearLink<'a> {
    pub year: i32,
    pub url: &'a str,
    pub count: usize,
}

#[derive(Serialize)]
pub(super) struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// A report as it appears in lists (home, year, archive) and at the top of its own pages.
#[derive(Serialize)]
pub(super) struct ReportCard<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub year: i32,
    pub date: String,
    pub date_display: String,
    pub organization: Option<&'a str>,
    pub category: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub section_count: usize,
    pub extra: &'a Extra,
    /// The report's `language:` when it differs from the site's (its card gets that `lang`).
    pub language: Option<&'a str>,
    /// The UI words of that language, for the card's own words ("9 sections" in a Chinese list).
    pub t: Option<&'a BTreeMap<String, String>>,
    /// The report's titled parts, each linking to its first section.
    pub part_links: Vec<PartLink<'a>>,
}

#[derive(Serialize)]
pub(super) struct PartLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// The year the part is about ("2014年主要任务": 2014), or null.
    pub year: Option<i32>,
}

/// A part of another year's report about this year, as listed on a year page and the archive.
#[derive(Serialize)]
pub(super) struct PlanView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub report: Link<'a>,
    pub report_year: i32,
}

#[derive(Serialize)]
pub(super) struct ReportView<'a> {
    #[serde(flatten)]
    pub card: ReportCard<'a>,
    pub print_url: &'a str,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub parts: Vec<PartView<'a>>,
}

#[derive(Serialize)]
pub(super) struct PartView<'a> {
    pub title: Option<&'a str>,
    pub sections: Vec<SectionLink<'a>>,
}

#[derive(Serialize)]
pub(super) struct SectionLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    pub current: bool,
}

#[derive(Serialize)]
pub(super) struct SectionView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub slug: &'a str,
    pub part: Option<&'a str>,
    pub summary: Option<&'a str>,
    /// Owned on the printable page, where ids are prefixed and headings shifted.
    pub content: Cow<'a, str>,
    pub toc: &'a [Heading],
    pub reading_minutes: usize,
    /// The section's own `language:`, or null (then its report's or the site's applies).
    pub language: Option<&'a str>,
    pub cjk_chars: usize,
    pub latin_words: usize,
    pub extra: &'a Extra,
}

#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub extra: &'a Extra,
}

#[derive(Serialize)]
pub(super) struct HomeView<'a> {
    pub title: Option<&'a str>,
    pub content: &'a str,
    pub extra: Option<&'a Extra>,
}

#[derive(Serialize)]
pub(super) struct YearView<'a> {
    pub year: i32,
    pub url: &'a str,
    pub reports: Vec<ReportCard<'a>>,
    /// The nearest older year with reports.
    pub prev_year: Option<YearLink<'a>>,
    /// The nearest newer year with reports.
    pub next_year: Option<YearLink<'a>>,
    pub plans: Vec<PlanView<'a>>,
}

#[derive(Serialize)]
pub(super) struct ArchiveYear<'a> {
    pub year: i32,
    pub url: &'a str,
    pub count: usize,
    pub reports: Vec<ReportCard<'a>>,
    pub plans: Vec<PlanView<'a>>,
}

impl<'a> SiteView<'a> {
    pub(super) fn new(site: &'a Site, menu: &'a [MenuItem], current_url: &str) -> Self {
        let config = &site.config;
        let base = config.base_path.as_str();
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
            base_path: base,
            organization: config.organization.as_deref(),
            menu: menu
                .iter()
                .map(|item| MenuItemView {
                    name: &item.name,
                    url: &item.url,
                    active: item.url == current_url
                        || (item.url != base && current_url.starts_with(item.url.as_str())),
                })
                .collect(),
            years: site
                .years
                .iter()
                .filter_map(|y| year_link(site, y.year))
                .collect(),
            search: config.search,
            extra: &config.extra,
            logo: config.logo.as_deref(),
            parent_site: config.parent_site.as_ref(),
            footer: FooterView::new(&config.footer),
            indent: config.indent,
        }
    }
}

pub(super) fn year_link(site: &Site, year: i32) -> Option<YearLink<'_>> {
    let i = site.year_index(year)?;
    Some(YearLink {
        year,
        url: site.url(Target::Year(i)),
        count: site.years[i].reports.len(),
    })
}

pub(super) fn link(site: &Site, page: Option<PageRef>) -> Option<Link<'_>> {
    page.map(|p| Link {
        title: site.title_of(p),
        url: site.url_of(p),
    })
}

pub(super) fn report_card<'a>(site: &'a Site, theme: &'a Theme, id: ReportId) -> ReportCard<'a> {
    let report = &site.reports[id];
    let front = &report.doc.front;
    let language = (front.language.as_deref()).filter(|&l| l != site.config.language);
    ReportCard {
        title: &front.title,
        url: site.url(Target::Report(id)),
        year: report.year,
        date: front.date.to_string(),
        date_display: front
            .date
            .display(front.language.as_deref().unwrap_or(&site.config.language)),
        organization: front.organization.as_deref(),
        category: front.category.as_deref(),
        summary: front.summary.as_deref(),
        section_count: report.sections.len(),
        extra: &front.extra,
        language,
        t: language.map(|l| theme.words_for(l)),
        part_links: report
            .parts
            .iter()
            .filter_map(|part| {
                Some(PartLink {
                    title: part.title.as_deref()?,
                    url: site.url(Target::Section(*part.sections.first()?)),
                    year: part.year,
                })
            })
            .collect(),
    }
}

/// The parts about `year` in other years' reports.
pub(super) fn plans_of<'a>(site: &'a Site, year: &'a Year) -> Vec<PlanView<'a>> {
    year.plans
        .iter()
        .filter_map(|plan| {
            let report = &site.reports[plan.report];
            let part = &report.parts[plan.part];
            Some(PlanView {
                title: part.title.as_deref()?,
                url: site.url(Target::Section(*part.sections.first()?)),
                report: Link {
                    title: &report.doc.front.title,
                    url: site.url(Target::Report(plan.report)),
                },
                report_year: report.year,
            })
        })
        .collect()
}

pub(super) fn report_view<'a>(
    site: &'a Site,
    theme: &'a Theme,
    bodies: &'a Bodies,
    report_id: ReportId,
    current: Option<SectionId>,
) -> ReportView<'a> {
    let report = &site.reports[report_id];
    ReportView {
        card: report_card(site, theme, report_id),
        print_url: site.url(Target::Print(report_id)),
        content: &bodies.html[DocId::Report(report_id)],
        toc: &bodies.outline[DocId::Report(report_id)].toc,
        parts: report
            .parts
            .iter()
            .map(|part| part_view(site, part, current))
            .collect(),
    }
}

fn part_view<'a>(site: &'a Site, part: &'a Part, current: Option<SectionId>) -> PartView<'a> {
    PartView {
        title: part.title.as_deref(),
        sections: part
            .sections
            .iter()
            .map(|&id| {
                let section = &site.sections[id];
                SectionLink {
                    title: &section.doc.front.title,
                    url: site.url(Target::Section(id)),
                    summary: section.doc.front.summary.as_deref(),
                    current: current == Some(id),
                }
            })
            .collect(),
    }
}

pub(super) fn section_view<'a>(
    site: &'a Site,
    bodies: &'a Bodies,
    id: SectionId,
) -> SectionView<'a> {
    let section = &site.sections[id];
    let front = &section.doc.front;
    let outline = &bodies.outline[DocId::Section(id)];
    let stats = outline.stats;
    SectionView {
        title: &front.title,
        url: site.url(Target::Section(id)),
        slug: &section.slug,
        part: front.part.as_deref(),
        summary: front.summary.as_deref(),
        content: Cow::Borrowed(&bodies.html[DocId::Section(id)]),
        toc: &outline.toc,
        reading_minutes: stats.reading_minutes(),
        language: front.language.as_deref(),
        cjk_chars: stats.cjk_chars,
        latin_words: stats.latin_words,
        extra: &front.extra,
    }
}

pub(super) fn reports_of<'a>(
    site: &'a Site,
    theme: &'a Theme,
    ids: &[ReportId],
) -> Vec<ReportCard<'a>> {
    ids.iter().map(|&id| report_card(site, theme, id)).collect()
}

/// A part of a report with its sections in full, for the printable version.
#[derive(Serialize)]
pub(super) struct PrintPart<'a> {
    pub title: Option<&'a str>,
    pub sections: Vec<SectionView<'a>>,
}

pub(super) fn print_parts<'a>(
    site: &'a Site,
    bodies: &'a Bodies,
    report_id: ReportId,
) -> Vec<PrintPart<'a>> {
    site.reports[report_id]
        .parts
        .iter()
        .map(|part| PrintPart {
            title: part.title.as_deref(),
            sections: part
                .sections
                .iter()
                .map(|&id| {
                    let mut view = section_view(site, bodies, id);
                    // Under its h2 title, with ids of its own on the shared page.
                    let prefix = format!("s-{}", view.slug);
                    view.content = Cow::Owned(super::print::body(&view.content, &prefix, 1));
                    view
                })
                .collect(),
        })
        .collect()
}

/// What the search page needs to render its filters and find its index.
#[derive(Serialize)]
pub(super) struct SearchView<'a> {
    /// Where the index lives: `{base_path}search/`.
    pub index_url: String,
    /// Years with a page (a report or a plan about them), newest first.
    pub years: Vec<i32>,
    /// Report categories in order of first appearance (newest report first).
    pub categories: Vec<&'a str>,
}

pub(super) fn search_view(site: &Site) -> SearchView<'_> {
    let mut categories: Vec<&str> = Vec::new();
    for report in &site.reports {
        if let Some(c) = report.doc.front.category.as_deref()
            && !categories.contains(&c)
        {
            categories.push(c);
        }
    }
    SearchView {
        index_url: site.url(Target::Search).to_string(),
        years: site.years.iter().map(|y| y.year).collect(),
        categories,
    }
}
