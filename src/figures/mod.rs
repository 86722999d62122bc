//! Key figures: the numbers of each report (`figures:` in its `_index.md` and its sections'
//! front matter) checked and gathered into series across years, once, when the model is
//! assembled. Pages, charts and open-data files read the series from here.
//!
//! An indicator is its name: the same name in two reports is one series, and it must have one
//! unit in every report (a series in 人 one year and 万人 the next would chart nonsense).
//! There is deliberately no `unit_aliases:` to convert units: the numbers published as open
//! data are the numbers written in the reports, and the error says the converted value to write.

pub(crate) mod chart;
mod data;
mod value;
pub(crate) mod views;

pub(crate) use data::{files, generate};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::content::{FigureFront, FigureValue};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::site::{Report, ReportId, Section, SectionId};
use crate::slug::slugify;

pub(crate) type IndicatorId = usize;

/// Every figure of the site, as series.
#[derive(Debug, Default)]
pub struct Figures {
    /// In the order of the newest report that has them, then the indicators only older
    /// reports have, in their order.
    pub indicators: Vec<Indicator>,
    /// Each report's figures in its order (`_index.md`, then its sections in reading order).
    pub by_report: Vec<Vec<FigureRef>>,
    /// Each report's figures as searchable text, a line each ("巾帼文明岗 862 个 保留726个"),
    /// when it has any.
    pub text: Vec<Option<String>>,
}

/// One figure of a report: a point of an indicator's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureRef {
    pub indicator: IndicatorId,
    /// The index into the indicator's points.
    pub point: usize,
}

#[derive(Debug)]
pub struct Indicator {
    pub name: String,
    /// The last segment of its page's URL, unique among indicators.
    pub slug: String,
    pub unit: Option<String>,
    /// One per report that has it, oldest report first.
    pub points: Vec<Point>,
}

#[derive(Debug)]
pub struct Point {
    pub report: ReportId,
    pub value: f64,
    pub note: Option<String>,
    /// The section that reports it: its `section:`, or the section whose front matter has it.
    pub section: Option<SectionId>,
}

impl Figures {
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    pub fn point(&self, figure: FigureRef) -> (&Indicator, &Point) {
        let indicator = &self.indicators[figure.indicator];
        (indicator, &indicator.points[figure.point])
    }

    /// The point before `figure` in its series: the same indicator in the previous report
    /// that has it.
    pub fn previous(&self, figure: FigureRef) -> Option<&Point> {
        let points = &self.indicators[figure.indicator].points;
        figure.point.checked_sub(1).map(|i| &points[i])
    }
}

/// A file with figures: a report's `_index.md` or one of its sections.
struct Source<'a> {
    /// Relative to `content/`.
    file: &'a Path,
    text: &'a str,
    figures: &'a [FigureFront],
    /// The section the file is, for figures of a section.
    section: Option<SectionId>,
}

/// The files' texts, by report and section index, for quoting in errors.
pub(crate) struct Texts<'a> {
    pub reports: &'a [String],
    pub sections: &'a [String],
}

/// One report's files with figures in reading order, and its sections by file name.
struct ReportSources<'a> {
    sources: Vec<Source<'a>>,
    sections: Vec<(&'a str, SectionId)>,
}

impl<'a> ReportSources<'a> {
    fn new(
        id: ReportId,
        reports: &'a [Report],
        sections: &'a [Section],
        texts: &Texts<'a>,
    ) -> Self {
        let report = &reports[id];
        let index = Source {
            file: &report.doc.source,
            text: &texts.reports[id],
            figures: &report.doc.front.figures,
            section: None,
        };
        let of_sections = report.sections.iter().map(|&id| {
            let doc = &sections[id].doc;
            Source {
                file: &doc.source,
                text: &texts.sections[id],
                figures: &doc.front.figures,
                section: Some(id),
            }
        });
        ReportSources {
            sources: std::iter::once(index).chain(of_sections).collect(),
            sections: report
                .sections
                .iter()
                .filter_map(|&id| {
                    let name = sections[id].doc.source.file_name()?.to_str()?;
                    Some((name, id))
                })
                .collect(),
        }
    }
}

