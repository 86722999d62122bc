//! `gazette import`: turn a report written elsewhere (plain text, Markdown, a saved web page, a
//! text PDF, Word .docx, or .doc/.wps/.odt through LibreOffice) into a report folder —
//! `_index.md` and one `NN-name.md` per section.
//!
//! The readers ([`text`], [`html`], [`pdf`], [`docx`], [`office`]) produce classified units;
//! [`document`] groups them into parts and sections; [`figures`] finds the numbers worth
//! proposing as key figures; this module infers what the front matter needs, plans every file
//! in memory, and only then writes (or, with `--dry-run`, only describes) them. Anything guessed
//! is marked in the files with a `# TODO: check` comment or a visible placeholder.

mod document;
mod docx;
mod figures;
mod files;
mod html;
mod input;
mod media;
mod office;
mod pdf;
#[cfg(test)]
mod proptests;
mod replace;
mod styled;
mod text;
mod tools;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context, Result, bail};
use regex::Regex;

use crate::date::Date;
use crate::slug;
use document::{Block, Document, Section, Warning};

pub(crate) use replace::Replacement;

/// What `gazette import` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct ImportOptions {
    pub file: PathBuf,
    pub year: Option<i32>,
    pub date: Option<Date>,
    pub slug: Option<String>,
    /// The folder the report folder is created in (`<root>/content/reports`).
    pub into: PathBuf,
    /// The site's `organization:`, used when the document does not name one.
    pub site_organization: Option<String>,
    pub dry_run: bool,
    pub force: bool,
}

/// What was found and what is (or would be) written.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub report_dir: PathBuf,
    /// The structure, one line per item, for the terminal.
    pub outline: String,
    pub files: Vec<PlannedFile>,
    pub warnings: Vec<Warning>,
    /// What was done to the file to read it ("converted from GBK …").
    pub notes: Vec<String>,
    /// What happens (or, with `--dry-run`, would happen) to the files of an existing folder.
    pub replacement: Replacement,
    /// The old folder, kept because it holds something of the user's the new one does not.
    pub backup: Option<PathBuf>,
    pub exists: bool,
}

#[derive(Debug)]
pub(crate) struct PlannedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads, plans and (unless `dry_run`) writes the report folder. Everything is read and
/// checked before the first file is written, and the folder is then replaced as a whole.
pub(crate) fn import(options: &ImportOptions) -> Result<Outcome> {
    let (doc, notes) = read_document(&options.file)?;
    let plan = plan(&doc, options)?;
    let report_dir = options.into.join(&plan.slug);
    let replacement = replace::survey(&report_dir, &plan.files)?;
    let exists = report_dir.exists();
    let mut outcome = Outcome {
        outline: plan.outline,
        files: plan.files,
        warnings: doc.warnings,
        notes,
        replacement,
        backup: None,
        exists,
        report_dir,
    };
    if options.dry_run {
        return Ok(outcome);
    }
    if exists && !options.force {
        bail!(
            "{} already exists; nothing was written (pass --force to replace it: files you added are kept, and what you changed is moved to a backup), or choose another --slug",
            outcome.report_dir.display()
        );
    }
    outcome.backup = replace::write(&outcome.report_dir, &outcome.files, &outcome.replacement)?;
    Ok(outcome)
}

