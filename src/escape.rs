//! Escaping text for HTML and XML, one way everywhere: pulldown-cmark's escaper (the one that
//! already escapes every Markdown body).

/// `text` with `&`, `<`, `>` and `"` escaped: safe in element content and in double-quoted
/// attribute values of HTML and XML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"a & <b> "c" 妇联"#),
            "a &amp; &lt;b&gt; &quot;c&quot; 妇联"
        );
    }
}
