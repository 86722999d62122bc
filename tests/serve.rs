//! `gazette serve` driven over HTTP: the real binary on a free port, a fixture site in a
//! temporary folder edited while it runs. Every wait is a bounded poll, never a speed assertion.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::TestSite;
use common::http::{PATIENCE, Response, get};

const STEP: Duration = Duration::from_millis(50);
/// How long to watch for rebuilds that should not happen.
const SETTLE: Duration = Duration::from_millis(1500);

const SECTION: &str = "content/2013/annual/01-review.md";
const SECTION_URL: &str = "2013/annual/review/";

/// A running `gazette serve`, killed when dropped.
struct Served {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// The URL path the site is served under (`/` or `/fulian/reports/`).
    base: String,
    /// Every line printed on stdout after the first.
    lines: Arc<Mutex<Vec<String>>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `gazette serve --root <site> --port 0` and waits for its first build.
fn serve(site: &TestSite) -> Served {
    let served = start(site, &[]);
    wait_for("the first build", || {
        served.lines().iter().any(|l| l.starts_with("Built"))
            || served.lines().iter().any(|l| l.starts_with("Build failed"))
    });
    served
}

/// Starts `gazette <global_args> serve --root <site> --port 0` and reads its address.
fn start(site: &TestSite, global_args: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(global_args)
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start gazette serve");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("read the first line");
    let url = first
        .strip_prefix("Serving http://")
        .and_then(|rest| rest.strip_suffix(" (Ctrl+C to stop)\n"))
        .unwrap_or_else(|| panic!("unexpected first line: {first:?}"));
    let slash = url.find('/').expect("the URL has a path");
    let lines = Arc::new(Mutex::new(Vec::new()));
    let collected = Arc::clone(&lines);
    thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            collected.lock().unwrap().push(line);
        }
    });
    Served {
        child,
        addr: url[..slash].to_string(),
        base: url[slash..].to_string(),
        lines,
    }
}

impl Served {
    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Lines that report a rebuild, successful or not.
    fn rebuilds(&self) -> usize {
        self.lines()
            .iter()
            .filter(|l| l.starts_with("Rebuilt ") || l.starts_with("Rebuild failed"))
            .count()
    }

    /// GET a path relative to the base path.
    fn page(&self, rel: &str) -> Response {
        get(&self.addr, &format!("{}{rel}", self.base))
    }
}

#[track_caller]
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "gave up waiting for {what}");
        thread::sleep(STEP);
    }
}

/// Waits until the page at `rel` satisfies `check`, and returns it.
#[track_caller]
fn wait_for_page(served: &Served, rel: &str, what: &str, check: impl Fn(&Response) -> bool) {
    wait_for(what, || check(&served.page(rel)));
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = fs::read_to_string(&path).expect("read source");
    assert!(text.contains(from), "{rel} contains {from}");
    fs::write(path, text.replace(from, to)).expect("write source");
}

#[test]
fn serves_pages_from_memory_with_the_reload_script() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);
    let page = served.page(SECTION_URL);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(
        page.text().contains("学习宣传贯彻中央精神"),
        "{}",
        page.text()
    );
    let body = page.text();
    let script = body.find("/__gazette/events").expect("reload script");
    assert!(script < body.rfind("</body>").expect("</body>"));
    assert!(!page.text().contains("gazette-error-overlay"));

    let css = served.page("css/gazette.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("EventSource"));
    assert_eq!(
        served.page("2013/annual/chart.png").header("content-type"),
        Some("image/png")
    );

    let redirect = served.page("2013/annual");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("location"), Some("/2013/annual/"));
    drop(served);
    assert!(
        !site.root().join("public").exists(),
        "serve never writes public/"
    );
    site.build_ok(&[]);
    let built = site.page(&format!("/{SECTION_URL}"));
    assert!(
        !built.text.contains("__gazette"),
        "no reload script in a build"
    );
}

#[test]
fn edits_are_served_after_a_rebuild() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);
    edit(
        &site,
        SECTION,
        "各级妇联组织认真学习",
        "各级妇联组织深入学习",
    );
    wait_for_page(&served, SECTION_URL, "the edited text", |p| {
        p.text().contains("深入学习")
    });

    // Editors that save by writing a temporary file and renaming it over the original.
    let path = site.root().join(SECTION);
    let temp = site.root().join("content/2013/annual/.01-review.md.tmp");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("深入学习", "反复学习");
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, &path).unwrap();
    wait_for_page(&served, SECTION_URL, "the renamed-over text", |p| {
        p.text().contains("反复学习")
    });

    // Vim: probe with `4913`, move the original to a `~` backup, write anew, drop the backup.
    let dir = site.root().join("content/2013/annual");
    fs::write(dir.join("4913"), "").unwrap();
    fs::remove_file(dir.join("4913")).unwrap();
    fs::rename(&path, dir.join("01-review.md~")).unwrap();
    let text = fs::read_to_string(dir.join("01-review.md~")).unwrap();
    fs::write(&path, text.replace("反复学习", "逐条学习")).unwrap();
    fs::remove_file(dir.join("01-review.md~")).unwrap();
    wait_for_page(&served, SECTION_URL, "the text saved by vim", |p| {
        p.text().contains("逐条学习")
    });
    let failed = served.lines().into_iter().find(|l| l.contains("failed"));
    assert_eq!(failed, None, "no rebuild saw a half-saved file");
}

