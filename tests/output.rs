//! The output folder is shared with its owner: a build changes only files gazette wrote, keeps
//! everything else (a deploy repository's `.git`, `CNAME`, a file put there by hand), writes
//! through a symlinked output, rewrites only files whose bytes changed and changes nothing when
//! it fails.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::TestSite;

/// Each file and link under `dir` (not following links): its bytes (a link: its target) and
/// modification time.
type Snapshot = BTreeMap<PathBuf, (Vec<u8>, SystemTime)>;

fn snapshot(dir: &Path) -> Snapshot {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let meta = fs::symlink_metadata(e.path()).unwrap();
            let bytes = if e.file_type().is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else {
                fs::read(e.path()).unwrap()
            };
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, (bytes, meta.modified().unwrap()))
        })
        .collect()
}

/// Files a user keeps in a published folder.
const FOREIGN: &[(&str, &str)] = &[
    ("CNAME", "reports.example.org\n"),
    (".htaccess", "Options -Indexes\n"),
    (".git/HEAD", "ref: refs/heads/main\n"),
    (".git/objects/ab/cdef", "blob"),
    ("notes/todo.txt", "check the 2014 plan"),
    (
        "2012/survey/extra.html",
        "<p>a page of mine beside the report</p>",
    ),
    ("css/mine.css", "body { color: red }"),
];

