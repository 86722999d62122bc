//! When each source last changed, from git when the site is a repository: a checkout gives
//! every file the checkout's time, but the sitemap's `lastmod` should say when the text changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::date::Date;

/// The date of the last commit touching each file under `root/content/`, by its path relative
/// to `content/`. Empty when `root` is not in a git repository or git is not installed.
pub(crate) fn last_commits(root: &Path) -> HashMap<PathBuf, Date> {
    let output = Command::new("git")
        .args(["-c", "core.quotePath=false", "-C"])
        .arg(root)
        .args([
            "log",
            "--format=%x00%cs",
            "--name-only",
            "--relative",
            "--",
            "content",
        ])
        .output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        return HashMap::new();
    };
    parse_log(&String::from_utf8_lossy(&output.stdout))
}

/// `git log --format=%x00%cs --name-only` output, newest commit first: the first date seen for
/// a file is its last change.
fn parse_log(log: &str) -> HashMap<PathBuf, Date> {
    let mut dates = HashMap::new();
    let mut current = None;
    for line in log.lines() {
        if let Some(date) = line.strip_prefix('\0') {
            current = Date::parse(date);
        } else if let (Some(date), Some(path)) = (current, line.strip_prefix("content/")) {
            dates.entry(PathBuf::from(path)).or_insert(date);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\u{0}2024-03-05\n\ncontent/a/_index.md\n\n\u{0}2023-01-02\n\ncontent/a/_index.md\ncontent/页面.md\n";
        let dates = parse_log(log);
        assert_eq!(dates[Path::new("a/_index.md")].to_string(), "2024-03-05");
        assert_eq!(dates[Path::new("页面.md")].to_string(), "2023-01-02");
        assert_eq!(dates.len(), 2);
    }
}
