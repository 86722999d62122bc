//! Key figures: `figures:` in front matter checked with exact messages, gathered into series,
//! shown on report pages and the figures pages, and published as CSV and JSON.

mod common;

use common::TestSite;

fn report(year: i32, figures: &str) -> String {
    format!("---\ntitle: {year}年工作总结\ndate: {year}-12-31\nfigures:\n{figures}---\n\n正文。\n")
}

#[track_caller]
fn build_error(site: &TestSite) -> String {
    let run = site.build(&[]);
    assert!(!run.success, "the build should fail:\n{}", run.stdout);
    run.stderr
}

#[test]
fn a_value_written_with_its_multiplier_suggests_the_number_and_the_unit() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        &report(2013, "  - name: 就业人数\n    value: 1.2万\n    unit: 人\n"),
    );
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/_index.md:6:12: the value of `就业人数` must be a number, not \"1.2万\"\n   |\n 6 |     value: 1.2万\n   |            ^\n  = help: write `value: 12000` with `unit: 人`, or `value: 1.2` with `unit: 万人`\n\n1 error found\n"
    );
}

#[test]
fn a_name_given_twice_in_one_report_names_the_first() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        &report(2013, "  - name: 招聘会\n    value: 86\n"),
    );
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 一\nfigures:\n  - {name: 招聘会, value: 87, unit: 场}\n---\n",
    );
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/01-a.md:4:12: the figure `招聘会` is given twice in this report\n   |\n 4 |   - {name: 招聘会, value: 87, unit: 场}\n   |            ^\n  = help: it is first given at content/2013/r/_index.md:5:11; give each figure once per report\n\n1 error found\n"
    );
}

#[test]
fn a_missing_value_is_an_error_at_its_figure() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        &report(2013, "  - name: 招聘会\n    unit: 场\n"),
    );
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/_index.md:5:11: the figure `招聘会` has no value\n   |\n 5 |   - name: 招聘会\n   |           ^\n  = help: write the number after `value:`, such as `value: 862`\n\n1 error found\n"
    );
    site.write(
        "content/2013/r/_index.md",
        &report(2013, "  - name: 招聘会\n    value:\n"),
    );
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/_index.md:5:11: the figure `招聘会` has no value\n   |\n 5 |   - name: 招聘会\n   |           ^\n  = help: write the number after `value:`, such as `value: 862`\n\n1 error found\n"
    );
}

#[test]
fn a_section_that_does_not_exist_is_named_with_a_suggestion() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        &report(
            2013,
            "  - name: 就业人数\n    value: 13170\n    section: 02-employmnt.md\n",
        ),
    );
    site.write("content/2013/r/02-employment.md", "---\ntitle: 就业\n---\n");
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/_index.md:7:14: `02-employmnt.md` is not a section of this report\n   |\n 7 |     section: 02-employmnt.md\n   |              ^\n  = help: did you mean `02-employment.md`?\n\n1 error found\n"
    );
}

#[test]
fn one_indicator_in_two_units_names_both_files() {
    let site = TestSite::new();
    site.write(
        "content/2012/r/_index.md",
        &report(2012, "  - name: 就业人数\n    value: 1.1\n    unit: 万人\n"),
    );
    site.write(
        "content/2013/r/_index.md",
        &report(2013, "  - name: 就业人数\n    value: 13170\n    unit: 人\n"),
    );
    assert_eq!(
        build_error(&site),
        "error: content/2013/r/_index.md:7:11: the figure `就业人数` is in `人` here but in `万人` in content/2012/r/_index.md:7:11\n   |\n 7 |     unit: 人\n   |           ^\n  = help: an indicator keeps one unit in every report: convert the value to `万人`\n\n1 error found\n"
    );
}