/// Reads the file into the intermediate structure, refusing what is not a report; the notes
/// say what was done to read it.
fn read_document(path: &Path) -> Result<(Document, Vec<String>)> {
    let shown = path.display();
    let bytes = input::read_file(path)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("{shown} is empty: there is nothing to import");
    }
    let mut notes = Vec::new();
    let (units, warnings, media) = match extension.as_str() {
        "docx" => docx::read(&bytes)
            .with_context(|| format!("{shown} is not a Word document that can be read (.docx)"))?,
        "doc" | "wps" | "odt" => {
            let docx = office::to_docx(path).with_context(|| format!("cannot import {shown}"))?;
            docx::read(&docx).with_context(|| {
                format!("{shown} could not be read after LibreOffice converted it to .docx")
            })?
        }
        "html" | "htm" => {
            let folder = path.parent().unwrap_or(Path::new("."));
            let page = html::read(&bytes, folder)?;
            notes.extend(page.note);
            (page.units, page.warnings, page.media)
        }
        "pdf" => {
            if !bytes.starts_with(b"%PDF") {
                bail!("{shown} is not a PDF (it does not start with %PDF)");
            }
            let (units, warnings) =
                pdf::read(path).with_context(|| format!("cannot import {shown}"))?;
            (units, warnings, Vec::new())
        }
        "txt" | "text" | "md" | "markdown" => {
            let decoded = input::decode_text(&bytes, &shown.to_string())?;
            notes.extend(decoded.note);
            let (units, warnings) = text::read(&decoded.text, extension.starts_with('m'));
            (units, warnings, Vec::new())
        }
        _ => bail!(
            "{shown}: gazette imports .txt, .md, .docx, .doc, .wps, .odt, .pdf and .html files, not .{extension}"
        ),
    };
    let mut doc = Document::assemble(units, warnings);
    doc.media = media;
    if doc.title.is_none() {
        doc.warnings.push(Warning::new(
            1,
            "no title found (a short first line without a full stop); the file name is used",
        ));
    }
    if doc.parts.iter().all(|p| p.sections.is_empty()) {
        if doc.intro.is_empty() {
            bail!("{shown} has no text to import");
        }
        doc.warnings.push(Warning::new(
            1,
            "no section headings (一、, 第一章, 1.) found; the whole text becomes one section",
        ));
        let blocks = std::mem::take(&mut doc.intro);
        doc.parts = vec![document::Part {
            title: None,
            sections: vec![Section {
                title: doc.title.clone(),
                blocks,
                line: 1,
            }],
            line: 1,
        }];
    }
    Ok((doc, notes))
}

struct Plan {
    slug: String,
    outline: String,
    files: Vec<PlannedFile>,
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)").expect("valid"));

/// Every file of the report folder, in memory, and the outline of what was found.
fn plan(doc: &Document, options: &ImportOptions) -> Result<Plan> {
    let english = text::is_english(&all_text(doc));
    let words = if english {
        &files::ENGLISH
    } else {
        &files::CHINESE
    };
    let (date, date_note) = report_date(doc, options)?;
    let slug = match &options.slug {
        Some(s) if slug::is_valid_segment(s) => s.clone(),
        Some(s) => {
            bail!("--slug {s:?} cannot be a folder name in a URL (no spaces, slashes or ?#%)")
        }
        None => format!("{}-report", date.year),
    };
    let file_stem = options
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let mut planned = Vec::new();
    let mut outline = String::new();
    let title = doc.title.as_deref().unwrap_or("(none found)");
    writeln!(outline, "title: {title}")?;
    writeln!(outline, "date: {date}")?;
    writeln!(outline, "_index.md  introduction: {}", counts(&doc.intro))?;

    let mut names = files::FileNames::new(doc.sections().count());
    let mut current_part: Option<Option<&str>> = None;
    for (i, (part, section)) in doc.sections().enumerate() {
        let weight = i + 1;
        if current_part != Some(part) {
            if let Some(p) = part {
                writeln!(outline, "part: {p}")?;
            }
            current_part = Some(part);
        }
        let title = section.title.as_deref().unwrap_or(words.intro_title);
        let name = names.next(title);
        let untitled = if section.title.is_none() {
            " (untitled)"
        } else {
            ""
        };
        writeln!(
            outline,
            "  {name}  {title}{untitled} (line {}): {}",
            section.line,
            counts(&section.blocks)
        )?;
        for block in &section.blocks {
            if let Block::Heading { level, text } = block {
                let marks = "#".repeat(usize::from(*level));
                writeln!(outline, "      {marks} {text}")?;
            }
        }
        let text = files::section_file(section, title, weight, part);
        planned.push(PlannedFile {
            name,
            bytes: text.into_bytes(),
        });
    }
    let mut sources = vec![figures::Source {
        section: None,
        headings: [None, None],
        blocks: &doc.intro,
    }];
    for ((part, section), file) in doc.sections().zip(&planned) {
        sources.push(figures::Source {
            section: Some(&file.name),
            headings: [section.title.as_deref(), part],
            blocks: &section.blocks,
        });
    }
    let report = figures::Report {
        title: doc.title.as_deref(),
        year: date.year,
        english,
    };
    let proposals = figures::propose(&report, &sources);
    outline_figures(&mut outline, &proposals)?;
    let index = files::index_file(&files::ReportFront {
        title: doc.title.as_deref(),
        title_fallback: file_stem.as_deref().unwrap_or(words.todo),
        date,
        date_note: date_note.as_deref(),
        organization: options.site_organization.as_deref(),
        words,
        intro: &doc.intro,
        figures: &proposals.chosen,
    });
    planned.insert(
        0,
        PlannedFile {
            name: "_index.md".into(),
            bytes: index.into_bytes(),
        },
    );
    for media in &doc.media {
        writeln!(outline, "  {}  (image)", media.name)?;
        planned.push(PlannedFile {
            name: media.name.clone(),
            bytes: media.bytes.clone(),
        });
    }
    if !doc.removed.is_empty() {
        writeln!(outline, "removed (not part of the report):")?;
        for (line, text) in &doc.removed {
            writeln!(outline, "  line {line}: {text}")?;
        }
    }
    Ok(Plan {
        slug,
        outline,
        files: planned,
    })
}

