//! Front matter and site.yaml: whatever the text, loading never panics, and an error names the
//! file and a line within it, in a message of bounded size.

use std::path::Path;

use proptest::prelude::*;

use super::{config, text_of};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

const YAML: &[&str] = &[
    "title",
    "weight",
    "date",
    "draft",
    "extra",
    "summary",
    "slug",
    "part",
    "menu",
    "name",
    "url",
    "base_url",
    "search",
    ":",
    ": ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "- ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ",",
    " #",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "\\",
    "2013-12-31",
    "1.5",
    "99999999999999999999",
    "true",
    "一、总结",
    "会议: 总结",
    "---",
    "...",
    "\u{feff}",
    "\u{1}",
    "\u{0}",
    "é",
    "…",
    "~",
    "null",
    "<<: ",
];

fn lines_in(text: &str) -> usize {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.lines().count().max(1)
}

#[track_caller]
fn assert_names_the_file_and_a_line(d: &Diagnostic, file: &str, text: &str) {
    assert_eq!(d.file, Path::new(file), "{d}");
    let line = d.line.unwrap_or_else(|| panic!("no line in: {d}")) as usize;
    assert!(
        (1..=lines_in(text)).contains(&line),
        "line {line} is not in the file: {d}"
    );
    assert!(
        d.to_string().len() < 2_000,
        "a message of {} bytes",
        d.to_string().len()
    );
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn prop_front_matter_never_panics_and_errors_name_a_line(
        yaml in text_of(YAML, 40),
        body in text_of(YAML, 8),
        fenced in any::<bool>(),
    ) {
        let text = if fenced { format!("---\n{yaml}\n---\n{body}") } else { yaml };
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("r")).unwrap();
        std::fs::write(content.join("r/01-a.md"), &text).unwrap();
        if let Err(d) = crate::content::load_section(&content, dir.path(), Path::new("r/01-a.md")) {
            assert_names_the_file_and_a_line(&d, "content/r/01-a.md", &text);
        }
    }

    #[test]
    fn prop_site_yaml_never_panics_and_errors_name_a_line(yaml in text_of(YAML, 40)) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), &yaml).unwrap();
        if let Err(d) = Config::load(dir.path(), None, None) {
            assert_names_the_file_and_a_line(&d, "site.yaml", &yaml);
        }
    }

    #[test]
    fn prop_any_bytes_decode_or_say_why(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        match crate::content::decode_text(bytes, Path::new("a.md")) {
            Ok(text) => prop_assert!(!text.contains('\r')),
            Err(d) => prop_assert_eq!(d.file, Path::new("a.md")),
        }
    }
}
