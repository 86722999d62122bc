//! `gazette new report` and `gazette new section`: report folders and numbered section files
//! with their front matter filled in, ready to write in.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{check_title, chinese_numeral, create_all};
use crate::config::Config;
use crate::date::Date;
use crate::front_matter::FrontMatter;
use crate::slug::{is_valid_segment, strip_order_prefix};

/// The most section files `new report` creates at once: numbered `01-` to `99-`.
pub(crate) const MAX_NEW_SECTIONS: u32 = 99;

#[derive(Debug, Clone)]
pub(crate) struct NewReport {
    pub root: PathBuf,
    pub year: i32,
    pub title: String,
    pub sections: u32,
    /// The folder name, which is the report's URL slug; default `<year>-report`.
    pub slug: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct NewSection {
    /// The report folder (the one holding `_index.md`).
    pub report: PathBuf,
    pub title: String,
    /// The file name after the `NN-` prefix; default `section-N`.
    pub slug: Option<String>,
}

/// Creates `content/reports/<slug>/` with `_index.md` and `sections` numbered section files.
pub(crate) fn new_report(options: &NewReport) -> Result<Vec<PathBuf>> {
    // The date written is the one the build will read back: refused here if it would refuse it.
    let Some(date) = Date::parse(&format!("{}-12-31", options.year)) else {
        bail!(
            "{} cannot be a report's year: write four digits, such as 2013",
            options.year
        );
    };
    check_title(&options.title)?;
    if options.sections > MAX_NEW_SECTIONS {
        bail!(
            "a new report has at most {MAX_NEW_SECTIONS} sections; add more with `gazette new section`"
        );
    }
    let config = Config::load(&options.root, None, None).map_err(|d| anyhow::anyhow!("{d}"))?;
    let slug = options
        .slug
        .clone()
        .unwrap_or_else(|| format!("{}-report", options.year));
    if !is_valid_segment(&slug) {
        bail!("`{slug}` cannot be a folder name in a URL; use letters, digits and `-`");
    }
    let folder = Path::new("content/reports").join(&slug);
    if config.root.join(&folder).exists() {
        bail!(
            "{} already exists; choose another --slug",
            config.root.join(&folder).display()
        );
    }
    let chinese = !config.language.to_ascii_lowercase().starts_with("en");
    let year = options.year;
    let (category, summary, part) = if chinese {
        (
            "工作总结",
            "（一句话概括本报告）",
            format!("{year}年工作回顾"),
        )
    } else {
        (
            "Work summary",
            "(one sentence about this report)",
            format!("Review of {year}"),
        )
    };
    let mut index = FrontMatter::new();
    index.text("title", &options.title, None);
    index.plain("date", date, None);
    if let Some(organization) = &config.organization {
        index.text("organization", organization, None);
    }
    index.text("category", category, None);
    index.text("summary", summary, None);
    let mut files = vec![(folder.join("_index.md"), index.finish())];
    for n in 1..=options.sections {
        let title = if chinese {
            format!("{}、（标题）", chinese_numeral(n))
        } else {
            format!("{n}. (title)")
        };
        let text = section_front(&title, i64::from(n), Some(&part));
        files.push((folder.join(format!("{n:02}-section-{n}.md")), text));
    }
    let files: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    create_all(&config.root, &files)
}

/// Adds a section after the last one of a report, in the same part.
pub(crate) fn new_section(options: &NewSection) -> Result<PathBuf> {
    check_title(&options.title)?;
    let report = &options.report;
    if !report.join("_index.md").is_file() {
        bail!(
            "{} is not a report folder: it has no _index.md",
            report.display()
        );
    }
    let mut last: Option<(i64, Option<String>)> = None;
    for entry in
        std::fs::read_dir(report).with_context(|| format!("cannot read {}", report.display()))?
    {
        let path = entry
            .with_context(|| format!("cannot read {}", report.display()))?
            .path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.ends_with(".md") || name == "_index.md" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let stem = name.trim_end_matches(".md");
        let weight = front_value(&text, "weight")
            .and_then(|w| w.parse().ok())
            .or(strip_order_prefix(stem).1);
        if let Some(weight) = weight
            && last.as_ref().is_none_or(|(w, _)| weight > *w)
        {
            let part = front_value(&text, "part");
            last = Some((weight, part.and_then(|p| serde_saphyr::from_str(&p).ok())));
        }
    }
    let (weight, part) = match last {
        Some((w, part)) => (w + 1, part),
        None => (1, None),
    };
    let slug = options
        .slug
        .clone()
        .unwrap_or_else(|| format!("section-{weight}"));
    if !is_valid_segment(&slug) {
        bail!("`{slug}` cannot be a file name in a URL; use letters, digits and `-`");
    }
    let text = section_front(&options.title, weight, part.as_deref());
    let rel = PathBuf::from(format!("{weight:02}-{slug}.md"));
    let written = create_all(report, &[(rel, text.into_bytes())])?;
    Ok(written.into_iter().next().unwrap_or_default())
}

/// A new section's front matter: an empty summary to fill in.
fn section_front(title: &str, weight: i64, part: Option<&str>) -> String {
    let mut out = FrontMatter::new();
    out.text("title", title, None);
    out.plain("weight", weight, None);
    if let Some(part) = part {
        out.text("part", part, None);
    }
    out.text("summary", "", None);
    out.finish()
}

/// The raw value of a top-level `key:` in a file's front matter, as written.
fn front_value(text: &str, key: &str) -> Option<String> {
    let block = text.strip_prefix("---\n")?.split("\n---").next()?;
    block.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?.trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_values_as_written() {
        let text = "---\ntitle: A\nweight: 7\npart: \"2013年工作回顾\"\n---\nweight: 9\n";
        assert_eq!(front_value(text, "weight").as_deref(), Some("7"));
        assert_eq!(
            front_value(text, "part").as_deref(),
            Some("\"2013年工作回顾\"")
        );
        assert_eq!(front_value(text, "summary"), None);
    }

    #[test]
    fn refuses_a_year_the_build_cannot_date() {
        for year in [0, 999, 10_000, -2013] {
            let options = NewReport {
                root: PathBuf::from("/nonexistent"),
                year,
                title: "总结".into(),
                sections: 1,
                slug: None,
            };
            let err = new_report(&options).unwrap_err().to_string();
            assert_eq!(
                err,
                format!("{year} cannot be a report's year: write four digits, such as 2013")
            );
        }
    }

    #[test]
    fn a_new_section_quotes_what_the_user_typed() {
        assert_eq!(
            section_front(r#"a: "b" #c"#, 3, Some("2013年工作回顾")),
            "---\ntitle: \"a: \\\"b\\\" #c\"\nweight: 3\npart: \"2013年工作回顾\"\nsummary: \"\"\n---\n"
        );
    }
}