fn put_foreign(dir: &Path) {
    for (rel, text) in FOREIGN {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[track_caller]
fn assert_foreign_intact(dir: &Path, before: &Snapshot) {
    let now = snapshot(dir);
    for (rel, _) in FOREIGN {
        assert_eq!(
            now.get(Path::new(rel)),
            before.get(Path::new(rel)),
            "{rel} changed"
        );
    }
}

fn fixture_site() -> TestSite {
    TestSite::from_fixture("reports")
}

/// The fixture site built once, with the user's files then added to its output.
fn built_with_foreign_files() -> (TestSite, Snapshot) {
    let site = fixture_site();
    site.build_ok(&[]);
    put_foreign(&site.output(""));
    let before = snapshot(&site.output(""));
    (site, before)
}

/// Every file of the output except the foreign ones and the manifest.
fn site_files(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .into_keys()
        .filter(|p| !FOREIGN.iter().any(|(f, _)| p == Path::new(f)))
        .filter(|p| p != Path::new(".gazette-output"))
        .collect()
}

#[test]
fn rebuilds_keep_every_file_gazette_did_not_write() {
    let (site, before) = built_with_foreign_files();
    site.build_ok(&[]);
    assert_foreign_intact(&site.output(""), &before);

    // A removed report takes exactly its own files with it.
    let with_report = site_files(&site.output(""));
    fs::remove_dir_all(site.root().join("content/2010/old")).unwrap();
    site.build_ok(&[]);
    assert_foreign_intact(&site.output(""), &before);
    let fresh = fixture_site();
    fs::remove_dir_all(fresh.root().join("content/2010/old")).unwrap();
    fresh.build_ok(&[]);
    assert_eq!(
        site_files(&site.output("")),
        site_files(&fresh.output("")),
        "the output holds exactly a fresh build's files besides the user's"
    );
    assert!(with_report.contains(&PathBuf::from("2010/old/index.html")));
    assert!(
        !site.output("2010").exists(),
        "the report's emptied folders go too"
    );
}

#[test]
fn a_folder_with_the_users_files_in_it_keeps_them() {
    let (site, before) = built_with_foreign_files();
    fs::remove_dir_all(site.root().join("content/2012/survey")).unwrap();
    site.build_ok(&[]);
    assert_foreign_intact(&site.output(""), &before);
    assert!(!site.exists("2012/survey/index.html"));
    assert!(
        site.exists("2012/survey/extra.html"),
        "the folder stays for the user's file"
    );
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let site = fixture_site();
    site.build_ok(&[]);
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for rel in site_files(&site.output("")) {
        let file = fs::File::options()
            .write(true)
            .open(site.output("").join(rel))
            .unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let run = site.build_ok(&[]);
    assert!(run.stdout.contains(": 0 written, "), "{}", run.stdout);
    let after = snapshot(&site.output(""));
    for rel in site_files(&site.output("")) {
        assert_eq!(after[&rel].1, long_ago, "{} was rewritten", rel.display());
    }

    let section = site.root().join("content/2012/plan/01-a.md");
    let text = fs::read_to_string(&section).unwrap();
    fs::write(
        &section,
        text.replace("\n---\n", "\n---\n\n一段新的文字。\n"),
    )
    .unwrap();
    site.build_ok(&[]);
    let after = snapshot(&site.output(""));
    assert_ne!(after[Path::new("2012/plan/a/index.html")].1, long_ago);
    assert_eq!(
        after[Path::new("2013/annual/review/index.html")].1,
        long_ago,
        "a page the edit does not reach is left alone"
    );
}

#[test]
fn a_failed_build_changes_nothing_in_the_output() {
    let (site, before) = built_with_foreign_files();
    site.write(
        "content/2012/plan/01-a.md",
        "---\ntitle: A\nbroken: yes\n---\n",
    );
    assert!(!site.build(&[]).success);
    assert_eq!(snapshot(&site.output("")), before);
    let leftovers: Vec<_> = fs::read_dir(site.output(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gazette-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_first_build_leaves_no_output_folder() {
    let site = fixture_site();
    site.write(
        "content/2012/plan/01-a.md",
        "---\ntitle: A\nbroken: yes\n---\n",
    );
    assert!(!site.build(&[]).success);
    assert!(!site.output("").exists());
}

#[test]
fn a_symlinked_output_is_written_through_and_kept() {
    let site = fixture_site();
    let web_root = tempfile::tempdir().unwrap();
    put_foreign(web_root.path());
    let before = snapshot(web_root.path());
    std::os::unix::fs::symlink(web_root.path(), site.root().join("public")).unwrap();
    for _ in 0..2 {
        site.build_ok(&[]);
        let link = fs::symlink_metadata(site.root().join("public")).unwrap();
        assert!(link.is_symlink(), "public is still the link");
        assert_eq!(
            fs::read_link(site.root().join("public")).unwrap(),
            web_root.path()
        );
        assert!(web_root.path().join("2013/annual/index.html").is_file());
        assert_foreign_intact(web_root.path(), &before);
    }
    let beside: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "left beside the output: {beside:?}");
    fs::remove_dir_all(site.root().join("content/2010")).unwrap();
    site.build_ok(&[]);
    assert!(!web_root.path().join("2010").exists());
    assert_foreign_intact(web_root.path(), &before);
}

#[test]
fn a_file_of_the_site_never_replaces_one_gazette_did_not_write() {
    let site = fixture_site();
    let web_root = tempfile::tempdir().unwrap();
    fs::write(
        web_root.path().join("index.html"),
        "<p>the old home page</p>",
    )
    .unwrap();
    fs::write(web_root.path().join("keep.txt"), "mine").unwrap();
    let before = snapshot(web_root.path());
    let run = site.build(&["--output", web_root.path().to_str().unwrap()]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("gazette did not write these files")
            && run.stderr.contains("\n  index.html\n")
            && run.stderr.contains("move them out of the folder"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(web_root.path()), before, "nothing was written");

    fs::remove_file(web_root.path().join("index.html")).unwrap();
    site.build_ok(&["--output", web_root.path().to_str().unwrap()]);
    assert_eq!(
        fs::read_to_string(web_root.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_link_inside_the_output_is_never_written_through() {
    let site = fixture_site();
    site.build_ok(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::remove_dir_all(site.output("2013")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.output("2013")).unwrap();
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("\n  2013\n"), "{}", run.stderr);
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_tampered_manifest_cannot_remove_files_outside() {
    let site = fixture_site();
    site.build_ok(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("secret.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.output("escape")).unwrap();
    let manifest = site.output(".gazette-output");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        text.replacen("\"files\": [", "\"files\": [\"escape/secret.txt\",", 1),
    )
    .unwrap();
    site.build_ok(&[]);
    assert!(elsewhere.path().join("secret.txt").exists());

    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        text.replacen("\"files\": [", "\"files\": [\"../site.yaml\",", 1),
    )
    .unwrap();
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    assert!(site.root().join("site.yaml").exists());
}

#[test]
fn an_output_written_by_an_older_version_is_taken_over() {
    let site = fixture_site();
    site.build_ok(&[]);
    fs::write(
        site.output(".gazette-output"),
        "written by gazette; the next build replaces this folder\n",
    )
    .unwrap();
    fs::write(site.output("index.html"), "<p>older</p>").unwrap();
    fs::write(site.output("CNAME"), "reports.example.org\n").unwrap();
    site.build_ok(&[]);
    assert_ne!(
        fs::read(site.output("index.html")).unwrap(),
        b"<p>older</p>"
    );
    assert!(site.exists("CNAME"));
    assert!(
        fs::read_to_string(site.output(".gazette-output"))
            .unwrap()
            .contains("\"index.html\"")
    );
}

#[test]
fn a_staging_folder_of_a_killed_build_is_removed() {
    let site = fixture_site();
    site.build_ok(&[]);
    site.write("public/.gazette-staging-999999/.gazette-staging", "");
    site.write("public/.gazette-staging-999999/index.html", "half");
    site.write("public/.gazette-staging-1/mine.txt", "not a staging folder");
    site.build_ok(&[]);
    assert!(!site.exists(".gazette-staging-999999"));
    assert!(site.exists(".gazette-staging-1/mine.txt"));
}
