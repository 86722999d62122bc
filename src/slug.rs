//! Slugs for URLs and heading ids. Unicode letters and digits are kept, so a Chinese heading
//! gets a Chinese id that reads the same in the address bar.

/// Lower-cases, keeps letters and digits of any script, and turns every other run of
/// characters (spaces, punctuation, `、，。`) into one `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A file or folder name without its ordering prefix: `01-review` → (`review`, Some(1)).
pub(crate) fn strip_order_prefix(stem: &str) -> (&str, Option<i64>) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return (stem, None);
    }
    match stem[digits..].strip_prefix(['-', '_']) {
        Some(rest) if !rest.is_empty() => (rest, stem[..digits].parse().ok()),
        _ => (stem, None),
    }
}

/// Whether a `slug:` written by hand is usable as one URL path segment.
pub(crate) fn is_valid_segment(slug: &str) -> bool {
    !slug.is_empty()
        && slug != "."
        && slug != ".."
        && !slug.starts_with('.')
        && !slug
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "/\\?#%\"<>".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chinese_and_joins_the_rest_with_dashes() {
        assert_eq!(
            slugify("一、围绕时代主题，学习宣传"),
            "一-围绕时代主题-学习宣传"
        );
        assert_eq!(slugify("（一）强化源头维权"), "一-强化源头维权");
        assert_eq!(slugify("Summary in English!"), "summary-in-english");
        assert_eq!(slugify("  2014年 主要任务 "), "2014年-主要任务");
        assert_eq!(slugify("？！"), "");
    }

    #[test]
    fn strips_numeric_prefixes() {
        assert_eq!(strip_order_prefix("01-review"), ("review", Some(1)));
        assert_eq!(strip_order_prefix("12_rights"), ("rights", Some(12)));
        assert_eq!(strip_order_prefix("2013-report"), ("report", Some(2013)));
        assert_eq!(strip_order_prefix("review"), ("review", None));
        assert_eq!(strip_order_prefix("2013"), ("2013", None));
    }

    #[test]
    fn rejects_unsafe_segments() {
        assert!(is_valid_segment("work-2013"));
        assert!(is_valid_segment("工作总结"));
        assert!(!is_valid_segment("a/b"));
        assert!(!is_valid_segment(".."));
        assert!(!is_valid_segment("a b"));
    }
}
