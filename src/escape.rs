//! Escaping text for HTML and XML, one way everywhere (pulldown-cmark's escaper, the one that
//! already escapes every Markdown body), and decoding percent-encoded URL parts.

/// `text` with `&`, `<`, `>` and `"` escaped: safe in element content and in double-quoted
/// attribute values of HTML and XML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
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
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"a & <b> "c" 妇联"#),
            "a &amp; &lt;b&gt; &quot;c&quot; 妇联"
        );
    }
}
