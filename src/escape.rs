//! Escaping text for HTML and XML, one way everywhere (pulldown-cmark's escaper, the one that
//! already escapes every Markdown body; templates print values through it too), and decoding
//! percent-encoded URL parts.

use std::borrow::Cow;
use std::io;

/// `text` with `&`, `<`, `>` and `"` escaped and the characters XML forbids dropped: safe in
/// element content and in double-quoted attribute values of HTML and XML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, &without_forbidden(text));
    out
}

/// [`escape_html`] writing into `out`: Tera's escape function, so every value a template
/// prints is cleaned the same way.
pub fn escape_html_into(text: &str, out: &mut dyn io::Write) -> io::Result<()> {
    let out = pulldown_cmark_escape::IoWriter(out);
    pulldown_cmark_escape::escape_html(out, &without_forbidden(text))
}

/// Characters XML 1.0 does not allow in a document and HTML parses as errors: C0 controls but
/// tab, line feed and carriage return, DEL, C1 controls, and the non-characters U+FFFE and
/// U+FFFF. Front matter can hold them (a title pasted from a word processor, `"\0"` in YAML);
/// one in atom.xml would make the whole feed unreadable.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

fn without_forbidden(text: &str) -> Cow<'_, str> {
    // Checked on bytes first: nearly every text has none, and this runs on all of them.
    let bytes = text.as_bytes();
    let suspect = bytes.iter().enumerate().any(|(i, &b)| match b {
        0x00..=0x1F | 0x7F => !matches!(b, b'\t' | b'\n' | b'\r'),
        // C1 controls are U+0080–U+009F: C2 80 – C2 9F.
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        // U+FFFE and U+FFFF: EF BF BE and EF BF BF.
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    });
    if suspect {
        Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// What RFC 3986 does not allow in a URI written out: controls, space, the delimiters `"<>\^`{|}`
/// and every non-ASCII byte. `%` stays, so an address already percent-encoded (a `base_url` in a
/// sub-folder named in Chinese) is not encoded twice.
const NOT_IN_URI: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `https://example.org/figures/妇联/` → `https://example.org/figures/%E5%A6%87%E8%81%94/`: the form
/// crawlers ask for in a sitemap, where an IRI with raw Chinese characters may be refused.
pub fn percent_encode_uri(address: &str) -> String {
    percent_encoding::utf8_percent_encode(address, NOT_IN_URI).to_string()
}

/// `%E5%A6%87` → `妇`; `None` for a malformed escape or bytes that are not UTF-8.
/// (percent-encoding's decoder keeps a malformed escape as written, so it is refused here first:
/// the preview's server must not guess what a broken path meant.)
pub fn percent_decode(text: &str) -> Option<String> {
    let well_formed = text
        .split('%')
        .skip(1)
        .all(|after| after.len() >= 2 && after.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_utf8_escapes_and_refuses_broken_ones() {
        assert_eq!(
            super::percent_decode("/a/%E5%A6%87%E8%81%94/").as_deref(),
            Some("/a/妇联/")
        );
        assert_eq!(super::percent_decode("100%"), None);
        assert_eq!(super::percent_decode("%zz"), None);
        assert_eq!(super::percent_decode("%E5%A6"), None);
        assert_eq!(super::percent_decode("%4"), None);
        assert_eq!(super::percent_decode("a%2Fb%25c").as_deref(), Some("a/b%c"));
    }

    #[test]
    fn encodes_what_a_uri_cannot_hold_and_round_trips() {
        let address = "https://example.org/%E5%A6%87/数据/a b\"<x>/";
        let encoded = super::percent_encode_uri(address);
        assert_eq!(
            encoded,
            "https://example.org/%E5%A6%87/%E6%95%B0%E6%8D%AE/a%20b%22%3Cx%3E/"
        );
        assert!(encoded.is_ascii());
        assert_eq!(
            super::percent_decode(&encoded).as_deref(),
            Some("https://example.org/妇/数据/a b\"<x>/")
        );
    }

    #[test]
    fn drops_characters_xml_forbids() {
        assert_eq!(
            super::escape_html("a\u{1}b\u{1b}c\u{0}d\u{7f}e\u{85}f\u{FFFE}g\u{FFFF}h"),
            "abcdefgh"
        );
        assert_eq!(super::escape_html("一\t二\n三\r，"), "一\t二\n三\r，");
        let mut out = Vec::new();
        super::escape_html_into("<\u{1}>", &mut out).unwrap();
        assert_eq!(out, b"&lt;&gt;");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"a & <b> "c" 妇联"#),
            "a &amp; &lt;b&gt; &quot;c&quot; 妇联"
        );
    }
}
