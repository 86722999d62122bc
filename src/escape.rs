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
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"a & <b> "c" 妇联"#),
            "a &amp; &lt;b&gt; &quot;c&quot; 妇联"
        );
    }
}
