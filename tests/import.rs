//! `gazette import`: real documents into report folders, run through the real binary, then
//! built with `gazette build`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::TestSite;
use common::import::{
    self as docx, figures_csv, files, front, import, import_ok, read, uncomment_figures,
};

fn fixture(name: &str) -> PathBuf {
    common::fixture("import").join(name)
}

const FEDERATION_SECTIONS: [&str; 8] = [
    "一、围绕时代主题,学习宣传贯彻中央精神有新成效",
    "二、围绕发展大局,助力妇女就业创业有新举措",
    "三、围绕社会管理创新,维护妇女儿童合法权益有新亮点",
    "四、围绕文明和谐建设,引领妇女传承美德弘扬新风有新作为",
    "五、围绕民生需求,关爱妇女儿童工作有新进展",
    "六、围绕合作共赢,促进妇女交流交往有新收获",
    "七、围绕夯实根基,妇联组织自身建设有新提升",
    "一、认清形势、统一思想,深入贯彻落实中央精神和省、市委部署",
];

#[test]
fn the_federation_report_becomes_a_report_with_two_parts_that_builds() {
    let site = TestSite::new();
    let run = import_ok(&site, &fixture("federation-report-2013.txt"), &[]);
    assert!(run.stdout.contains("Wrote 10 files"), "{}", run.stdout);
    assert_eq!(run.stderr, "", "no warnings expected");

    let names = files(&site, "2013-report");
    let expected: Vec<String> = std::iter::once("01-section-1.md".to_string())
        .chain((2..=9).map(|n| format!("{n:02}-section-{n}.md")))
        .chain(["_index.md".to_string()])
        .collect();
    assert_eq!(names, expected);

    let index = read(&site, "content/reports/2013-report/_index.md");
    assert_eq!(
        front(&index, "title").as_deref(),
        Some("妇联年度工作总结和明年工作思路")
    );
    assert_eq!(front(&index, "date").as_deref(), Some("2013-12-31"));
    assert!(index.contains("date: 2013-12-31  # TODO: check"), "{index}");
    assert!(index.contains("summary: \"（待补充）\""), "{index}");
    assert!(
        index.contains("\n2013年,在市委、市政府的领导"),
        "the intro is the report's body"
    );

    // Sections 一 to 七 in the first part; the second part opens with its untitled
    // introduction, then its 一.
    let sections: Vec<(String, String, String)> = names[..9]
        .iter()
        .map(|name| {
            let text = read(&site, &format!("content/reports/2013-report/{name}"));
            (
                front(&text, "title").expect("title"),
                front(&text, "part").expect("part"),
                text,
            )
        })
        .collect();
    let titles: Vec<&str> = sections.iter().map(|(t, _, _)| t.as_str()).collect();
    let mut expected_titles = FEDERATION_SECTIONS[..7].to_vec();
    expected_titles.extend(["概述", FEDERATION_SECTIONS[7]]);
    assert_eq!(titles, expected_titles);
    let parts: Vec<&str> = sections.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(parts[..7], ["2013年工作回顾"; 7]);
    assert_eq!(parts[7..], ["2014年主要任务"; 2]);
    assert!(sections[7].2.contains("# TODO: check"));
    assert!(sections[7].2.contains("2014年是贯彻落实党的十八届三中全会"));
    for (i, (_, _, text)) in sections.iter().enumerate() {
        assert_eq!(front(text, "weight"), Some((i + 1).to_string()));
    }

    // No page artifacts; words cut by a page break are whole again.
    let all: String = sections
        .iter()
        .map(|(_, _, t)| t.as_str())
        .collect::<String>()
        + &index;
    assert!(!all.contains("第8页") && !all.contains("共8页"));
    let page_prefix = regex::Regex::new(r"\d、").expect("valid");
    assert!(!page_prefix.is_match(&all), "a page number is left");
    assert!(sections[0].2.contains("中国妇女十一大精神作为我市妇女工作"));
    assert!(sections[1].2.contains("复查指导并重新命名"));
    assert!(sections[7].2.contains("中国妇女十一大精神,贯彻落实省委"));

    site.build_ok(&[]);
    let report = site.page("/2013/2013-report/");
    assert_eq!(
        report.texts(".report-contents-part"),
        ["2013年工作回顾", "2014年主要任务"]
    );
    let page = site.page("/2013/2013-report/section-1/");
    assert_eq!(page.texts("h1"), [FEDERATION_SECTIONS[0]]);
}

