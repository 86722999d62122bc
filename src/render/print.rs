//! A report's bodies gathered on one page: each section's headings go one level down (its title
//! is an h2 there) and its ids get the section's prefix, with its links to them rewritten, so
//! two sections with "## 概述" do not give one page two `id="概述"`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// Heading tags, ids and in-page links as the Markdown stage writes them.
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<(/?)h([1-6])\b|\b(id|href)="(#?)([^"]*)""#).expect("valid pattern")
});

/// `html` of one body for the printable page: headings `shift` levels down (at most h6), every
/// `id="x"` made `id="{prefix}-x"` and every `href="#x"` made `href="#{prefix}-x"`.
pub(super) fn body(html: &str, prefix: &str, shift: u8) -> String {
    MARKUP
        .replace_all(html, |c: &Captures| {
            if let Some(level) = c.get(2) {
                let level: u8 = level.as_str().parse().unwrap_or(6);
                return format!("<{}h{}", &c[1], (level + shift).min(6));
            }
            match (&c[3], &c[4]) {
                ("id", _) => format!(r#"id="{prefix}-{}""#, &c[5]),
                ("href", "#") => format!(r##"href="#{prefix}-{}""##, &c[5]),
                _ => c[0].to_string(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_go_down_and_ids_and_their_links_get_the_prefix() {
        let html = r##"<h2 id="概述">概述<a class="anchor" href="#概述">#</a></h2>
<p>见<a href="#概述">上文</a>和<a href="/2013/r/">报告</a>。</p><h4 id="x">x</h4>"##;
        assert_eq!(
            body(html, "s-jobs", 1),
            r##"<h3 id="s-jobs-概述">概述<a class="anchor" href="#s-jobs-概述">#</a></h3>
<p>见<a href="#s-jobs-概述">上文</a>和<a href="/2013/r/">报告</a>。</p><h5 id="s-jobs-x">x</h5>"##
        );
    }
}
