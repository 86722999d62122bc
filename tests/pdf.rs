//! The reports' PDFs, as the real binary makes them from the example site with `pdf: true`,
//! read back with poppler-utils (pdfinfo, pdffonts, pdftotext, pdfimages) and a PDF library
//! (lopdf).

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{Page, TestSite, copy_dir, gazette};

/// A report of the example site, as its files say.
struct Report {
    pdf: PathBuf,
    url: String,
    language: Option<String>,
    /// Part titles and section titles in reading order, each with the first words of the section.
    parts: Vec<String>,
    sections: Vec<(String, String)>,
}

/// The example site copied with `pdf: true`, built once for every test here.
fn example() -> &'static (TestSite, Vec<Report>) {
    static BUILT: OnceLock<(TestSite, Vec<Report>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = TestSite::new();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["content", "static"] {
            copy_dir(&repo.join(dir), &site.root().join(dir));
        }
        let config = fs::read_to_string(repo.join("site.yaml")).unwrap();
        site.write("site.yaml", &format!("{config}\npdf: true\n"));
        site.build_ok(&[]);
        let reports = reports(&site);
        (site, reports)
    })
}

/// The reports of the site, read from their files (a small reading of the front matter: the
/// example's values are quoted or plain one-line scalars).
fn reports(site: &TestSite) -> Vec<Report> {
    let mut reports = Vec::new();
    let dirs = fs::read_dir(site.root().join("content/reports")).unwrap();
    for dir in dirs.map(|d| d.unwrap().path()) {
        let index = fs::read_to_string(dir.join("_index.md")).unwrap();
        let year = &field(&index, "date").unwrap()[..4];
        let slug = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|f| f.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
            .collect();
        files.sort();
        let mut parts: Vec<String> = Vec::new();
        let mut sections = Vec::new();
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            if field(&text, "draft").as_deref() == Some("true") {
                continue;
            }
            if let Some(part) = field(&text, "part")
                && parts.last() != Some(&part)
            {
                parts.push(part);
            }
            sections.push((field(&text, "title").unwrap(), first_words(&text)));
        }
        reports.push(Report {
            pdf: site.output(&format!("{year}/{slug}/{slug}.pdf")),
            url: format!("/{year}/{slug}/"),
            language: field(&index, "language"),
            parts,
            sections,
        });
    }
    reports
}

/// `key: value` of a front matter, unquoted.
fn field(text: &str, key: &str) -> Option<String> {
    let front = text.split("\n---").next()?;
    let line = front
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))?;
    let value = line.split(" #").next()?.trim().trim_matches('"');
    Some(value.to_string())
}

/// The first 12 letters of the section's first paragraph (markup, punctuation and link
/// targets left out).
fn first_words(text: &str) -> String {
    let body = text.splitn(3, "---").nth(2).unwrap_or("");
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with(['#', '|', '!', '-', '>', '<']))
        .unwrap_or("");
    let before_link = line.split(['[', '(']).next().unwrap_or("");
    letters(before_link).chars().take(12).collect()
}

