//! Test harness: a site in a temporary folder, built by the real `gazette` binary, and its
//! output read back as parsed HTML.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub(crate) mod http;
pub(crate) mod import;

pub(crate) struct TestSite {
    dir: Dir,
}

/// A site folder the test owns (removed at the end) or one it only looks at.
enum Dir {
    Temp(tempfile::TempDir),
    Borrowed(PathBuf),
}

/// What a run of the binary printed and returned.
pub(crate) struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            success: o.status.success(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture is readable");
        let target = to.join(entry.path().strip_prefix(from).expect("inside fixture"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

impl TestSite {
    /// An empty site with a minimal `site.yaml`.
    pub(crate) fn new() -> Self {
        let site = TestSite {
            dir: Dir::Temp(tempfile::tempdir().expect("temp dir")),
        };
        site.write(
            "site.yaml",
            "title: 测试站点\nbase_url: https://example.org/\n",
        );
        site
    }

    /// An empty site with one report, `content/2013/r/`, without sections.
    pub(crate) fn with_report() -> Self {
        let site = TestSite::new();
        site.write(
            "content/2013/r/_index.md",
            "---\ntitle: 2013年工作总结\ndate: 2013-12-31\n---\n",
        );
        site
    }

    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn from_fixture(name: &str) -> Self {
        let site = TestSite {
            dir: Dir::Temp(tempfile::tempdir().expect("temp dir")),
        };
        copy_dir(&fixture(name), site.root());
        site
    }

    /// A site that already exists at `root` (made by `gazette init`, say).
    pub(crate) fn at(root: &Path) -> Self {
        TestSite {
            dir: Dir::Borrowed(root.to_path_buf()),
        }
    }

    pub(crate) fn root(&self) -> &Path {
        match &self.dir {
            Dir::Temp(dir) => dir.path(),
            Dir::Borrowed(path) => path,
        }
    }

    pub(crate) fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("has parent")).expect("create dir");
        fs::write(path, bytes).expect("write file");
        self
    }

    pub(crate) fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.root().join(rel)).expect("remove file");
        self
    }

    /// Runs `gazette build --root <site> <args>`.
    pub(crate) fn build(&self, args: &[&str]) -> Run {
        let root = self.root().to_str().expect("utf-8 temp path");
        let mut all = vec!["build", "--root", root];
        all.extend_from_slice(args);
        gazette(&all)
    }

    /// Builds and panics with the error output if the build fails.
    #[track_caller]
    pub(crate) fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    pub(crate) fn output(&self, rel: &str) -> PathBuf {
        self.root().join("public").join(rel)
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.output(rel).exists()
    }

    /// The page at URL path `url` (`/2013/r/`), parsed.
    #[track_caller]
    pub(crate) fn page(&self, url: &str) -> Page {
        let file = gazette::site::routes::file_for(url.trim_start_matches('/'));
        let text = fs::read_to_string(self.output(&file))
            .unwrap_or_else(|e| panic!("no page at {url}: {e}"));
        Page {
            html: Html::parse_document(&text),
            text,
        }
    }
}

/// Builds the example site at the repository root into a fresh temp folder's `public/` (never
/// the repository's own), with `extra` arguments.
pub(crate) fn build_example(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    build_example_into(&dir.path().join("public"), extra);
    dir
}

/// Builds the example site (the repository) into `public` with the `extra` arguments.
pub(crate) fn build_example_into(public: &Path, extra: &[&str]) {
    let mut args = vec!["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"];
    args.push(public.to_str().expect("utf-8 temp path"));
    args.extend_from_slice(extra);
    let run = gazette(&args);
    assert!(run.success, "build failed:\n{}", run.stderr);
}

/// Debian's Chromium (or `$CHROMIUM`) and the npm packages a browser test drives it with:
/// the browser's path, or a failure saying what to install.
pub(crate) fn chromium_with(packages: &[&str]) -> String {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: run scripts/test, which installs Debian's chromium, or set CHROMIUM"
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for package in packages {
        assert!(
            repo.join("node_modules").join(package).is_dir(),
            "the npm package {package} is missing: run scripts/test, or `npm ci` in {}",
            repo.display()
        );
    }
    chromium
}

pub(crate) fn gazette(args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("run gazette")
        .into()
}

pub(crate) struct Page {
    pub html: Html,
    pub text: String,
}

impl Page {
    pub(crate) fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html.select(&selector).collect()
    }

    /// The trimmed text of each element matching `css`.
    pub(crate) fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    /// The attribute `attr` of each element matching `css`.
    pub(crate) fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .filter_map(|e| e.value().attr(attr))
            .map(str::to_string)
            .collect()
    }

    /// `href` of the single element matching `css`, if any.
    pub(crate) fn href(&self, css: &str) -> Option<String> {
        self.attrs(css, "href").into_iter().next()
    }
}
