//! serde-saphyr's errors said in the user's terms: which key, what is wrong with its value and
//! how to write it, at the file's line and column. The library's own wording never reaches the
//! user; an error this module does not know becomes "not valid YAML here" with advice.

use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource, budget::BudgetBreach};

use super::{MAX_DEPTH, MAX_TEXT_BYTES, MAX_VALUES, Source};
use crate::diagnostics::{Diagnostic, did_you_mean, excerpt};

/// What a message says: the message and an optional hint.
type Said = (String, Option<String>);

/// The diagnostic for `err`, raised while parsing `source`.
pub(super) fn explain(err: &Error, source: &Source) -> Diagnostic {
    let err = match err.without_snippet() {
        Error::AliasError { error, .. } => error.without_snippet(),
        other => other,
    };
    let (line, column) = err.location().map_or((1, 1), |loc| {
        let line = usize::try_from(loc.line()).unwrap_or(1).max(1);
        (line, usize::try_from(loc.column()).unwrap_or(1).max(1))
    });
    // The parser may point past the block's end (after a final `...`): its last line is meant.
    let line = (line + source.line_offset).min(source.last_line());
    let mut at = Spot::new(source, line, column);
    let (message, hint) = match err {
        Error::NullIntoString { .. } => empty(&at, source),
        Error::InvalidScalar { ty, .. } => wrong_scalar(&at, source, ty),
        Error::InvalidBooleanStrict { .. } => wrong_scalar(&at, source, "boolean"),
        Error::Unexpected { expected, .. } => wrong_shape(&at, source, expected),
        Error::DuplicateMappingKey { key, .. } => duplicate(&at, source, key.as_deref()),
        Error::SerdeMissingField { field, .. } => (
            format!("missing required key `{field}`"),
            Some(format!(
                "add a line `{field}: …` to {}",
                source.block_name()
            )),
        ),
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown_key(field, expected, source),
        Error::Budget { breach, .. } => too_big(Some(breach), source),
        Error::UnknownAnchor { .. } => unknown_anchor(),
        Error::MultipleDocuments { .. } => (
            format!("{} holds a second YAML document", source.block_name()),
            Some("remove the `---` line above it, or what follows".into()),
        ),
        // Our own deserializers (dates) already speak the user's language.
        Error::Message { msg, .. } => (msg.clone(), None),
        Error::ExternalMessage {
            source: external, ..
        } => match external.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan.kind(), &mut at, source),
            _ => not_valid(source),
        },
        _ => not_valid(source),
    };
    let mut diagnostic =
        Diagnostic::new(source.file, message).at(source.file_text, at.line, at.column);
    diagnostic.hint = hint;
    diagnostic
}

/// Where an error stands, and the key whose value it is in.
struct Spot {
    line: usize,
    column: usize,
    key: Option<Key>,
}

impl Spot {
    fn new(source: &Source, line: usize, column: usize) -> Spot {
        Spot {
            line,
            column,
            key: key_at(source, line, column),
        }
    }

    /// The key as a message names it: `` `title` ``.
    fn key(&self) -> String {
        self.key
            .as_ref()
            .map_or("the value".into(), |k| format!("`{}`", k.name))
    }

    fn name(&self) -> &str {
        self.key.as_ref().map_or("key", |k| k.name.as_str())
    }

    /// The value written at the error, without a trailing comment, cut for quoting.
    fn value(&self, source: &Source) -> String {
        let rest: String = source
            .line(self.line)
            .chars()
            .skip(self.column - 1)
            .collect();
        // An empty value is reported at the key's colon.
        let rest = rest.strip_prefix(':').unwrap_or(&rest);
        excerpt(rest.split(" #").next().unwrap_or("").trim())
    }

    /// The whole value written after the key's colon.
    fn key_value(&self, source: &Source) -> String {
        let Some(key) = &self.key else {
            return String::new();
        };
        let rest: String = source.line(key.line).chars().skip(key.colon + 1).collect();
        excerpt(rest.trim())
    }
}

/// A `key:` of the YAML block.
pub(super) struct Key {
    pub(super) name: String,
    /// Column (0-based, in characters) where the key starts.
    pub(super) indent: usize,
    /// Column (0-based, in characters) of its colon.
    colon: usize,
    line: usize,
}

/// The key whose value holds `line:column`: the key on that line if its colon comes before the
/// column, else the nearest key above that is indented less than the line.
fn key_at(source: &Source, line: usize, column: usize) -> Option<Key> {
    if let Some(key) = split_key(source.line(line), line).filter(|k| k.colon < column) {
        return Some(key);
    }
    let indent = indentation(source.line(line)).max(1);
    parent_key(source, line, indent)
}

