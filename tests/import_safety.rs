//! `gazette import` used as a clumsy or hostile user would: re-importing over work done by
//! hand, documents with hostile image names and control characters, zip bombs, devices and
//! pipes, files in the encodings Windows tools save. Nothing of the user's may be lost, and
//! everything import writes must read back as it was meant.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::TestSite;
use common::import::{self as docx, files, front, import_fails, import_ok, read, snapshot};

fn federation() -> PathBuf {
    common::fixture("import").join("federation-report-2013.txt")
}

const HAND_SECTION: &str = "---\ntitle: 我的补充\nweight: 20\n---\n\n手写的内容。\n";

/// The hidden entries of `content/reports`: backups and leftovers.
fn hidden_in_reports(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.root().join("content/reports"))
        .expect("reports folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn force_keeps_what_the_user_added_and_backs_up_what_they_changed() {
    let site = TestSite::new();
    import_ok(&site, &federation(), &[]);
    let dir = "content/reports/2013-report";
    site.write(&format!("{dir}/01-section-1.md"), "edited by hand");
    site.write(&format!("{dir}/12-notes.md"), HAND_SECTION);
    site.write_bytes(&format!("{dir}/chart.png"), b"\x89PNG by hand");
    let before = snapshot(&site.root().join("content"));

    let run = import_fails(&site, &federation(), &[], "already exists");
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    let run = import_ok(&site, &federation(), &["--dry-run", "--force"]);
    for line in [
        "The folder exists; with --force, import would:",
        "  replace (an earlier import's files, unchanged) (9): 02-section-2.md, 03-section-3.md,",
        "  keep (files you added) (2): 12-notes.md, chart.png",
        "  replace, keeping the old folder as a backup (files you changed) (1): 01-section-1.md",
    ] {
        assert!(run.stdout.contains(line), "no {line:?} in\n{}", run.stdout);
    }
    assert_eq!(snapshot(&site.root().join("content")), before);

    let run = import_ok(&site, &federation(), &["--force"]);
    assert!(read(&site, &format!("{dir}/01-section-1.md")).starts_with("---\ntitle:"));
    assert_eq!(read(&site, &format!("{dir}/12-notes.md")), HAND_SECTION);
    assert_eq!(
        fs::read(site.root().join(dir).join("chart.png")).expect("kept"),
        b"\x89PNG by hand"
    );
    assert_eq!(hidden_in_reports(&site), [".2013-report.backup"]);
    assert_eq!(
        read(&site, "content/reports/.2013-report.backup/01-section-1.md"),
        "edited by hand"
    );
    let backup = site.root().join("content/reports/.2013-report.backup");
    assert!(
        run.stdout.contains(&backup.display().to_string()),
        "{}",
        run.stdout
    );
    site.build_ok(&[]);
    let report = site.page("/2013/2013-report/");
    assert!(
        report.text.contains("我的补充"),
        "the hand-written section is published"
    );
}

#[test]
fn force_over_an_untouched_import_drops_its_old_sections_and_leaves_no_backup() {
    let site = TestSite::new();
    let fixture = |name: &str| common::fixture("import").join(name);
    import_ok(&site, &federation(), &["--slug", "r"]);
    assert_eq!(files(&site, "r").len(), 10);
    // The same slug, a shorter report: sections 04–09 of the first import go.
    let run = import_ok(
        &site,
        &fixture("subheadings.txt"),
        &["--slug", "r", "--force"],
    );
    assert!(!run.stdout.contains("backup"), "{}", run.stdout);
    let names = files(&site, "r");
    assert!(names.len() < 10, "{names:?}");
    assert!(!names.contains(&"09-section-9.md".to_string()), "{names:?}");
    assert_eq!(hidden_in_reports(&site), Vec::<String>::new());
    site.build_ok(&[]);
}

#[test]
fn a_folder_without_a_record_keeps_its_markdown_in_a_backup() {
    let site = TestSite::new();
    let dir = "content/reports/2013-report";
    site.write(
        &format!("{dir}/_index.md"),
        "---\ntitle: 手写\ndate: 2013-12-31\n---\n",
    );
    site.write(&format!("{dir}/01-mine.md"), HAND_SECTION);
    site.write_bytes(&format!("{dir}/photo.png"), b"\x89PNG");
    let run = import_ok(&site, &federation(), &["--force"]);
    let names = files(&site, "2013-report");
    assert!(names.contains(&"photo.png".to_string()), "{names:?}");
    assert!(!names.contains(&"01-mine.md".to_string()), "{names:?}");
    assert!(run.stdout.contains("01-mine.md"), "{}", run.stdout);
    let backup = "content/reports/.2013-report.backup";
    assert_eq!(read(&site, &format!("{backup}/01-mine.md")), HAND_SECTION);
    assert!(read(&site, &format!("{backup}/_index.md")).contains("手写"));
}

