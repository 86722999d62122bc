//! The import corpus: every document under `tests/fixtures/import/corpus/` is imported by the
//! real binary into a fresh site, and the result is held against `NAME.expected.yaml`: the
//! exact outline (parts, sections and their sub-headings), the title and year, every sentence
//! of the source kept in one output line, nothing of `absent` left, and the site builds.
//!
//! The key figures import proposes (a commented block in `_index.md`) must, uncommented, pass
//! `gazette check`; they are listed for inspection.
//!
//! It prints the figures per document and in total (run with `-- --nocapture` to see them):
//! `cargo test --test import_corpus -- --nocapture`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::import::uncomment_figures;
use common::{TestSite, gazette};
use serde::Deserialize;

/// `NAME.expected.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    title: String,
    year: i32,
    #[serde(default)]
    args: Vec<String>,
    outline: Vec<Entry>,
    /// Chrome and page artifacts that must be gone from every written file.
    #[serde(default)]
    absent: Vec<String>,
    /// A file of the body text, one sentence a line; without it a text document's sentences
    /// are taken from the document itself.
    sentences: Option<String>,
    /// Source lines that are page furniture but may stay once elsewhere (a running header
    /// that is also the title): left out when the sentences are taken from the document.
    #[serde(default)]
    furniture: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone)]
#[serde(deny_unknown_fields)]
struct Entry {
    part: Option<String>,
    section: Option<String>,
    #[serde(default)]
    headings: Vec<String>,
}

/// Front matter keys the outline needs.
#[derive(Debug, Deserialize)]
struct Front {
    title: String,
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    figures: Vec<Figure>,
}

/// A key figure import proposed.
#[derive(Debug, Deserialize)]
struct Figure {
    name: String,
    value: f64,
    #[serde(default)]
    unit: Option<String>,
}

/// What was counted for one document.
#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    parts: (usize, usize),
    sections: (usize, usize),
    headings: (usize, usize),
    /// Characters of the source's sentences found whole, and in all.
    text: (usize, usize),
    /// Key figures proposed.
    proposed: usize,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        for (a, b) in [
            (&mut self.parts, other.parts),
            (&mut self.sections, other.sections),
            (&mut self.headings, other.headings),
            (&mut self.text, other.text),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.proposed += other.proposed;
    }
}

fn corpus_dir() -> PathBuf {
    common::fixture("import/corpus")
}

/// Every document of the corpus with its expectations, by name.
fn documents() -> BTreeMap<String, (PathBuf, PathBuf)> {
    let mut found = BTreeMap::new();
    for entry in fs::read_dir(corpus_dir()).expect("the corpus folder exists") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".expected.yaml") || name.ends_with(".sentences.txt") {
            continue;
        }
        let stem = name.split('.').next().unwrap_or(name).to_string();
        let expected = corpus_dir().join(format!("{stem}.expected.yaml"));
        assert!(expected.exists(), "{name} has no {stem}.expected.yaml");
        assert!(
            found.insert(stem.clone(), (path, expected)).is_none(),
            "two documents named {stem}"
        );
    }
    found
}

