//! `gazette check`: the build's validation without output, warnings, and external links
//! checked against servers on this machine (never the internet).

mod common;

use common::TestSite;
use common::http::serve_static;

fn report_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/2013/r/_index.md",
        "---\ntitle: R\ndate: 2013-12-31\nsummary: 报告\n---\n",
    );
    site
}

fn check(site: &TestSite, args: &[&str]) -> common::Run {
    let root = site.root().to_str().unwrap();
    common::gazette(&[&["check", "--root", root], args].concat())
}

#[test]
fn check_reports_what_build_would_and_writes_nothing() {
    let site = report_site();
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: A\nsummary: 一\n---\n[下一节](02-b.md)\n",
    );
    let run = check(&site, &[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .starts_with("error: content/2013/r/01-a.md:5:1: broken link `02-b.md`"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("public").exists());
}

#[test]
fn warnings_do_not_fail_unless_denied() {
    let site = report_site();
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 一、工作\n---\n正文\n",
    );
    site.write(
        "content/2013/r/02-b.md",
        "---\ntitle: 一、工作\nsummary: 有\n---\n![图](used.png)\n",
    );
    site.write_bytes("content/2013/r/used.png", b"\x89PNG");
    site.write_bytes("content/2013/r/unused.pdf", b"%PDF");
    let run = check(&site, &[]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: content/2013/r/01-a.md: section has no `summary:`\n  = help: a one-sentence summary is shown in the report's contents and used as the page description\n\n\
         warning: content/2013/r/01-a.md: section title `一、工作` is also used by content/2013/r/02-b.md\n\n\
         warning: content/2013/r/unused.pdf: no page links to this file\n  = help: it is still published; link it from a section or remove it\n\n"
    );
    assert_eq!(run.stdout, "Checked 9 pages: no errors, 3 warnings\n");
    assert!(!check(&site, &["--deny-warnings"]).success);
}

#[test]
fn external_links_are_checked_with_a_timeout_and_a_summary() {
    let served = tempfile::tempdir().unwrap();
    std::fs::write(served.path().join("ok.html"), "ok").unwrap();
    let addr = serve_static(served.path(), "/");
    // Accepts connections but never answers: only the timeout ends the request.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_addr = silent.local_addr().unwrap();

    let site = report_site();
    site.write(
        "content/2013/r/01-a.md",
        &format!(
            "---\ntitle: A\nsummary: 一\n---\n[好](http://{addr}/ok.html)\n\n[坏](http://{addr}/missing.html)\n\n[慢](http://{silent_addr}/)\n\n[又好](http://{addr}/ok.html)\n"
        ),
    );
    let run = check(
        &site,
        &["--external", "--timeout", "2", "--concurrency", "2"],
    );
    assert!(!run.success, "broken external links fail the check");
    assert_eq!(
        run.stdout,
        "Checked 8 pages: no errors, 0 warnings; 3 external links, 2 broken\n"
    );
    assert!(
        run.stderr.contains(&format!("error: content/2013/r/01-a.md:7:1: external link http://{addr}/missing.html is broken: HTTP 404")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "error: content/2013/r/01-a.md:9:1: external link http://{silent_addr}/ is broken"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("2 external links are broken\n"),
        "{}",
        run.stderr
    );
    drop(silent);
}

#[test]
fn timeout_and_concurrency_have_ceilings() {
    // An unbounded timeout overflowed the clock (a panic); an unbounded concurrency started one
    // thread per slot. Both are refused before anything runs.
    for (args, message) in [
        (
            ["--timeout", "9223372036854775807"],
            "error: invalid value '9223372036854775807' for '--timeout <SECONDS>': 9223372036854775807 is not in 1..=300\n",
        ),
        (
            ["--timeout", "0"],
            "error: invalid value '0' for '--timeout <SECONDS>': 0 is not in 1..=300\n",
        ),
        (
            ["--concurrency", "40000"],
            "error: invalid value '40000' for '--concurrency <N>': 40000 is not in 1..=64\n",
        ),
    ] {
        let run = common::gazette(&[&["check", "--external"][..], &args[..]].concat());
        assert!(!run.success, "{args:?}");
        assert!(run.stderr.starts_with(message), "{args:?}: {}", run.stderr);
    }
}
