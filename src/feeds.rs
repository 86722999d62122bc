//! What a build publishes for machines: the Atom feed of the latest reports, the sitemap with
//! each page's last change, and robots.txt pointing at the sitemap. All read the site model.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::content::Document;
use crate::date::Date;
use crate::escape::{escape_html as escape, percent_encode_uri};
use crate::site::{ATOM, ROBOTS, Report, ReportId, SITEMAP, Site, Target};

/// How many reports the feed carries, newest first.
const FEED_ENTRIES: usize = 20;

/// The generated files: output path and text.
pub(crate) fn generate(site: &Site) -> Vec<(PathBuf, String)> {
    vec![
        (PathBuf::from(ATOM), atom(site)),
        (PathBuf::from(SITEMAP), sitemap(site)),
        (PathBuf::from(ROBOTS), robots(site)),
    ]
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

fn atom(site: &Site) -> String {
    let config = &site.config;
    let author = config.organization.as_deref().unwrap_or(&config.title);
    let updated = site.reports.first().map_or(
        Date {
            year: 1970,
            month: 1,
            day: 1,
        },
        |r| r.doc.front.date,
    );
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n<id>{home}</id>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{home}{ATOM}\"/>\n\
         <updated>{updated}</updated>\n<author><name>{author}</name></author>\n<generator>gazette</generator>\n",
        lang = escape(&config.language),
        title = escape(&config.title),
        subtitle = escape(&config.description),
        home = escape(&config.base_url),
        updated = timestamp(updated),
        author = escape(author),
    );
    for (id, report) in ReportId::enumerate(&site.reports).take(FEED_ENTRIES) {
        xml.push_str(&entry(site, id, report));
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(site: &Site, id: ReportId, report: &Report) -> String {
    let front = &report.doc.front;
    let link = escape(&site.config.permalink(site.url(Target::Report(id))));
    let mut xml = format!(
        "<entry>\n<title>{}</title>\n<id>{link}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n\
         <published>{date}</published>\n<updated>{date}</updated>\n",
        escape(&front.title),
        date = timestamp(front.date),
    );
    if let Some(organization) = &front.organization {
        let _ = writeln!(
            xml,
            "<author><name>{}</name></author>",
            escape(organization)
        );
    }
    if let Some(category) = &front.category {
        let _ = writeln!(xml, "<category term=\"{}\"/>", escape(category));
    }
    if let Some(summary) = &front.summary {
        let _ = writeln!(xml, "<summary>{}</summary>", escape(summary));
    }
    xml.push_str("</entry>\n");
    xml
}

/// When each source last changed: its last commit in a git repository, else its file's time.
struct Changes(HashMap<PathBuf, Date>);

impl Changes {
    fn of<F>(&self, doc: &Document<F>) -> Option<Date> {
        (self.0.get(&doc.source).copied()).or_else(|| doc.modified.map(Date::from_system_time))
    }

    /// The last change to a report: its own file or any of its sections.
    fn of_report(&self, site: &Site, report: &Report) -> Option<Date> {
        let sections = report
            .sections
            .iter()
            .filter_map(|&id| self.of(&site.sections[id].doc));
        self.of(&report.doc).into_iter().chain(sections).max()
    }
}

/// Every page of the sitemap (see [`Target::in_sitemap`]) with the date its sources last
/// changed, in site order.
fn sitemap(site: &Site) -> String {
    let changes = Changes(crate::gitdates::last_commits(&site.config.root));
    let reports: Vec<Option<Date>> = site
        .reports
        .iter()
        .map(|r| changes.of_report(site, r))
        .collect();
    let newest = reports.iter().flatten().copied().max();
    let last_change = |target: Target| match target {
        Target::Home => newest.max(site.home.doc.as_ref().and_then(|d| changes.of(d))),
        Target::Archive | Target::Figures | Target::Figure(_) => newest,
        Target::Year(i) => site.years[i]
            .reports
            .iter()
            .filter_map(|&id| reports[id])
            .max(),
        Target::Report(id) | Target::Print(id) => reports[id],
        Target::Section(id) => changes.of(&site.sections[id].doc),
        Target::Page(id) => changes.of(&site.pages[id].doc),
        Target::Search | Target::NotFound => None,
    };
    let entries = site
        .targets()
        .into_iter()
        .filter(|t| t.in_sitemap())
        .map(|t| (site.url(t), last_change(t)));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, last) in entries {
        let _ = write!(
            xml,
            "<url><loc>{}</loc>",
            escape(&percent_encode_uri(&site.config.permalink(url)))
        );
        if let Some(last) = last {
            let _ = write!(xml, "<lastmod>{last}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}{SITEMAP}\n",
        percent_encode_uri(&site.config.base_url)
    )
}
