use super::links::is_relative;
use super::*;

struct Table(Vec<(&'static str, &'static str)>);

impl LinkTargets for Table {
    fn url_of(&self, path: &Path) -> Result<&str, String> {
        self.0
            .iter()
            .find(|(p, _)| Path::new(p) == path)
            .map(|(_, url)| *url)
            .ok_or_else(|| format!("`{}` does not exist", path.display()))
    }
}

fn render_str(body: &str) -> Output {
    let table = Table(vec![
        ("r/01-review.md", "/2013/r/review/"),
        ("other/_index.md", "/2012/other/"),
        ("r/chart.png", "/2013/r/chart.png"),
    ]);
    render(body, Path::new("r/02-jobs.md"), 5, &table)
}

#[test]
fn chinese_headings_get_chinese_ids_and_duplicates_are_numbered() {
    let out = render_str("## 一、围绕时代主题\n\n### 主要数据\n\n### 主要数据\n");
    let ids: Vec<&str> = out.rendered.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["一-围绕时代主题", "主要数据", "主要数据-1"]);
    assert!(out.rendered.html.contains(
        r##"<h2 id="一-围绕时代主题">一、围绕时代主题<a class="anchor" href="#一-围绕时代主题" aria-hidden="true" tabindex="-1">#</a></h2>"##
    ));
}

#[test]
fn explicit_heading_ids_win() {
    let out = render_str("## Jobs `now` {#jobs .wide}\n");
    assert_eq!(
        out.rendered.toc[0],
        Heading {
            level: 2,
            id: "jobs".into(),
            title: "Jobs now".into()
        }
    );
    assert!(
        out.rendered
            .html
            .contains(r#"<h2 id="jobs" class="wide">Jobs <code>now</code>"#)
    );
}

#[test]
fn relative_links_become_urls_and_anchors_are_deferred() {
    let out = render_str(
        "见[前文](01-review.md#主要数据)和[去年](../other/_index.md)，![图](chart.png)\n",
    );
    // pulldown-cmark percent-encodes non-ASCII in URLs; browsers decode fragments before matching ids.
    assert!(
        out.rendered
            .html
            .contains(r#"href="/2013/r/review/#%E4%B8%BB%E8%A6%81%E6%95%B0%E6%8D%AE""#)
    );
    assert!(out.rendered.html.contains(r#"href="/2012/other/""#));
    assert!(out.rendered.html.contains(r#"src="/2013/r/chart.png""#));
    assert_eq!(
        out.anchor_links,
        [AnchorLink {
            target: "r/01-review.md".into(),
            anchor: "主要数据".into(),
            line: 5,
            column: 2
        }]
    );
    assert!(out.errors.is_empty());
}

#[test]
fn broken_links_name_their_line_and_column() {
    let out = render_str("text\n\nsee [x](missing.md) and [y](https://example.org/)\n");
    assert_eq!(out.errors.len(), 1);
    assert_eq!((out.errors[0].line, out.errors[0].column), (7, 5));
    assert_eq!(
        out.errors[0].message,
        "broken link `missing.md`: `r/missing.md` does not exist"
    );
}

/// A destination of megabytes must not make a message of megabytes.
#[test]
fn a_broken_links_message_quotes_a_long_destination_in_part() {
    let long = "x".repeat(100_000);
    let out = render_str(&format!("[a]({long}.md) [b]({long}/../../../../etc)\n"));
    assert_eq!(out.errors.len(), 2, "{:?}", out.errors);
    for error in &out.errors {
        assert!(error.message.len() < 600, "{} bytes", error.message.len());
        assert!(error.message.contains('…'), "{}", error.message);
    }
}

#[test]
fn encoded_links_are_decoded_before_lookup() {
    let out = render_str("[a](01%2Dreview.md#%E4%B8%BB)\n");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.anchor_links[0].anchor, "主");
}

#[test]
fn links_outside_content_are_errors() {
    let out = render_str("[a](../../etc/passwd)\n");
    assert_eq!(
        out.errors[0].message,
        "link `../../etc/passwd` points outside the content folder"
    );
}

#[test]
fn counts_cjk_characters_and_latin_words_apart() {
    let out = render_str("妇联工作 reaches 13170 women's groups.\n");
    assert_eq!(
        out.rendered.stats,
        TextStats {
            cjk_chars: 4,
            latin_words: 4
        }
    );
    assert_eq!(
        TextStats {
            cjk_chars: 800,
            latin_words: 100
        }
        .reading_minutes(),
        3
    );
    assert_eq!(TextStats::default().reading_minutes(), 1);
}

#[test]
fn tables_footnotes_and_tasks_render() {
    let out = render_str(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: note\n",
    );
    let html = &out.rendered.html;
    assert!(html.contains("<table>"));
    assert!(html.contains(r#"<input disabled="" type="checkbox" checked=""/>"#));
    assert!(html.contains("<del>old</del>"));
    assert!(html.contains("footnote-definition"));
}

#[test]
fn footnote_ids_never_repeat_a_heading_or_each_other() {
    // Found by prop_markdown_renders_with_unique_ids: `[^1]` took the id `1`, twice when
    // defined twice, and the same id as a heading `## 1`.
    let out = render_str("## 1\n\n见注[^1]。\n\n[^1]: 一\n[^1]: 二\n");
    let html = &out.rendered.html;
    assert!(html.contains(r#"<h2 id="1">"#), "{html}");
    assert!(html.contains(r##"<a href="#fn-1">1</a>"##), "{html}");
    assert!(
        html.contains(r#"<div class="footnote-definition" id="fn-1">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="footnote-definition" id="fn-1-1">"#),
        "{html}"
    );
}

#[test]
fn schemes_and_absolute_paths_are_not_relative() {
    for dest in ["https://a.b", "mailto:x@y", "tel:123", "/abs/", "//cdn/x"] {
        assert!(!is_relative(dest), "{dest}");
    }
    for dest in ["a.md", "../b/_index.md", "chart.png", "img/a:b.png"] {
        assert!(is_relative(dest), "{dest}");
    }
}

#[test]
fn records_what_a_body_links_to() {
    let out = render_str(
        "[a](01-review.md) ![c](chart.png) [x](https://example.org/a) <https://example.org/b>\n",
    );
    assert_eq!(
        out.linked,
        [
            PathBuf::from("r/01-review.md"),
            PathBuf::from("r/chart.png")
        ]
    );
    let external: Vec<&str> = out.external.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(external, ["https://example.org/a", "https://example.org/b"]);
    assert_eq!((out.external[0].line, out.external[0].column), (5, 35));
}

#[test]
fn plain_text_joins_chinese_lines_and_separates_blocks() {
    let out = render_str(
        "## 主要数据\n\n对862个**巾帼\n文明岗**进行复查,\nthen *more*.\n\n- 一项\n- two\n",
    );
    assert_eq!(
        out.rendered.text,
        "主要数据\n对862个巾帼文明岗进行复查, then more.\n一项\ntwo\n"
    );
}

#[test]
fn heading_levels_start_under_the_page_title_and_never_skip() {
    let out = render_str(
        "### （一）深化教育\n\n##### 1．细目\n\n### （二）同级\n\n# 标题\n\n#### 2．再下\n\n## 二级\n",
    );
    let levels: Vec<u8> = out.rendered.toc.iter().map(|h| h.level).collect();
    assert_eq!(levels, [2, 3, 2, 2, 3, 3]);
    assert!(
        out.rendered.html.starts_with(r#"<h2 id="一-深化教育">"#),
        "{}",
        out.rendered.html
    );
    assert!(out.rendered.html.contains("</h2>\n<h2 id=\"标题\">"));
}