/// A figure that passed its own checks, with where it was written.
struct Entry<'a> {
    name: &'a str,
    unit: Option<&'a str>,
    value: f64,
    note: Option<&'a str>,
    section: Option<SectionId>,
    /// Where its unit is written, or its name when it has none.
    unit_at: Place,
    /// The text of the file it is in, for quoting in errors.
    text: &'a str,
}

/// A position in a file: for an error there, or for naming it in another error.
#[derive(Clone)]
struct Place {
    file: PathBuf,
    line: usize,
    column: usize,
}

impl Place {
    fn new<T>(file: &Path, spanned: &Spanned<T>) -> Place {
        // Front matter starts on the file's second line, after `---`.
        let line = usize::try_from(spanned.referenced.line()).unwrap_or(1) + 1;
        let column = usize::try_from(spanned.referenced.column()).unwrap_or(1);
        Place {
            file: Path::new("content").join(file),
            line,
            column,
        }
    }

    fn error(&self, text: &str, message: String) -> Diagnostic {
        Diagnostic::new(&self.file, message).at(text, self.line, self.column)
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Checks every report's figures and gathers them into series. `reports` are the model's, in
/// site order (newest first), with their sections in reading order; `texts` their files'.
pub(crate) fn collect(
    reports: &[Report],
    sections: &[Section],
    texts: &Texts,
    errors: &mut Diagnostics,
) -> Figures {
    let entries: Vec<Vec<Entry>> = ReportId::all(reports.len())
        .map(|id| entries(&ReportSources::new(id, reports, sections, texts), errors))
        .collect();
    let mut ids: HashMap<&str, IndicatorId> = HashMap::new();
    let mut figures = Figures {
        indicators: Vec::new(),
        by_report: vec![Vec::new(); reports.len()],
        text: Vec::new(),
    };
    let mut slugs: HashSet<String> = HashSet::new();
    for entry in entries.iter().flatten() {
        ids.entry(entry.name).or_insert_with(|| {
            figures.indicators.push(Indicator {
                name: entry.name.to_string(),
                slug: unique_slug(entry.name, &mut slugs),
                unit: entry.unit.map(str::to_string),
                points: Vec::new(),
            });
            figures.indicators.len() - 1
        });
    }
    // The first (oldest) report with an indicator sets its unit; a later one must keep it.
    let mut first_unit: Vec<Option<&Entry>> = vec![None; figures.indicators.len()];
    for (report, entries) in entries.iter().enumerate().rev() {
        let report = ReportId::new(report);
        for entry in entries {
            let id = ids[entry.name];
            match first_unit[id] {
                Some(first) if first.unit != entry.unit => {
                    errors.push(unit_mismatch(entry, first));
                }
                Some(_) => {}
                None => {
                    first_unit[id] = Some(entry);
                    figures.indicators[id].unit = entry.unit.map(str::to_string);
                }
            }
            let indicator = &mut figures.indicators[id];
            indicator.points.push(Point {
                report,
                value: entry.value,
                note: entry.note.map(str::to_string),
                section: entry.section,
            });
            figures.by_report[report].push(FigureRef {
                indicator: id,
                point: indicator.points.len() - 1,
            });
        }
    }
    figures.text = entries.iter().map(|entries| search_text(entries)).collect();
    figures
}

fn search_text(entries: &[Entry]) -> Option<String> {
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let value = views::display(e.value);
            let words = [Some(e.name), Some(value.as_str()), e.unit, e.note];
            words.into_iter().flatten().collect::<Vec<_>>().join(" ")
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// A report's figures that pass their own checks: a number as value, a name given once in the
/// report, a `section:` that is one of its sections.
fn entries<'a>(report: &ReportSources<'a>, errors: &mut Diagnostics) -> Vec<Entry<'a>> {
    let mut seen: HashMap<&str, Place> = HashMap::new();
    let mut entries = Vec::new();
    for source in &report.sources {
        for figure in source.figures {
            let at = Place::new(source.file, &figure.name);
            let name = figure.name.value.trim();
            if name.is_empty() {
                errors.push(at.error(source.text, "a figure needs a `name:`".into()));
                continue;
            }
            if let Some(first) = seen.get(name) {
                errors.push(
                    at.error(
                        source.text,
                        format!("the figure `{name}` is given twice in this report"),
                    )
                    .with_hint(format!(
                        "it is first given at {first}; give each figure once per report"
                    )),
                );
                continue;
            }
            seen.insert(name, at.clone());
            let Some(value) = number(source, figure, name, errors) else {
                continue;
            };
            let Some(section) = section(report, source, figure, errors) else {
                continue;
            };
            let unit_at = figure
                .unit
                .as_ref()
                .map_or_else(|| at.clone(), |u| Place::new(source.file, u));
            entries.push(Entry {
                name,
                unit: figure.unit(),
                value,
                note: figure.note.as_deref(),
                section,
                unit_at,
                text: source.text,
            });
        }
    }
    entries
}

/// The value of a figure, or an error saying what to write instead.
fn number(
    source: &Source,
    figure: &FigureFront,
    name: &str,
    errors: &mut Diagnostics,
) -> Option<f64> {
    let (at, text) = match &figure.value {
        Some(Spanned {
            value: FigureValue::Number(n),
            ..
        }) => return Some(*n),
        Some(
            value @ Spanned {
                value: FigureValue::Text(text),
                ..
            },
        ) => (Place::new(source.file, value), text.trim()),
        None => (Place::new(source.file, &figure.name), ""),
    };
    let error = if text.is_empty() {
        at.error(source.text, format!("the figure `{name}` has no value"))
            .with_hint("write the number after `value:`, such as `value: 862`")
    } else {
        at.error(
            source.text,
            format!("the value of `{name}` must be a number, not \"{text}\""),
        )
        .with_hint(value::suggestion(text, figure.unit()))
    };
    errors.push(error);
    None
}

/// The section a figure links to: `section:` when given and valid, else the section whose
/// front matter it is in. `None` when `section:` names no section of the report (an error).
fn section(
    report: &ReportSources,
    source: &Source,
    figure: &FigureFront,
    errors: &mut Diagnostics,
) -> Option<Option<SectionId>> {
    let Some(named) = &figure.section else {
        return Some(source.section);
    };
    let file = named.value.trim();
    if let Some(&(_, id)) = report.sections.iter().find(|(name, _)| *name == file) {
        return Some(Some(id));
    }
    let names: Vec<&str> = report.sections.iter().map(|(name, _)| *name).collect();
    let hint = match did_you_mean(file, &names) {
        Some(name) => format!("did you mean `{name}`?"),
        None if names.is_empty() => "this report has no sections".to_string(),
        None => format!("its sections are {}", names.join(", ")),
    };
    errors.push(
        Place::new(source.file, named)
            .error(
                source.text,
                format!("`{file}` is not a section of this report"),
            )
            .with_hint(hint),
    );
    None
}

fn unit_mismatch(entry: &Entry, first: &Entry) -> Diagnostic {
    let shown = |unit: Option<&str>| unit.map_or("no unit".to_string(), |u| format!("`{u}`"));
    entry
        .unit_at
        .error(
            entry.text,
            format!(
                "the figure `{}` is in {} here but in {} in {}",
                entry.name,
                shown(entry.unit),
                shown(first.unit),
                first.unit_at
            ),
        )
        .with_hint(format!(
            "an indicator keeps one unit in every report: convert the value to {}",
            shown(first.unit)
        ))
}

/// The slug of an indicator's page: its name made URL-safe, numbered when two names give the
/// same slug.
fn unique_slug(name: &str, taken: &mut HashSet<String>) -> String {
    let mut base = slugify(name);
    if base.is_empty() {
        base = "indicator".to_string();
    }
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|slug| !taken.contains(slug))
        .unwrap_or(base);
    taken.insert(slug.clone());
    slug
}
