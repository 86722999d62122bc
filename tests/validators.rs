//! Independent validators on the example site as built: the W3C Nu HTML Checker (npm `vnu-jar`,
//! run on Java) reports no error and no warning on any page, its CSS or its SVG.
//! A missing Java or checker fails here with what to do, never a silent pass.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn the_nu_html_checker_finds_nothing_on_any_page() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let vnu = repo.join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        vnu.is_file(),
        "the Nu HTML Checker is missing: run scripts/test, or `npm ci` in {}",
        repo.display()
    );
    let out = common::build_example(&[]);
    let public = out.path().join("public");
    let check = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--skip-non-html", "--also-check-css", "--also-check-svg"])
        .args(["--format", "gnu"])
        .arg(&public)
        .output()
        .expect("java runs (scripts/test installs default-jre-headless)");
    let report = String::from_utf8_lossy(&check.stderr).into_owned()
        + &String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && report.trim().is_empty(),
        "the Nu HTML Checker reports:\n{report}"
    );
    let pages = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages >= 30, "only {pages} pages checked");
}
