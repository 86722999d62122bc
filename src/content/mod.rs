//! Loading a site's `content/` folder: walk it in a stable order, sort each file into its role
//! (home, report, section, page, asset), and parse front matter. Every problem found is
//! collected so one run reports them all.

mod figures;
mod front_matter;
mod text;
mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::{self, Schema};

pub use figures::{FigureFront, FigureValue};
pub use text::decode_text;
use text::read_text;
pub use walk::{is_ignored_file, list_files};

/// Free-form data from `extra:`, handed to templates as it is.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// `content/_index.md`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeFront {
    /// The home page's heading; the site's title when absent.
    pub title: Option<String>,
    /// The site's description for search engines and link previews.
    #[serde(default, deserialize_with = "non_blank")]
    pub summary: Option<String>,
    /// Free data for the home template.
    #[serde(default)]
    pub extra: Extra,
}

/// A report's `_index.md`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    /// The report's title as published ("2013年工作总结").
    pub title: String,
    /// The report's date: its year files it in the archive, and it orders reports.
    pub date: Date,
    /// Who issued the report, when not the site's organization.
    #[serde(default, deserialize_with = "non_blank")]
    pub organization: Option<String>,
    /// A kind of report (工作总结, 工作计划) that search filters by.
    #[serde(default, deserialize_with = "non_blank")]
    pub category: Option<String>,
    /// A sentence or two for the report's card, description and feed.
    #[serde(default, deserialize_with = "non_blank")]
    pub summary: Option<String>,
    /// The report's URL segment, instead of its folder name.
    pub slug: Option<String>,
    /// Left out of a build without `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The language of its text when not the site's (`en` in a Chinese site): its pages'
    /// `lang` and UI words.
    #[serde(default, deserialize_with = "non_blank")]
    pub language: Option<String>,
    /// The report's key numbers (see [`crate::figures`]).
    #[serde(default)]
    pub figures: Vec<FigureFront>,
    /// Free data for templates (`extra` of the report).
    #[serde(default)]
    pub extra: Extra,
}

/// One section of a report: `NN-name.md` beside the report's `_index.md`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    /// The section's heading as published ("二、……").
    pub title: String,
    /// Order in the report; defaults to the file name's `NN-` prefix.
    pub weight: Option<i64>,
    /// The part of the report the section belongs to ("2013年工作回顾").
    #[serde(default, deserialize_with = "non_blank")]
    pub part: Option<String>,
    /// The year the section's part plans or reviews, when its title does not say
    /// ("主要任务" of the 2013 report: `year: 2014`).
    pub year: Option<i32>,
    /// A sentence for the report's contents, the description and search results.
    #[serde(default, deserialize_with = "non_blank")]
    pub summary: Option<String>,
    /// The section's URL segment, instead of its file name without `NN-`.
    pub slug: Option<String>,
    /// Left out of a build without `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The language of its text when not the site's (`en` in a Chinese site): its pages'
    /// `lang` and UI words.
    #[serde(default, deserialize_with = "non_blank")]
    pub language: Option<String>,
    /// Key numbers the section reports; they belong to its report.
    #[serde(default)]
    pub figures: Vec<FigureFront>,
    /// Free data for templates (`extra` of the section).
    #[serde(default)]
    pub extra: Extra,
}

/// A standalone page such as `pages/about.md`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// The page's heading and menu name.
    pub title: String,
    /// A sentence for the description and search results.
    #[serde(default, deserialize_with = "non_blank")]
    pub summary: Option<String>,
    /// The page's URL segment, instead of its file name.
    pub slug: Option<String>,
    /// Left out of a build without `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The language of its text when not the site's (`en` in a Chinese site): its pages'
    /// `lang` and UI words.
    #[serde(default, deserialize_with = "non_blank")]
    pub language: Option<String>,
    /// Free data for templates (`extra` of the page).
    #[serde(default)]
    pub extra: Extra,
}

/// An optional text left empty (`summary: ""`, as `gazette new` writes it) counts as absent.
fn non_blank<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text: Option<String> = Option::deserialize(deserializer)?;
    Ok(text.filter(|t| !t.trim().is_empty()))
}

/// The keys each kind of file accepts, and what messages call it ("the section's title").
const HOME: Schema = Schema::new("home page", &["title", "summary", "extra"]);
const REPORT: Schema = Schema::new(
    "report",
    &[
        "title",
        "date",
        "organization",
        "category",
        "summary",
        "slug",
        "draft",
        "language",
        "figures",
        "extra",
    ],
);
const SECTION: Schema = Schema::new(
    "section",
    &[
        "title", "weight", "part", "year", "summary", "slug", "draft", "language", "figures",
        "extra",
    ],
);
const PAGE: Schema = Schema::new(
    "page",
    &["title", "summary", "slug", "draft", "language", "extra"],
);

