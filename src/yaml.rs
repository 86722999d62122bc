//! YAML (site.yaml and front matter) parsed with serde-saphyr, its errors turned into
//! diagnostics that point into the user's file rather than into the YAML block.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean};

/// Parses `yaml`, which starts on line `line_offset + 1` of `file_text` (the whole file, quoted
/// in errors). `keys` are the accepted keys, used to suggest a fix for a misspelt one.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &Path,
    file_text: &str,
    line_offset: usize,
    keys: &[&str],
) -> Result<T, Diagnostic> {
    // An empty block is an empty mapping, so the message names the missing required key
    // rather than an "unexpected end of input".
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_saphyr::from_str(yaml).map_err(|err| {
        let full = err.without_snippet().to_string();
        let message = strip_position(&full).to_string();
        let mut diagnostic = Diagnostic::new(file, message.clone());
        if let Some(loc) = err.location() {
            let line = usize::try_from(loc.line()).unwrap_or(1).max(1) + line_offset;
            let column = usize::try_from(loc.column()).unwrap_or(1);
            diagnostic = diagnostic.at(file_text, line, column);
        }
        if let Some(missing) = message.strip_prefix("missing field ") {
            diagnostic.message = format!("missing required key {missing}");
        }
        if let Some(unknown) = unknown_field(&message) {
            // In a nested mapping (`footer:`), serde lists that mapping's keys: suggest those.
            let expected = expected_fields(strip_position(&full));
            let keys = if expected.is_empty() { keys } else { &expected };
            diagnostic.message = format!("unknown key `{unknown}`");
            diagnostic.hint = Some(match did_you_mean(unknown, keys) {
                Some(key) => format!("did you mean `{key}`? Custom data goes under `extra:`"),
                None => format!(
                    "allowed keys are {}; custom data goes under `extra:`",
                    keys.join(", ")
                ),
            });
        }
        diagnostic
    })
}

/// serde-saphyr appends " at line L, column C"; the diagnostic shows the position itself.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// The keys serde names after "expected" in an unknown-field message.
fn expected_fields(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once(", expected ") else {
        return Vec::new();
    };
    let list = list.strip_prefix("one of ").unwrap_or(list);
    list.split(", ").map(|key| key.trim_matches('`')).collect()
}

/// The 1-based line of `file_text` (offset like [`parse`]) where top-level `key:` stands, for
/// errors about a value that parsed fine as YAML but means nothing to gazette (a bad date).
pub fn key_line(yaml: &str, key: &str, line_offset: usize) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let column = key.chars().count() + 2 + (value.len() - value.trim_start().len());
        Some((i + 1 + line_offset, column))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn misspelt_key_points_into_the_file_with_a_hint() {
        let file = "---\ntitle: a\ntitel: b\n---\nbody";
        let err = parse::<Front>(
            "title: a\ntitel: b\n",
            Path::new("a.md"),
            file,
            1,
            &["title", "weight"],
        )
        .unwrap_err();
        assert_eq!(err.location(), "a.md:3:1");
        assert_eq!(err.message, "unknown key `titel`");
        assert_eq!(err.source_line.as_deref(), Some("titel: b"));
        assert!(err.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        footer: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        icp: Option<String>,
        police: Option<String>,
    }

    #[test]
    fn a_misspelt_nested_key_is_matched_against_its_own_mapping() {
        let yaml = "footer:\n  icpp: x\n";
        let err = parse::<Outer>(yaml, Path::new("site.yaml"), yaml, 0, &["footer"]).unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:3");
        assert_eq!(err.message, "unknown key `icpp`");
        assert!(err.hint.unwrap().starts_with("did you mean `icp`?"));
    }

    #[test]
    fn empty_block_reports_the_missing_key() {
        let err = parse::<Front>("", Path::new("a.md"), "---\n---\n", 1, &[]).unwrap_err();
        assert_eq!(err.message, "missing required key `title`");
    }

    #[test]
    fn finds_the_line_of_a_key() {
        assert_eq!(
            key_line("title: x\ndate: 2013-1-1\n", "date", 1),
            Some((3, 7))
        );
    }
}