#[test]
fn a_dry_run_prints_the_structure_and_writes_nothing() {
    let site = TestSite::new();
    let run = import_ok(
        &site,
        &fixture("federation-report-2013.txt"),
        &["--dry-run"],
    );
    for line in [
        "title: 妇联年度工作总结和明年工作思路",
        "part: 2013年工作回顾",
        "  01-section-1.md  一、围绕时代主题,学习宣传贯彻中央精神有新成效 (line 1): 1 paragraph",
        "part: 2014年主要任务",
        "  08-section-8.md  概述 (untitled) (line 12): 1 paragraph",
        "nothing was written",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    assert!(!site.root().join("content").exists());
}

#[test]
fn figures_found_in_the_text_are_proposed_commented_and_publish_once_uncommented() {
    let site = TestSite::new();
    let file = fixture("figures-report.html");
    let dry = import_ok(&site, &file, &["--dry-run"]);
    // (name, value, unit, section): counts named without their verbs, 万 kept in the unit,
    // a rate, and the 2015 column of the table; not the ordinal 第3届, the change 增加120人,
    // the year 2015, nor the targets of the 2016 plan.
    let expected = [
        ("培训班", "86", "期", "_index.md"),
        ("妇女创业担保贷款", "2450", "万元", "01-section-1.md"),
        ("扶持城乡妇女创业", "1527", "人", "01-section-1.md"),
        ("招聘会", "12", "场", "01-section-1.md"),
        ("妇女就业", "1.2", "万名", "01-section-1.md"),
        ("巾帼#讲堂活动", "30", "场", "01-section-1.md"),
        ("来信来访", "1455", "件", "02-section-2.md"),
        ("办结率", "98", "%", "02-section-2.md"),
        ("县级最美家庭", "60", "户", "02-section-2.md"),
        ("五好文明家庭", "120", "户", "02-section-2.md"),
        ("两癌免费检查", "8820", "人", "02-section-2.md"),
        ("妇女之家", "286", "个", "02-section-2.md"),
    ];
    let listed: Vec<String> = expected
        .iter()
        .map(|(name, value, unit, file)| format!("  {name}: {value} {unit}  ({file})"))
        .collect();
    let shown: Vec<&str> = dry
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("figures proposed"))
        .skip(1)
        .take_while(|l| l.starts_with("  ") && !l.starts_with("  ("))
        .collect();
    assert_eq!(shown, listed, "{}", dry.stdout);
    assert!(
        dry.stdout
            .contains("  (left out: 2 targets or too weak to propose)")
    );
    assert!(!site.root().join("content").exists());

    import_ok(&site, &file, &[]);
    let path = "content/reports/2015-report/_index.md";
    let index = read(&site, path);
    assert!(index.contains("\n# figures:  # TODO: check"), "{index}");
    // As written, the block is a comment: the site has no figures.
    site.build_ok(&[]);
    assert!(!site.exists("figures/figures.csv"));

    site.write(path, &uncomment_figures(&index));
    let root = site.root().to_str().expect("utf-8");
    let check = common::gazette(&["check", "--root", root]);
    assert!(check.success, "{}", check.stderr);
    site.build_ok(&[]);
    let rows = figures_csv(&site);
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|[name, value, unit, _, url]| {
            let page = url.trim_start_matches("https://example.org/2015/2015-report/");
            let file = match page {
                "" => "_index.md",
                "section-1/" => "01-section-1.md",
                "section-2/" => "02-section-2.md",
                other => other,
            };
            (name.as_str(), value.as_str(), unit.as_str(), file)
        })
        .collect();
    assert_eq!(got, expected);
    // Each note is the clause the figure was read from, quotes and "#" kept as text.
    assert_eq!(rows[5][3], "开展\"巾帼#讲堂\"活动30场");
}

#[test]
fn slug_into_and_date_options_are_used() {
    let site = TestSite::new();
    let into = site.root().join("content/archive");
    import_ok(
        &site,
        &fixture("federation-report-2013.txt"),
        &[
            "--slug",
            "fulian-2013",
            "--into",
            into.to_str().expect("utf-8"),
            "--date",
            "2014-01-15",
        ],
    );
    let index = read(&site, "content/archive/fulian-2013/_index.md");
    assert!(index.contains("date: 2014-01-15\n"), "{index}");
    site.build_ok(&[]);
    assert!(site.exists("2014/fulian-2013/index.html"));
}

