//! The figures as open data: `figures.csv` (UTF-8 with a byte-order mark, so Excel opens
//! Chinese text correctly) and `figures.json`, the same rows in both: one per report and
//! indicator, newest report first, each report's figures in its order.

use std::path::PathBuf;

use serde::Serialize;

use super::views::display;
use crate::site::{FIGURES_CSV, FIGURES_JSON, ReportId, Site, Target, routes};

/// The columns of the CSV, and the keys of each JSON row.
const COLUMNS: [&str; 9] = [
    "year",
    "report",
    "date",
    "organization",
    "indicator",
    "value",
    "unit",
    "note",
    "url",
];

#[derive(Serialize)]
struct Row<'a> {
    year: i32,
    report: &'a str,
    date: String,
    organization: Option<&'a str>,
    indicator: &'a str,
    value: f64,
    unit: Option<&'a str>,
    note: Option<&'a str>,
    /// Where the figure is reported: its section's page, else its report's (absolute).
    url: String,
}

fn rows(site: &Site) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for (id, report) in ReportId::enumerate(&site.reports) {
        for &figure in &site.figures.by_report[id] {
            let (indicator, point) = site.figures.point(figure);
            let page = point.section.map_or(Target::Report(id), Target::Section);
            rows.push(Row {
                year: report.year,
                report: &report.doc.front.title,
                date: report.doc.front.date.to_string(),
                organization: report.doc.front.organization.as_deref(),
                indicator: &indicator.name,
                value: point.value,
                unit: indicator.unit.as_deref(),
                note: point.note.as_deref(),
                url: site.config.permalink(site.url(page)),
            });
        }
    }
    rows
}

/// The paths of the two files under the output root, beside the figures page; none when no
/// report has figures.
pub(crate) fn files(site: &Site) -> Vec<PathBuf> {
    let Some(url) = site.figures_url() else {
        return Vec::new();
    };
    [FIGURES_CSV, FIGURES_JSON]
        .map(|file| routes::output_of(&site.config.base_path, &format!("{url}{file}")))
        .into()
}

/// The two files with their paths under the output root; none when no report has figures.
pub(crate) fn generate(site: &Site) -> Vec<(PathBuf, Vec<u8>)> {
    let [csv_path, json_path]: [PathBuf; 2] = match files(site).try_into() {
        Ok(paths) => paths,
        Err(_) => return Vec::new(),
    };
    let rows = rows(site);
    let json = serde_json::json!({ "columns": COLUMNS, "figures": rows });
    let json = serde_json::to_vec_pretty(&json).unwrap_or_default();
    vec![(csv_path, csv(&rows)), (json_path, json)]
}

fn csv(rows: &[Row]) -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    text.push_str(&COLUMNS.join(","));
    text.push_str("\r\n");
    for row in rows {
        let fields = [
            row.year.to_string(),
            row.report.to_string(),
            row.date.clone(),
            row.organization.unwrap_or("").to_string(),
            row.indicator.to_string(),
            display(row.value),
            row.unit.unwrap_or("").to_string(),
            row.note.unwrap_or("").to_string(),
            row.url.clone(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        text.push_str(&quoted.join(","));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        assert_eq!(quote("862"), "862");
        assert_eq!(quote("保留726个,撤销113个"), "\"保留726个,撤销113个\"");
        assert_eq!(quote("“巾帼\"岗\""), "\"“巾帼\"\"岗\"\"\"");
        assert_eq!(quote("a\nb"), "\"a\nb\"");
    }
}
