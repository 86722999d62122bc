//! The authoring commands: `gazette init`, `gazette new`, `gazette theme`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Console;
use crate::diagnostics::report;

use crate::scaffold::{self, InitOptions, MAX_NEW_SECTIONS, NewReport, NewSection};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the new site (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Add the site to a folder that is not empty; existing files are kept, never replaced.
    #[arg(long)]
    pub force: bool,
    /// The language of the site and of the sample content: zh-CN or en.
    #[arg(long, default_value = "zh-CN")]
    pub language: String,
}

impl InitArgs {
    pub fn run(self, console: Console) -> Result<()> {
        let InitArgs {
            dir,
            force,
            language,
        } = self;
        let summary = scaffold::init(&InitOptions {
            dir: dir.clone(),
            force,
            language,
        })?;
        for kept in &summary.kept {
            report(&format!("warning: kept the existing {}", kept.display()));
        }
        console.say(format!(
            "Created a site with {} files in {}; preview it with `gazette serve --root {}`",
            summary.written.len(),
            dir.display(),
            dir.display()
        ));
        Ok(())
    }
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A report folder under content/reports/ with _index.md and numbered sections.
    Report(NewReportArgs),
    /// A section after the last one of a report, in the same part.
    Section(NewSectionArgs),
}

#[derive(Debug, Args)]
pub struct NewReportArgs {
    /// The site folder.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The report's year, four digits (its date becomes YEAR-12-31; change it in _index.md).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1000..=9999))]
    pub year: i32,
    #[arg(long)]
    pub title: String,
    /// How many section files to create (0 to 99).
    #[arg(long, default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_NEW_SECTIONS)))]
    pub sections: u32,
    /// The folder name, which is the report's URL [default: <year>-report].
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewSectionArgs {
    /// The report folder, the one holding _index.md.
    pub report: PathBuf,
    #[arg(long)]
    pub title: String,
    /// The file name after its number, which is the section's URL [default: section-N].
    #[arg(long)]
    pub slug: Option<String>,
}

impl NewCommand {
    pub fn run(self, console: Console) -> Result<()> {
        match self {
            NewCommand::Report(NewReportArgs {
                root,
                year,
                title,
                sections,
                slug,
            }) => {
                let written = scaffold::new_report(&NewReport {
                    root,
                    year,
                    title,
                    sections,
                    slug,
                })?;
                let folder = written
                    .first()
                    .and_then(|p| p.parent())
                    .unwrap_or(std::path::Path::new("."));
                console.say(format!(
                    "Created {} with {} sections",
                    folder.display(),
                    written.len() - 1
                ));
            }
            NewCommand::Section(NewSectionArgs {
                report,
                title,
                slug,
            }) => {
                let path = scaffold::new_section(&NewSection {
                    report,
                    title,
                    slug,
                })?;
                console.say(format!("Created {}", path.display()));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in default theme into themes/NAME/ of the site, to change it there.
    Eject {
        /// The theme folder name; "default" replaces the built-in theme without other changes.
        #[arg(default_value = "default")]
        name: String,
        /// The site folder.
        #[arg(long, short, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}

impl ThemeCommand {
    pub fn run(self, console: Console) -> Result<()> {
        let ThemeCommand::Eject { name, root } = self;
        let dir = scaffold::eject_theme(&root, &name)?;
        let hint = if name == "default" {
            "the site now uses it instead of the built-in theme".to_string()
        } else {
            format!("set `theme: {name}` in site.yaml to use it")
        };
        console.say(format!(
            "Copied the default theme into {}; {hint}",
            dir.display()
        ));
        Ok(())
    }
}
