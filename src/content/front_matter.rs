//! Splitting a Markdown file into its YAML front matter and body, keeping line numbers so that
//! errors in either point at the right line of the file.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A file cut at its front-matter fences.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// The front matter sits between a first line `---` and the next line `---`.
/// A file without it is an error: every document needs at least a title.
pub(super) fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first_break) = text.find('\n') else {
        return Err(missing(text, file));
    };
    if text[..first_break].trim_end() != "---" {
        return Err(missing(text, file));
    }
    let yaml_start = first_break + 1;
    let mut offset = yaml_start;
    for (line, raw) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if raw.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[offset + raw.len()..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err(Diagnostic::new(
        file,
        "front matter is not closed: add a line `---` after it",
    )
    .at(text, 1, 1))
}

fn missing(text: &str, file: &Path) -> Diagnostic {
    Diagnostic::new(file, "missing front matter: the file must start with a line `---`, the YAML keys (at least `title:`), and another `---`")
        .at(text, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: a\n---\n\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "\nbody\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_crlf_and_bom() {
        let s = split("\u{feff}---\r\ntitle: a\r\n---\r\nbody", Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn unclosed_and_missing_are_errors() {
        let e = split("---\ntitle: a\nbody\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.starts_with("front matter is not closed"));
        let e = split("# just text\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.starts_with("missing front matter"));
    }
}
