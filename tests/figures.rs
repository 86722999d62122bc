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
