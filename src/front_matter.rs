//! Writing front matter: the one writer of the YAML that `gazette new` and `gazette import`
//! put at the top of the files they create. Text is the user's or a document's and may hold
//! anything (`:`, `#`, quotes, a carriage return typed in Word): every text value is put on
//! one line with control characters dropped and written quoted, so nothing in it can end the
//! value or start another key; only numbers and dates gazette makes itself go unquoted.
//! Comments are kept to one line too. What it writes reads back through the content loader
//! to the same values (tests here and `import::proptests` check).

use std::fmt::{Display, Write as _};

use crate::date::Date;

/// Characters that have no place in a title, a YAML value or a file name: control
/// characters, line and paragraph separators, a byte-order mark, non-characters.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// `text` on one line with the unsafe characters gone: a control character or line break
/// becomes a space, runs of white space one space.
pub(crate) fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value gazette makes itself and writes without quotes: its text is always a plain YAML
/// scalar of the type the loader expects (a quoted `weight: "3"` would not read as a number).
pub(crate) trait Unquoted: Display {}

/// A decimal number read from a document, as its digits (`862`, `1.5`): written bare when it
/// is one, so it reads back as a number, and quoted otherwise, so it is never more than a value.
pub(crate) struct Decimal<'a>(pub &'a str);

impl Display for Decimal<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self
            .0
            .split_once('.')
            .map_or((self.0, "0"), |(i, d)| (i, d));
        let number = [digits.0, digits.1]
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if number {
            f.write_str(self.0)
        } else {
            let quoted = serde_json::to_string(&one_line(self.0)).expect("strings serialize");
            f.write_str(&quoted)
        }
    }
}

impl Unquoted for Decimal<'_> {}
impl Unquoted for Date {}
impl Unquoted for i64 {}
impl Unquoted for u32 {}
impl Unquoted for usize {}

/// A front matter block being written, from its opening `---` to [`FrontMatter::finish`].
pub(crate) struct FrontMatter(String);

impl FrontMatter {
    pub(crate) fn new() -> Self {
        FrontMatter(String::from("---\n"))
    }

    /// Lines to go inside another block: see [`FrontMatter::commented`].
    pub(crate) fn nested() -> Self {
        FrontMatter(String::new())
    }

    /// `key:` with the lines of `block` under it, every line a comment (`# `) until the user
    /// removes the marks to publish it: a proposal the user checks first. `comment` stays on
    /// the key's line.
    pub(crate) fn commented(&mut self, key: &str, comment: &str, block: FrontMatter) {
        let _ = writeln!(self.0, "# {key}:  # {}", one_line(comment));
        for line in block.0.lines() {
            let _ = writeln!(self.0, "# {line}");
        }
    }

    /// A string value, whatever it holds: a JSON string is valid YAML, and always quoted.
    pub(crate) fn text(&mut self, key: &str, value: &str, comment: Option<&str>) {
        let quoted = serde_json::to_string(&one_line(value)).expect("strings serialize");
        self.line(key, quoted, comment);
    }

    /// A number or date gazette made.
    pub(crate) fn plain(&mut self, key: &str, value: impl Unquoted, comment: Option<&str>) {
        self.line(key, value, comment);
    }

    fn line(&mut self, key: &str, value: impl Display, comment: Option<&str>) {
        let _ = write!(self.0, "{key}: {value}");
        if let Some(comment) = comment {
            let _ = write!(self.0, "  # {}", one_line(comment));
        }
        self.0.push('\n');
    }

    /// The block with its closing `---`, ready for the body to follow.
    pub(crate) fn finish(mut self) -> String {
        self.0.push_str("---\n");
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SectionFront;

    fn section(title: &str, part: &str, comment: &str) -> String {
        let mut out = FrontMatter::new();
        out.text("title", title, Some(comment));
        out.plain("weight", 3usize, None);
        out.text("part", part, None);
        out.finish()
    }

    #[test]
    fn values_are_quoted_on_one_line_and_comments_stay_comments() {
        let text = section(
            "二、\"巾帼\": 文明岗 #1\r\ndraft: true",
            "2013年工作回顾\u{2028}",
            "TODO: check\nsummary: x",
        );
        assert_eq!(
            text,
            "---\n\
             title: \"二、\\\"巾帼\\\": 文明岗 #1 draft: true\"  # TODO: check summary: x\n\
             weight: 3\n\
             part: \"2013年工作回顾\"\n\
             ---\n"
        );
    }

    #[test]
    fn a_commented_block_is_all_comments_and_publishes_when_uncommented() {
        let mut block = FrontMatter::nested();
        block.text("  - name", "市级\n巾帼文明岗: #1", None);
        block.plain("    value", Decimal("862"), None);
        block.plain("    unit", Decimal("个\"\ntitle: x"), None);
        let mut out = FrontMatter::new();
        out.text("title", "T", None);
        out.commented("figures", "TODO: check\nthese", block);
        let text = out.finish();
        assert_eq!(
            text,
            "---\ntitle: \"T\"\n\
             # figures:  # TODO: check these\n\
             #   - name: \"市级 巾帼文明岗: #1\"\n\
             #     value: 862\n\
             #     unit: \"个\\\" title: x\"\n\
             ---\n"
        );
        let published = text.replace("\n# ", "\n");
        let body = published
            .trim_start_matches("---\n")
            .trim_end_matches("---\n");
        let value: serde_json::Value = serde_saphyr::from_str(body).expect("valid YAML");
        assert_eq!(value["figures"][0]["value"], 862);
        assert_eq!(value["figures"][0]["name"], "市级 巾帼文明岗: #1");
    }

    #[test]
    fn decimals_are_bare_only_when_they_are_numbers() {
        for (text, shown) in [
            ("862", "862"),
            ("1.5", "1.5"),
            ("1.", "\"1.\""),
            ("", "\"\""),
        ] {
            assert_eq!(Decimal(text).to_string(), shown, "{text}");
        }
        assert_eq!(Decimal("1e9").to_string(), "\"1e9\"");
    }

    /// What the writer gives is what the loader reads, whatever the text holds.
    #[test]
    fn what_it_writes_reads_back_as_the_same_values() {
        let titles = [
            "一、加强学习: \"两学一做\" #要点",
            "yes",
            "~",
            "'single' and \\backslash\\",
            "- [not, a, list] & *anchor",
            "\u{1b}[31mred\u{0}\u{b}tab\ttext",
        ];
        for title in titles {
            let text = section(title, "Plans: 2014", "a # comment");
            let body = text.trim_start_matches("---\n").trim_end_matches("---\n");
            let front: SectionFront = serde_saphyr::from_str(body).expect("valid YAML");
            assert_eq!(front.title, one_line(title), "{text}");
            assert_eq!(front.part.as_deref(), Some("Plans: 2014"));
            assert_eq!(front.weight, Some(3));
            assert!(!front.draft);
        }
    }
}
