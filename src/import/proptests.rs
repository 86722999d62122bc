//! Property tests: whatever a document holds, what import writes is read back by gazette's
//! own loader, with the titles it meant. A small budget here; `PROPTEST_CASES=5000 cargo test
//! --lib import::proptests` runs longer.

use std::io::Write;
use std::path::Path;

use proptest::prelude::*;

use super::figures::Proposal;
use super::files::{self, ReportFront};
use super::input::one_line;
use super::{ImportOptions, import};
use crate::content::{self, Content, FigureValue};
use crate::date::Date;

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 48;
    }
    config
}

/// Text that mixes what reports hold with what breaks YAML, Markdown and file names.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("2013年工作回顾".to_string()),
        Just("一、".to_string()),
        Just("（一）".to_string()),
        Just("1.".to_string()),
        Just("。".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{b}".to_string()),
        Just("\u{c}".to_string()),
        Just("\u{0}".to_string()),
        Just("draft: true #".to_string()),
        Just("---".to_string()),
        Just("\"'\\".to_string()),
        Just("# ".to_string()),
        Just("![x](../_index.md)".to_string()),
        Just("\u{2028}\u{85}\u{feff}".to_string()),
        Just("举办招聘会86场".to_string()),
        Just("帮助13170名妇女实现就业，".to_string()),
        Just("发放贷款1.2万元、".to_string()),
        Just("办结率为100%".to_string()),
        Just("trained 1,200 women".to_string()),
        Just("：".to_string()),
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

/// Imports `file` into `root/content/reports` and loads the content folder.
fn import_and_load(root: &Path, file: &Path) -> Option<Content> {
    let options = ImportOptions {
        file: file.to_path_buf(),
        year: Some(2013),
        date: None,
        slug: None,
        into: root.join("content/reports"),
        site_organization: Some("org\r#x".into()),
        dry_run: false,
        force: true,
    };
    // Refusing a document ("no text to import") is fine; writing what cannot be read is not.
    import(&options).ok()?;
    match content::load(&root.join("content"), root) {
        Ok(content) => Some(content),
        Err(e) => panic!("import wrote what gazette cannot read: {e:?}"),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn imported_text_reads_back(text in hostile_text()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("report.txt");
        std::fs::write(&file, &text).expect("write");
        if let Some(content) = import_and_load(dir.path(), &file) {
            prop_assert_eq!(content.reports.len(), 1);
            prop_assert!(content.reports[0].doc.front.figures.is_empty());
            for section in &content.sections {
                prop_assert!(!section.doc.front.draft);
                prop_assert!(section.doc.front.title.chars().all(|c| !c.is_control()));
            }
            // The proposed figures, uncommented, are figures gazette accepts.
            let index = content.reports[0].doc.source.clone();
            let path = dir.path().join("content").join(index);
            let text = std::fs::read_to_string(&path).expect("written");
            std::fs::write(&path, uncomment(&text)).expect("write");
            let content = content::load(&dir.path().join("content"), dir.path())
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let figures = &content.reports[0].doc.front.figures;
            let mut names = std::collections::HashSet::new();
            for figure in figures {
                prop_assert!(names.insert(figure.name.value.clone()), "a name given twice");
                prop_assert!(matches!(figure.value.as_ref().map(|v| &v.value), Some(FigureValue::Number(_))));
                if let Some(section) = &figure.section {
                    prop_assert!(path.with_file_name(&section.value).is_file());
                }
            }
        }
    }

    #[test]
    fn proposed_figures_stay_comments_until_uncommented(
        figures in prop::collection::vec(
            (hostile_text(), "[1-9][0-9]{0,8}(\\.[0-9]{1,3})?", hostile_text(), hostile_text()),
            1..5,
        ),
    ) {
        let proposals: Vec<Proposal> = figures
            .iter()
            .map(|(name, value, unit, note)| Proposal {
                name: name.clone(),
                value: value.clone(),
                unit: Some(unit.clone()),
                section: Some(note.clone()),
                note: Some(note.clone()),
            })
            .collect();
        let text = files::index_file(&ReportFront {
            title: Some("报告"),
            title_fallback: "report",
            date: Date { year: 2013, month: 12, day: 31 },
            date_note: None,
            organization: None,
            words: &files::CHINESE,
            intro: &[],
            figures: &proposals,
        });
        let front = |text: &str| -> Result<content::ReportFront, String> {
            let inner = text
                .strip_prefix("---\n")
                .and_then(|t| t.split_once("\n---\n"))
                .map(|(front, _)| front)
                .ok_or("no front matter")?;
            serde_saphyr::from_str(inner).map_err(|e| e.to_string())
        };
        let commented = front(&text).map_err(TestCaseError::fail)?;
        prop_assert!(commented.figures.is_empty());
        let uncommented = front(&uncomment(&text)).map_err(TestCaseError::fail)?;
        prop_assert_eq!(uncommented.figures.len(), proposals.len());
        for (figure, proposal) in uncommented.figures.iter().zip(&proposals) {
            prop_assert_eq!(&figure.name.value, &one_line(&proposal.name));
            let value: f64 = proposal.value.parse().expect("a number");
            prop_assert_eq!(figure.value.as_ref().map(|v| &v.value), Some(&FigureValue::Number(value)));
            prop_assert_eq!(figure.note.clone(), Some(one_line(&proposal.note.clone().unwrap_or_default())).filter(|n| !n.trim().is_empty()));
        }
    }

    #[test]
    fn word_paragraphs_read_back_with_their_titles(
        title in hostile_text(),
        sections in prop::collection::vec(hostile_text(), 1..4),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("report.docx");
        write_docx(&file, &title, &sections);
        if let Some(content) = import_and_load(dir.path(), &file) {
            prop_assert_eq!(content.reports.len(), 1);
            let report = &content.reports[0].doc.front;
            prop_assert!(!report.draft);
            prop_assert_eq!(report.organization.as_deref(), Some("org #x"));
            let expected = one_line(&title);
            if !expected.is_empty() && report.title != "report" {
                prop_assert_eq!(&report.title, &expected);
            }
        }
    }
}

/// `_index.md` with its figures block uncommented, as a user would: the "# " that starts a
/// line of the front matter removed.
fn uncomment(text: &str) -> String {
    let mut in_front = false;
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line == "---\n" {
            in_front = i == 0;
        }
        out.push_str(if in_front {
            line.strip_prefix("# ").unwrap_or(line)
        } else {
            line
        });
    }
    out
}

/// A .docx with a Title paragraph and one Heading 1 per section, each followed by text.
fn write_docx(path: &Path, title: &str, sections: &[String]) {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\r', "&#13;")
    };
    let paragraph = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(text)
        )
    };
    let mut body = paragraph("Title", title);
    for (i, section) in sections.iter().enumerate() {
        body.push_str(&paragraph("Heading1", section));
        body.push_str(&paragraph("Normal", &format!("第{i}段。")));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for (name, xml) in [
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", styles),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(xml.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}