/// Three reports: an indicator in all three (one given in a section), one that falls, one only
/// in the newest, with notes that need CSV quoting.
fn series_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/2012/a/_index.md",
        &report(
            2012,
            "  - {name: 巾帼文明岗, value: 798, unit: 个}\n  - {name: 来信来访, value: 1510, unit: 件}\n",
        ),
    );
    site.write(
        "content/2013/b/_index.md",
        &report(
            2013,
            "  - {name: 巾帼文明岗, value: 862, unit: 个, note: \"保留726个,撤销113个\", section: 01-jobs.md}\n  - {name: 贴息贷款, value: 72.63, unit: 万元, note: \"扶持\\\"城乡\\\"妇女\"}\n",
        ),
    );
    site.write(
        "content/2013/b/01-jobs.md",
        "---\ntitle: 就业\nfigures:\n  - {name: 来信来访, value: 1455, unit: 件}\n---\n正文。\n",
    );
    site.write(
        "content/2014/c/_index.md",
        &report(2014, "  - {name: 巾帼文明岗, value: 880, unit: 个}\n"),
    );
    site.build_ok(&[]);
    site
}

#[test]
fn the_csv_parses_back_to_the_front_matter_values_and_the_json_has_the_same_rows() {
    let site = series_site();
    let bytes = std::fs::read(site.output("figures/figures.csv")).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "year",
            "report",
            "date",
            "organization",
            "indicator",
            "value",
            "unit",
            "note",
            "url"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let picked: Vec<[&str; 6]> = rows
        .iter()
        .map(|r| [&r[0], &r[4], &r[5], &r[6], &r[7], &r[8]].map(String::as_str))
        .collect();
    assert_eq!(
        picked,
        [
            [
                "2014",
                "巾帼文明岗",
                "880",
                "个",
                "",
                "https://example.org/2014/c/"
            ],
            [
                "2013",
                "巾帼文明岗",
                "862",
                "个",
                "保留726个,撤销113个",
                "https://example.org/2013/b/jobs/"
            ],
            [
                "2013",
                "贴息贷款",
                "72.63",
                "万元",
                "扶持\"城乡\"妇女",
                "https://example.org/2013/b/"
            ],
            [
                "2013",
                "来信来访",
                "1455",
                "件",
                "",
                "https://example.org/2013/b/jobs/"
            ],
            [
                "2012",
                "巾帼文明岗",
                "798",
                "个",
                "",
                "https://example.org/2012/a/"
            ],
            [
                "2012",
                "来信来访",
                "1510",
                "件",
                "",
                "https://example.org/2012/a/"
            ],
        ]
    );
    assert_eq!(rows[1][1], "2013年工作总结");
    assert_eq!(rows[1][2], "2013-12-31");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.output("figures/figures.json")).unwrap())
            .unwrap();
    let figures = json["figures"].as_array().unwrap();
    assert_eq!(figures.len(), rows.len());
    for (row, figure) in rows.iter().zip(figures) {
        assert_eq!(figure["indicator"], row[4].as_str());
        assert_eq!(figure["value"].as_f64().unwrap().to_string(), row[5]);
        assert_eq!(figure["url"], row[8].as_str());
    }
    let page = site.page("/figures/");
    assert_eq!(
        page.attrs(".figures-downloads a", "href"),
        ["/figures/figures.csv", "/figures/figures.json"]
    );
}

/// The value and height of each point of the chart under `css`, left to right.
fn chart_points(page: &common::Page, css: &str) -> Vec<(String, f64)> {
    page.select(&format!("{css} .chart-point"))
        .iter()
        .map(|a| {
            let value = a
                .select(&scraper::Selector::parse(".chart-value").unwrap())
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let circle = a
                .select(&scraper::Selector::parse("circle").unwrap())
                .next()
                .unwrap();
            let cy: f64 = circle.value().attr("cy").unwrap().parse().unwrap();
            (value, cy)
        })
        .collect()
}