#[test]
fn sub_headings_become_markdown_headings() {
    let site = TestSite::new();
    import_ok(&site, &fixture("subheadings.txt"), &[]);
    let section = read(&site, "content/reports/2012-report/01-section-1.md");
    assert_eq!(
        front(&section, "title").as_deref(),
        Some("一、维护妇女儿童合法权益")
    );
    assert_eq!(front(&section, "part").as_deref(), Some("2012年工作回顾"));
    for line in [
        "\n### （一）强化源头维权\n",
        "\n### （二）强化社会化维权\n\n深入开展“三八”妇女维权月活动",
        "\n#### 1.开展普法宣传\n",
    ] {
        assert!(section.contains(line), "missing {line:?} in\n{section}");
    }
    let third = read(&site, "content/reports/2012-report/03-section-3.md");
    assert_eq!(front(&third, "part").as_deref(), Some("2013年工作计划"));
    site.build_ok(&[]);
    let page = site.page("/2012/2012-report/section-1/");
    // `###` under the section title: the body's first level, an h2 on the page.
    let h2 = page.texts(".prose h2");
    assert!(
        h2.iter().any(|t| t.contains("（一）强化源头维权")),
        "{h2:?}"
    );
}

#[test]
fn running_headers_and_footers_are_removed() {
    let site = TestSite::new();
    import_ok(&site, &fixture("headers-and-footers.txt"), &[]);
    let names = files(&site, "2013-report");
    assert_eq!(names.len(), 4, "{names:?}");
    let first = read(&site, "content/reports/2013-report/01-section-1.md");
    assert!(first.contains("培训基层妇女干部320人次"), "{first}");
    let all: String = names
        .iter()
        .map(|n| read(&site, &format!("content/reports/2013-report/{n}")))
        .collect();
    // Once, as the title: the note on the date says where the year is from, not the text.
    assert_eq!(
        all.matches("title: \"城南街道妇联2013年工作总结").count(),
        1
    );
    assert_eq!(
        all.matches("城南街道妇联2013年工作总结").count(),
        1,
        "{all}"
    );
    assert!(!all.contains("第1页") && !all.contains("- 2 -"));
    site.build_ok(&[]);
}

#[test]
fn an_english_report_gets_english_file_names() {
    let site = TestSite::new();
    import_ok(&site, &fixture("english-report.txt"), &[]);
    assert_eq!(
        files(&site, "2013-report"),
        [
            "01-membership-and-volunteers.md",
            "02-community-events.md",
            "03-a-community-garden.md",
            "_index.md"
        ]
    );
    let first = read(
        &site,
        "content/reports/2013-report/01-membership-and-volunteers.md",
    );
    assert_eq!(
        front(&first, "title").as_deref(),
        Some("1. Membership and volunteers")
    );
    assert_eq!(front(&first, "part").as_deref(), Some("Review of 2013"));
    assert!(
        first.contains("more than 3,000 hours"),
        "wrapped lines are joined"
    );
    assert!(first.contains("\n### 1.1 New members\n"));
    let index = read(&site, "content/reports/2013-report/_index.md");
    assert!(index.contains("summary: \"(to be written)\""));
    site.build_ok(&[]);
    let page = site.page("/2013/2013-report/a-community-garden/");
    assert_eq!(page.texts("h1"), ["1. A community garden"]);
}

#[test]
fn a_markdown_file_keeps_its_markdown_and_takes_the_site_organization() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: 测试站点\nbase_url: https://example.org/\norganization: 城南街道妇联\n",
    );
    import_ok(&site, &fixture("plan.md"), &[]);
    let index = read(&site, "content/reports/2014-report/_index.md");
    assert_eq!(
        front(&index, "title").as_deref(),
        Some("2014年妇女工作要点")
    );
    assert!(
        index.contains("organization: \"城南街道妇联\"  # TODO: check"),
        "{index}"
    );
    let first = read(&site, "content/reports/2014-report/01-section-1.md");
    assert_eq!(front(&first, "part"), None);
    assert!(first.contains("开展“中国梦”主题宣传教育活动，举办报告会20场。"));
    assert!(first.contains("\n### （一）宣讲活动\n"));
    assert!(first.contains("[活动照片](https://example.org/photo)"));
    let second = read(&site, "content/reports/2014-report/02-section-2.md");
    assert!(
        second.contains("- 推进妇女创业就业\n- 开展技能培训"),
        "{second}"
    );
    site.build_ok(&[]);
    let page = site.page("/2014/2014-report/section-2/");
    assert_eq!(
        page.texts(".prose li"),
        ["推进妇女创业就业", "开展技能培训"]
    );
}

