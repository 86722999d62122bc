//! The browser tests (`tests/browser/*.test.mjs`: node's test runner driving Debian's headless
//! Chromium through playwright-core) run as part of `cargo test`, against this build's binary.
//! A missing browser or missing node packages fail here with what to do, never a silent pass.

mod common;

use std::process::Command;

#[test]
fn browser_tests_pass_in_headless_chromium() {
    let chromium = common::chromium_with(&["playwright-core", "axe-core"]);
    let run = Command::new("node")
        .args(["--test", "tests/browser/"])
        .env("GAZETTE_BIN", env!("CARGO_BIN_EXE_gazette"))
        .env("CHROMIUM", &chromium)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("node runs (Node.js 20 or newer is needed for the browser tests)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "browser tests failed:\n{report}");
    let passed = report
        .lines()
        .find_map(|l| l.strip_prefix("# pass "))
        .and_then(|n| n.trim().parse::<u32>().ok());
    assert!(
        passed.is_some_and(|n| n > 0),
        "no browser test ran:\n{report}"
    );
}
