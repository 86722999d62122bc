//! Plans by year: a part about another year than its report's ("2025年工作计划" in the 2024
//! report, or sections that set `year:`) is listed on that year's page and in the archive under
//! that year, linking to the part; report cards link to their parts.

mod common;

use common::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/r2024/_index.md",
        "---\ntitle: 2024年工作总结\ndate: 2024-12-31\n---\n",
    )
    .write(
        "content/r2024/01-a.md",
        "---\ntitle: 一、回顾\npart: 2024年工作回顾\n---\n甲。\n",
    )
    .write(
        "content/r2024/02-b.md",
        "---\ntitle: 一、总体思路\npart: 2025年工作计划\n---\n乙。\n",
    )
    .write(
        "content/r2024/03-c.md",
        "---\ntitle: 二、重点任务\npart: 2025年工作计划\n---\n丙。\n",
    )
    .write(
        "content/r2013/_index.md",
        "---\ntitle: 2013年总结\ndate: 2013-12-31\n---\n",
    )
    .write(
        "content/r2013/01-a.md",
        "---\ntitle: 一、回顾\npart: 工作回顾\n---\n丁。\n",
    )
    .write(
        "content/r2013/02-b.md",
        "---\ntitle: 一、任务\npart: 主要任务\nyear: 2014\n---\n戊。\n",
    );
    site
}

#[test]
fn a_plan_is_listed_on_its_years_page_and_in_the_archive() {
    let site = site();
    site.build_ok(&[]);
    // 2025 has no report of its own: its page exists for the plan.
    let y2025 = site.page("/2025/");
    assert_eq!(y2025.texts(".plan-list a"), ["2025年工作计划"]);
    assert_eq!(y2025.attrs(".plan-list a", "href"), ["/2024/r2024/b/"]);
    assert_eq!(
        y2025.texts(".plan-source"),
        ["— 见《2024年工作总结》（2024）"]
    );
    assert!(
        y2025.select(".empty").is_empty(),
        "no 'no reports' beside a plan"
    );
    let y2014 = site.page("/2014/");
    assert_eq!(y2014.texts(".plan-list a"), ["主要任务"]);
    assert_eq!(y2014.attrs(".plan-list a", "href"), ["/2013/r2013/b/"]);

    let archive = site.page("/archive/");
    assert_eq!(
        archive.texts(".archive-year h2 a"),
        ["2025年", "2024年", "2014年", "2013年"]
    );
    assert_eq!(
        archive.texts(".archive-year .plan-list a"),
        ["2025年工作计划", "主要任务"]
    );
    // The review of a report's own year is no plan of another year.
    assert!(!site.page("/2024/").text.contains("plan-list"));

    let card = site.page("/2024/");
    assert_eq!(
        card.texts(".card-parts a"),
        ["2024年工作回顾", "2025年工作计划"]
    );
    assert_eq!(
        card.attrs(".card-parts a", "href"),
        ["/2024/r2024/a/", "/2024/r2024/b/"]
    );
    let home = site.page("/");
    assert_eq!(
        home.texts(".year-list .year-num"),
        ["2025年", "2024年", "2014年", "2013年"]
    );
}

#[test]
fn the_example_sites_2014_plan_is_reachable_from_2014() {
    let out = tempfile::tempdir().unwrap();
    let run = common::gazette(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        out.path().join("public").to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    let site = TestSite::at(out.path());
    let year = site.page("/2014/");
    let links: Vec<(String, String)> = year
        .texts(".plan-list a")
        .into_iter()
        .zip(year.attrs(".plan-list a", "href"))
        .collect();
    assert_eq!(
        links,
        [(
            "2014年主要任务".to_string(),
            "/2013/2013-work-summary/overall-approach/".to_string()
        )]
    );
}
