//! For the import tests: running `gazette import` into a test site, reading what it wrote,
//! and Word documents written part by part with the `zip` crate as Word lays them out.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use super::{Run, TestSite, gazette};

/// Runs `gazette import <file> --root <site> <args>`.
pub(crate) fn import(site: &TestSite, file: &Path, args: &[&str]) -> Run {
    let root = site.root().to_str().expect("utf-8 temp path");
    let file = file.to_str().expect("utf-8 path");
    let mut all = vec!["import", file, "--root", root];
    all.extend_from_slice(args);
    gazette(&all)
}

#[track_caller]
pub(crate) fn import_ok(site: &TestSite, file: &Path, args: &[&str]) -> Run {
    let run = import(site, file, args);
    assert!(run.success, "import failed:\n{}", run.stderr);
    run
}

#[track_caller]
pub(crate) fn import_fails(site: &TestSite, file: &Path, args: &[&str], message: &str) -> Run {
    let run = import(site, file, args);
    assert!(!run.success, "import of {} succeeded", file.display());
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(message),
        "{message:?} not in {}",
        run.stderr
    );
    run
}

pub(crate) fn read(site: &TestSite, rel: &str) -> String {
    fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// The report folder's files, sorted, without the hidden record of what import wrote.
pub(crate) fn files(site: &TestSite, report: &str) -> Vec<String> {
    let dir = site.root().join("content/reports").join(report);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no folder {}: {e}", dir.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Every file under `dir` (hidden ones too) with its bytes, to compare before and after.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            (
                rel.to_string_lossy().into_owned(),
                fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// The value of `key:` in a file's front matter, unquoted.
pub(crate) fn front(text: &str, key: &str) -> Option<String> {
    let block = text.strip_prefix("---\n")?.split("\n---\n").next()?;
    block.lines().find_map(|line| {
        let value = line.strip_prefix(&format!("{key}: "))?;
        let value = value.split("  # ").next().unwrap_or(value).trim();
        Some(value.trim_matches('"').to_string())
    })
}

/// A .docx at `path` holding `parts` (name inside the archive, bytes).
pub(crate) fn write_docx(path: &Path, parts: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("create docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("start file");
        zip.write_all(bytes).expect("write file");
    }
    zip.finish().expect("finish docx");
}

/// `word/document.xml` around `body` (paragraphs and tables).
pub(crate) fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// `word/_rels/document.xml.rels` with image relationships (id, target).
pub(crate) fn rels_xml(images: &[(&str, &str)]) -> String {
    let rels: String = images
        .iter()
        .map(|(id, target)| {
            format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"/>"#
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    )
}

/// A paragraph of style `style` holding `runs`.
pub(crate) fn paragraph(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

/// A run of text (already XML: `&amp;`, `&#13;` stay as written).
pub(crate) fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A run holding the picture of relationship `id`.
pub(crate) fn image_run(id: &str, descr: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="{descr}"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="{id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

/// `_index.md` with its proposed figures uncommented as a user would: the "# " that starts a
/// line of the front matter removed.
pub(crate) fn uncomment_figures(text: &str) -> String {
    let mut in_front = false;
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line == "---\n" {
            in_front = i == 0;
        }
        out.push_str(match line.strip_prefix("# ") {
            Some(rest) if in_front => rest,
            _ => line,
        });
    }
    out
}

/// The rows of a built site's `figures/figures.csv` as (indicator, value, unit, note, url).
pub(crate) fn figures_csv(site: &TestSite) -> Vec<[String; 5]> {
    let bytes = fs::read(site.output("figures/figures.csv")).expect("figures.csv is written");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV row");
            [4, 5, 6, 7, 8].map(|i| r.get(i).unwrap_or("").to_string())
        })
        .collect()
}
