//! YAML mistakes in front matter and site.yaml, each said in the user's terms with the file,
//! line and column and how to fix it: the YAML library's own wording never reaches the user.

mod common;

use common::TestSite;

/// (section file, its front matter, the diagnostic after `error: content/2013/r/FILE.md:`).
const SECTIONS: &[(&str, &str, &str)] = &[
    (
        "01-empty-title",
        "title:\n",
        "2:6: `title` is empty: write the section's title after `title:`\n   |\n 2 | title:\n   |      ^",
    ),
    (
        "02-repeated-key",
        "title: A\nweight: 1\nsummary: x\nweight: 2\n",
        "5:1: `weight` appears twice (lines 3 and 5): keep one\n   |\n 5 | weight: 2\n   | ^",
    ),
    (
        "03-fraction-weight",
        "title: A\nweight: 1.5\n",
        "3:9: `weight` must be a whole number such as 2, not 1.5\n   |\n 3 | weight: 1.5\n   |         ^",
    ),
    (
        "04-text-weight",
        "title: A\nweight: 第一\n",
        "3:9: `weight` must be a whole number such as 2, not 第一\n   |\n 3 | weight: 第一\n   |         ^",
    ),
    (
        "05-huge-weight",
        "title: A\nweight: 99999999999999999999\n",
        "3:9: `weight` is too large: write a whole number such as 2\n   |\n 3 | weight: 99999999999999999999\n   |         ^",
    ),
    (
        "06-draft-number",
        "title: A\ndraft: 1\n",
        "3:8: `draft` must be true or false, not 1\n   |\n 3 | draft: 1\n   |        ^",
    ),
    (
        "07-draft-empty",
        "title: A\ndraft:\n",
        "3:6: `draft` is empty: write true or false\n   |\n 3 | draft:\n   |      ^",
    ),
    (
        "08-extra-text",
        "title: A\nextra: x\n",
        "3:8: `extra` must hold keys and values\n   |\n 3 | extra: x\n   |        ^\n  = help: write them on the lines below, indented: `extra:` then `  key: value`",
    ),
    (
        "09-title-list",
        "title: [一, 二]\n",
        "2:8: `title` must be a single value, not a list\n   |\n 2 | title: [一, 二]\n   |        ^\n  = help: write it on the same line after `title:`; put it in quotes if it starts with [ or {",
    ),
    (
        "10-title-block-list",
        "title:\n  - 一\n  - 二\n",
        "3:3: `title` must be a single value, not a list\n   |\n 3 |   - 一\n   |   ^\n  = help: write it on the same line after `title:`; put it in quotes if it starts with [ or {",
    ),
    (
        "11-title-mapping",
        "title: {a: 1}\n",
        "2:8: `title` must be a single value, not keys and values\n   |\n 2 | title: {a: 1}\n   |        ^\n  = help: write it on the same line after `title:`; put it in quotes if it starts with [ or {",
    ),
    (
        "12-tab-indent",
        "title: A\nextra:\n\tsource: 统计局\n",
        "4:1: a tab is used for indentation here: YAML indents with spaces only\n   |\n 4 | \tsource: 统计局\n   | ^\n  = help: replace the tab with spaces",
    ),
    (
        "13-unclosed-quote",
        "title: \"未闭合\nsummary: x\n",
        "2:8: the quote that opens the value of `title` is never closed\n   |\n 2 | title: \"未闭合\n   |        ^\n  = help: end the value with the same quote mark it starts with",
    ),
    (
        "14-colon-in-title",
        "title: 会议: 总结\n",
        "2:10: the value of `title` has `: ` in it, which YAML reads as a new key\n   |\n 2 | title: 会议: 总结\n   |            ^\n  = help: put the whole value in quotes: title: \"会议: 总结\"",
    ),
    (
        "15-indented-key",
        "title: A\n  weight: 1\n",
        "3:9: `weight` is indented under `title`, which already has a value\n   |\n 3 |   weight: 1\n   |         ^\n  = help: start it in the same column as the other keys",
    ),
    (
        "16-not-a-mapping",
        "- title: A\n",
        "2:1: the front matter must be keys and values, one a line, such as `title: …`\n   |\n 2 | - title: A\n   | ^",
    ),
    (
        "17-at-sign",
        "title: @会议\n",
        "2:8: a value cannot start with `@`\n   |\n 2 | title: @会议\n   |        ^\n  = help: put it in quotes: title: \"@会议\"",
    ),
    (
        "18-bad-escape",
        "title: \"C:\\docs\\2013\"\n",
        "2:8: the value of `title` has a `\\` that starts no known escape\n   |\n 2 | title: \"C:\\docs\\2013\"\n   |        ^\n  = help: inside double quotes write `\\\\` for a backslash, or use single quotes",
    ),
    (
        "19-unknown-anchor",
        "title: *重点\n",
        "2:8: `*` starts a reference to an anchor (`&name`) that does not exist\n   |\n 2 | title: *重点\n   |        ^\n  = help: put the value in quotes if the `*` is part of the text",
    ),
    (
        "20-nested-repeat",
        "title: A\nextra:\n  source: a\n  source: b\n",
        "5:3: `source` appears twice (lines 4 and 5): keep one\n   |\n 5 |   source: b\n   |   ^",
    ),
    (
        "21-too-deep",
        "title: A\nextra:\n  k: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
        "4:68: the front matter is too large or too deeply nested (at most 64 levels, 250000 values and 64 MB of text)\n   |\n 4 | …[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n   |                                          ^",
    ),
    (
        "22-cr-title",
        "title: \"2013\u{1}年\"\n",
        "2:13: the value of `title` holds an invisible control character (U+0001)\n   |\n 2 | title: \"2013�年\"\n   |             ^\n  = help: delete it; it often comes from copying out of another program",
    ),
];

