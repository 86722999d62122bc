//! Markdown bodies: rendering never panics, the HTML parses, every id in it is unique and every
//! table-of-contents entry points at one of them. (Raw HTML passes through as written, so an
//! unclosed `<!--` the user types can hide what follows: not generated here.)

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;

use super::{config, text_of};
use crate::markdown::{LinkTargets, render};

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "#### ",
    "##### ",
    " {#a}",
    " {#b .c}",
    "{#}",
    "[x](02-b.md)",
    "[y](#a)",
    "[z](02-b.md#b)",
    "![i](p.png)",
    "<https://a.example/>",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "~~~\n",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "<div>",
    "</div>",
    "<span>",
    "&amp;",
    "&#0;",
    "\\",
    "[^1]",
    "[^1]: 注\n",
    "~~",
    "\n",
    "\n",
    "\n\n",
    "主要数据",
    "一二",
    "Ab",
    " ",
    "  ",
    "\t",
    "---\n",
    "===\n",
    "- [ ] ",
    "\r\n",
    "\u{0}",
];

struct Links;

impl LinkTargets for Links {
    fn url_of(&self, path: &Path) -> Result<&str, String> {
        if path.ends_with("02-b.md") {
            Ok("/2013/r/b/")
        } else {
            Err("does not exist".into())
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn prop_markdown_renders_with_unique_ids(body in text_of(MARKDOWN, 60)) {
        let out = render(&body, Path::new("r/01-a.md"), 4, &Links);
        let html = scraper::Html::parse_fragment(&out.rendered.html);
        let selector = scraper::Selector::parse("[id]").unwrap();
        let ids: Vec<&str> = html.select(&selector).filter_map(|e| e.value().attr("id")).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(unique.len(), ids.len(), "repeated ids in {}", out.rendered.html);
        for heading in &out.rendered.toc {
            prop_assert!(unique.contains(heading.id.as_str()), "no #{} in {}", heading.id, out.rendered.html);
        }
        for error in &out.errors {
            prop_assert!(error.line >= 4, "line {} is before the body", error.line);
        }
    }
}