#[test]
fn open_event_streams_get_a_reload_after_an_edit() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);
    let events = format!("http://{}/__gazette/events", served.addr);
    let response = common::http::agent().get(&events).call().unwrap();
    let mut stream = response.into_body().into_reader();
    let mut seen = String::new();
    let mut read_until = |needle: &str| {
        let mut buf = [0; 1024];
        while !seen.contains(needle) {
            let n = stream.read(&mut buf).expect("read the event stream");
            assert!(n > 0, "the event stream closed; got {seen:?}");
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };
    // The server greets a new stream, so from here on the client is subscribed.
    read_until(": connected");
    edit(
        &site,
        SECTION,
        "各级妇联组织认真学习",
        "各级妇联组织深入学习",
    );
    read_until("event: reload");
    // The reload is sent after the swap: the page is already new.
    assert!(served.page(SECTION_URL).text().contains("深入学习"));
}

#[test]
fn a_broken_file_shows_an_overlay_until_it_is_fixed() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);
    edit(&site, SECTION, "part: ", "ti&tle<x>: 二\npart: ");
    wait_for_page(&served, SECTION_URL, "the error overlay", |p| {
        p.text().contains("gazette-error-overlay")
    });
    let page = served.page(SECTION_URL);
    assert_eq!(page.status, 200);
    assert!(
        page.text()
            .contains("content/2013/annual/01-review.md:3:1: unknown key `ti&amp;tle&lt;x&gt;`"),
        "{}",
        page.text()
    );
    assert!(!page.text().contains("ti&tle<x>"), "the error is escaped");
    assert!(
        page.text().contains("学习宣传贯彻中央精神"),
        "the last good page"
    );
    let missing = served.page("no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("gazette-error-overlay"));
    // The overlay can be served before the terminal line is read from the child's stderr.
    wait_for("the failure on the terminal", || {
        served
            .lines()
            .iter()
            .any(|l| l.starts_with("Rebuild failed"))
    });

    edit(&site, SECTION, "ti&tle<x>: 二\n", "");
    wait_for_page(&served, SECTION_URL, "the overlay to go", |p| {
        !p.text().contains("gazette-error-overlay")
    });
}

#[test]
fn a_failed_first_build_still_serves_the_overlay() {
    let site = TestSite::from_fixture("reports");
    edit(&site, SECTION, "part: ", "titel: 二\npart: ");
    let served = serve(&site);
    let page = served.page("");
    assert_eq!(page.status, 404);
    assert!(
        page.text().contains("gazette-error-overlay"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("unknown key `titel`"));

    edit(&site, SECTION, "titel: 二\n", "");
    wait_for_page(&served, "", "the site after the fix", |p| {
        p.status == 200 && !p.text().contains("gazette-error-overlay")
    });
}

#[test]
fn only_pages_of_the_site_are_served() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/2013/..%5c..%5csite.yaml",
        "/2013/../../site.yaml",
        "/content/2013/annual/01-review.md",
    ] {
        let response = get(&served.addr, path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("title: 测试妇联"), "{path}");
    }
    let missing = served.page("no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains(r#"class="not-found""#),
        "the theme's 404 page"
    );
    assert!(missing.text().contains("/__gazette/events"));
}

#[test]
fn a_burst_of_changes_gives_one_rebuild() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);
    // What editors write on the side changes nothing.
    for name in [
        ".01-review.md.swp",
        "01-review.md~",
        "4913",
        "a___jb_tmp___",
    ] {
        site.write(&format!("content/2013/annual/{name}"), "x");
    }
    thread::sleep(SETTLE);
    assert_eq!(served.rebuilds(), 0, "{:?}", served.lines());

    for i in 0..200 {
        site.write(
            &format!("content/2013/annual/{}-extra-{i}.md", 100 + i),
            &format!("---\ntitle: 补充{i}\n---\n第{i}节。\n"),
        );
    }
    wait_for_page(&served, "2013/annual/extra-199/", "the last section", |p| {
        p.status == 200
    });
    thread::sleep(SETTLE);
    assert_eq!(served.rebuilds(), 1, "{:?}", served.lines());
}

