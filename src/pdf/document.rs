//! A report as one Typst document: the settings (`gz`: fonts, paper, language, metadata), the
//! layout, then the title page, the contents, the key figures, the introduction and every part
//! with its sections.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::escape::{string, text};
use super::fonts::Roles;
use super::markup::{self, Body, Targets};
use crate::config::Paper;
use crate::site::{ReportId, Site, Target};

/// The layout, after the settings.
const LAYOUT: &str = include_str!("layout.typ");

/// The label of the report itself (its title, which the layout labels) and of its
/// introduction's headings.
const REPORT_LABEL: &str = "report";

/// What a report's markup is made from besides the model: read once per report.
pub(super) struct Inputs<'a> {
    pub(super) site: &'a Site,
    pub(super) report: ReportId,
    /// The UI words of the report's language.
    pub(super) words: &'a std::collections::BTreeMap<String, String>,
    pub(super) roles: &'a Roles,
    pub(super) paper: Paper,
}

/// The Typst document of the report, and the images it embeds (relative to `content/`).
pub(super) fn markup(inputs: &Inputs) -> Result<(String, Vec<PathBuf>)> {
    let site = inputs.site;
    let report = &site.reports[inputs.report];
    let content_dir = site.config.content_dir();
    let front = &report.doc.front;
    let language = crate::render::page_language(site, Target::Report(inputs.report));
    let zh = language.starts_with("zh");

    // Every body, read again from its file (a one-shot build has freed the texts).
    let intro = read_body(&content_dir, &report.doc)?;
    let mut sections = Vec::with_capacity(report.sections.len());
    for &id in &report.sections {
        let section = &site.sections[id];
        sections.push((id, read_body(&content_dir, &section.doc)?));
    }

    let section_label = |slug: &str| format!("section:{slug}");
    let mut docs = HashMap::new();
    let mut labels = HashSet::new();
    docs.insert(report.doc.source.clone(), REPORT_LABEL.to_string());
    labels.insert(REPORT_LABEL.to_string());
    for id in markup::heading_ids(&intro) {
        labels.insert(Targets::heading_label(REPORT_LABEL, &id));
    }
    for (id, body) in &sections {
        let section = &site.sections[*id];
        let label = section_label(&section.slug);
        for heading in markup::heading_ids(body) {
            labels.insert(Targets::heading_label(&label, &heading));
        }
        docs.insert(section.doc.source.clone(), label.clone());
        labels.insert(label);
    }
    let targets = Targets {
        docs,
        labels,
        site,
        content_dir: &content_dir,
        images: Default::default(),
    };

    let word = |key: &str| {
        inputs
            .words
            .get(key)
            .map_or(key, String::as_str)
            .to_string()
    };
    let organization = front
        .organization
        .as_deref()
        .or(site.config.organization.as_deref());
    let mut out = String::with_capacity(16 * 1024);
    settings(&mut out, inputs, language, front, organization);
    out.push_str(LAYOUT);
    let date = front.date;
    let date_shown = if zh {
        format!("{}年{}月{}日", date.year, date.month, date.day)
    } else {
        date.display(language)
    };
    let optional = |value: Option<&str>| value.map_or("none".to_string(), string);
    let _ = writeln!(
        out,
        "\n#gz-title-page({}, {}, {}, {})",
        optional(front.category.as_deref()),
        optional(organization),
        string(&front.title),
        string(&date_shown),
    );
    let _ = writeln!(out, "#gz-contents({})", string(&word("contents")));
    figures(&mut out, site, inputs.report, &word);
    markup::convert(
        &mut out,
        &Body {
            markdown: &intro,
            source: &report.doc.source,
            label: REPORT_LABEL,
            level: 3,
        },
        &targets,
    );
    let mut bodies = sections.iter();
    for (i, part) in report.parts.iter().enumerate() {
        if let Some(title) = &part.title {
            out.push_str("\n#heading(level: 1)[");
            text(&mut out, title);
            let _ = writeln!(out, "]#label({})\n", string(&format!("part:{i}")));
        }
        for _ in &part.sections {
            let Some((id, body)) = bodies.next() else {
                break;
            };
            let section = &site.sections[*id];
            let label = section_label(&section.slug);
            out.push_str("\n#heading(level: 2)[");
            text(&mut out, &section.doc.front.title);
            let _ = writeln!(out, "]#label({})\n", string(&label));
            markup::convert(
                &mut out,
                &Body {
                    markdown: body,
                    source: &section.doc.source,
                    label: &label,
                    level: 3,
                },
                &targets,
            );
        }
    }
    Ok((out, targets.images.into_inner()))
}

