//! Building a fixture site with the real binary and reading the pages it wrote.

mod common;

use common::{Page, TestSite};

fn built() -> TestSite {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&[]);
    site
}

/// Report URLs in the order `page` lists them inside <main>.
fn listed_reports(page: &Page, candidates: &[&str]) -> Vec<String> {
    let mut seen = Vec::new();
    for href in page.attrs("main a", "href") {
        if candidates.contains(&href.as_str()) && !seen.contains(&href) {
            seen.push(href);
        }
    }
    seen
}

#[test]
fn writes_every_page_of_the_url_scheme() {
    let site = built();
    for page in [
        "index.html",
        "archive/index.html",
        "404.html",
        "2013/index.html",
        "2012/index.html",
        "2010/index.html",
        "2013/annual/index.html",
        "2013/annual/review/index.html",
        "2013/annual/jobs/index.html",
        "2013/annual/first/index.html",
        "2013/annual/tasks/index.html",
        "2012/plan/a/index.html",
        "2012/plan/b/index.html",
        "2012/survey/index.html",
        "about/index.html",
        "2013/annual/chart.png",
        "css/gazette.css",
    ] {
        assert!(site.exists(page), "missing {page}");
    }
    assert!(!site.exists("2011"), "a year without reports gets no page");
}

#[test]
fn build_ends_with_one_summary_line() {
    let site = TestSite::from_fixture("reports");
    let run = site.build_ok(&[]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("Built 23 pages"), "{}", lines[0]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = built();
    assert!(!site.exists("2013/annual/draft"));
    let report = site.page("/2013/annual/");
    assert!(!report.text.contains("草稿一节"));
    site.build_ok(&["--drafts"]);
    assert!(site.exists("2013/annual/draft/index.html"));
}

#[test]
fn sections_are_ordered_by_weight_then_name_and_grouped_into_parts() {
    let site = built();
    let report = site.page("/2013/annual/");
    assert_eq!(report.texts("h1"), ["2013年工作总结"]);
    let section = site.page("/2013/annual/jobs/");
    assert_eq!(
        section.texts(".sidebar .report-nav-part-title"),
        ["2013年工作回顾", "2014年主要任务"]
    );
    assert_eq!(
        section.texts(".sidebar .report-nav a"),
        [
            "总体情况",
            "一、学习宣传贯彻中央精神",
            "二、助力妇女就业创业",
            "一、2014年工作思路"
        ]
    );
    assert_eq!(
        section.texts(".sidebar a[aria-current=page]"),
        ["二、助力妇女就业创业"]
    );
}

#[test]
fn breadcrumbs_lead_from_home_to_the_page() {
    let site = built();
    let section = site.page("/2013/annual/review/");
    assert_eq!(
        section.texts("nav.breadcrumbs a"),
        ["首页", "2013", "2013年工作总结", "一、学习宣传贯彻中央精神"]
    );
    assert_eq!(
        section.attrs("nav.breadcrumbs a", "href"),
        ["/", "/2013/", "/2013/annual/", "/2013/annual/review/"]
    );
    assert_eq!(
        site.page("/about/").texts("nav.breadcrumbs a"),
        ["首页", "关于本站"]
    );
}

#[test]
fn prev_and_next_chain_through_the_report_in_order() {
    let site = built();
    let start = "/2013/annual/";
    assert!(
        site.page(start).href("a[rel=prev]").is_none(),
        "the report page has no previous"
    );
    let mut chain = vec![start.to_string()];
    while let Some(next) = site.page(chain.last().unwrap()).href("a[rel=next]") {
        assert!(chain.len() < 10, "next links loop: {chain:?}");
        chain.push(next);
    }
    assert_eq!(
        chain,
        [
            "/2013/annual/",
            "/2013/annual/first/",
            "/2013/annual/review/",
            "/2013/annual/jobs/",
            "/2013/annual/tasks/"
        ]
    );
    for pair in chain.windows(2) {
        assert_eq!(
            site.page(&pair[1]).href("a[rel=prev]").as_deref(),
            Some(pair[0].as_str())
        );
    }
}

#[test]
fn year_pages_list_reports_newest_first_and_link_neighbouring_years() {
    let site = built();
    let y2012 = site.page("/2012/");
    assert_eq!(
        listed_reports(&y2012, &["/2012/plan/", "/2012/survey/"]),
        ["/2012/survey/", "/2012/plan/"]
    );
    assert!(y2012.text.contains("一次调研。"), "summaries are shown");
    assert!(y2012.text.contains("调研报告"), "categories are shown");
    assert_eq!(y2012.href("a[rel=prev]").as_deref(), Some("/2010/"));
    assert_eq!(y2012.href("a[rel=next]").as_deref(), Some("/2013/"));
    // 2014 has no report, but 2013's "2014年主要任务" gives it a page.
    assert_eq!(
        site.page("/2013/").href("a[rel=next]").as_deref(),
        Some("/2014/")
    );
    assert!(site.page("/2014/").href("a[rel=next]").is_none());
    assert!(site.page("/2010/").href("a[rel=prev]").is_none());
}

#[test]
fn archive_lists_every_year_with_its_count() {
    let site = built();
    let archive = site.page("/archive/");
    let years = archive.attrs("main h2 a", "href");
    assert_eq!(years, ["/2014/", "/2013/", "/2012/", "/2010/"]);
    let text = archive.texts("main h2").join("|");
    assert!(
        text.contains("1 篇报告") && text.contains("2 篇报告"),
        "{text}"
    );
}

#[test]
fn home_shows_latest_reports_and_years() {
    let site = built();
    let home = site.page("/");
    let reports = [
        "/2013/annual/",
        "/2012/survey/",
        "/2012/plan/",
        "/2010/old/",
    ];
    assert_eq!(listed_reports(&home, &reports), reports);
    assert!(home.text.contains("这是首页的介绍。"));
    for year in ["/2013/", "/2012/", "/2010/"] {
        assert!(
            !home.select(&format!("a[href=\"{year}\"]")).is_empty(),
            "home links {year}"
        );
    }
}

#[test]
fn markdown_links_are_rewritten_to_page_urls() {
    let site = built();
    let review = site.page("/2013/annual/review/");
    let hrefs = review.attrs("main article a, main .content a, main a", "href");
    assert!(
        hrefs
            .iter()
            .any(|h| h == "/2013/annual/jobs/#%E4%B8%BB%E8%A6%81%E6%95%B0%E6%8D%AE"),
        "{hrefs:?}"
    );
    assert!(hrefs.iter().any(|h| h == "/2012/plan/"), "{hrefs:?}");
    assert_eq!(review.attrs("main img", "src"), ["/2013/annual/chart.png"]);
    assert_eq!(
        site.page("/about/")
            .href("main a[href='/2013/annual/']")
            .as_deref(),
        Some("/2013/annual/")
    );
}

#[test]
fn headings_get_unicode_ids_numbered_when_repeated_with_anchors() {
    let site = built();
    let review = site.page("/2013/annual/review/");
    assert_eq!(
        review.attrs("main h2[id], main h3[id]", "id"),
        ["学习活动", "学习活动-1"]
    );
    assert_eq!(review.attrs("h2#学习活动 a.anchor", "href"), ["#学习活动"]);
    let jobs = site.page("/2013/annual/jobs/");
    assert_eq!(jobs.attrs("main h2[id]", "id"), ["主要数据"]);
    assert!(!jobs.select("main table").is_empty());
}

#[test]
fn language_sets_html_lang_and_dates() {
    let site = built();
    let report = site.page("/2013/annual/");
    assert_eq!(report.attrs("html", "lang"), ["zh-CN"]);
    assert!(report.text.contains("2013年12月31日"));

    let english = TestSite::from_fixture("reports");
    let yaml = std::fs::read_to_string(english.root().join("site.yaml")).unwrap();
    english.write(
        "site.yaml",
        &yaml.replace("language: zh-CN", "language: en"),
    );
    english.build_ok(&[]);
    let report = english.page("/2013/annual/");
    assert_eq!(report.attrs("html", "lang"), ["en"]);
    assert!(report.text.contains("December 31, 2013"));
    assert_eq!(
        english
            .page("/2013/annual/review/")
            .texts("nav.breadcrumbs a")[0],
        "Home"
    );
}

#[test]
fn a_report_card_speaks_its_reports_language_in_a_list_of_another() {
    let site = TestSite::from_fixture("reports");
    let plan = site.root().join("content/2012/plan/_index.md");
    let front = std::fs::read_to_string(&plan).unwrap();
    site.write(
        "content/2012/plan/_index.md",
        &front.replace("date:", "language: en\ndate:"),
    );
    site.build_ok(&[]);
    let year = site.page("/2012/");
    let cards = year.select("article.card");
    let english: String = cards
        .iter()
        .find(|c| c.value().attr("lang") == Some("en"))
        .expect("the English report's card is marked lang=\"en\"")
        .text()
        .collect();
    assert!(english.contains("2 sections"), "{english}");
    assert!(!english.contains('节'), "{english}");
}

#[test]
fn base_url_with_a_path_prefixes_every_internal_link() {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&["--base-url", "https://www.example.gov.cn/fulian/reports/"]);
    let section = site.page("/2013/annual/review/");
    assert_eq!(
        section.attrs("nav.breadcrumbs a", "href"),
        [
            "/fulian/reports/",
            "/fulian/reports/2013/",
            "/fulian/reports/2013/annual/",
            "/fulian/reports/2013/annual/review/"
        ]
    );
    for href in section.attrs("a[href^='/'], link[href^='/'], script[src^='/']", "href") {
        assert!(href.starts_with("/fulian/reports/"), "{href}");
    }
    assert_eq!(
        section.attrs("link[rel=canonical]", "href"),
        ["https://www.example.gov.cn/fulian/reports/2013/annual/review/"]
    );
    assert_eq!(
        section.attrs("main img", "src"),
        ["/fulian/reports/2013/annual/chart.png"]
    );
}