/// The nearest key above `line` indented less than `indent`.
fn parent_key(source: &Source, line: usize, indent: usize) -> Option<Key> {
    (source.first_line()..line)
        .rev()
        .filter_map(|n| split_key(source.line(n), n))
        .find(|k| k.indent < indent)
}

/// `  name: value` or `- name: value` → the key, if the line has one.
fn split_key(text: &str, line: usize) -> Option<Key> {
    let body = text.trim_start_matches(' ');
    let body = body
        .strip_prefix("- ")
        .map_or(body, |b| b.trim_start_matches(' '));
    let indent = text.len() - body.len();
    let end = body
        .find(": ")
        .or_else(|| body.strip_suffix(':').map(str::len))?;
    let name = body[..end].trim_end();
    if name.is_empty() || name.starts_with(['#', '[', '{', '"', '\'']) {
        return None;
    }
    Some(Key {
        name: name.to_string(),
        indent,
        colon: indent + body[..end].chars().count(),
        line,
    })
}

fn indentation(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// `title:` with nothing after it where text is required.
fn empty(at: &Spot, source: &Source) -> Said {
    let key = at.key();
    let name = at.name();
    let message = match source.top_level_key(at.key.as_ref()) {
        Some(what) if name == "date" => format!(
            "{key} is empty: write the {what}'s date after `date:` as YYYY-MM-DD, such as 2013-12-31"
        ),
        Some(what) => format!("{key} is empty: write the {what}'s {name} after `{name}:`"),
        None => format!("{key} is empty: write a value after `{name}:`"),
    };
    (message, None)
}

/// A scalar that is not the number or the true/false the key takes.
fn wrong_scalar(at: &Spot, source: &Source, ty: &str) -> Said {
    let key = at.key();
    let value = at.value(source);
    let (kind, example) = match ty {
        "boolean" | "bool" => ("true or false", ""),
        "f32" | "f64" => ("a number", " such as 1.5"),
        "char" => ("a single character", ""),
        _ => ("a whole number", " such as 2"),
    };
    let whole = value.trim_start_matches(['-', '+']);
    let message = if value.is_empty() {
        format!("{key} is empty: write {kind}{example}")
    } else if kind == "a whole number"
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
    {
        format!("{key} is too large: write a whole number{example}")
    } else {
        format!("{key} must be {kind}{example}, not {value}")
    };
    (message, None)
}

/// A list or mapping where text is expected, or the other way round.
fn wrong_shape(at: &Spot, source: &Source, expected: &str) -> Said {
    let key = at.key();
    let name = at.name();
    match expected {
        "mapping start" | "empty mapping start" if at.key.is_none() => (
            format!(
                "{} must be keys and values, one a line, such as `title: …`",
                source.block_name()
            ),
            None,
        ),
        "mapping start" | "empty mapping start" => (
            format!("{key} must hold keys and values"),
            Some(format!(
                "write them on the lines below, indented: `{name}:` then `  key: value`"
            )),
        ),
        "sequence start" => (
            format!("{key} must be a list"),
            Some(format!(
                "write each item on its own line below `{name}:`, starting with `  - `"
            )),
        ),
        "string scalar" | "string" | "scalar" => {
            let value = at.value(source);
            let next = source.line(at.line + 1).trim_start();
            let list = value.starts_with('[')
                || (value.is_empty() && next.starts_with('-'))
                || value.starts_with('-');
            let what = if list { "a list" } else { "keys and values" };
            (
                format!("{key} must be a single value, not {what}"),
                Some(format!(
                    "write it on the same line after `{name}:`; put it in quotes if it starts with [ or {{"
                )),
            )
        }
        _ => not_valid(source),
    }
}

/// The same key twice in one mapping: the first one is found by walking up to the parent.
fn duplicate(at: &Spot, source: &Source, key: Option<&str>) -> Said {
    let this = split_key(source.line(at.line), at.line);
    let name = key
        .map(str::to_string)
        .or_else(|| this.as_ref().map(|k| k.name.clone()))
        .unwrap_or_default();
    let indent = this.map_or(0, |k| k.indent);
    let first = (source.first_line()..at.line)
        .rev()
        .filter_map(|n| split_key(source.line(n), n))
        .take_while(|k| k.indent >= indent)
        .find(|k| k.indent == indent && k.name == name);
    let message = match first {
        Some(first) => format!(
            "`{name}` appears twice (lines {} and {}): keep one",
            first.line, at.line
        ),
        None => format!("`{name}` appears twice: keep one"),
    };
    (message, None)
}

/// A key the mapping does not take; `expected` are the keys of the mapping it stands in (a
/// nested one such as `footer:` has its own), else the schema's.
fn unknown_key(field: &str, expected: &[&str], source: &Source) -> Said {
    let keys = if expected.is_empty() {
        source.schema.keys
    } else {
        expected
    };
    let hint = match did_you_mean(field, keys) {
        Some(key) => format!("did you mean `{key}`? Custom data goes under `extra:`"),
        None => format!(
            "allowed keys are {}; custom data goes under `extra:`",
            keys.join(", ")
        ),
    };
    (format!("unknown key `{}`", excerpt(field)), Some(hint))
}

fn too_big(breach: Option<&BudgetBreach>, source: &Source) -> Said {
    let block = source.block_name();
    let aliases = matches!(
        breach,
        Some(
            BudgetBreach::Aliases { .. }
                | BudgetBreach::Anchors { .. }
                | BudgetBreach::AliasAnchorRatio { .. }
                | BudgetBreach::RecordedAnchorEvents { .. }
                | BudgetBreach::RecordedAnchorBytes { .. }
        )
    );
    if aliases {
        return (
            format!("{block} repeats aliases (`*name`) too often"),
            Some("write the values out instead of referring to them".into()),
        );
    }
    (
        format!(
            "{block} is too large or too deeply nested (at most {MAX_DEPTH} levels, {MAX_VALUES} values and {} MB of text)",
            MAX_TEXT_BYTES >> 20
        ),
        None,
    )
}

fn unknown_anchor() -> Said {
    (
        "`*` starts a reference to an anchor (`&name`) that does not exist".into(),
        Some("put the value in quotes if the `*` is part of the text".into()),
    )
}

/// Errors of the YAML syntax itself; a tab moves the position to the line it indents.
fn syntax(kind: &ErrorKind, at: &mut Spot, source: &Source) -> Said {
    let key = at.key();
    let name = at.name().to_string();
    let quoted = |value: String| format!("{name}: \"{}\"", value.replace('"', "\\\""));
    match kind {
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => {
            if let Some((line, column)) = source.first_tab_indent() {
                at.line = line;
                at.column = column;
            }
            (
                "a tab is used for indentation here: YAML indents with spaces only".into(),
                Some("replace the tab with spaces".into()),
            )
        }
        ErrorKind::UnclosedQuotedScalar => (
            format!("the quote that opens the value of {key} is never closed"),
            Some("end the value with the same quote mark it starts with".into()),
        ),
        ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidMappingValueWhitespace => {
            match split_key(source.line(at.line), at.line).filter(|k| k.colon + 1 == at.column) {
                Some(this) => {
                    let message = match parent_key(source, at.line, this.indent) {
                        Some(parent) => format!(
                            "`{}` is indented under `{}`, which already has a value",
                            this.name, parent.name
                        ),
                        None => format!("`{}` is indented more than the keys before it", this.name),
                    };
                    (
                        message,
                        Some("start it in the same column as the other keys".into()),
                    )
                }
                None => (
                    format!("the value of {key} has `: ` in it, which YAML reads as a new key"),
                    Some(format!(
                        "put the whole value in quotes: {}",
                        quoted(at.key_value(source))
                    )),
                ),
            }
        }
        ErrorKind::UnexpectedCharacter { character } if character.is_control() => (
            format!(
                "the value of {key} holds an invisible control character (U+{:04X})",
                u32::from(*character)
            ),
            Some("delete it; it often comes from copying out of another program".into()),
        ),
        ErrorKind::UnexpectedCharacter { character } => (
            format!("a value cannot start with `{character}`"),
            Some(format!(
                "put it in quotes: {}",
                quoted(at.key_value(source))
            )),
        ),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidUnicodeEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate => (
            format!("the value of {key} has a `\\` that starts no known escape"),
            Some("inside double quotes write `\\\\` for a backslash, or use single quotes".into()),
        ),
        ErrorKind::UnclosedFlowCollection { open } => (
            format!("the `{open}` that starts here is never closed"),
            Some(format!(
                "close it with `{}`, or put the value in quotes if the bracket is part of the text",
                if *open == '[' { ']' } else { '}' }
            )),
        ),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => (
            format!("a `{open}` is closed with `{close}`"),
            Some("close each bracket with its own kind, or put the value in quotes".into()),
        ),
        ErrorKind::UnknownAnchor => unknown_anchor(),
        ErrorKind::RecursionLimitExceeded => too_big(None, source),
        _ => not_valid(source),
    }
}

fn not_valid(source: &Source) -> Said {
    (
        format!("{} is not valid YAML here", source.block_name()),
        Some(
            "check the quotes, colons and indentation of this line and the one above; a value \
             that contains `: ` or ` #`, or starts with one of [ ] { } * & ! | > ' \" % @ `, \
             needs quotes"
                .into(),
        ),
    )
}