#[test]
fn a_base_path_is_kept_on_the_local_address() {
    let site = TestSite::from_fixture("reports");
    edit(
        &site,
        "site.yaml",
        "https://example.org/",
        "https://www.example.gov.cn/fulian/reports/",
    );
    let served = serve(&site);
    assert_eq!(served.base, "/fulian/reports/");
    let root = get(&served.addr, "/");
    assert_eq!(root.status, 307);
    assert_eq!(root.header("location"), Some("/fulian/reports/"));

    let page = served.page(SECTION_URL);
    assert_eq!(page.status, 200);
    let page = scraper::Html::parse_document(&page.text());
    let links = scraper::Selector::parse("a[href], link[href]").unwrap();
    let mut checked = 0;
    for href in page.select(&links).filter_map(|a| a.value().attr("href")) {
        let local = format!("http://{}/", served.addr);
        let Some(path) = href
            .strip_prefix(&local[..local.len() - 1])
            .or(href.starts_with('/').then_some(href))
        else {
            continue;
        };
        let path = path.split('#').next().unwrap();
        assert!(path.starts_with("/fulian/reports/"), "{href}");
        assert_eq!(get(&served.addr, path).status, 200, "{href}");
        checked += 1;
    }
    assert!(checked > 5, "only {checked} links checked");
}

/// The latest line that reports a rebuild, once there are `count` of them.
fn rebuild_line(served: &Served, count: usize) -> String {
    wait_for(&format!("rebuild line {count}"), || {
        served.rebuilds() >= count
    });
    let lines = served.lines();
    let rebuilds: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("Rebuilt ") || l.starts_with("Rebuild failed"))
        .collect();
    rebuilds[count - 1].clone()
}

#[test]
fn each_kind_of_change_rebuilds_only_what_it_touches() {
    let site = TestSite::from_fixture("reports");
    let served = serve(&site);

    // A section's text: its page and the report's printable version.
    edit(&site, SECTION, "正文。", "只改正文。");
    wait_for_page(&served, SECTION_URL, "the new text", |r| {
        r.text().contains("只改正文。")
    });
    assert!(rebuild_line(&served, 1).starts_with("Rebuilt 2 pages for 1 edited sections in "));
    assert!(
        served
            .page("2013/annual/print/")
            .text()
            .contains("只改正文。")
    );
    // The search index follows once the writer pauses, without another reload.
    wait_for("the edit in the search index", || {
        (0..11).any(|id| {
            served
                .page(&format!("search/d/{id}.json"))
                .text()
                .contains("只改正文")
        })
    });

    // Its title moves it in every list: everything is rebuilt.
    edit(
        &site,
        SECTION,
        "title: 一、学习宣传贯彻中央精神",
        "title: 一、新的标题",
    );
    wait_for_page(
        &served,
        "2013/annual/",
        "the new title in the report",
        |r| r.text().contains("一、新的标题"),
    );
    assert!(rebuild_line(&served, 2).starts_with("Rebuilt 23 pages in "));

    // A template: every page again, from the model in memory.
    site.write(
        "templates/partials/footer.html",
        "<footer id=\"custom\">新页脚</footer>\n",
    );
    wait_for_page(&served, "2012/", "the new footer", |r| {
        r.text().contains("新页脚")
    });
    assert!(rebuild_line(&served, 3).starts_with("Rebuilt 23 pages after a template change in "));

    // A static file: read alone (the first write makes the folder, which rebuilds it all).
    site.write("static/notes.txt", "第一版\n");
    wait_for_page(&served, "notes.txt", "the new static file", |r| {
        r.text() == "第一版\n"
    });
    let line = rebuild_line(&served, 4);
    assert!(
        line.starts_with("Rebuilt 23 pages in ") || line.starts_with("Rebuilt 1 static files in "),
        "{line}"
    );
    site.write("static/notes.txt", "第二版\n");
    wait_for_page(&served, "notes.txt", "the edited static file", |r| {
        r.text() == "第二版\n"
    });
    assert!(rebuild_line(&served, 5).starts_with("Rebuilt 1 static files in "));

    // A text that removes a heading another section links to fails, naming that section; the
    // next change after a failure rebuilds everything.
    edit(
        &site,
        "content/2013/annual/02-jobs.md",
        "## 主要数据",
        "## 其他数据",
    );
    let failed = rebuild_line(&served, 6);
    assert!(
        failed.starts_with("Rebuild failed: error: content/2013/annual/01-review.md:"),
        "{failed}"
    );
    edit(
        &site,
        "content/2013/annual/02-jobs.md",
        "## 其他数据",
        "## 主要数据",
    );
    assert!(rebuild_line(&served, 7).starts_with("Rebuilt 23 pages in "));
    wait_for_page(&served, SECTION_URL, "the overlay gone", |r| {
        !r.text().contains("gazette-error-overlay")
    });
}

