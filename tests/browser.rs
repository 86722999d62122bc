//! The browser tests (`tests/browser/*.test.mjs`: node's test runner driving Debian's headless
//! Chromium through playwright-core) run as part of `cargo test`, against this build's binary.
//! A missing browser or missing node packages fail here with what to do, never a silent pass.

use std::path::Path;
use std::process::Command;

#[test]
fn browser_tests_pass_in_headless_chromium() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: run scripts/test, which installs Debian's chromium, or set CHROMIUM"
    );
    assert!(
        repo.join("node_modules/playwright-core").is_dir()
            && repo.join("node_modules/axe-core").is_dir(),
        "the browser tests' node packages are missing: run scripts/test, or `npm ci` in {}",
        repo.display()
    );
    let run = Command::new("node")
        .args(["--test", "tests/browser/"])
        .env("GAZETTE_BIN", env!("CARGO_BIN_EXE_gazette"))
        .env("CHROMIUM", &chromium)
        .current_dir(repo)
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