#[test]
fn reading_time_counts_chinese_characters() {
    let site = TestSite::from_fixture("reports");
    site.write(
        "content/2013/annual/02-jobs.md",
        &format!(
            "---\ntitle: 长文\npart: 2013年工作回顾\n---\n{}\n\n## 主要数据\n",
            "妇".repeat(1190)
        ),
    );
    site.build_ok(&[]);
    assert!(site.page("/2013/annual/jobs/").text.contains("约 3 分钟"));
}

#[test]
fn each_report_has_a_printable_version_with_every_section_in_order() {
    let site = built();
    let report = site.page("/2013/annual/");
    assert!(
        report.href("main a[href='/2013/annual/print/']").is_some(),
        "the report page links to its printable version"
    );
    let print = site.page("/2013/annual/print/");
    assert_eq!(print.texts("h1"), ["2013年工作总结"]);
    assert_eq!(
        print.texts(".print-section-title"),
        [
            "总体情况",
            "一、学习宣传贯彻中央精神",
            "二、助力妇女就业创业",
            "一、2014年工作思路"
        ]
    );
    assert_eq!(
        print.attrs(".print-toc a", "href"),
        [
            "#section-first",
            "#section-review",
            "#section-jobs",
            "#section-tasks"
        ]
    );
    assert!(
        print.text.contains("举办招聘会86场。"),
        "section bodies are included"
    );
    assert!(
        print.text.contains("2013年，全市妇联组织团结奋进。"),
        "the report intro is included"
    );
}

