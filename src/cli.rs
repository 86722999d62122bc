//! The command line: one clap derive struct per command and one `run` for each.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::config::Config;
use crate::date::Date;
use crate::import::{self, ImportOptions};

/// gazette: publish yearly reports, written section by section in Markdown, as a website.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
    /// Import a report from a .txt, .md or .docx file into a report folder with one file per section.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site; replaced as a whole when the build succeeds [default: <root>/public].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include reports, sections and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.yaml's `base_url` (for a staging host, say).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl BuildArgs {
    pub fn run(self) -> Result<()> {
        let BuildArgs {
            root,
            output,
            drafts,
            base_url,
        } = self;
        let summary = build::build(&BuildOptions {
            root,
            output,
            drafts,
            base_url,
        })?;
        println!(
            "Built {} pages ({} files) into {} in {:.2?}",
            summary.pages,
            summary.files,
            summary.output.display(),
            summary.elapsed
        );
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The report to import: a .txt, .md or .docx file.
    pub file: PathBuf,
    /// The site folder: the report goes under <root>/content/reports/ unless --into says otherwise.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The folder to create the report folder in [default: <root>/content/reports].
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// The year the report is about, when the document does not say (date: YYYY-12-31).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1000..=9999))]
    pub year: Option<i32>,
    /// The report's date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "year")]
    pub date: Option<Date>,
    /// The report folder's name (and URL segment) [default: <year>-report].
    #[arg(long, value_name = "SLUG")]
    pub slug: Option<String>,
    /// Print the structure found (parts, sections, paragraph counts) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace the Markdown files of an existing report folder.
    #[arg(long)]
    pub force: bool,
}

fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

impl ImportArgs {
    pub fn run(self) -> Result<()> {
        // The site's organization is only a default: a folder without a valid site.yaml is fine.
        let site_organization = Config::load(&self.root, None)
            .ok()
            .and_then(|c| c.organization);
        let options = ImportOptions {
            into: self
                .into
                .unwrap_or_else(|| self.root.join("content").join("reports")),
            file: self.file,
            year: self.year,
            date: self.date,
            slug: self.slug,
            site_organization,
            dry_run: self.dry_run,
            force: self.force,
        };
        let outcome = import::import(&options)?;
        for w in &outcome.warnings {
            eprintln!(
                "warning: {}:{}: {}",
                options.file.display(),
                w.line,
                w.message
            );
        }
        let dir = outcome.report_dir.display();
        print!("{}", outcome.outline);
        if options.dry_run {
            let note = if outcome.exists {
                " (the folder exists: importing would need --force)"
            } else {
                ""
            };
            println!(
                "Dry run: would write {} files into {dir}{note}; nothing was written",
                outcome.files.len()
            );
        } else {
            if outcome.replaced > 0 {
                println!(
                    "Removed {} Markdown files of the earlier import",
                    outcome.replaced
                );
            }
            println!("Wrote {} files into {dir}", outcome.files.len());
            println!(
                "Check the lines marked `# TODO` in _index.md, the section titles and paragraph breaks, then run `gazette build`"
            );
        }
        Ok(())
    }
}

impl Cli {
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Import(args) => args.run(),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