/// A .docx whose one picture inflates from a few kilobytes to `size` bytes.
fn zip_bomb(path: &Path, size: usize) {
    let body = docx::paragraph("a", &docx::run("2013年工作总结"))
        + &docx::paragraph("a", &docx::run("一、加强学习"))
        + &docx::paragraph("a", &docx::image_run("rId1", "照片"));
    docx::write_docx(
        path,
        &[
            ("word/document.xml", docx::document_xml(&body).as_bytes()),
            (
                "word/_rels/document.xml.rels",
                docx::rels_xml(&[("rId1", "media/image1.png")]).as_bytes(),
            ),
            ("word/media/image1.png", &vec![0u8; size]),
        ],
    );
}

#[test]
fn a_failing_import_with_force_changes_nothing() {
    let site = TestSite::new();
    import_ok(&site, &federation(), &[]);
    site.write_bytes("content/reports/2013-report/chart.png", b"\x89PNG");
    let before = snapshot(&site.root().join("content"));
    let bomb = site.root().join("bomb.docx");
    zip_bomb(&bomb, 65 << 20);
    assert!(fs::metadata(&bomb).expect("written").len() < 1 << 20);
    import_fails(
        &site,
        &bomb,
        &["--force"],
        "word/media/image1.png inflates to more than 64 MB",
    );
    assert_eq!(snapshot(&site.root().join("content")), before);
    assert_eq!(hidden_in_reports(&site), Vec::<String>::new());
}

#[test]
fn image_names_from_a_word_document_are_made_safe() {
    let site = TestSite::new();
    let targets = [
        "media/",
        "media/_index.md",
        "media/01-section-1.md",
        "media/my photo (1).png",
        "../../../escape.png",
    ];
    let rels: Vec<(String, &str)> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("rId{i}"), *t))
        .collect();
    let rel_refs: Vec<(&str, &str)> = rels.iter().map(|(id, t)| (id.as_str(), *t)).collect();
    let images: String = rels
        .iter()
        .map(|(id, _)| docx::paragraph("a", &docx::image_run(id, "照片")))
        .collect();
    let body = docx::paragraph("a", &docx::run("2013年工作总结"))
        + &docx::paragraph("a", &docx::run("一、加强学习"))
        + &docx::paragraph("a", &docx::run("正文。"))
        + &images;
    let document = docx::document_xml(&body);
    let rels_xml = docx::rels_xml(&rel_refs);
    let png = b"\x89PNG picture".as_slice();
    let mut parts: Vec<(String, &[u8])> = vec![
        ("word/document.xml".into(), document.as_bytes()),
        ("word/_rels/document.xml.rels".into(), rels_xml.as_bytes()),
    ];
    parts.extend(targets.iter().map(|t| (format!("word/{t}"), png)));
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let file = site.root().join("images.docx");
    docx::write_docx(&file, &parts);

    import_ok(&site, &file, &[]);
    let names = files(&site, "2013-report");
    assert_eq!(
        names,
        [
            "01-section-1.md",
            "01-section-1.png",
            "_index.md",
            "_index.png",
            "escape.png",
            "image.png",
            "my-photo-1.png",
        ]
    );
    assert!(read(&site, "content/reports/2013-report/_index.md").starts_with("---\ntitle:"));
    let section = read(&site, "content/reports/2013-report/01-section-1.md");
    assert!(section.contains("![照片](my-photo-1.png)"), "{section}");
    assert!(!site.root().join("escape.png").exists());
    site.build_ok(&[]);
    let page = site.page("/2013/2013-report/section-1/");
    let sources = page.attrs("img", "src");
    assert_eq!(sources.len(), 5, "every image link parses: {sources:?}");
    for src in sources {
        assert!(site.exists(src.trim_start_matches('/')), "{src}");
    }
}

#[test]
fn only_regular_files_of_bounded_size_are_read() {
    let site = TestSite::new();
    fs::create_dir(site.root().join("folder.txt")).expect("folder");
    let fifo = site.root().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let big = site.root().join("big.txt");
    fs::File::create(&big)
        .and_then(|f| f.set_len((100 << 20) + 1))
        .expect("sparse file");
    for (file, message) in [
        (site.root().join("folder.txt"), "is a folder"),
        (fifo, "not a regular file"),
        (PathBuf::from("/dev/zero"), "not a regular file"),
        (big, "is 101 MB; gazette imports files up to 100 MB"),
    ] {
        import_fails(&site, &file, &[], message);
    }
    assert!(!site.root().join("content").exists());
}