#[test]
fn ambiguous_input_gets_a_warning_naming_the_line() {
    let site = TestSite::new();
    site.write(
        "report.txt",
        "年度报告\n一、学习\n正文。\n三、维权\n正文。\n",
    );
    let file = site.root().join("report.txt");
    let run = import_ok(&site, &file, &["--year", "2013"]);
    let expected = format!("warning: {}:4: section \"三、维权\"", file.display());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn files_that_are_not_reports_are_refused() {
    let site = TestSite::new();
    site.write("empty.txt", "  \n\n");
    site.write_bytes("binary.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2]);
    site.write_bytes("latin1.txt", b"Caf\xe9 report\n");
    site.write("fake.docx", "not a zip");
    site.write("report.pdf", "%PDF-1.4");
    site.write("no-year.txt", "报告\n一、学习\n正文。\n");
    for (name, message) in [
        ("empty.txt", "is empty"),
        ("binary.txt", "not a text file"),
        ("latin1.txt", "not text in UTF-8, UTF-16 or GBK"),
        ("fake.docx", "not a Word document"),
        ("report.pdf", "not a PDF that can be read"),
        ("no-year.txt", "pass --year"),
        ("missing.txt", "cannot read"),
    ] {
        let run = import(&site, &site.root().join(name), &[]);
        assert!(!run.success, "{name} was accepted");
        assert!(run.stderr.starts_with("error: "), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{name}: {}", run.stderr);
    }
    assert!(!site.root().join("content").exists());
}

/// A minimal Word document: a title, a table of contents, a text box, two heading-1
/// sections numbered by the paragraph, a heading-2 sub-heading numbered by its style, a
/// bold paragraph start, a table, an image and a numbered list.
fn make_docx(path: &Path) {
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
</w:styles>"#;
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
    let rels = docx::rels_xml(&[("rId5", "media/image1.png")]);
    let p = |style: &str, num: Option<&str>, runs: &str| {
        let style = format!(r#"<w:pStyle w:val="{style}"/>"#);
        let num = num.map_or(String::new(), |n| {
            format!(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr>"#)
        });
        format!("<w:p><w:pPr>{style}{num}</w:pPr>{runs}</w:p>")
    };
    let r = docx::run;
    let bold = |text: &str| format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r>");
    let cell = |text: &str| format!("<w:tc><w:p>{}</w:p></w:tc>", r(text));
    let image = &docx::image_run("rId5", "活动照片");
    let text_box = |text: &str| {
        let content = format!("<w:txbxContent><w:p>{}</w:p></w:txbxContent>", r(text));
        format!(
            "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{content}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{content}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    };
    let body = [
        p("a3", None, &r("2013年度妇联工作报告")),
        p("TOC1", None, &r("一、加强思想引领\t1")),
        p(
            "a",
            None,
            &(r("这是报告的导语。") + &text_box("文本框里的话。")),
        ),
        p("1", Some("1"), &r("加强思想引领")),
        p(
            "a",
            None,
            &(bold("一是……") + &r("加强理论学习，开展专题讲座12场。")),
        ),
        p("2", None, &r("专题学习")),
        p("a", None, &r("学习情况如下 &amp; 统计：")),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("项目"),
            cell("数量"),
            cell("讲座"),
            cell("12")
        ),
        p("a", None, image),
        p("1", Some("1"), &r("服务妇女发展")),
        p("a", Some("2"), &r("举办招聘会")),
        p("a", Some("2"), &r("开展技能培训")),
    ]
    .concat();
    let document = docx::document_xml(&body);
    docx::write_docx(
        path,
        &[
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/media/image1.png", b"\x89PNG fake image".as_slice()),
        ],
    );
}

#[test]
fn a_word_document_gives_sections_headings_tables_and_images() {
    let site = TestSite::new();
    let docx = site.root().join("report.docx");
    make_docx(&docx);
    let run = import_ok(&site, &docx, &[]);
    assert_eq!(run.stderr, "", "no warnings expected");
    assert_eq!(
        files(&site, "2013-report"),
        [
            "01-section-1.md",
            "02-section-2.md",
            "_index.md",
            "image1.png"
        ]
    );
    let index = read(&site, "content/reports/2013-report/_index.md");
    assert_eq!(
        front(&index, "title").as_deref(),
        Some("2013年度妇联工作报告")
    );
    assert!(index.contains("\n这是报告的导语。\n"), "{index}");
    // The text box once (its fallback copy is skipped), the table of contents not at all.
    assert_eq!(index.matches("文本框里的话。").count(), 1, "{index}");
    assert!(!index.contains("加强思想引领"), "{index}");

    let first = read(&site, "content/reports/2013-report/01-section-1.md");
    assert_eq!(front(&first, "title").as_deref(), Some("一、加强思想引领"));
    for expected in [
        "**一是**……加强理论学习，开展专题讲座12场。",
        "### （一）专题学习",
        "学习情况如下 \\& 统计：",
        "| 项目 | 数量 |\n| --- | --- |\n| 讲座 | 12 |",
        "![活动照片](image1.png)",
    ] {
        assert!(first.contains(expected), "missing {expected:?} in\n{first}");
    }
    let second = read(&site, "content/reports/2013-report/02-section-2.md");
    assert_eq!(front(&second, "title").as_deref(), Some("二、服务妇女发展"));
    assert!(
        second.contains("1. 举办招聘会\n2. 开展技能培训"),
        "{second}"
    );
    assert_eq!(
        fs::read(site.root().join("content/reports/2013-report/image1.png")).expect("image"),
        b"\x89PNG fake image"
    );

    site.build_ok(&[]);
    let page = site.page("/2013/2013-report/section-1/");
    assert_eq!(page.texts("strong"), ["一是"]);
    assert_eq!(page.texts("td"), ["讲座", "12"]);
    assert_eq!(page.attrs("img", "alt"), ["活动照片"]);
    assert!(site.exists("2013/2013-report/image1.png"));
}

/// A PDF of one blank page, as a scanner without OCR leaves one (an image, no text).
fn blank_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

#[test]
fn a_pdf_without_text_and_a_missing_converter_say_what_to_do() {
    let site = TestSite::new();
    site.write_bytes("scan.pdf", &blank_pdf());
    let run = import(&site, &site.root().join("scan.pdf"), &[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("this PDF has no text layer"),
        "{}",
        run.stderr
    );

    // Without pdftotext and LibreOffice on the PATH, the error names what to install.
    let odt = common::fixture("import/corpus/odt-seniors-review-2017.odt");
    let pdf = common::fixture("import/corpus/pdf-county-federation-2019.pdf");
    for (file, install) in [(odt, "libreoffice-writer"), (pdf, "poppler-utils")] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .arg("import")
            .arg(&file)
            .arg("--root")
            .arg(site.root())
            .env("PATH", site.root())
            .output()
            .expect("run gazette");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(stderr.contains("is not installed"), "{stderr}");
        assert!(stderr.contains(install), "{stderr}");
    }
    assert!(!site.root().join("content").exists());
}

#[test]
fn a_saved_page_keeps_the_images_saved_beside_it_and_nothing_outside() {
    let site = TestSite::new();
    site.write_bytes("saved/report_files/photo 1.png", b"\x89PNG photo");
    site.write_bytes("secret.png", b"\x89PNG not the page's");
    site.write(
        "saved/report.html",
        r#"<html><head><meta charset="utf-8"><title>2013年工作总结 - 某网站</title></head><body>
<nav><a href="/">首页</a></nav>
<div class="content"><h1>2013年工作总结</h1>
<p>2013年，我们做了很多工作，取得了一定的成绩，现总结如下。</p>
<h2>一、加强学习</h2><p>开展学习活动12场，参加人数达到600人次。</p>
<p><img src="report_files/photo%201.png" alt="学习"><img src="../secret.png" alt="外面"></p>
</div></body></html>"#,
    );
    let run = import_ok(&site, &site.root().join("saved/report.html"), &[]);
    assert!(run.stderr.contains("../secret.png"), "{}", run.stderr);
    assert_eq!(
        files(&site, "2013-report"),
        ["01-section-1.md", "_index.md", "photo-1.png"]
    );
    let section = read(&site, "content/reports/2013-report/01-section-1.md");
    assert!(section.contains("![学习](photo-1.png)"), "{section}");
    assert!(!section.contains("secret"), "{section}");
    site.build_ok(&[]);
}