#[test]
fn every_chart_has_a_point_per_report_with_the_indicator_at_the_right_height() {
    let site = series_site();
    let page = site.page("/figures/");
    assert_eq!(
        page.texts(".indicator h2 a"),
        ["巾帼文明岗", "贴息贷款", "来信来访"],
        "indicators in the newest report's order, then older ones'"
    );
    let points = chart_points(&page, "#figure-巾帼文明岗");
    let values: Vec<&str> = points.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(values, ["798", "862", "880"]);
    // Higher values stand higher: a smaller y.
    assert!(
        points[0].1 > points[1].1 && points[1].1 > points[2].1,
        "{points:?}"
    );
    let falling = chart_points(&page, "#figure-来信来访");
    assert_eq!(falling.len(), 2);
    assert!(falling[0].1 < falling[1].1, "{falling:?}");
    assert_eq!(chart_points(&page, "#figure-贴息贷款").len(), 1);
    assert_eq!(
        page.attrs("#figure-巾帼文明岗 .chart-point", "href"),
        ["/2012/a/", "/2013/b/", "/2014/c/"]
    );
    assert_eq!(
        page.texts("#figure-巾帼文明岗 tbody th"),
        ["2012", "2013", "2014"]
    );
    assert_eq!(
        page.attrs("#figure-巾帼文明岗 tbody td:last-child > a", "href"),
        ["/2012/a/", "/2013/b/jobs/", "/2014/c/"],
        "each row links to where its figure is reported"
    );
    assert_eq!(page.select(".figures-overview li .sparkline").len(), 3);
    let own = site.page("/figures/巾帼文明岗/");
    assert_eq!(chart_points(&own, "main").len(), 3);
}

#[test]
fn the_report_panel_shows_the_change_against_the_previous_report_with_the_indicator() {
    let site = series_site();
    let page = site.page("/2013/b/");
    assert_eq!(
        page.texts(".figure-name"),
        ["巾帼文明岗", "贴息贷款", "来信来访"]
    );
    assert_eq!(
        page.texts(".figure-value"),
        ["862 个", "72.63 万元", "1455 件"]
    );
    assert_eq!(
        page.texts(".figure-change"),
        ["▲ 8.0% 较2012年", "▼ 3.6% 较2012年"]
    );
    assert_eq!(
        page.attrs(".figure-name a", "href"),
        ["/2013/b/jobs/", "/2013/b/jobs/"]
    );
    // 880 against 862: the previous report with the indicator.
    let newest = site.page("/2014/c/");
    assert_eq!(newest.texts(".figure-change"), ["▲ 2.1% 较2013年"]);
    assert!(site.page("/2012/a/").select(".figure-change").is_empty());
    let print = site.page("/2013/b/print/");
    assert_eq!(
        print.texts(".print-figures tbody tr"),
        [
            "巾帼文明岗保留726个,撤销113个862 个",
            "贴息贷款扶持\"城乡\"妇女72.63 万元",
            "来信来访1455 件"
        ]
    );
}

#[test]
fn the_figures_are_in_the_default_menu_the_sitemap_and_the_search_index() {
    let site = series_site();
    let home = site.page("/");
    assert!(
        home.attrs("header a", "href")
            .contains(&"/figures/".to_string())
    );
    let sitemap = std::fs::read_to_string(site.output("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/figures/</loc>"));
    assert!(
        sitemap.contains(
            "<loc>https://example.org/figures/%E5%B7%BE%E5%B8%BC%E6%96%87%E6%98%8E%E5%B2%97/</loc>"
        ) || sitemap.contains("<loc>https://example.org/figures/巾帼文明岗/</loc>"),
        "{sitemap}"
    );
    let search_docs: String = std::fs::read_dir(site.output("search"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .map(|f| std::fs::read_to_string(f.path()).unwrap_or_default())
        .collect();
    assert!(
        search_docs.contains("保留726个,撤销113个"),
        "figure notes are searchable"
    );
}

#[test]
fn a_site_without_figures_has_no_figures_pages() {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: 总结\ndate: 2013-12-31\n---\n正文。\n",
    );
    site.build_ok(&[]);
    assert!(!site.exists("figures"));
    assert!(
        !site
            .page("/")
            .attrs("header a", "href")
            .contains(&"/figures/".to_string())
    );
    assert!(site.page("/2013/r/").select(".figures-panel").is_empty());
}

#[test]
fn a_static_file_in_place_of_the_open_data_replaces_it_with_a_warning() {
    let site = series_site();
    site.write("static/figures/figures.csv", "year\n");
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(site.output("figures/figures.csv")).unwrap(),
        "year\n"
    );
    let root = site.root().to_str().unwrap();
    let run = common::gazette(&["check", "--root", root]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("static/figures/figures.csv: this static file replaces the generated figures/figures.csv"),
        "{}",
        run.stderr
    );
}
