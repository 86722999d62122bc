//! Charts of a series as inline SVG, written by hand rather than with plotters (see the README,
//! "Key figures"): no fonts at build time, colours from the page's CSS through classes and
//! `currentColor` (so dark mode and print follow the theme), a link and a label on every point,
//! a `viewBox` that scales to any width, and a few hundred bytes per chart.

use std::fmt::Write as _;

use crate::escape::escape_html as escape;

/// One point of a chart, oldest first.
pub(crate) struct ChartPoint<'a> {
    pub value: f64,
    /// The label above the point: the value as the report writes it.
    pub label: &'a str,
    /// The label under the axis: the report's year.
    pub year: i32,
    /// Where the point links: its report.
    pub url: &'a str,
    /// The point's link's name, for screen readers and as a tooltip (an SVG `<title>`: an
    /// `aria-label` would have to repeat the visible labels word for word).
    pub description: &'a str,
}

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 200.0;
/// Room above the highest point for its label, and below the axis for the years.
const TOP: f64 = 30.0;
const BOTTOM: f64 = 30.0;
const SIDE: f64 = 36.0;

/// The heights of `values` in a box `height` tall: 0 (or the lowest value, when negative) at
/// the bottom, the highest value at the top; all at the middle when they are equal.
pub(crate) fn heights(values: &[f64], height: f64) -> Vec<f64> {
    let low = values.iter().copied().fold(0.0, f64::min);
    let high = values.iter().copied().fold(low, f64::max);
    values
        .iter()
        .map(|v| {
            if high > low {
                (v - low) / (high - low) * height
            } else {
                height / 2.0
            }
        })
        .collect()
}

/// The x of each of `n` points spread over `[start, end]`, centred when there is one.
fn spread(n: usize, start: f64, end: f64) -> Vec<f64> {
    if n < 2 {
        return vec![(start + end) / 2.0; n];
    }
    let step = (end - start) / (n - 1) as f64;
    (0..n).map(|i| start + step * i as f64).collect()
}

/// A line chart of `points` with each point labelled and linked; `label` names the chart.
pub(crate) fn line_chart(points: &[ChartPoint], label: &str) -> String {
    let plot = HEIGHT - TOP - BOTTOM;
    let base = HEIGHT - BOTTOM;
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let ys: Vec<f64> = heights(&values, plot).iter().map(|h| base - h).collect();
    let xs = spread(points.len(), SIDE, WIDTH - SIDE);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"group\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        escape(label)
    );
    let _ = writeln!(
        svg,
        "<line class=\"chart-axis\" x1=\"0\" y1=\"{base}\" x2=\"{WIDTH}\" y2=\"{base}\" stroke=\"currentColor\"/>"
    );
    if points.len() > 1 {
        svg.push_str(&polyline(&xs, &ys));
        svg.push('\n');
    }
    // Each point's link takes its whole column, so a finger or a click anywhere near it lands.
    let column = if points.len() > 1 {
        ((WIDTH - 2.0 * SIDE) / (points.len() - 1) as f64).min(2.0 * SIDE)
    } else {
        2.0 * SIDE
    };
    for ((point, x), y) in points.iter().zip(&xs).zip(&ys) {
        let (x, y) = (round(*x), round(*y));
        let _ = writeln!(
            svg,
            "<a class=\"chart-point\" href=\"{url}\"><title>{description}</title>\
             <rect x=\"{left}\" y=\"0\" width=\"{column}\" height=\"{HEIGHT}\" fill=\"transparent\"/>\
             <circle cx=\"{x}\" cy=\"{y}\" r=\"5\" fill=\"currentColor\"/>\
             <text class=\"chart-value\" x=\"{x}\" y=\"{label_y}\" text-anchor=\"middle\" fill=\"currentColor\">{label}</text>\
             <text class=\"chart-year\" x=\"{x}\" y=\"{year_y}\" text-anchor=\"middle\" fill=\"currentColor\">{year}</text></a>",
            url = escape(point.url),
            left = round(x - column / 2.0),
            column = round(column),
            description = escape(point.description),
            label_y = round(y - 11.0),
            label = escape(point.label),
            year_y = round(base + 20.0),
            year = point.year,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A small chart for the overview: the line and its points only, hidden from screen readers
/// (the overview's text says what it shows).
pub(crate) fn sparkline(values: &[f64]) -> String {
    const W: f64 = 120.0;
    const H: f64 = 40.0;
    let ys: Vec<f64> = heights(values, H - 10.0)
        .iter()
        .map(|h| H - 5.0 - h)
        .collect();
    let xs = spread(values.len(), 6.0, W - 6.0);
    let mut svg = format!(
        "<svg class=\"sparkline\" viewBox=\"0 0 {W} {H}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    svg.push_str(&polyline(&xs, &ys));
    for (x, y) in xs.iter().zip(&ys) {
        let _ = write!(
            svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"currentColor\"/>",
            round(*x),
            round(*y)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The line through the points, when there are two or more.
fn polyline(xs: &[f64], ys: &[f64]) -> String {
    if xs.len() < 2 {
        return String::new();
    }
    let points: Vec<String> = xs
        .iter()
        .zip(ys)
        .map(|(x, y)| format!("{},{}", round(*x), round(*y)))
        .collect();
    format!(
        "<polyline class=\"chart-line\" points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>",
        points.join(" ")
    )
}

/// A coordinate with one decimal: enough for a screen, short in the file.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point<'a>(value: f64, label: &'a str, year: i32) -> ChartPoint<'a> {
        ChartPoint {
            value,
            label,
            year,
            url: "/r/",
            description: label,
        }
    }

    #[test]
    fn heights_start_at_zero_and_reach_the_top_at_the_highest_value() {
        assert_eq!(heights(&[0.0, 50.0, 100.0], 10.0), vec![0.0, 5.0, 10.0]);
        assert_eq!(heights(&[-10.0, 10.0], 10.0), vec![0.0, 10.0]);
        assert_eq!(heights(&[3.0, 3.0], 10.0), vec![10.0, 10.0]);
        assert_eq!(heights(&[0.0, 0.0], 10.0), vec![5.0, 5.0]);
    }

    #[test]
    fn every_point_is_a_labelled_link_and_the_markup_is_well_formed() {
        let svg = line_chart(
            &[point(700.0, "700", 2012), point(862.0, "<862>", 2013)],
            "巾帼文明岗 & 示范",
        );
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), 2);
        let texts: Vec<_> = links[1]
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            texts,
            ["<862>", "<862>", "2013"],
            "the title, the value, the year"
        );
        assert_eq!(
            doc.root_element().attribute("aria-label"),
            Some("巾帼文明岗 & 示范")
        );
    }
}
