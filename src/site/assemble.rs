//! Turning loaded documents into the site model: drafts left out, slugs and URLs assigned,
//! collisions found, reports and sections ordered, then navigation linked.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{
    ATOM, Asset, Home, Links, PRINT_SLUG, Page, Part, ROBOTS, Report, SITEMAP, Section, Site, Year,
    nav,
};
use crate::config::Config;
use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::slug::{is_valid_segment, slugify, strip_order_prefix};

/// Output files claimed so far, with who claimed them, so two sources never share a URL.
#[derive(Default)]
struct Claims {
    owners: HashMap<PathBuf, String>,
}

impl Claims {
    /// Claims the output file behind `url` (`/a/` → `a/index.html`) for `owner`.
    fn claim(&mut self, base_path: &str, url: &str, owner: String, errors: &mut Diagnostics) {
        let path = url.strip_prefix(base_path).unwrap_or(url);
        let file = if path.is_empty() || path.ends_with('/') {
            PathBuf::from(format!("{path}index.html"))
        } else {
            PathBuf::from(path)
        };
        if let Some(first) = self.owners.get(&file) {
            errors.push(
                Diagnostic::new(owner, format!("{url} is already the URL of {first}"))
                    .with_hint("give one of them another `slug:` in its front matter"),
            );
        } else {
            self.owners.insert(file, owner);
        }
    }
}

fn shown(source: &Path) -> String {
    Path::new("content").join(source).display().to_string()
}

/// The slug of a source: `slug:` if given and valid, else `name` made URL-safe.
fn slug_for<F>(
    doc: &Document<F>,
    explicit: Option<&str>,
    name: &str,
    errors: &mut Diagnostics,
) -> String {
    if let Some(slug) = explicit {
        if is_valid_segment(slug) {
            return slug.to_string();
        }
        let mut d = Diagnostic::new(
            shown(&doc.source),
            format!("slug `{slug}` cannot be a URL segment"),
        )
        .with_hint("use letters, digits and `-`, without spaces, `/`, `?`, `#` or `%`");
        if let Some((line, column)) = doc.key_position("slug") {
            d = d.at(doc.text(), line, column);
        }
        errors.push(d);
    }
    if is_valid_segment(name) {
        name.to_string()
    } else {
        slugify(name)
    }
}

fn file_stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