/// The `gz` dictionary the layout reads.
fn settings(
    out: &mut String,
    inputs: &Inputs,
    language: &str,
    front: &crate::content::ReportFront,
    organization: Option<&str>,
) {
    let zh = language.starts_with("zh");
    let (lang, region) = match language.split_once('-') {
        Some((lang, region)) => (lang.to_ascii_lowercase(), Some(region.to_ascii_lowercase())),
        None => (language.to_ascii_lowercase(), None),
    };
    let region = region.filter(|r| r.len() == 2);
    let roles = inputs.roles;
    // Chinese text: Latin letters and digits in the Latin serif (as Times New Roman is set
    // beside 仿宋), every CJK character in the role's face. English text: the Latin faces first,
    // the CJK ones for any Chinese in it.
    let family = |cjk: &[String], latin: &Option<String>| -> String {
        let mut list: Vec<String> = Vec::new();
        if let Some(latin) = latin {
            list.push(if zh {
                format!("(name: {}, covers: \"latin-in-cjk\")", string(latin))
            } else {
                string(latin)
            });
        }
        list.extend(cjk.iter().map(|f| string(f)));
        format!("({},)", list.join(", "))
    };
    let serif = &roles.latin_serif;
    let sans = if zh { serif } else { &roles.latin_sans };
    let date = front.date;
    let _ = writeln!(
        out,
        "#let gz = (\n  title: {title},\n  author: ({author}),\n  \
         date: datetime(year: {y}, month: {m}, day: {d}),\n  paper: {paper},\n  \
         lang: {lang},\n  region: {region},\n  body: {body},\n  title-font: {title_font},\n  \
         heading: {heading},\n  subheading: {subheading},\n  folio: {folio},\n)",
        title = string(&front.title),
        author = organization.map_or(String::new(), |o| format!("{},", string(o))),
        y = date.year,
        m = date.month,
        d = date.day,
        paper = string(match inputs.paper {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }),
        lang = string(&lang),
        region = region.as_deref().map_or("none".into(), string),
        body = family(&roles.body, serif),
        title_font = family(&roles.title, serif),
        heading = family(&roles.heading, sans),
        subheading = family(&roles.subheading, serif),
        folio = family(&roles.folio, serif),
    );
}

/// The report's key figures as a table, under their own heading.
fn figures(out: &mut String, site: &Site, report: ReportId, word: &dyn Fn(&str) -> String) {
    let figures = crate::figures::views::report_figures(site, report);
    if figures.is_empty() {
        return;
    }
    out.push_str("#heading(level: 2)[");
    text(out, &word("figures"));
    out.push_str(
        "]#label(\"figures\")\n\n#table(columns: (1fr, auto), align: (left, right), table.header([",
    );
    text(out, &word("figures_indicator"));
    out.push_str("], [");
    text(out, &word("figures_value"));
    out.push_str("]), ");
    for f in figures {
        out.push('[');
        text(out, f.name);
        if let Some(note) = f.note {
            out.push_str("#linebreak()#text(size: 0.8em)[");
            text(out, note);
            out.push(']');
        }
        out.push_str("], [");
        text(out, &f.value);
        if let Some(unit) = f.unit {
            out.push(' ');
            text(out, unit);
        }
        out.push_str("], ");
    }
    out.push_str(")\n\n");
}

/// The Markdown body of `doc`, read from its file.
fn read_body<F>(content_dir: &Path, doc: &crate::content::Document<F>) -> Result<String> {
    let path = content_dir.join(&doc.source);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = crate::content::decode_text(bytes, &path).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(doc.body(&text).to_string())
}