#[test]
fn content_files_are_read_in_any_common_encoding_and_line_ending() {
    // Old Mac editors end lines with a lone CR, Windows ones with CRLF and often a BOM;
    // Notepad's "Unicode" is UTF-16 with a BOM. All of them build.
    let site = TestSite::new();
    let section = |title: &str, eol: &str| {
        format!("---{eol}title: {title}{eol}---{eol}第一段。{eol}{eol}## 小标题{eol}")
    };
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(
                |u| {
                    if le { u.to_le_bytes() } else { u.to_be_bytes() }
                },
            ))
            .collect()
    };
    site.write(
        "content/2013/r/_index.md",
        "---\rtitle: 报告\rdate: 2013-12-31\r---\r",
    );
    site.write("content/2013/r/01-cr.md", &section("回车", "\r"));
    site.write(
        "content/2013/r/02-crlf.md",
        &format!("\u{feff}{}", section("回车换行", "\r\n")),
    );
    site.write_bytes(
        "content/2013/r/03-le.md",
        &utf16(&section("小端", "\r\n"), true),
    );
    site.write_bytes(
        "content/2013/r/04-be.md",
        &utf16(&section("大端", "\n"), false),
    );
    site.build_ok(&[]);
    for (slug, title) in [
        ("cr", "回车"),
        ("crlf", "回车换行"),
        ("le", "小端"),
        ("be", "大端"),
    ] {
        let page = site.page(&format!("/2013/r/{slug}/"));
        assert_eq!(page.texts("main h1"), [title], "{slug}");
        assert_eq!(page.attrs("main h2[id]", "id"), ["小标题"], "{slug}");
    }
}