#[test]
fn every_corpus_document_imports_as_expected() {
    let mut total = Figures::default();
    let mut failures = Vec::new();
    let docs = documents();
    let mut proposed = String::new();
    println!(
        "{:<34} {:>7} {:>9} {:>12} {:>8} {:>8}",
        "document", "parts", "sections", "sub-heads", "text", "figures"
    );
    for (name, (file, expected)) in &docs {
        let text = fs::read_to_string(expected).expect("readable expectations");
        let expected: Expected =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}.expected.yaml: {e}"));
        let (figures, problems) = check(file, &expected, &mut proposed);
        println!(
            "{name:<34} {:>7} {:>9} {:>12} {:>8} {:>8}",
            ratio(figures.parts),
            ratio(figures.sections),
            ratio(figures.headings),
            percent(figures.text),
            figures.proposed
        );
        total.add(&figures);
        failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    let exact = total.sections.0 + total.headings.0;
    let all = total.sections.1 + total.headings.1;
    println!(
        "{:<34} {:>7} {:>9} {:>12} {:>8} {:>8}",
        format!("total ({} documents)", docs.len()),
        ratio(total.parts),
        ratio(total.sections),
        ratio(total.headings),
        percent(total.text),
        total.proposed
    );
    println!(
        "sections and sub-headings found exactly: {}",
        percent((exact, all))
    );
    println!("key figures proposed (name: value unit):\n{proposed}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn ratio((found, all): (usize, usize)) -> String {
    format!("{found}/{all}")
}

fn percent((found, all): (usize, usize)) -> String {
    if all == 0 {
        return "-".into();
    }
    format!("{:.1}%", found as f64 * 100.0 / all as f64)
}

/// Imports one document into a fresh site and lists what differs from the expectations; the
/// key figures it proposes are added to `proposed`.
fn check(file: &Path, expected: &Expected, proposed: &mut String) -> (Figures, Vec<String>) {
    let mut problems = Vec::new();
    let site = TestSite::new();
    let root = site.root().to_str().expect("utf-8 temp path");
    let path = file.to_str().expect("utf-8 path");
    let mut args = vec!["import", path, "--root", root];
    args.extend(expected.args.iter().map(String::as_str));

    let mut dry = args.clone();
    dry.push("--dry-run");
    let dry_run = gazette(&dry);
    let run = gazette(&args);
    if !run.success {
        problems.push(format!("import failed: {}", run.stderr.trim()));
        return (Figures::default(), problems);
    }
    let folder = report_folder(site.root());
    let files = markdown_files(&folder);

    let index = &files[0];
    let front = front_matter(&index.1);
    if front.title != expected.title {
        problems.push(format!(
            "title {:?}, expected {:?}",
            front.title, expected.title
        ));
    }
    let year = front.date.as_deref().and_then(|d| d.get(..4)?.parse().ok());
    if year != Some(expected.year) {
        problems.push(format!("year {year:?}, expected {}", expected.year));
    }

    let outline = outline(&files[1..]);
    let mut figures = outline_figures(&expected.outline, &outline);
    if outline != expected.outline {
        problems.push(format!(
            "outline differs:\n{}",
            outline_diff(&expected.outline, &outline)
        ));
    }

    let written: String = files.iter().map(|(_, t)| t.as_str()).collect();
    let source = fs::read_to_string(file).ok();
    // Text formats list every line they removed; an HTML page drops whole menus unlisted.
    let plain = matches!(
        file.extension().and_then(|e| e.to_str()),
        Some("txt" | "md")
    );
    for gone in &expected.absent {
        if written.contains(gone.as_str()) {
            problems.push(format!("{gone:?} is still in the output"));
        }
        if let Some(source) = &source {
            if !source.contains(gone.as_str()) {
                problems.push(format!("{gone:?} of absent is not in the document"));
            } else if plain && !dry_run.stdout.contains(gone.as_str()) {
                problems.push(format!("--dry-run does not list the removed {gone:?}"));
            }
        }
    }

    let sentences = match &expected.sentences {
        Some(name) => fs::read_to_string(corpus_dir().join(name))
            .expect("the sentences file exists")
            .lines()
            .map(str::to_string)
            .filter(|l| !l.trim().is_empty())
            .collect(),
        None if plain => source
            .as_deref()
            .map(|s| sentences_of(s, expected))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let lines: Vec<String> = files
        .iter()
        .flat_map(|(_, text)| output_lines(text))
        .collect();
    for sentence in &sentences {
        let wanted = normalize(sentence);
        let size = wanted.chars().count();
        figures.text.1 += size;
        if lines.iter().any(|l| l.contains(&wanted)) {
            figures.text.0 += size;
        } else {
            problems.push(format!("sentence lost or split: {sentence:?}"));
        }
    }

    let build = site.build(&[]);
    if !build.success {
        problems.push(format!("the site does not build: {}", build.stderr.trim()));
    }

    // The proposed figures: none active as written; valid for `gazette check` uncommented.
    if !front.figures.is_empty() {
        problems.push("_index.md has active figures".into());
    }
    let uncommented = uncomment_figures(&index.1);
    fs::write(folder.join("_index.md"), &uncommented).expect("writable");
    let check = gazette(&["check", "--root", root]);
    if !check.success {
        problems.push(format!(
            "the proposed figures do not check: {}",
            check.stderr.trim()
        ));
    }
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    for figure in front_matter(&uncommented).figures {
        figures.proposed += 1;
        let unit = figure.unit.unwrap_or_default();
        proposed.push_str(&format!(
            "  {name}: {}: {} {unit}\n",
            figure.name, figure.value
        ));
    }
    (figures, problems)
}

/// The one report folder the import wrote.
fn report_folder(root: &Path) -> PathBuf {
    let mut found = Vec::new();
    for dir in walkdir::WalkDir::new(root.join("content")) {
        let dir = dir.expect("readable");
        if dir.file_name() == "_index.md" {
            found.push(dir.path().parent().expect("in a folder").to_path_buf());
        }
    }
    assert_eq!(found.len(), 1, "one report folder expected: {found:?}");
    found.remove(0)
}

/// `_index.md` first, then the section files in order, with their text.
fn markdown_files(folder: &Path) -> Vec<(String, String)> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort_by_key(|n| (n != "_index.md", n.clone()));
    names
        .into_iter()
        .map(|n| {
            let text = fs::read_to_string(folder.join(&n)).expect("readable file");
            (n, text)
        })
        .collect()
}

fn split_front(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    rest.split_once("\n---\n").expect("front matter end")
}

fn front_matter(text: &str) -> Front {
    serde_saphyr::from_str(split_front(text).0).expect("front matter is YAML")
}

/// The parts and sections of the written files, each section with its Markdown headings.
fn outline(sections: &[(String, String)]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut part = None;
    for (_, text) in sections {
        let front = front_matter(text);
        if front.part.is_some() && front.part != part {
            out.push(Entry {
                part: front.part.clone(),
                section: None,
                headings: Vec::new(),
            });
        }
        part = front.part;
        let headings = split_front(text)
            .1
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(str::to_string)
            .collect();
        out.push(Entry {
            part: None,
            section: Some(front.title),
            headings,
        });
    }
    out
}

/// Parts, sections and sub-headings of `expected` found in `actual`, in order: a section
/// counts when its title is found in the same part; its sub-headings count one by one.
fn outline_figures(expected: &[Entry], actual: &[Entry]) -> Figures {
    let mut figures = Figures::default();
    let place = |entries: &[Entry]| {
        let mut part = None;
        entries
            .iter()
            .map(|e| {
                if e.part.is_some() {
                    part = e.part.clone();
                }
                (part.clone(), e.clone())
            })
            .collect::<Vec<_>>()
    };
    let actual = place(actual);
    let mut from = 0;
    for (part, entry) in place(expected) {
        let is_part = entry.part.is_some();
        let found = actual[from..].iter().position(|(p, e)| {
            if is_part {
                e.part == entry.part
            } else {
                *p == part && e.section.is_some() && e.section == entry.section
            }
        });
        if let Some(i) = found {
            from += i + 1;
        }
        if is_part {
            figures.parts.1 += 1;
            figures.parts.0 += usize::from(found.is_some());
            continue;
        }
        figures.sections.1 += 1;
        figures.headings.1 += entry.headings.len();
        if found.is_some() {
            figures.sections.0 += 1;
            let mut got = actual[from - 1].1.headings.iter();
            figures.headings.0 += entry
                .headings
                .iter()
                .filter(|h| got.any(|g| g == *h))
                .count();
        }
    }
    figures
}

fn outline_diff(expected: &[Entry], actual: &[Entry]) -> String {
    let show = |e: &Entry| match (&e.part, &e.section) {
        (Some(p), _) => vec![format!("part: {p}")],
        (None, s) => std::iter::once(format!("  section: {}", s.as_deref().unwrap_or("")))
            .chain(e.headings.iter().map(|h| format!("    {h}")))
            .collect(),
    };
    let expected: Vec<String> = expected.iter().flat_map(show).collect();
    let actual: Vec<String> = actual.iter().flat_map(show).collect();
    let mut out = String::new();
    let n = expected.len().max(actual.len());
    for i in 0..n {
        let e = expected.get(i).map_or("", String::as_str);
        let a = actual.get(i).map_or("", String::as_str);
        let mark = if e == a { " " } else { "≠" };
        out.push_str(&format!("  {mark} expected {e:<40} got {a}\n"));
    }
    out
}

/// Every line of a written file, normalized, with the front matter's title and part as lines.
fn output_lines(text: &str) -> Vec<String> {
    let front = front_matter(text);
    [front.title, front.part.unwrap_or_default()]
        .iter()
        .map(String::as_str)
        .chain(split_front(text).1.lines())
        .map(normalize)
        .collect()
}

/// Text compared without spaces, Markdown escapes and heading marks: where a line was
/// wrapped and how Markdown needs it escaped is not what "kept" means.
fn normalize(text: &str) -> String {
    text.trim_start_matches(['#', ' '])
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect()
}

/// The sentences of a text document: its lines without chrome and page furniture, each cut
/// after sentence-final punctuation; the punctuation itself is left out (a heading drops its
/// final "。"), and a hyphen at a line end (a word cut by wrapping) too.
fn sentences_of(source: &str, expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        let line = line.trim();
        if expected.absent.iter().any(|a| line.contains(a.as_str()))
            || expected.furniture.iter().any(|f| line == f.trim())
        {
            continue;
        }
        let line = line.trim_start_matches('#').trim_end_matches('-');
        let mut sentence = String::new();
        let mut chars = line.chars().peekable();
        let mut previous = ' ';
        while let Some(c) = chars.next() {
            // A space between Chinese text separates pieces of a copied web page that may be
            // a heading and its text.
            let ends = matches!(c, '。' | '！' | '？' | '；')
                || matches!(c, '.' | '!' | '?' | ';')
                    && chars.peek().is_none_or(|n| n.is_whitespace())
                || c.is_whitespace()
                    && !previous.is_ascii()
                    && chars.peek().is_some_and(|n| !n.is_ascii());
            previous = c;
            if ends {
                push_sentence(&mut out, &sentence);
                sentence.clear();
            } else {
                sentence.push(c);
            }
        }
        push_sentence(&mut out, &sentence);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, sentence: &str) {
    let s = sentence.trim();
    if s.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
        out.push(s.to_string());
    }
}