#[test]
fn front_matter_mistakes_are_said_in_the_users_terms() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: 2013年工作总结\ndate: 2013-12-31\n---\n",
    );
    for (name, front, _) in SECTIONS {
        site.write(
            &format!("content/2013/r/{name}.md"),
            &format!("---\n{front}---\n正文\n"),
        );
    }
    let run = site.build(&[]);
    assert!(!run.success);
    let expected: String = SECTIONS
        .iter()
        .map(|(name, _, said)| format!("error: content/2013/r/{name}.md:{said}\n\n"))
        .collect();
    let expected = format!("{expected}{} errors found\n", SECTIONS.len());
    for (got, want) in run.stderr.split("\n\n").zip(expected.split("\n\n")) {
        assert_eq!(got, want);
    }
    assert_eq!(run.stderr, expected);
}

#[test]
fn report_dates_of_the_wrong_kind_say_how_to_write_one() {
    let site = TestSite::new();
    for (year, date) in [("2013", "2013"), ("2014", "[2014, 12, 31]"), ("2015", "")] {
        site.write(
            &format!("content/{year}/r/_index.md"),
            &format!("---\ntitle: R\ndate: {date}\n---\n"),
        );
    }
    let run = site.build(&[]);
    assert_eq!(
        run.stderr,
        "error: content/2013/r/_index.md:3:7: invalid date `2013`: write a real date as YYYY-MM-DD, such as 2013-12-31\n   |\n 3 | date: 2013\n   |       ^\n\n\
         error: content/2014/r/_index.md:3:7: `date` must be a single value, not a list\n   |\n 3 | date: [2014, 12, 31]\n   |       ^\n  = help: write it on the same line after `date:`; put it in quotes if it starts with [ or {\n\n\
         error: content/2015/r/_index.md:3:5: `date` is empty: write the report's date after `date:` as YYYY-MM-DD, such as 2013-12-31\n   |\n 3 | date:\n   |     ^\n\n\
         3 errors found\n"
    );
}

#[test]
fn site_yaml_mistakes_are_said_in_the_users_terms() {
    for (yaml, said) in [
        (
            "title:\n",
            "1:6: `title` is empty: write the site's title after `title:`\n   |\n 1 | title:\n   |      ^",
        ),
        (
            "title: t\ntitle: u\n",
            "2:1: `title` appears twice (lines 1 and 2): keep one\n   |\n 2 | title: u\n   | ^",
        ),
        (
            "title: t\nmenu: 首页\n",
            "2:7: `menu` must be a list\n   |\n 2 | menu: 首页\n   |       ^\n  = help: write each item on its own line below `menu:`, starting with `  - `",
        ),
        (
            "title: t\nmenu:\n  - name:\n    url: /\n",
            "3:9: `name` is empty: write a value after `name:`\n   |\n 3 |   - name:\n   |         ^",
        ),
        (
            "title: t\nsearch: 关\n",
            "2:9: `search` must be true or false, not 关\n   |\n 2 | search: 关\n   |         ^",
        ),
        (
            "title: t\n---\ntitle: u\n",
            "3:1: site.yaml holds a second YAML document\n   |\n 3 | title: u\n   | ^\n  = help: remove the `---` line above it, or what follows",
        ),
        // Found by prop_site_yaml_never_panics_and_errors_name_a_line: the parser pointed at
        // line 2 of a one-line file.
        (
            "...\n",
            "1:1: site.yaml is not valid YAML here\n   |\n 1 | ...\n   | ^\n  = help: check the quotes, colons and indentation of this line and the one above; a value that contains `: ` or ` #`, or starts with one of [ ] { } * & ! | > ' \" % @ `, needs quotes",
        ),
    ] {
        let site = TestSite::new();
        site.write("site.yaml", yaml);
        let run = site.build(&[]);
        assert_eq!(
            run.stderr,
            format!("error: site.yaml:{said}\n\n1 error found\n"),
            "{yaml:?}"
        );
    }
}