/// A Markdown file with its parsed front matter. Its text is kept apart (see [`Source`]):
/// the model holds documents, and the texts sit in a table a one-shot build drops.
#[derive(Debug, Clone)]
pub struct Document<F> {
    /// Path relative to `content/`, with `/` separators: the key links resolve to.
    pub source: PathBuf,
    /// The front matter, checked against its kind's keys.
    pub front: F,
    /// Where the body starts in the file's text.
    pub body_offset: usize,
    /// 1-based line of the file where the body starts, so Markdown errors give file lines.
    pub body_line: usize,
    /// When the file last changed: the `lastmod` of its page in the sitemap.
    pub modified: Option<SystemTime>,
}

impl<F> Document<F> {
    /// The body in `text`, the file's text.
    pub fn body<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.body_offset..).unwrap_or("")
    }

    /// Where `key:` stands in `text`, the file's text, for errors about its value.
    pub fn key_position(&self, text: &str, key: &str) -> Option<(usize, usize)> {
        let end = self.body_offset.min(text.len());
        let start = text.find('\n').map_or(0, |i| i + 1).min(end);
        yaml::key_line(&text[start..end], key, 1)
    }
}

/// A loaded document with its file's text.
#[derive(Debug, Clone)]
pub struct Source<F> {
    /// The parsed document.
    pub doc: Document<F>,
    /// The whole file, front matter included: Markdown and error positions read it.
    pub text: String,
}

/// Everything under `content/`, sorted into roles, in walk order (sorted by path).
#[derive(Debug, Default)]
pub struct Content {
    /// `content/_index.md`, when the site has one.
    pub home: Option<Source<HomeFront>>,
    /// Every folder's `_index.md` with a report's front matter.
    pub reports: Vec<Source<ReportFront>>,
    /// The Markdown files beside a report's `_index.md`.
    pub sections: Vec<Source<SectionFront>>,
    /// Markdown files outside any report, such as `pages/about.md`.
    pub pages: Vec<Source<PageFront>>,
    /// Every other file, relative to `content/`: copied to the output, linkable from Markdown.
    pub assets: Vec<PathBuf>,
}

/// What a file under `content/` is, decided by where it is.
#[derive(Debug, PartialEq, Eq)]
enum Role {
    Home,
    Report,
    Section,
    Page,
    Asset,
    /// A Markdown file in a folder that has no `_index.md`.
    Orphan,
}

/// Loads `content_dir`; `shown_root` is what paths in messages are relative to (the site root).
pub fn load(content_dir: &Path, shown_root: &Path) -> Result<Content, Diagnostics> {
    let mut errors = Diagnostics::default();
    if !content_dir.is_dir() {
        let shown = crate::diagnostics::display_path(shown_root, content_dir);
        return Err(
            Diagnostic::new(shown, "cannot read the content folder: no such folder").into(),
        );
    }
    let files = walk::list_files(content_dir, shown_root, false)?;
    let report_dirs: std::collections::HashSet<&Path> = files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "_index.md"))
        .filter_map(|p| p.parent())
        .filter(|dir| !dir.as_os_str().is_empty() && !dir.starts_with("pages"))
        .collect();
    // Reading and parsing is most of the cost of loading: done in parallel, kept in walk order.
    let loaded: Vec<Loaded> = files
        .par_iter()
        .map(|rel| load_file(content_dir, shown_root, rel, role_of(rel, &report_dirs)))
        .collect();
    let mut content = Content::default();
    for file in loaded {
        match file {
            Loaded::Home(doc) => content.home = Some(doc),
            Loaded::Report(doc) => content.reports.push(doc),
            Loaded::Section(doc) => content.sections.push(doc),
            Loaded::Page(doc) => content.pages.push(doc),
            Loaded::Asset(rel) => content.assets.push(rel),
            Loaded::Failed(e) => errors.push(e),
        }
    }
    errors.into_result(content)
}

/// Reads one section file again (after an edit), as the full load would.
pub fn load_section(
    content_dir: &Path,
    shown_root: &Path,
    rel: &Path,
) -> Result<Source<SectionFront>, Diagnostic> {
    match load_file(content_dir, shown_root, rel, Role::Section) {
        Loaded::Section(doc) => Ok(doc),
        Loaded::Failed(e) => Err(e),
        _ => unreachable!("a file loaded as a section is a section or an error"),
    }
}

