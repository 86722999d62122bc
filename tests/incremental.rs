//! The preview's incremental rebuild is a full build, byte for byte: random sequences of edits
//! (section text and front matter, new, renamed and deleted sections and reports, a report's
//! date, assets, static files, templates, UI words, site.yaml) are applied to a site through
//! the preview's `Workspace`, and after each step every output file is compared with a fresh
//! full build of the same files. `PROPTEST_CASES=200 cargo test --test incremental` searches
//! harder than the default budget.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use common::TestSite;
use gazette::build::{self, BuildOptions};
use gazette::rebuild::Workspace;
use proptest::prelude::*;

const REPORT: &str = "content/2013/annual";

#[derive(Debug, Clone)]
enum Edit {
    /// A paragraph, a heading or a link added to a section's body.
    SectionText {
        section: usize,
        n: u8,
    },
    SectionTitle {
        section: usize,
        n: u8,
    },
    NewSection {
        n: u8,
    },
    RenameSection {
        section: usize,
        n: u8,
    },
    DeleteSection {
        section: usize,
    },
    NewReport {
        n: u8,
    },
    DeleteReport {
        n: u8,
    },
    ReportDate {
        n: u8,
    },
    Asset {
        n: u8,
    },
    /// A static file, at a page's path when `at_page`.
    Static {
        n: u8,
        at_page: bool,
    },
    DeleteStatic {
        at_page: bool,
    },
    Template {
        n: u8,
    },
    Words {
        n: u8,
    },
    SiteYaml {
        n: u8,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..8;
    let n = 0u8..4;
    prop_oneof![
        4 => (i.clone(), n.clone()).prop_map(|(section, n)| Edit::SectionText { section, n }),
        1 => (i.clone(), n.clone()).prop_map(|(section, n)| Edit::SectionTitle { section, n }),
        1 => n.clone().prop_map(|n| Edit::NewSection { n }),
        1 => (i.clone(), n.clone()).prop_map(|(section, n)| Edit::RenameSection { section, n }),
        1 => i.prop_map(|section| Edit::DeleteSection { section }),
        1 => n.clone().prop_map(|n| Edit::NewReport { n }),
        1 => n.clone().prop_map(|n| Edit::DeleteReport { n }),
        1 => n.clone().prop_map(|n| Edit::ReportDate { n }),
        1 => n.clone().prop_map(|n| Edit::Asset { n }),
        2 => (n.clone(), any::<bool>()).prop_map(|(n, at_page)| Edit::Static { n, at_page }),
        1 => any::<bool>().prop_map(|at_page| Edit::DeleteStatic { at_page }),
        2 => n.clone().prop_map(|n| Edit::Template { n }),
        1 => n.clone().prop_map(|n| Edit::Words { n }),
        1 => n.prop_map(|n| Edit::SiteYaml { n }),
    ]
}

/// The section files of the edited report, sorted.
fn sections(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root.join(REPORT))
        .expect("the report folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create the folder");
    fs::write(path, text).expect("write the file");
}

fn append(path: &Path, text: &str) {
    let old = fs::read_to_string(path).expect("read the file");
    write(path, &format!("{old}{text}"));
}

/// Replaces the first line of `path` that starts with `start` by `line`.
fn replace_line(path: &Path, start: &str, line: &str) {
    let text = fs::read_to_string(path).expect("read the file");
    let old = text
        .lines()
        .find(|l| l.starts_with(start))
        .expect("the line");
    write(path, &text.replacen(old, line, 1));
}

fn remove(path: &Path) -> bool {
    fs::remove_file(path).is_ok()
}

