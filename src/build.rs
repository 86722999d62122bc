//! The pipeline as one readable function: config → content → site model → Markdown →
//! theme → pages → output. Each stage hands plain data to the next.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::bodies;
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::feeds;
use crate::output::{self, File};
use crate::render::{self, RenderedPage};
use crate::search;
use crate::site::{self, Site};
use crate::theme::{self, Theme};

/// What `gazette build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
}

/// Reads and checks everything a build needs, without writing anything.
pub fn load(options: &BuildOptions) -> Result<(Site, Theme), Diagnostics> {
    let config = Config::load(&options.root, options.base_url.as_deref())?;
    let theme = theme::load(&config);
    let content = crate::content::load(&config.content_dir(), &config.root);
    let (theme, content) = match (theme, content) {
        (Ok(t), Ok(c)) => (t, c),
        (t, c) => {
            let mut errors = Diagnostics::default();
            if let Err(e) = t {
                errors.push(e);
            }
            if let Err(e) = c {
                errors.extend(e);
            }
            return Err(errors);
        }
    };
    let mut site = site::assemble(config, content, options.drafts)?;
    bodies::render(&mut site).into_result(())?;
    Ok((site, theme))
}

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let output_dir = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let output_dir = output::check_output_dir(&options.root, &output_dir)?;
    let (site, theme) = load(options)?;
    let pages = render::render_site(&site, &theme)?;
    let generated = feeds::generate(&site);
    let search = search::generate(&site);
    let mut files = site_files(&site, &theme, &generated, &pages);
    files.extend(
        search
            .iter()
            .map(|(output, bytes)| File::Bytes { output, bytes }),
    );
    output::write_site(&output_dir, &files)?;
    Ok(BuildSummary {
        pages: pages.len(),
        files: files.len(),
        elapsed: started.elapsed(),
        output: output_dir,
    })
}

/// Every file of the output, one per path: generated files (feeds), then the theme's and the
/// site's static files, content assets and pages, each replacing an earlier one at its path.
fn site_files<'a>(
    site: &'a Site,
    theme: &'a Theme,
    generated: &'a [(PathBuf, String)],
    pages: &'a [RenderedPage],
) -> Vec<File<'a>> {
    let content_dir = site.config.content_dir();
    let generated = generated
        .iter()
        .map(|(output, text)| File::Text { output, text });
    let statics = theme.static_files.iter().map(File::from_static);
    let assets = site.assets.iter().map(|asset| File::Copy {
        output: &asset.output,
        source: content_dir.join(&asset.source),
    });
    let pages = pages.iter().map(|p| File::Text {
        output: &p.output,
        text: &p.html,
    });
    let mut by_path: HashMap<&Path, File> = HashMap::new();
    for file in generated.chain(statics).chain(assets).chain(pages) {
        by_path.insert(file.output(), file);
    }
    by_path.into_values().collect()
}
