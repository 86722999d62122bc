//! Import of text and Word documents: never a panic; every sentence of the input is in the
//! files written; what import wrote loads again as content.

use std::io::Write;

use proptest::prelude::*;

use super::{config, sentences};
use crate::import::{ImportOptions, import};
use crate::scaffold::chinese_numeral;

/// A report as lines: a title, then numbered sections of paragraphs.
fn report() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    proptest::collection::vec(
        (sentences(3), proptest::collection::vec(sentences(4), 1..4)),
        1..5,
    )
    .prop_map(|sections| {
        let mut lines = vec!["2013年妇联工作总结".to_string()];
        let mut said = Vec::new();
        for (n, (heading, paragraphs)) in (1..).zip(sections) {
            let heading = heading.concat().replace('。', "");
            lines.push(format!("{}、{heading}", chinese_numeral(n)));
            for paragraph in paragraphs {
                lines.push(paragraph.concat());
                said.extend(paragraph);
            }
        }
        (lines, said)
    })
}

/// Imports `name` (holding `bytes`) into a fresh site; the text of every file written.
fn import_into_site(name: &str, bytes: &[u8]) -> anyhow::Result<String> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join(name);
    std::fs::write(&file, bytes)?;
    let content = dir.path().join("content");
    let outcome = import(&ImportOptions {
        file,
        year: None,
        date: None,
        slug: Some("r".into()),
        into: content.join("reports"),
        site_organization: None,
        dry_run: false,
        force: false,
    })?;
    if let Err(e) = crate::content::load(&content, dir.path()) {
        panic!("what import wrote does not load:\n{e}");
    }
    Ok(outcome
        .files
        .iter()
        .map(|f| String::from_utf8_lossy(&f.bytes))
        .collect())
}

fn docx(paragraphs: &[String]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn prop_text_import_keeps_every_sentence((lines, said) in report(), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let written = import_into_site("report.txt", text.as_bytes()).unwrap();
        for sentence in &said {
            prop_assert!(written.contains(sentence.as_str()), "lost {sentence:?} from:\n{text}\n→\n{written}");
        }
    }

    #[test]
    fn prop_word_import_keeps_every_sentence((lines, said) in report()) {
        let written = import_into_site("report.docx", &docx(&lines)).unwrap();
        for sentence in &said {
            prop_assert!(written.contains(sentence.as_str()), "lost {sentence:?} from {lines:?}\n→\n{written}");
        }
    }

    #[test]
    fn prop_any_text_imports_or_says_why(text in any::<String>()) {
        let _ = import_into_site("report.txt", text.as_bytes());
    }

    #[test]
    fn prop_damaged_word_documents_are_refused_not_a_panic(
        (lines, _) in report(),
        damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = docx(&lines);
        for (at, byte) in damage {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = import_into_site("report.docx", &bytes);
    }
}
