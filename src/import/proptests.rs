//! Property tests: whatever a document holds, what import writes is read back by gazette's
//! own loader, with the titles it meant. A small budget here; `PROPTEST_CASES=5000 cargo test
//! --lib import::proptests` runs longer.

use std::io::Write;
use std::path::Path;

use proptest::prelude::*;

use super::input::one_line;
use super::{ImportOptions, import};
use crate::content::{self, Content};

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
            for section in &content.sections {
                prop_assert!(!section.doc.front.draft);
                prop_assert!(section.doc.front.title.chars().all(|c| !c.is_control()));
            }
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