/// One file of `content/`, read and parsed for its role.
enum Loaded {
    Home(Source<HomeFront>),
    Report(Source<ReportFront>),
    Section(Source<SectionFront>),
    Page(Source<PageFront>),
    Asset(PathBuf),
    Failed(Diagnostic),
}

fn load_file(content_dir: &Path, shown_root: &Path, rel: &Path, role: Role) -> Loaded {
    if role == Role::Asset {
        return Loaded::Asset(rel.to_path_buf());
    }
    let path = content_dir.join(rel);
    let shown = crate::diagnostics::display_path(shown_root, &path);
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let text = match read_text(&path, &shown) {
        Ok(text) => text,
        Err(e) => return Loaded::Failed(e),
    };
    let result = match role {
        Role::Home => parse(rel, text, modified, &shown, &HOME).map(Loaded::Home),
        Role::Report => parse(rel, text, modified, &shown, &REPORT).map(Loaded::Report),
        Role::Section => parse(rel, text, modified, &shown, &SECTION).map(Loaded::Section),
        Role::Page => parse(rel, text, modified, &shown, &PAGE).map(Loaded::Page),
        Role::Orphan => Err(Diagnostic::new(
            &shown,
            "this section is in a folder without `_index.md`, so it belongs to no report",
        )
        .with_hint("add an `_index.md` with the report's `title:` and `date:` to the folder")),
        Role::Asset => unreachable!("assets return above"),
    };
    result.unwrap_or_else(Loaded::Failed)
}

fn role_of(rel: &Path, report_dirs: &std::collections::HashSet<&Path>) -> Role {
    let is_markdown = rel.extension().is_some_and(|e| e == "md");
    if !is_markdown {
        return Role::Asset;
    }
    let parent = rel.parent().unwrap_or(Path::new(""));
    let is_index = rel.file_name().is_some_and(|n| n == "_index.md");
    if parent.as_os_str().is_empty() {
        return if is_index { Role::Home } else { Role::Page };
    }
    if rel.starts_with("pages") && !is_index {
        return Role::Page;
    }
    if is_index && report_dirs.contains(parent) {
        Role::Report
    } else if report_dirs.contains(parent) {
        Role::Section
    } else {
        Role::Orphan
    }
}

fn parse<F: DeserializeOwned>(
    rel: &Path,
    text: String,
    modified: Option<SystemTime>,
    shown: &Path,
    schema: &Schema,
) -> Result<Source<F>, Diagnostic> {
    let split = front_matter::split(&text, shown)?;
    let front = yaml::parse(split.yaml, shown, &text, 1, schema)?;
    let body_offset = text.len() - split.body.len();
    let body_line = split.body_line;
    let doc = Document {
        source: rel.to_path_buf(),
        front,
        body_offset,
        body_line,
        modified,
    };
    Ok(Source { doc, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields serde names when it refuses an unknown key of `F`, in declaration order.
    fn fields_of<F: DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
        let error = serde_saphyr::from_str::<F>("zz_unknown: 1\n").unwrap_err();
        let message = error.to_string();
        let expected = message.split("expected ").nth(1).unwrap_or("");
        let expected = expected.lines().next().unwrap_or("");
        let expected = expected.trim_start_matches("one of ");
        expected
            .split([',', ' '])
            .filter(|w| !w.is_empty() && *w != "or")
            .map(|w| w.trim_matches('`').to_string())
            .collect()
    }

    /// The "did you mean" key lists are the serde structs' fields: a field added to a struct
    /// without its list fails here.
    #[test]
    fn key_lists_match_the_front_matter_structs() {
        assert_eq!(fields_of::<HomeFront>(), HOME.keys);
        assert_eq!(fields_of::<ReportFront>(), REPORT.keys);
        assert_eq!(fields_of::<SectionFront>(), SECTION.keys);
        assert_eq!(fields_of::<PageFront>(), PAGE.keys);
    }

    #[test]
    fn roles_follow_the_folder_layout() {
        let dirs: std::collections::HashSet<&Path> = [Path::new("2013/report")].into();
        let role = |p: &str| role_of(Path::new(p), &dirs);
        assert_eq!(role("_index.md"), Role::Home);
        assert_eq!(role("pages/about.md"), Role::Page);
        assert_eq!(role("2013/report/_index.md"), Role::Report);
        assert_eq!(role("2013/report/01-review.md"), Role::Section);
        assert_eq!(role("2013/report/chart.png"), Role::Asset);
        assert_eq!(role("2013/loose/01-a.md"), Role::Orphan);
    }
}