/// The report's date: `--date`, else what the document says. The year is `--year`, else
/// the first year of the title ("2023年工作总结和2024年工作计划" is about 2023), else of a
/// date line (under the title, "发布日期：…" or a signature at the end), else of a part or
/// section heading, else of a paragraph that opens the report with it ("2019年，…"). The day
/// is that of a date line in the same year, else the 31st of December. The note says what
/// was guessed, for a `# TODO: check` comment.
fn report_date(doc: &Document, options: &ImportOptions) -> Result<(Date, Option<String>)> {
    if let Some(date) = options.date {
        return Ok((date, None));
    }
    let dated = date_line(doc);
    let in_year = |year: i32, from: String| match &dated {
        Some((date, line)) if date.year == year => {
            (*date, Some(format!("the date comes from \"{line}\"")))
        }
        _ => (
            Date {
                year,
                month: 12,
                day: 31,
            },
            Some(format!("{from}, the day is a guess")),
        ),
    };
    if let Some(year) = options.year {
        return Ok(in_year(year, "the year was given".into()));
    }
    let first_year = |text: &str| YEAR.captures(text).and_then(|c| c[1].parse::<i32>().ok());
    if let Some(title) = &doc.title
        && let Some(year) = first_year(title)
    {
        return Ok(in_year(year, "the year comes from the title".into()));
    }
    if let Some((date, line)) = dated {
        return Ok((date, Some(format!("the date comes from \"{line}\""))));
    }
    let headings = doc
        .parts
        .iter()
        .filter_map(|p| p.title.as_deref())
        .chain(doc.sections().filter_map(|(_, s)| s.title.as_deref()));
    let opening = doc.intro.iter().take(3).filter_map(|b| match b {
        Block::Paragraph(t) if OPENING_YEAR.is_match(t) => Some(t.as_str()),
        _ => None,
    });
    // Notes name where the year was found rather than copy the text: they become comments.
    let headings = headings.map(|t| (t, "a heading"));
    let opening = opening.map(|t| (t, "the opening lines"));
    for (text, place) in headings.chain(opening) {
        if let Some(year) = first_year(text) {
            return Ok(in_year(year, format!("the year comes from {place}")));
        }
    }
    bail!(
        "{}: cannot tell which year the report is about (no year in its title, headings or a date line); pass --year YYYY or --date YYYY-MM-DD",
        options.file.display()
    )
}