/// What gazette's own loader reads from the site's content folder.
fn load(site: &TestSite) -> gazette::content::Content {
    gazette::content::load(&site.root().join("content"), site.root())
        .unwrap_or_else(|e| panic!("import wrote what gazette cannot read: {e:?}"))
}

#[test]
fn control_characters_in_titles_cannot_add_keys_or_break_files() {
    let site = TestSite::new();
    // A carriage return typed into Word (`&#13;`) and a vertical tab, in the title and a
    // section title; the year is guessed from the title, so its comment is written.
    let body = docx::paragraph("a", &docx::run("2013年报告&#13;draft: true #"))
        + &docx::paragraph("a", &docx::run("一、学习&#13;weight: 99"))
        + &docx::paragraph("a", &docx::run("正文\u{b}第二行。"));
    let file = site.root().join("cr.docx");
    let document = docx::document_xml(&body);
    docx::write_docx(&file, &[("word/document.xml", document.as_bytes())]);
    import_ok(&site, &file, &[]);

    site.write(
        "cr.txt",
        "2014年报告\r\u{b}draft: true\r一、学习\u{1b}[31m\r正文。\r二、服务\r正文。\r",
    );
    import_ok(&site, &site.root().join("cr.txt"), &[]);

    let content = load(&site);
    let mut reports: Vec<_> = content
        .reports
        .iter()
        .map(|r| (r.doc.front.title.as_str(), r.doc.front.draft))
        .collect();
    reports.sort();
    assert_eq!(
        reports,
        [("2013年报告 draft: true #", false), ("2014年报告", false)]
    );
    let mut sections: Vec<_> = content
        .sections
        .iter()
        .map(|s| {
            (
                s.doc.front.title.as_str(),
                s.doc.front.draft,
                s.doc.front.weight,
            )
        })
        .collect();
    sections.sort();
    assert_eq!(
        sections,
        [
            ("一、学习 weight: 99", false, Some(1)),
            ("一、学习[31m", false, Some(1)),
            ("二、服务", false, Some(2)),
        ]
    );
    site.build_ok(&[]);
    assert!(site.exists("2013/2013-report/index.html"));
}

#[test]
fn text_in_windows_encodings_imports_as_its_utf8_original() {
    let site = TestSite::new();
    let original = fs::read_to_string(federation()).expect("fixture");
    import_ok(&site, &federation(), &["--slug", "utf8"]);
    let expected = snapshot(&site.root().join("content/reports/utf8"));
    let utf16 = |big_endian: bool, bom: &str| -> Vec<u8> {
        let units = format!("{bom}{original}")
            .encode_utf16()
            .collect::<Vec<_>>();
        let bytes = units.iter().map(|u| match big_endian {
            true => u.to_be_bytes(),
            false => u.to_le_bytes(),
        });
        bytes.flatten().collect()
    };
    let gbk = encoding_rs::GB18030.encode(&original).0.into_owned();
    for (name, bytes, note) in [
        ("utf16le", utf16(false, ""), Some("UTF-16LE")),
        ("utf16be", utf16(true, ""), Some("UTF-16BE")),
        ("utf16le-bom", utf16(false, "\u{feff}"), Some("UTF-16LE")),
        ("utf16be-bom", utf16(true, "\u{feff}"), Some("UTF-16BE")),
        ("gbk", gbk, Some("GBK")),
        ("cr", original.replace('\n', "\r").into_bytes(), None),
        ("crlf", original.replace('\n', "\r\n").into_bytes(), None),
    ] {
        let file = site.root().join(format!("{name}.txt"));
        fs::write(&file, bytes).expect("write");
        let run = import_ok(&site, &file, &["--slug", name]);
        match note {
            Some(encoding) => assert!(
                run.stderr.contains("note: ") && run.stderr.contains(encoding),
                "{name}: {}",
                run.stderr
            ),
            None => assert_eq!(run.stderr, "", "{name}"),
        }
        assert_eq!(
            snapshot(&site.root().join("content/reports").join(name)),
            expected,
            "{name}"
        );
    }
    let first = read(&site, "content/reports/gbk/01-section-1.md");
    assert_eq!(
        front(&first, "title").as_deref(),
        Some("一、围绕时代主题,学习宣传贯彻中央精神有新成效")
    );
}
