//! Static files (the theme's `static/`, with the site's `static/` replacing it file by file)
//! claim their output paths like pages do, by one rule used by `build`, `check` and the
//! preview alike:
//!
//! - a static file replaces a generated file at its path (a page, `robots.txt`, a feed): that
//!   is how a site brings its own `robots.txt` or `404.html`; `gazette check` warns about each
//!   one, so a replacement nobody meant does not go unnoticed;
//! - a static file and a file of `content/` at one path is an error naming both, as two
//!   content files at one URL are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::site::{ATOM, ROBOTS, SITEMAP, Site, routes};
use crate::theme::{self, StaticFile, Theme};

/// The static files to publish, with the generated files they replace.
#[derive(Debug, Default)]
pub(crate) struct Statics<'a> {
    /// By output path.
    pub files: HashMap<&'a Path, &'a StaticFile>,
    /// Generated files a static file replaces, by output path, with what they would have been.
    pub replaced: HashMap<PathBuf, String>,
}

impl Statics<'_> {
    /// Whether a generated file at `path` gives way to a static file.
    pub(crate) fn replaces(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// One warning per generated file a static file replaces, for `gazette check`.
    pub(crate) fn warnings(&self, site: &Site) -> Vec<Diagnostic> {
        let mut replaced: Vec<_> = self.replaced.iter().collect();
        replaced.sort();
        replaced
            .into_iter()
            .map(|(path, what)| {
                let file = self.files.get(path.as_path());
                let shown = file.map_or_else(|| path.display().to_string(), |f| shown(site, f));
                Diagnostic::new(shown, format!("this static file replaces {what}"))
                    .with_hint("that is what a static file at a generated path does; rename or remove it if that was not meant")
                    .warning()
            })
            .collect()
    }
}

/// How the user finds a static file.
fn shown(site: &Site, file: &StaticFile) -> String {
    match &file.source {
        theme::Source::Disk(path) => display_path(&site.config.root, path).display().to_string(),
        theme::Source::Embedded(_) => {
            format!("(built-in default theme) static/{}", file.output.display())
        }
    }
}

/// Settles the theme's and site's static files against the site's own outputs.
pub(crate) fn resolve<'a>(site: &Site, theme: &'a Theme) -> Result<Statics<'a>, Diagnostics> {
    let by_output: HashMap<&'a Path, &'a StaticFile> = theme
        .static_files
        .iter()
        .map(|f| (f.output.as_path(), f))
        .collect();
    let mut errors = Diagnostics::default();
    for asset in &site.assets {
        if let Some(file) = by_output.get(asset.output.as_path()) {
            errors.push(
                Diagnostic::new(
                    shown(site, file),
                    format!(
                        "this static file and content/{} are both published at {}",
                        asset.source.display(),
                        asset.output.display()
                    ),
                )
                .with_hint("rename or remove one of them"),
            );
        }
    }
    let mut replaced = HashMap::new();
    for target in site.targets() {
        let route = site.route(target);
        if by_output.contains_key(route.output.as_path()) {
            replaced.insert(route.output.clone(), format!("the page {}", route.url));
        }
    }
    let generated = [ATOM, SITEMAP, ROBOTS].map(PathBuf::from);
    for file in generated.into_iter().chain(crate::figures::files(site)) {
        if by_output.contains_key(file.as_path()) {
            let what = format!("the generated {}", routes::key(&file));
            replaced.insert(file, what);
        }
    }
    errors.into_result(Statics {
        files: by_output,
        replaced,
    })
}
