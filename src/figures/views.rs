//! What the templates see of the figures: a report's panel (value, unit, change against the
//! previous report with the indicator), and each indicator with its charts and points.

use serde::Serialize;

use super::chart::{self, ChartPoint};
use super::{FigureRef, Figures, IndicatorId, Point};
use crate::site::{ReportId, Site, Target};

/// A figure as a report shows it.
#[derive(Serialize)]
pub(crate) struct FigureView<'a> {
    pub name: &'a str,
    pub value: String,
    pub unit: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The section that reports it.
    pub section_url: Option<&'a str>,
    /// The indicator's own page.
    pub indicator_url: &'a str,
    pub change: Option<Change<'a>>,
}

/// How a figure moved since the previous report that has its indicator.
#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct Change<'a> {
    /// `up`, `down` or `same`.
    pub direction: &'static str,
    /// "12.4%", without a sign; `None` when the previous value was 0.
    pub percent: Option<String>,
    pub year: i32,
    pub report: &'a str,
    pub url: &'a str,
}

/// A value as written: `8888`, `72.63` (never an exponent).
pub(crate) fn display(value: f64) -> String {
    value.to_string()
}

pub(crate) fn change<'a>(
    site: &'a Site,
    point: &Point,
    previous: Option<&Point>,
) -> Option<Change<'a>> {
    let previous = previous?;
    let (now, before) = (point.value, previous.value);
    let direction = if now > before {
        "up"
    } else if now < before {
        "down"
    } else {
        "same"
    };
    let percent =
        (before != 0.0).then(|| format!("{:.1}%", ((now - before) / before.abs() * 100.0).abs()));
    Some(Change {
        direction,
        percent,
        year: site.reports[previous.report].year,
        report: &site.reports[previous.report].doc.front.title,
        url: site.url(Target::Report(previous.report)),
    })
}

fn figure_view<'a>(site: &'a Site, figure: FigureRef) -> FigureView<'a> {
    let figures = &site.figures;
    let (indicator, point) = figures.point(figure);
    FigureView {
        name: &indicator.name,
        value: display(point.value),
        unit: indicator.unit.as_deref(),
        note: point.note.as_deref(),
        section_url: point.section.map(|id| site.url(Target::Section(id))),
        indicator_url: site.url(Target::Figure(figure.indicator)),
        change: change(site, point, figures.previous(figure)),
    }
}

/// The figures of a report, in its order.
pub(crate) fn report_figures(site: &Site, report: ReportId) -> Vec<FigureView<'_>> {
    site.figures.by_report[report]
        .iter()
        .map(|&figure| figure_view(site, figure))
        .collect()
}

/// One point of an indicator, as its table row shows it.
#[derive(Serialize)]
pub(crate) struct PointView<'a> {
    pub year: i32,
    pub report: &'a str,
    pub report_url: &'a str,
    pub section_url: Option<&'a str>,
    pub value: String,
    pub note: Option<&'a str>,
    pub change: Option<Change<'a>>,
}

/// An indicator with its series, charts and links.
#[derive(Serialize)]
pub(crate) struct IndicatorView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub unit: Option<&'a str>,
    pub url: &'a str,
    /// Oldest first.
    pub points: Vec<PointView<'a>>,
    /// The line chart, inline SVG.
    pub chart: String,
    /// The small chart of the overview, inline SVG.
    pub sparkline: String,
}

pub(crate) fn indicator_view(site: &Site, id: IndicatorId) -> IndicatorView<'_> {
    let figures: &Figures = &site.figures;
    let indicator = &figures.indicators[id];
    let unit = indicator.unit.as_deref();
    let points: Vec<PointView> = indicator
        .points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let report = &site.reports[point.report];
            PointView {
                year: report.year,
                report: &report.doc.front.title,
                report_url: site.url(Target::Report(point.report)),
                section_url: point.section.map(|s| site.url(Target::Section(s))),
                value: display(point.value),
                note: point.note.as_deref(),
                change: change(site, point, i.checked_sub(1).map(|j| &indicator.points[j])),
            }
        })
        .collect();
    let descriptions: Vec<String> = points
        .iter()
        .map(|p| {
            format!(
                "{}: {}{} ({})",
                p.year,
                p.value,
                unit.unwrap_or(""),
                p.report
            )
        })
        .collect();
    let chart_points: Vec<ChartPoint> = points
        .iter()
        .zip(&indicator.points)
        .zip(&descriptions)
        .map(|((view, point), description)| ChartPoint {
            value: point.value,
            label: &view.value,
            year: view.year,
            url: view.report_url,
            description,
        })
        .collect();
    let label = match unit {
        Some(unit) => format!("{} ({unit})", indicator.name),
        None => indicator.name.clone(),
    };
    let values: Vec<f64> = indicator.points.iter().map(|p| p.value).collect();
    IndicatorView {
        name: &indicator.name,
        slug: &indicator.slug,
        unit,
        url: site.url(Target::Figure(id)),
        chart: chart::line_chart(&chart_points, &label),
        sparkline: chart::sparkline(&values),
        points,
    }
}

/// The figures page: every indicator, and where the open data is.
#[derive(Serialize)]
pub(crate) struct FiguresView<'a> {
    pub indicators: Vec<IndicatorView<'a>>,
    pub csv_url: String,
    pub json_url: String,
}

pub(crate) fn figures_view(site: &Site) -> FiguresView<'_> {
    let url = site.url(Target::Figures);
    FiguresView {
        indicators: (0..site.figures.indicators.len())
            .map(|id| indicator_view(site, id))
            .collect(),
        csv_url: format!("{url}{}", crate::site::FIGURES_CSV),
        json_url: format!("{url}{}", crate::site::FIGURES_JSON),
    }
}