/// A static file at a page's path is served in place of the page from the first build on, and
/// after it is edited, as `build` publishes it.
#[test]
fn a_static_file_at_a_page_path_replaces_the_page_in_every_build() {
    let site = TestSite::from_fixture("reports");
    site.write("static/archive/index.html", "<p>第一版</p>");
    let served = serve(&site);
    assert!(served.page("archive/").text().starts_with("<p>第一版</p>"));
    site.write("static/archive/index.html", "<p>第二版</p>");
    wait_for_page(&served, "archive/", "the edited static page", |r| {
        r.text().starts_with("<p>第二版</p>")
    });
    // A section edit re-renders pages; the static file keeps its path.
    edit(&site, SECTION, "正文。", "只改正文。");
    wait_for_page(&served, SECTION_URL, "the new text", |r| {
        r.text().contains("只改正文。")
    });
    assert!(served.page("archive/").text().starts_with("<p>第二版</p>"));
}

#[test]
fn a_quiet_preview_prints_its_address_and_nothing_per_rebuild() {
    let site = TestSite::from_fixture("reports");
    let served = start(&site, &["--quiet"]);
    wait_for_page(&served, SECTION_URL, "the first build", |r| r.status == 200);
    edit(&site, SECTION, "正文。", "安静地修改。");
    wait_for_page(&served, SECTION_URL, "the edit", |r| {
        r.text().contains("安静地修改。")
    });
    thread::sleep(SETTLE);
    assert_eq!(
        served.lines(),
        Vec::<String>::new(),
        "--quiet prints no rebuild lines"
    );
}

/// Request paths made of segments that try to leave the site: `..` in every spelling,
/// backslashes, NUL, encoded slashes, doubled slashes.
fn hostile_path() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const SEGMENTS: &[&str] = &[
        "..",
        ".",
        "%2e%2e",
        "%2E%2e",
        ".%2e",
        "%2e",
        "%2f",
        "%2F",
        "%5c",
        "\\",
        "%00",
        "%0a",
        "",
        "2013",
        "annual",
        "review",
        "index.html",
        "工作",
        "%E5%B7%A5",
        "%",
        "%zz",
        "%ff",
        "site.yaml",
        "content",
        "..%2f..%2fsite.yaml",
        "?q=..",
        "#x",
        "a..b",
    ];
    proptest::collection::vec(proptest::sample::select(SEGMENTS), 0..8)
        .prop_map(|segments| format!("/{}", segments.join("/")))
}

#[test]
fn prop_preview_paths_never_leave_the_output() {
    // Every answer is a page gazette wrote (the same file a build writes), a redirect inside
    // the site, or not found; site.yaml and content/ are never served.
    let site = TestSite::from_fixture("reports");
    site.build_ok(&[]);
    let output = fs::canonicalize(site.output("")).unwrap();
    let served = serve(&site);
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: cases.unwrap_or(64),
        failure_persistence: None,
        ..Default::default()
    });
    runner
        .run(&hostile_path(), |path| {
            let response = get(&served.addr, &path);
            assert!(!response.text().contains("title: 测试妇联"), "{path}");
            match response.status {
                200 => {
                    let decoded =
                        common::http::percent_decode(path.split(['?', '#']).next().unwrap());
                    let rel = gazette::site::routes::file_for(decoded.trim_start_matches('/'));
                    let file = fs::canonicalize(output.join(&rel))
                        .unwrap_or_else(|e| panic!("{path} served {rel}, not in the output: {e}"));
                    assert!(
                        file.starts_with(&output) && file.is_file(),
                        "{path} → {}",
                        file.display()
                    );
                }
                307 | 308 => {
                    let to = response.header("location").unwrap_or_default();
                    assert!(
                        to.starts_with('/') && !to.starts_with("//"),
                        "{path} → {to}"
                    );
                }
                400 | 404 => {}
                status => panic!("{path}: status {status}"),
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(served.page("").status, 200, "the preview still answers");
}

#[test]
fn pdfs_are_made_after_the_pages_and_follow_edits() {
    let site = TestSite::from_fixture("reports");
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}pdf: true\n"));
    let served = serve(&site);
    // The pages do not wait for the PDF; they link to it at once.
    let report = served.page("2013/annual/");
    assert!(report.text().contains("annual.pdf"), "{}", report.text());
    let pdf = || served.page("2013/annual/annual.pdf");
    wait_for("the PDF", || pdf().status == 200);
    let first = pdf();
    assert_eq!(first.content_type(), "application/pdf");
    assert!(first.body.starts_with(b"%PDF-"));
    edit(
        &site,
        SECTION,
        "各级妇联组织认真学习",
        "各级妇联组织深入学习",
    );
    wait_for("the PDF made again", || pdf().body != first.body);
}