/// Only letters and digits: how text is compared across line breaks, hyphens and leaders.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (poppler-utils, see scripts/test): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn info(pdf: &Path) -> HashMap<String, String> {
    run("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The text of each page, in reading order.
fn pages(pdf: &Path) -> Vec<String> {
    let count: usize = info(pdf)["Pages"].parse().unwrap();
    let path = pdf.to_str().unwrap();
    (1..=count)
        .map(|n| {
            let n = n.to_string();
            run(
                "pdftotext",
                &["-f", &n, "-l", &n, "-enc", "UTF-8", path, "-"],
            )
        })
        .collect()
}

/// A site with one report, `content/2013/r/`, and `pdf` (the end of site.yaml).
fn pdf_site(pdf: &str) -> TestSite {
    let site = TestSite::with_report();
    site.write(
        "site.yaml",
        &format!("title: t\nbase_url: https://example.org/\n{pdf}"),
    );
    site
}

fn chinese(report: &Report) -> bool {
    report.language.as_deref() != Some("en")
}

#[test]
fn every_report_has_an_a4_pdf_with_its_metadata() {
    let (_, reports) = example();
    assert_eq!(reports.len(), 4);
    for report in reports {
        let info = info(&report.pdf);
        assert!(
            info["Page size"].contains("(A4)"),
            "{:?}: {info:?}",
            report.pdf
        );
        assert!(!info["Title"].is_empty(), "{:?} has no title", report.pdf);
        assert!(!info["Author"].is_empty(), "{:?} has no author", report.pdf);
        assert_eq!(info["Tagged"], "yes", "{:?}", report.pdf);
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let (_, reports) = example();
    for report in reports {
        let listing = run("pdffonts", &[report.pdf.to_str().unwrap()]);
        let mut lines = listing.lines();
        let header = lines.next().unwrap();
        let emb = header.find("emb").expect("pdffonts header");
        let fonts: Vec<&str> = lines.skip(1).collect();
        assert!(!fonts.is_empty(), "{:?} lists no fonts", report.pdf);
        for font in fonts {
            assert_eq!(
                &font[emb..emb + 3],
                "yes",
                "not embedded in {:?}: {font}",
                report.pdf
            );
            let sub = emb + 4;
            let subset = &font[sub..sub + 3];
            assert_eq!(subset, "yes", "not subset in {:?}: {font}", report.pdf);
        }
    }
}

#[test]
fn sections_come_in_reading_order_with_their_text_and_numbered_pages() {
    let (_, reports) = example();
    for report in reports {
        let pages = pages(&report.pdf);
        let texts: Vec<String> = pages.iter().map(|p| letters(p)).collect();
        // Where each section starts: the first page after the contents holding its title, in
        // order, with its first words on that page or the next.
        let mut page = 2;
        let mut starts = Vec::new();
        for (title, words) in &report.sections {
            let title = letters(title);
            let found = (page..pages.len()).find(|&p| texts[p].contains(&title));
            let found = found.unwrap_or_else(|| {
                panic!(
                    "{:?}: section {title} not found after page {}",
                    report.pdf,
                    page + 1
                )
            });
            let around = texts[found..(found + 2).min(pages.len())].concat();
            assert!(
                around.contains(words.as_str()),
                "{:?}: the text of {title} ({words}) is not on page {}",
                report.pdf,
                found + 1
            );
            starts.push(found + 1);
            page = found;
        }
        // The contents, on the pages before the first section, give each section with the
        // number of the page it starts on.
        let contents = pages[1..starts[0] - 1].concat();
        for ((title, _), start) in report.sections.iter().zip(&starts) {
            let listed = page_number_after(&contents, title)
                .unwrap_or_else(|| panic!("{:?}: {title} is not in the contents", report.pdf));
            assert_eq!(listed, *start, "{:?}: {title} in the contents", report.pdf);
        }
        // Every page after the title page has its number, "— N —", lowest on the page, at the
        // outer corner for a Chinese report: right on odd pages, left on even ones.
        for n in 1..=pages.len() {
            let (foot, x) = foot(&report.pdf, n);
            if n == 1 {
                assert!(
                    !foot.contains('—'),
                    "{:?}: the title page has a number",
                    report.pdf
                );
                continue;
            }
            assert_eq!(foot, format!("—{n}—"), "{:?} page {n}", report.pdf);
            if chinese(report) {
                assert_eq!(
                    x > 0.5,
                    n % 2 == 1,
                    "{:?} page {n}: number at {x}",
                    report.pdf
                );
            }
        }
        if chinese(report) {
            assert!(
                pages[1].contains("目"),
                "{:?}: no contents title",
                report.pdf
            );
        }
    }
}

/// The words set lowest on page `n`, joined, and where their middle is across the page (0 to 1).
fn foot(pdf: &Path, n: usize) -> (String, f64) {
    let n = n.to_string();
    let html = run(
        "pdftotext",
        &["-bbox", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    );
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let page = html
        .lines()
        .find(|l| l.trim_start().starts_with("<page"))
        .unwrap();
    let width = attr(page, "width");
    let words: Vec<(f64, f64, f64, String)> = html
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let text = l
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            (attr(l, "yMax"), attr(l, "xMin"), attr(l, "xMax"), text)
        })
        .collect();
    let lowest = words.iter().map(|w| w.0).fold(0.0, f64::max);
    let mut foot: Vec<&(f64, f64, f64, String)> =
        words.iter().filter(|w| lowest - w.0 < 3.0).collect();
    foot.sort_by(|a, b| a.1.total_cmp(&b.1));
    let text = foot.iter().map(|w| w.3.as_str()).collect();
    let middle = foot.first().map_or(0.0, |w| w.1) / 2.0 + foot.last().map_or(0.0, |w| w.2) / 2.0;
    (text, middle / width)
}

/// The page number written after `title` in `contents`, past the dotted leader (the title may
/// wrap onto a second line).
fn page_number_after(contents: &str, title: &str) -> Option<usize> {
    let wanted = letters(title);
    let chars: Vec<(usize, char)> = contents
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .collect();
    let compact: String = chars.iter().map(|(_, c)| c).collect();
    let at = compact.find(&wanted)?;
    let chars_before = compact[..at].chars().count();
    let (last_byte, last_char) = chars[chars_before + wanted.chars().count() - 1];
    let rest = &contents[last_byte + last_char.len_utf8()..];
    // The leader's dots, spaces and the invisible joiners before the number.
    let rest = rest.trim_start_matches(|c: char| c != '\n' && !c.is_alphanumeric());
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[test]
fn bookmarks_list_the_parts_and_sections() {
    let (_, reports) = example();
    for report in reports {
        let doc = lopdf::Document::load(&report.pdf).unwrap();
        let toc = doc.get_toc().expect("the PDF has an outline");
        let titles: Vec<String> = toc.toc.iter().map(|t| letters(&t.title)).collect();
        let mut expected: Vec<String> = Vec::new();
        for part in &report.parts {
            expected.push(letters(part));
        }
        for (title, _) in &report.sections {
            expected.push(letters(title));
        }
        for title in &expected {
            assert!(
                titles.contains(title),
                "{:?}: no bookmark {title} in {titles:?}",
                report.pdf
            );
        }
        // Sections in reading order.
        let positions: Vec<usize> = report
            .sections
            .iter()
            .map(|(t, _)| titles.iter().position(|b| *b == letters(t)).unwrap())
            .collect();
        assert!(positions.is_sorted(), "{:?}: {titles:?}", report.pdf);
    }
}

#[test]
fn internal_links_lead_to_pages_of_the_document() {
    let (_, reports) = example();
    for report in reports {
        let doc = lopdf::Document::load(&report.pdf).unwrap();
        let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
        let mut internal = 0;
        for &page in &pages {
            for annot in doc.get_page_annotations(page).unwrap_or_default() {
                if annot.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Link") {
                    continue;
                }
                let Some(target) = destination_page(&doc, annot) else {
                    continue;
                };
                assert!(
                    pages.contains(&target),
                    "{:?}: a link leads off the document",
                    report.pdf
                );
                internal += 1;
            }
        }
        // At least the contents: one link per section.
        assert!(
            internal >= report.sections.len(),
            "{:?}: {internal} internal links",
            report.pdf
        );
    }
}

/// The page an internal link annotation leads to (`None` for a link to a URL).
fn destination_page(doc: &lopdf::Document, annot: &lopdf::Dictionary) -> Option<lopdf::ObjectId> {
    let dest = match annot.get(b"Dest") {
        Ok(dest) => dest.clone(),
        Err(_) => {
            let action = annot.get(b"A").ok()?;
            let action = match action {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                other => other.as_dict().ok()?,
            };
            if action.get(b"S").and_then(|s| s.as_name()).ok()? != b"GoTo" {
                return None;
            }
            action.get(b"D").ok()?.clone()
        }
    };
    let array = match dest {
        lopdf::Object::Array(a) => a,
        lopdf::Object::String(name, _) | lopdf::Object::Name(name) => named(doc, &name)?,
        lopdf::Object::Reference(id) => doc.get_object(id).ok()?.as_array().ok()?.clone(),
        _ => return None,
    };
    array.first()?.as_reference().ok()
}

/// A named destination's array, from the catalog's /Dests name tree.
fn named(doc: &lopdf::Document, name: &[u8]) -> Option<Vec<lopdf::Object>> {
    let catalog = doc.catalog().ok()?;
    let names = doc
        .dereference(catalog.get(b"Names").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let tree = doc
        .dereference(names.get(b"Dests").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    find_in_tree(doc, tree, name)
}

fn find_in_tree(
    doc: &lopdf::Document,
    node: &lopdf::Dictionary,
    name: &[u8],
) -> Option<Vec<lopdf::Object>> {
    if let Ok(names) = node.get(b"Names").and_then(|n| n.as_array()) {
        for pair in names.chunks(2) {
            if let [lopdf::Object::String(key, _), value] = pair
                && key == name
            {
                let value = doc.dereference(value).ok()?.1;
                return match value {
                    lopdf::Object::Array(a) => Some(a.clone()),
                    lopdf::Object::Dictionary(d) => {
                        Some(d.get(b"D").ok()?.as_array().ok()?.clone())
                    }
                    _ => None,
                };
            }
        }
    }
    let kids = node.get(b"Kids").and_then(|k| k.as_array()).ok()?;
    kids.iter().find_map(|kid| {
        let kid = doc.dereference(kid).ok()?.1.as_dict().ok()?;
        find_in_tree(doc, kid, name)
    })
}

#[test]
fn report_and_print_pages_link_to_the_pdf_with_its_size() {
    let (site, reports) = example();
    for report in reports {
        let file = report.pdf.file_name().unwrap().to_str().unwrap();
        let url = format!("{}{file}", report.url);
        for page_url in [report.url.clone(), format!("{}print/", report.url)] {
            let page: Page = site.page(&page_url);
            assert_eq!(
                page.href("a.pdf-link").as_deref(),
                Some(url.as_str()),
                "{page_url}"
            );
            let size = page.texts(".pdf-size").join("");
            assert!(
                size.ends_with("KB)") || size.ends_with("MB)"),
                "{page_url}: {size}"
            );
            let words = page.texts("a.pdf-link").join("");
            let expected = if chinese(report) {
                "下载PDF"
            } else {
                "Download PDF"
            };
            assert_eq!(words, expected, "{page_url}");
        }
    }
}

#[test]
fn a_second_build_takes_the_pdfs_from_the_cache() {
    let (site, reports) = example();
    let before: Vec<Vec<u8>> = reports.iter().map(|r| fs::read(&r.pdf).unwrap()).collect();
    let cache = site.root().join(".gazette-cache/pdf");
    let cached = fs::read_dir(&cache).unwrap().count();
    assert_eq!(cached, reports.len(), "one cached PDF per report");
    site.build_ok(&[]);
    let after: Vec<Vec<u8>> = reports.iter().map(|r| fs::read(&r.pdf).unwrap()).collect();
    assert!(before == after, "the same PDFs");
    assert!(!site.root().join("public/.gazette-cache").exists());
}

#[test]
fn pdf_command_writes_one_report() {
    let (site, reports) = example();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.pdf");
    let root = site.root().to_str().unwrap();
    let folder = site.root().join("content/reports/2013-work-summary");
    let run = gazette(&[
        "pdf",
        folder.to_str().unwrap(),
        "--root",
        root,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    let built = reports
        .iter()
        .find(|r| r.url.ends_with("/2013-work-summary/"))
        .unwrap();
    assert_eq!(
        pages(&file),
        pages(&built.pdf),
        "the same document as the build's"
    );
    let elsewhere = gazette(&["pdf", root, "--root", root]);
    assert!(!elsewhere.success);
    assert!(
        elsewhere.stderr.contains("is not a report folder"),
        "{}",
        elsewhere.stderr
    );
}

#[test]
fn a_site_without_pdf_makes_none() {
    let site = TestSite::with_report();
    site.build_ok(&[]);
    let pdfs = walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert_eq!(pdfs, 0);
    assert!(!site.root().join(".gazette-cache").exists());
    assert!(site.page("/2013/r/").select("a.pdf-link").is_empty());
}

#[test]
fn pdf_options_are_checked_like_every_key() {
    let site = pdf_site("pdf:\n  papr: A4\n");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("site.yaml:4:"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown key `papr`"), "{}", run.stderr);
    assert!(run.stderr.contains("`paper`"), "{}", run.stderr);
}

#[test]
fn hostile_text_is_set_as_text() {
    let site = pdf_site("pdf: {paper: Letter}\n");
    let hostile = r#"#panic("x") ]) #set page(width: 1cm) x < y @ref $x$ `#raw` \u{41} // c /* d"#;
    site.write(
        "content/2013/r/01-a.md",
        &format!("---\ntitle: \"一、{}\"\n---\n{hostile}\n\n## {hostile}\n\n[链接](https://example.org/a?b=\\\"c#d) *{hostile}*\n", hostile.replace('\\', "\\\\").replace('"', "\\\"")),
    );
    site.build_ok(&[]);
    let pdf = site.output("2013/r/r.pdf");
    assert!(
        info(&pdf)["Page size"].contains("letter"),
        "{:?}",
        info(&pdf)
    );
    let text = letters(&pages(&pdf).concat());
    // Every occurrence (title, paragraph, heading, emphasis, contents, bookmarks aside).
    assert!(text.matches(&letters(hostile)).count() >= 4, "{text}");
}

#[test]
fn a_file_where_the_pdf_goes_is_an_error_naming_both() {
    let site = pdf_site("pdf: true\n");
    site.write("content/2013/r/r.pdf", "not the report");
    for command in ["build", "check"] {
        let root = site.root().to_str().unwrap();
        let run = gazette(&[command, "--root", root]);
        assert!(!run.success, "{command}");
        assert!(
            run.stderr.contains("content/2013/r/r.pdf: /2013/r/r.pdf is already the URL of the PDF of content/2013/r/_index.md"),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_font_that_is_not_installed_is_named() {
    let site = pdf_site("pdf:\n  fonts: {body: No Such Font}\n");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "`pdf: fonts: body:` names the font family `No Such Font`, which is not installed"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("FandolFang R"),
        "the families found are listed: {}",
        run.stderr
    );
}

#[test]
fn check_makes_the_pdfs_and_writes_nothing() {
    let site = pdf_site("pdf: true\n");
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 一、工作\n---\n正文。\n",
    );
    let root = site.root().to_str().unwrap();
    let run = gazette(&["check", "--root", root]);
    assert!(run.success, "{}", run.stderr);
    assert!(!site.root().join(".gazette-cache").exists());
    assert!(!site.root().join("public").exists());
}

#[test]
fn footnotes_tables_images_and_cross_references_are_kept() {
    let site = pdf_site("pdf: true\n");
    let png =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots/zh-pdf-page.png"));
    site.write_bytes("content/2013/r/chart.png", &png.unwrap());
    site.write("content/2013/r/broken.png", "not an image");
    site.write(
        "content/2013/r/01-a.md",
        "---\ntitle: 一、第一节\n---\n第一节正文[^n]，再引一次[^n]。\n\n[^n]: 脚注的文字。\n\n\
         | 指标 | 数值 |\n|---|--:|\n| 表格单元 | 42 |\n\n![示意图](chart.png)\n\n![坏图替代文字](broken.png)\n\n\
         - 列表一\n  - 嵌套列表\n\n> 引用的文字\n\n```\ncode #panic()\n```\n\n## 小节标题\n\n小节正文。\n",
    );
    site.write(
        "content/2013/r/02-b.md",
        "---\ntitle: 二、第二节\n---\n见[第一节的小节](01-a.md#小节标题)和[第一节](01-a.md)。\n",
    );
    site.build_ok(&[]);
    let pdf = site.output("2013/r/r.pdf");
    let text = letters(&pages(&pdf).concat());
    for expected in [
        "脚注的文字",
        "表格单元",
        "坏图替代文字",
        "嵌套列表",
        "引用的文字",
        "codepanic",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert_eq!(
        text.matches("脚注的文字").count(),
        1,
        "one footnote, referenced twice"
    );
    let images = run("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert_eq!(images.lines().count(), 3, "one image:\n{images}");
    // The contents' two links and the two cross-references.
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let links = pages
        .iter()
        .flat_map(|&p| doc.get_page_annotations(p).unwrap_or_default())
        .filter_map(|a| destination_page(&doc, a))
        .count();
    assert!(links >= 4, "{links} internal links");
}