/// Makes `edit` in the site at `root` and returns the paths it touched, as the watcher would.
fn apply(root: &Path, edit: &Edit) -> Vec<PathBuf> {
    let pick = |i: usize| {
        let all = sections(root);
        (!all.is_empty()).then(|| all[i % all.len()].clone())
    };
    let at = |rel: &str| root.join(rel);
    match *edit {
        Edit::SectionText { section, n } => {
            let Some(path) = pick(section) else {
                return Vec::new();
            };
            let text = match n {
                0 => "\n新的一段正文。\n".to_string(),
                1 => "\n## 新的小标题\n\n内容。\n".to_string(),
                2 => "\n见[本报告](_index.md)。\n".to_string(),
                _ => "\n- 一项\n- 两项\n".to_string(),
            };
            append(&path, &text);
            vec![path]
        }
        Edit::SectionTitle { section, n } => {
            let Some(path) = pick(section) else {
                return Vec::new();
            };
            let text = fs::read_to_string(&path).expect("read the section");
            let text = text.replacen("title: ", &format!("title: 改{n}"), 1);
            write(&path, &text);
            vec![path]
        }
        Edit::NewSection { n } => {
            let path = at(&format!("{REPORT}/5{n}-new-{n}.md"));
            write(&path, &format!("---\ntitle: 新节{n}\n---\n新节正文{n}。\n"));
            vec![path]
        }
        Edit::RenameSection { section, n } => {
            let Some(from) = pick(section) else {
                return Vec::new();
            };
            let to = at(&format!("{REPORT}/6{n}-renamed-{n}.md"));
            if to.exists() {
                return Vec::new();
            }
            fs::rename(&from, &to).expect("rename the section");
            vec![from, to]
        }
        Edit::DeleteSection { section } => pick(section)
            .map(|path| {
                remove(&path);
                vec![path]
            })
            .unwrap_or_default(),
        Edit::NewReport { n } => {
            let index = at(&format!("content/2011/new-{n}/_index.md"));
            let section = at(&format!("content/2011/new-{n}/01-one.md"));
            write(
                &index,
                &format!("---\ntitle: 新报告{n}\ndate: 2011-0{}-01\n---\n", n + 1),
            );
            write(
                &section,
                &format!("---\ntitle: 第一节{n}\n---\n正文{n}。\n"),
            );
            vec![index, section]
        }
        Edit::DeleteReport { n } => {
            let dir = at(&format!("content/2011/new-{n}"));
            let files = [dir.join("_index.md"), dir.join("01-one.md")];
            let _ = fs::remove_dir_all(&dir);
            files.to_vec()
        }
        Edit::ReportDate { n } => {
            let path = at(&format!("{REPORT}/_index.md"));
            let year = if n % 2 == 0 { 2013 } else { 2014 };
            replace_line(&path, "date: ", &format!("date: {year}-0{}-15", n + 1));
            vec![path]
        }
        Edit::Asset { n } => {
            let path = at(&format!("{REPORT}/chart-{}.png", n % 2));
            write(&path, &format!("PNG{n}"));
            vec![path]
        }
        Edit::Static { n, at_page } => {
            let rel = if at_page {
                "static/archive/index.html"
            } else {
                "static/notes.txt"
            };
            let path = at(rel);
            write(&path, &format!("<p>静态{n}</p>\n"));
            vec![path]
        }
        Edit::DeleteStatic { at_page } => {
            let rel = if at_page {
                "static/archive/index.html"
            } else {
                "static/notes.txt"
            };
            let path = at(rel);
            if remove(&path) {
                vec![path]
            } else {
                Vec::new()
            }
        }
        Edit::Template { n } => {
            let path = at("templates/partials/footer.html");
            write(&path, &format!("<footer id=\"custom\">页脚{n}</footer>\n"));
            vec![path]
        }
        Edit::Words { n } => {
            let path = at("i18n/zh-CN.yaml");
            write(&path, &format!("home: 主页{n}\n"));
            vec![path]
        }
        Edit::SiteYaml { n } => {
            let path = at("site.yaml");
            replace_line(&path, "title: ", &format!("title: 测试妇联{n}"));
            vec![path]
        }
    }
}

/// The paths that differ between two sets of output files, for a readable failure.
fn differences(a: &HashMap<String, Bytes>, b: &HashMap<String, Bytes>) -> BTreeSet<String> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// Dates every file under `dir` years back, so an edit today moves its sitemap date.
fn age(dir: &Path) {
    let then = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("a readable entry");
        if entry.file_type().is_file() {
            let file = fs::File::options()
                .write(true)
                .open(entry.path())
                .expect("open the file");
            file.set_modified(then).expect("set its date");
        }
    }
}

fn check(edits: &[Edit]) -> Result<(), TestCaseError> {
    let site = TestSite::from_fixture("reports");
    let root = fs::canonicalize(site.root()).expect("the site folder");
    age(&root.join("content"));
    let options = BuildOptions {
        root: root.clone(),
        ..BuildOptions::default()
    };
    let (mut workspace, _) = Workspace::build(options.clone()).expect("the first build");
    for (step, edit) in edits.iter().enumerate() {
        let changed = apply(&root, edit);
        if changed.is_empty() {
            continue;
        }
        let incremental = workspace.apply(&changed);
        workspace.refresh_search();
        let full = build::render(&options);
        match (incremental, full) {
            (Ok(_), Ok(full)) => {
                let files = workspace.files();
                let differ = differences(&files, &full.files);
                prop_assert!(
                    differ.is_empty(),
                    "step {step} ({edit:?}) of {edits:?}: these files differ from a full build: {differ:?}"
                );
            }
            (Err(_), Err(_)) => {}
            (Ok(_), Err(e)) => {
                prop_assert!(
                    false,
                    "step {step} ({edit:?}): only the full build failed: {e:#}"
                )
            }
            (Err(e), Ok(_)) => {
                prop_assert!(
                    false,
                    "step {step} ({edit:?}): only the rebuild failed: {e:#}"
                )
            }
        }
    }
    Ok(())
}

proptest! {
    // A small budget by default: each case builds the site a few times.
    #![proptest_config(ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_rebuilds_equal_a_full_build(edits in prop::collection::vec(edit(), 1..8)) {
        check(&edits)?;
    }
}

/// The edits that once went wrong, kept as plain cases.
#[test]
fn a_section_edit_after_a_static_file_at_a_page_path() {
    check(&[
        Edit::Static {
            n: 1,
            at_page: true,
        },
        Edit::SectionText { section: 0, n: 0 },
        Edit::Template { n: 1 },
        Edit::DeleteStatic { at_page: true },
    ])
    .expect("equal to a full build");
}
