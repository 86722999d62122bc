//! Authoring commands that write files for the user: a new site, a new report or section, a
//! copy of the default theme. They only ever create files: an existing one is never replaced.

mod init;
mod new;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub(crate) use init::{InitOptions, init};
pub(crate) use new::{MAX_NEW_SECTIONS, NewReport, NewSection, new_report, new_section};

/// Writes `files` (relative path, text) under `root`, refusing before writing anything if any
/// of them exists, so a refusal leaves everything as it was. Returns the paths written.
fn create_all(root: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    let existing: Vec<String> = files
        .iter()
        .map(|(rel, _)| root.join(rel))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!("not overwriting existing files: {}", existing.join(", "));
    }
    let mut written = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        // create_new: a file that appeared since the check above is still not replaced.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        std::io::Write::write_all(&mut file, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Refuses a title the build would refuse or mangle: blank, or holding control characters
/// (a line break, a tab, an escape), which break YAML and XML.
fn check_title(title: &str) -> Result<()> {
    if title.trim().is_empty() {
        bail!("the title is empty: give one with --title");
    }
    if let Some(c) = title.chars().find(|c| c.is_control()) {
        bail!(
            "the title holds a control character (U+{:04X}); write it on one line without it",
            u32::from(c)
        );
    }
    Ok(())
}

/// Copies the embedded default theme into `<root>/themes/<name>/` for customization.
pub(crate) fn eject_theme(root: &Path, name: &str) -> Result<PathBuf> {
    if !crate::slug::is_valid_segment(name) {
        bail!("`{name}` cannot be a theme folder name");
    }
    let dir = root.join("themes").join(name);
    if dir.exists() {
        bail!(
            "{} already exists; remove it or choose another name",
            dir.display()
        );
    }
    let files: Vec<(PathBuf, Vec<u8>)> = crate::theme::default_theme_files()
        .map(|(rel, bytes)| (PathBuf::from(rel), bytes.to_vec()))
        .collect();
    create_all(&dir, &files)?;
    Ok(dir)
}

/// 1 → 一, 12 → 十二, 21 → 二十一: how Chinese reports number their sections.
pub(crate) fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sections_the_chinese_way() {
        let names: Vec<String> = [1, 7, 10, 12, 20, 21, 99]
            .into_iter()
            .map(chinese_numeral)
            .collect();
        assert_eq!(
            names,
            ["一", "七", "十", "十二", "二十", "二十一", "九十九"]
        );
    }
}
