//! Tables with a column (or a row) per year: the cells of the report's year.

use std::sync::LazyLock;

use regex::Regex;

use super::rules::{Clues, MAX_ENGLISH_NAME_CHARS, MAX_NAME_CHARS};
use super::{Candidate, NUMBER, Proposal, candidate, number, plain, unquoted};
use crate::import::input::one_line;

/// A year standing in a table's header or first column: "2013", "2013年", "2013年度".
static YEAR_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})\s*(?:年度?)?$").expect("valid"));

/// The cells of the report year's column (or row) of a table with a column (or row) per year,
/// named by their row's first words (or their column's header).
pub(super) fn read(rows: &[Vec<String>], year: i32, out: &mut Vec<Candidate>) {
    let Some(header) = rows.first() else { return };
    let is_year = |cell: &str| {
        YEAR_CELL
            .captures(plain(cell).trim())
            .and_then(|c| c[1].parse::<i32>().ok())
            == Some(year)
    };
    let unit_column = header.iter().position(|h| {
        let h = plain(h);
        h == "单位" || h == "單位" || h.eq_ignore_ascii_case("unit")
    });
    let mut cells: Vec<(&str, &str, Option<&str>)> = Vec::new();
    if let Some(column) = header.iter().position(|h| is_year(h)) {
        for row in &rows[1..] {
            // The label is the row's first words: a 序号 column before it is left aside.
            let label = row
                .iter()
                .take(column)
                .find(|c| plain(c).chars().any(char::is_alphabetic));
            if let (Some(label), Some(cell)) = (label, row.get(column)) {
                let unit = unit_column.and_then(|u| row.get(u)).map(String::as_str);
                cells.push((label, cell, unit));
            }
        }
    } else if let Some(row) = rows[1..]
        .iter()
        .find(|r| r.first().is_some_and(|c| is_year(c)))
    {
        for (label, cell) in header.iter().zip(row).skip(1) {
            cells.push((label, cell, None));
        }
    }
    for (label, cell, unit) in cells {
        if let Some(proposal) = table_cell(label, cell, unit) {
            let money = proposal.unit.as_deref().is_some_and(|u| u.ends_with('元'));
            out.push(Candidate {
                proposal,
                clues: Clues {
                    table: true,
                    money,
                    ..Clues::default()
                },
            });
        }
    }
}

/// One cell: a number, perhaps followed by its unit ("862个", "1.2万", "92%"); else the unit
/// comes from the table's unit column or the label's brackets ("贷款（万元）").
fn table_cell(label: &str, cell: &str, unit_column: Option<&str>) -> Option<Proposal> {
    static CELL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^({NUMBER})\s*([^\d\s]{{0,4}})$")).expect("valid"));
    static LABEL_UNIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[（(]([^）)]{1,6})[）)]\s*$").expect("valid"));
    let cell = plain(cell);
    let caps = CELL.captures(cell.trim())?;
    let value = number(&caps[1])?;
    let label = plain(label);
    let written = caps[2].trim();
    let unit = if !written.is_empty() {
        Some(written.replace('％', "%"))
    } else if let Some(u) = unit_column.map(plain).filter(|u| !u.trim().is_empty()) {
        Some(u)
    } else {
        LABEL_UNIT.captures(&label).map(|c| c[1].trim().to_string())
    };
    let name = one_line(&unquoted(&label));
    let english_words = name.split_whitespace().count() > 1;
    let limit = if english_words {
        MAX_ENGLISH_NAME_CHARS
    } else {
        MAX_NAME_CHARS
    };
    let fits = (2..=limit).contains(&name.chars().count());
    (fits && name.chars().any(char::is_alphabetic) && !YEAR_CELL.is_match(&name))
        .then(|| candidate(name, value, unit.map(|u| one_line(&u)), None))
}