/// "2019年，…", "In 2019 …": a paragraph that names the report's year first.
static OPENING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:19|20)\d{2}\s*年(?:度|以来)?[，,]|In (?:19|20)\d{2},? )").expect("valid")
});

/// A date the document gives itself: a short line of the introduction ("（2021年6月13日）"),
/// the publication line of a copied web page ("发布日期：2024-01-15"), or a signature date
/// ending the report. Returns it with the text it was read from.
fn date_line(doc: &Document) -> Option<(Date, String)> {
    let short = |t: &&str| t.chars().count() <= 40;
    let intro = doc.intro.iter().take(4).filter_map(|b| match b {
        Block::Paragraph(t) => Some(t.as_str()),
        _ => None,
    });
    let published = doc.removed.iter().map(|(_, t)| t.as_str()).filter(|t| {
        ["发布", "發布", "發佈", "日期", "时间", "時間"]
            .iter()
            .any(|w| t.contains(w))
    });
    let last = doc.sections().last().and_then(|(_, s)| {
        s.blocks.iter().rev().take(2).find_map(|b| match b {
            Block::Paragraph(t) => Some(t.as_str()),
            _ => None,
        })
    });
    intro
        .filter(short)
        .chain(published)
        .chain(last.into_iter().filter(short))
        .find_map(|line| {
            let c = text::DATE.captures(line)?;
            let number = |i: usize, j: usize| c.get(i).or(c.get(j))?.as_str().parse::<u32>().ok();
            let text = format!("{}-{:02}-{:02}", &c[1], number(2, 4)?, number(3, 5)?);
            Some((Date::parse(&text)?, c[0].to_string()))
        })
}

/// The figures proposed, for the dry run: what the commented block in `_index.md` holds.
fn outline_figures(outline: &mut String, found: &figures::Proposals) -> std::fmt::Result {
    if found.chosen.is_empty() {
        return Ok(());
    }
    writeln!(
        outline,
        "figures proposed (a commented `# figures:` block in _index.md; check each, then remove the \"# \" to publish):"
    )?;
    for figure in &found.chosen {
        let unit = figure.unit.as_deref().unwrap_or("");
        let place = figure.section.as_deref().unwrap_or("_index.md");
        writeln!(
            outline,
            "  {}: {} {unit}  ({place})",
            figure.name, figure.value
        )?;
    }
    for (n, why) in [
        (
            found.same_name,
            "with a name already proposed (a name is one indicator)",
        ),
        (found.weak, "targets or too weak to propose"),
        (found.beyond, "beyond the strongest ones proposed"),
    ] {
        if n > 0 {
            writeln!(outline, "  (left out: {n} {why})")?;
        }
    }
    Ok(())
}

fn counts(blocks: &[Block]) -> String {
    let count = |f: fn(&Block) -> bool| blocks.iter().filter(|b| f(b)).count();
    let mut parts = vec![plural(
        count(|b| matches!(b, Block::Paragraph(_))),
        "paragraph",
    )];
    for (n, word) in [
        (count(|b| matches!(b, Block::Heading { .. })), "heading"),
        (count(|b| matches!(b, Block::Table(_))), "table"),
        (count(|b| matches!(b, Block::Image { .. })), "image"),
    ] {
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    parts.join(", ")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The document's words, to tell Chinese from English.
fn all_text(doc: &Document) -> String {
    let mut text = doc.title.clone().unwrap_or_default();
    let blocks = doc
        .intro
        .iter()
        .chain(doc.sections().flat_map(|(_, s)| s.blocks.iter()));
    for block in blocks {
        if let Block::Paragraph(t) | Block::Heading { text: t, .. } = block {
            text.push_str(t);
        }
    }
    for (_, section) in doc.sections() {
        text.push_str(section.title.as_deref().unwrap_or(""));
    }
    text
}
