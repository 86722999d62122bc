//! Errors a user can cause, each pointing at the file (and line and column where known)
//! so they can be fixed without guessing. Content errors are collected, not thrown one by one,
//! so a single build reports everything wrong with the content at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How many content errors one build reports before it stops listing them.
pub const MAX_REPORTED: usize = 50;

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Stops the build: nothing is written.
    Error,
    /// Worth fixing, reported by `gazette check`, but the site builds.
    Warning,
}

/// One problem in a user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it stops the build.
    pub level: Level,
    /// The file as the user knows it: relative to the site root when possible.
    pub file: PathBuf,
    /// 1-based line in `file`, when the problem has a position (u32 keeps the error small).
    pub line: Option<u32>,
    /// 1-based column (in characters) on `line`.
    pub column: Option<u32>,
    /// What is wrong, in the user's terms.
    pub message: String,
    /// The offending line of the file, shown under the message: cut to a window around the
    /// column when it is long, so one error on a 10 MB line prints one screen line.
    pub source_line: Option<String>,
    /// Where the caret goes: the index (in characters) into `source_line` (not an `Option`,
    /// which would make every `Result<_, Diagnostic>` larger).
    caret: u32,
    /// A suggestion such as "did you mean `title`?".
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file` with no position yet (see [`Diagnostic::at`]).
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
            caret: 0,
            hint: None,
        }
    }

    /// Points the diagnostic at a position and quotes that line of `text` (the whole file).
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = Some(to_u32(line));
        self.column = Some(to_u32(column.max(1)));
        if let Some(quoted) = text.lines().nth(line.saturating_sub(1)) {
            let (window, caret) = window(quoted.trim_end(), column.max(1) - 1);
            self.source_line = Some(window);
            self.caret = to_u32(caret);
        }
        self
    }

    /// Points at a line without quoting it (for files whose text is not at hand).
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(to_u32(line));
        self
    }

    /// Points at a line and column without quoting the line.
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = Some(to_u32(line));
        self.column = Some(to_u32(column.max(1)));
        self
    }

    /// Makes it a warning, which `check` reports and `build` does not stop for.
    pub fn warning(mut self) -> Self {
        self.level = Level::Warning;
        self
    }

    /// Adds a suggestion, printed under the message.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The `file:line:column` prefix editors and terminals understand.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => format!("{file}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.location(), self.message)?;
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let gutter = " ".repeat(line.to_string().len());
            write!(f, "\n {gutter} |\n {line} | {text}")?;
            if self.column.is_some() {
                // A tab stays a tab and a wide (CJK) character takes two spaces, so the caret
                // lands under the character in any terminal.
                let pad: String = text
                    .chars()
                    .take(self.caret as usize)
                    .map(|c| {
                        if c == '\t' {
                            "\t"
                        } else {
                            &"  "[..char_width(c)]
                        }
                    })
                    .collect();
                write!(f, "\n {gutter} | {pad}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// How many display columns a quoted line may take in a message.
pub const QUOTE_WIDTH: usize = 120;

/// The part of `line` shown in a message: all of it when it fits in [`QUOTE_WIDTH`] columns,
/// otherwise a window around character `at`, with `…` where it was cut. Control characters
/// become `�` so a quoted line cannot drive the terminal. Returns the window and the index of
/// character `at` in it.
fn window(line: &str, at: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let at = at.min(chars.len());
    let width = |range: std::ops::Range<usize>| -> usize {
        chars[range].iter().map(|&c| char_width(c)).sum()
    };
    if width(0..chars.len()) <= QUOTE_WIDTH {
        return (chars.into_iter().collect(), at);
    }
    // Room for the text: the budget less the two `…`; the caret sits a third in, so what
    // follows the mistake (usually the rest of the value) is shown.
    let budget = QUOTE_WIDTH - 2;
    let (mut start, mut end) = (at, at);
    let mut used = 0;
    while start > 0 && used + char_width(chars[start - 1]) <= budget / 3 {
        start -= 1;
        used += char_width(chars[start]);
    }
    while end < chars.len() && used + char_width(chars[end]) <= budget {
        used += char_width(chars[end]);
        end += 1;
    }
    while start > 0 && used + char_width(chars[start - 1]) <= budget {
        start -= 1;
        used += char_width(chars[start]);
    }
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at - start + usize::from(start > 0))
}

/// Display columns of a character: 2 for wide (CJK) ones, 1 for the rest (a tab counts 1).
fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c)
        .unwrap_or(1)
        .clamp(1, 2)
}

/// `text` for quoting inside a message, cut to [`QUOTE_WIDTH`] columns with `…`.
pub fn excerpt(text: &str) -> String {
    window(text, 0).0
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Everything wrong with one build, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds the problems of another stage, after these.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether nothing was found: the stage succeeded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing went wrong, otherwise every diagnostic as one error.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.iter().take(MAX_REPORTED) {
            writeln!(f, "{d}\n")?;
        }
        if self.0.len() > MAX_REPORTED {
            writeln!(f, "… and {} more errors\n", self.0.len() - MAX_REPORTED)?;
        }
        let n = self.0.len();
        write!(f, "{n} error{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

/// The path to show a user: relative to the site root when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// An error as the user reads it: content errors with their positions, anything else with the
/// chain of causes.
pub fn describe(error: &anyhow::Error) -> String {
    if let Some(diagnostics) = error.downcast_ref::<Diagnostics>() {
        return diagnostics.to_string();
    }
    let mut text = format!("error: {error}");
    for cause in error.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    text
}

/// Prints errors and warnings on stderr, with `error`/`warning` in color only when stderr is
/// a terminal (and `NO_COLOR` is not set), so logs and pipes get plain text.
pub fn report(text: &str) {
    use std::io::{IsTerminal, Write};
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = if color { paint(text) } else { text.to_string() };
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn paint(text: &str) -> String {
    text.lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("error:") {
                format!("\x1b[1;31merror\x1b[0m:{rest}")
            } else if let Some(rest) = line.strip_prefix("warning:") {
                format!("\x1b[1;33mwarning\x1b[0m:{rest}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_only_the_level_words() {
        assert_eq!(
            paint("error: a.md:1: x\n 1 | error: y\nwarning: z"),
            "\x1b[1;31merror\x1b[0m: a.md:1: x\n 1 | error: y\n\x1b[1;33mwarning\x1b[0m: z"
        );
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "date", "weight", "summary"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("wieght", &keys), Some("weight"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }

    #[test]
    fn shows_the_line_and_a_caret() {
        let d = Diagnostic::new("content/a.md", "bad date")
            .at("---\ndate: 2013-13-01\n---\n", 2, 7)
            .with_hint("use YYYY-MM-DD");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:2:7: bad date\n   |\n 2 | date: 2013-13-01\n   |       ^\n  = help: use YYYY-MM-DD"
        );
    }

    #[test]
    fn the_caret_counts_wide_characters_twice() {
        let d = Diagnostic::new("a.md", "x").at("见[下一节](02-b.md)\n", 1, 3);
        assert!(
            d.to_string()
                .ends_with(" 1 | 见[下一节](02-b.md)\n   |    ^"),
            "{d}"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5_000_000), "b".repeat(5_000_000));
        let d = Diagnostic::new("a.md", "x").at(&line, 1, 5_000_001);
        let text = d.to_string();
        assert!(text.len() < 600, "{} bytes", text.len());
        let quoted = text.lines().nth(2).unwrap();
        let caret = text.lines().nth(3).unwrap();
        assert!(
            quoted.starts_with(" 1 | …aaa") && quoted.ends_with("bbb…"),
            "{quoted}"
        );
        assert_eq!(quoted.chars().count() - 5, QUOTE_WIDTH);
        let x = quoted.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x));
    }

    #[test]
    fn a_long_chinese_line_keeps_the_caret_under_its_character() {
        let line = format!("{}错{}", "中".repeat(1000), "文".repeat(1000));
        let d = Diagnostic::new("a.md", "x").at(&line, 1, 1001);
        let text = d.to_string();
        let quoted = text.lines().nth(2).unwrap();
        let caret = text.lines().nth(3).unwrap();
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        assert!(width(quoted) - 5 <= QUOTE_WIDTH, "{quoted}");
        let before = &quoted[..quoted.find('错').unwrap()];
        assert_eq!(width(&caret[..caret.find('^').unwrap()]), width(before));
    }

    #[test]
    fn a_line_that_fits_is_left_whole_and_control_characters_are_replaced() {
        let d = Diagnostic::new("a.md", "x").at("title: a\x1b[2Jb\n", 1, 8);
        assert_eq!(d.source_line.as_deref(), Some("title: a\u{fffd}[2Jb"));
        assert_eq!(excerpt("短"), "短");
        assert_eq!(excerpt(&"x".repeat(200)).chars().count(), QUOTE_WIDTH - 1);
    }
}