/// Builds the model; `include_drafts` is `--drafts`.
pub fn assemble(
    config: Config,
    content: Content,
    include_drafts: bool,
) -> Result<Site, Diagnostics> {
    let Content {
        home,
        reports,
        sections,
        pages,
        assets,
    } = content;
    let base = config.base_path.clone();
    let mut errors = Diagnostics::default();
    let mut links = Links::default();
    let mut claims = Claims::default();

    claims.claim(&base, &base, "the home page".into(), &mut errors);
    claims.claim(
        &base,
        &format!("{base}archive/"),
        "the archive page".into(),
        &mut errors,
    );
    if config.search {
        claims.claim(
            &base,
            &format!("{base}search/"),
            "the search page".into(),
            &mut errors,
        );
    }
    claims.claim(
        &base,
        &format!("{base}404.html"),
        "the 404 page".into(),
        &mut errors,
    );
    for file in [ATOM, SITEMAP, ROBOTS] {
        let owner = format!("the generated {file}");
        claims.claim(&base, &format!("{base}{file}"), owner, &mut errors);
    }
    if let Some(doc) = &home {
        links.insert(&doc.source, base.clone());
    }

    // Reports, newest first.
    let mut report_docs: Vec<_> = Vec::new();
    for doc in reports {
        if doc.front.draft && !include_drafts {
            links.insert_draft(&doc.source);
            continue;
        }
        let folder = doc.source.parent().unwrap_or(Path::new(""));
        let name = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let slug = slug_for(&doc, doc.front.slug.as_deref(), &name, &mut errors);
        report_docs.push((doc, slug));
    }
    report_docs
        .sort_by(|(a, sa), (b, sb)| b.front.date.cmp(&a.front.date).then_with(|| sa.cmp(sb)));
    let mut report_by_folder: HashMap<PathBuf, usize> = HashMap::new();
    let mut site_reports = Vec::with_capacity(report_docs.len());
    for (id, (doc, slug)) in report_docs.into_iter().enumerate() {
        let year = doc.front.date.year;
        let url = format!("{base}{year}/{slug}/");
        claims.claim(&base, &url, shown(&doc.source), &mut errors);
        let print_owner = format!("the printable version of {}", shown(&doc.source));
        claims.claim(
            &base,
            &format!("{url}{PRINT_SLUG}/"),
            print_owner,
            &mut errors,
        );
        links.insert(&doc.source, url.clone());
        report_by_folder.insert(
            doc.source.parent().unwrap_or(Path::new("")).to_path_buf(),
            id,
        );
        site_reports.push(Report {
            doc,
            slug,
            url,
            year,
            sections: Vec::new(),
            parts: Vec::new(),
            content: Rendered::default(),
        });
    }

    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (id, report) in site_reports.iter().enumerate() {
        by_year.entry(report.year).or_default().push(id);
    }
    let mut years: Vec<Year> = by_year
        .into_iter()
        .rev()
        .map(|(year, reports)| {
            let url = format!("{base}{year}/");
            claims.claim(&base, &url, format!("the year page of {year}"), &mut errors);
            Year {
                year,
                url,
                reports,
                older: None,
                newer: None,
                plans: Vec::new(),
            }
        })
        .collect();

    // Sections, attached to their reports.
    let mut site_sections = Vec::with_capacity(sections.len());
    for doc in sections {
        let folder = doc.source.parent().unwrap_or(Path::new("")).to_path_buf();
        let report = match report_by_folder.get(&folder) {
            Some(&id) if include_drafts || !doc.front.draft => id,
            // A draft section, or a section of a draft report.
            _ => {
                links.insert_draft(&doc.source);
                continue;
            }
        };
        let stem = file_stem(&doc.source).to_string();
        let (name, prefix_weight) = strip_order_prefix(&stem);
        let slug = slug_for(&doc, doc.front.slug.as_deref(), name, &mut errors);
        let weight = doc.front.weight.or(prefix_weight);
        let url = format!("{}{slug}/", site_reports[report].url);
        claims.claim(&base, &url, shown(&doc.source), &mut errors);
        links.insert(&doc.source, url.clone());
        site_sections.push(Section {
            doc,
            report,
            slug,
            url,
            weight,
            prev: None,
            next: None,
            content: Rendered::default(),
        });
    }
    order_sections(&mut site_reports, &site_sections);
    // A year only a plan is about ("2025年工作计划" in the 2024 report) gets its page too.
    for year in nav::planned_years(&site_reports) {
        if !years.iter().any(|y| y.year == year) {
            let url = format!("{base}{year}/");
            claims.claim(&base, &url, format!("the year page of {year}"), &mut errors);
            years.push(Year {
                year,
                url,
                reports: Vec::new(),
                older: None,
                newer: None,
                plans: Vec::new(),
            });
        }
    }
    years.sort_by_key(|y| std::cmp::Reverse(y.year));

    let mut site_pages = Vec::with_capacity(pages.len());
    for doc in pages {
        if doc.front.draft && !include_drafts {
            links.insert_draft(&doc.source);
            continue;
        }
        let rel = doc.source.strip_prefix("pages").unwrap_or(&doc.source);
        let folders: Vec<String> = rel
            .parent()
            .into_iter()
            .flat_map(|p| p.iter())
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        let slug = slug_for(&doc, doc.front.slug.as_deref(), file_stem(rel), &mut errors);
        let url = folders
            .iter()
            .fold(base.clone(), |url, f| format!("{url}{f}/"))
            + &slug
            + "/";
        claims.claim(&base, &url, shown(&doc.source), &mut errors);
        links.insert(&doc.source, url.clone());
        site_pages.push(Page {
            doc,
            url,
            content: Rendered::default(),
        });
    }

    let site_assets = assets
        .into_iter()
        .map(|source| {
            let output = asset_output(&source, &report_by_folder, &site_reports, &base);
            let url = format!("{base}{}", output.display());
            claims.claim(&base, &url, shown(&source), &mut errors);
            links.insert(&source, url);
            Asset { source, output }
        })
        .collect();

    let mut site = Site {
        config,
        home: Home {
            doc: home,
            url: base,
            content: Rendered::default(),
        },
        reports: site_reports,
        sections: site_sections,
        pages: site_pages,
        years,
        assets: site_assets,
        links,
        outbound: Default::default(),
    };
    nav::link(&mut site);
    errors.into_result(site)
}

/// Where an asset is published: beside its report's pages when it is inside a report folder
/// (so `![](chart.png)` in a section works), else at its path under `content/`.
fn asset_output(
    source: &Path,
    report_by_folder: &HashMap<PathBuf, usize>,
    reports: &[Report],
    base: &str,
) -> PathBuf {
    for folder in source.ancestors().skip(1) {
        if let Some(&id) = report_by_folder.get(folder) {
            let report_dir = reports[id]
                .url
                .strip_prefix(base)
                .unwrap_or(&reports[id].url);
            return Path::new(report_dir).join(source.strip_prefix(folder).unwrap_or(source));
        }
    }
    source.to_path_buf()
}

/// Sorts each report's sections by weight then file name, and groups them into parts in the
/// order the parts first appear; the grouped order is the reading order.
fn order_sections(reports: &mut [Report], sections: &[Section]) {
    let mut ids_by_report: Vec<Vec<usize>> = vec![Vec::new(); reports.len()];
    for (id, section) in sections.iter().enumerate() {
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
