//! Text for Typst: every piece of the writer's text goes through [`text`] (in markup) or
//! [`string`] (a string literal in code), which escape everything Typst could read as syntax,
//! so no input can break the markup or run code.

use std::fmt::Write as _;

/// `text` as markup that shows exactly it. ASCII punctuation is what Typst's markup syntax is
/// made of (`#`, `*`, `_`, `[`, `<`, `@`, `$`, `/`, `=`, `-`, quotes…): each gets a backslash,
/// which Typst reads as "this character itself". Line breaks and tabs become spaces, other
/// control characters are dropped, and private-use characters (which the converter's
/// placeholders use) are written as `\u{…}`.
pub(crate) fn text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c if is_private(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// `text` as a Typst string literal (in code: labels, paths, URLs, metadata).
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_private(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use typst::syntax::{SyntaxKind, SyntaxNode, parse, parse_code};

    use super::*;

    /// Every leaf kind of `node`.
    fn leaves(node: &SyntaxNode, out: &mut Vec<SyntaxKind>) {
        if node.children().len() == 0 {
            out.push(node.kind());
        }
        for child in node.children() {
            leaves(child, out);
        }
    }

    /// The text a markup of only text, escapes and spaces shows.
    fn shown(markup: &str) -> String {
        let root = parse(markup);
        let mut kinds = Vec::new();
        leaves(&root, &mut kinds);
        // An empty markup is its root alone.
        let plain = [
            SyntaxKind::Text,
            SyntaxKind::Escape,
            SyntaxKind::Space,
            SyntaxKind::Markup,
        ];
        assert!(
            kinds.iter().all(|k| plain.contains(k)),
            "{markup:?} parses as {kinds:?}"
        );
        let mut out = String::new();
        for node in root.children() {
            let text = node.leaf_text();
            let unicode = text
                .strip_prefix("\\u{")
                .and_then(|hex| u32::from_str_radix(hex.trim_end_matches('}'), 16).ok())
                .and_then(char::from_u32);
            match (node.kind(), unicode) {
                (SyntaxKind::Escape, Some(c)) => out.push(c),
                (SyntaxKind::Escape, None) => out.push_str(&text[1..]),
                _ => out.push_str(text),
            }
        }
        out
    }

    #[test]
    fn markup_syntax_in_text_is_text() {
        for hostile in [
            r#"#panic("x")"#,
            "] #set page(width: 1cm) [",
            "= not a heading",
            "- not a list",
            "1. not an enum",
            "<label> @ref $math$ `raw` *strong* _emph_",
            r"\u{41} \ // comment /* block",
            "https://example.org/ -- --- ... ~ -? 'quote' \"quote\"",
            "私用区\u{E000}\u{E001}字符",
        ] {
            let markup = {
                let mut out = String::new();
                text(&mut out, hostile);
                out
            };
            let expected: String = hostile.chars().filter(|c| !c.is_control()).collect();
            assert_eq!(shown(&markup), expected);
        }
    }

    proptest! {
        #[test]
        fn any_text_stays_text(input in "\\PC*") {
            let mut markup = String::new();
            text(&mut markup, &input);
            // Text runs of spaces, tabs and breaks are one space, as Typst shows them anyway.
            let spaced = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(spaced(&shown(&markup)), spaced(&input));
        }

        #[test]
        fn any_string_literal_is_one_string(input in "\\PC*") {
            let code = string(&input);
            let root = parse_code(&code);
            let strings: Vec<&SyntaxNode> =
                root.children().filter(|n| n.kind() == SyntaxKind::Str).collect();
            prop_assert_eq!(strings.len(), 1, "{:?}", code);
            let value = strings[0].cast::<typst::syntax::ast::Str>().unwrap().get();
            prop_assert_eq!(value.as_str(), input.as_str());
        }
    }
}
