//! YAML (site.yaml and front matter) parsed with serde-saphyr, its errors turned into
//! diagnostics that point into the user's file rather than into the YAML block.

mod explain;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;

/// How deeply a YAML block may nest (mappings and lists inside each other).
pub(crate) const MAX_DEPTH: usize = 64;
/// How many values (keys, texts, lists, mappings) one YAML block may hold.
pub(crate) const MAX_VALUES: usize = 250_000;
/// How much text one YAML block may hold.
pub(crate) const MAX_TEXT_BYTES: usize = 64 << 20;

/// What a YAML block describes, for messages: the thing it belongs to ("section", "site") and
/// the keys it accepts (to suggest a fix for a misspelt one).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schema {
    pub what: &'static str,
    pub keys: &'static [&'static str],
}

impl Schema {
    pub(crate) const fn new(what: &'static str, keys: &'static [&'static str]) -> Schema {
        Schema { what, keys }
    }
}

/// Parses `yaml`, which starts on line `line_offset + 1` of `file_text` (the whole file, quoted
/// in errors). Errors are said in the user's terms, at the file's line and column.
pub(crate) fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &Path,
    file_text: &str,
    line_offset: usize,
    schema: &Schema,
) -> Result<T, Diagnostic> {
    // An empty block is an empty mapping, so the message names the missing required key
    // rather than an "unexpected end of input".
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_saphyr::from_str_with_options(yaml, options()).map_err(|err| {
        let source = Source {
            file,
            file_text,
            lines: file_text.lines().collect(),
            line_offset,
            yaml_lines: yaml.lines().count(),
            schema,
        };
        explain::explain(&err, &source)
    })
}

/// The library's limits, set here so the README can state them.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_VALUES;
    budget.max_total_scalar_bytes = MAX_TEXT_BYTES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// The YAML block being parsed and the file around it.
struct Source<'a> {
    file: &'a Path,
    file_text: &'a str,
    lines: Vec<&'a str>,
    line_offset: usize,
    yaml_lines: usize,
    schema: &'a Schema,
}

impl Source<'_> {
    /// Line `n` (1-based) of the file, or "" past its end.
    fn line(&self, n: usize) -> &str {
        self.lines.get(n.wrapping_sub(1)).copied().unwrap_or("")
    }

    /// The file line where the YAML block starts.
    fn first_line(&self) -> usize {
        self.line_offset + 1
    }

    /// The file line where the YAML block ends.
    fn last_line(&self) -> usize {
        self.line_offset + self.yaml_lines.max(1)
    }

    /// How messages name the block: "the front matter" or the file ("site.yaml").
    fn block_name(&self) -> String {
        if self.line_offset > 0 {
            "the front matter".into()
        } else {
            self.file
                .file_name()
                .map_or("the file".into(), |n| n.to_string_lossy().into_owned())
        }
    }

    /// What a top-level key known to the schema belongs to ("section"), for messages that name
    /// it ("write the section's title").
    fn top_level_key(&self, key: Option<&explain::Key>) -> Option<&'static str> {
        let key = key?;
        (key.indent == 0 && self.schema.keys.contains(&key.name.as_str()))
            .then_some(self.schema.what)
    }

    /// The first line of the block indented with a tab, and the tab's column.
    fn first_tab_indent(&self) -> Option<(usize, usize)> {
        (self.first_line()..=self.last_line()).find_map(|n| {
            let line = self.line(n);
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            indent.find('\t').map(|i| (n, i + 1))
        })
    }
}

/// The 1-based line of `file_text` (offset like [`parse`]) where top-level `key:` stands, for
/// errors about a value that parsed fine as YAML but means nothing to gazette (a bad date).
pub(crate) fn key_line(yaml: &str, key: &str, line_offset: usize) -> Option<(usize, usize)> {
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
            &Schema {
                what: "section",
                keys: &["title", "weight"],
            },
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
        let err = parse::<Outer>(
            yaml,
            Path::new("site.yaml"),
            yaml,
            0,
            &Schema::new("site", &["footer"]),
        )
        .unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:3");
        assert_eq!(err.message, "unknown key `icpp`");
        assert!(err.hint.unwrap().starts_with("did you mean `icp`?"));
    }

    #[test]
    fn empty_block_reports_the_missing_key() {
        let schema = Schema {
            what: "section",
            keys: &[],
        };
        let err = parse::<Front>("", Path::new("a.md"), "---\n---\n", 1, &schema).unwrap_err();
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
