//! The command line: one clap derive struct per command and one `run` for each.

use std::path::PathBuf;

use std::time::Duration;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::check::{self, CheckOptions};
use crate::scaffold::{self, InitOptions, NewReport, NewSection};

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
    /// Check the site as a build would, without writing anything, and report warnings.
    Check(CheckArgs),
    /// Start a new site in DIR: site.yaml with every option, a sample report, an about page.
    Init(InitArgs),
    /// Add a report or a section, with front matter filled in; never overwrites a file.
    #[command(subcommand)]
    New(NewCommand),
    /// Work with themes.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

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
    pub fn run(self) -> Result<()> {
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
            eprintln!("warning: kept the existing {}", kept.display());
        }
        println!(
            "Created a site with {} files in {}; preview it with `gazette serve --root {}`",
            summary.written.len(),
            dir.display(),
            dir.display()
        );
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
    /// The report's year (its date becomes YEAR-12-31; change it in _index.md).
    #[arg(long)]
    pub year: i32,
    #[arg(long)]
    pub title: String,
    /// How many section files to create.
    #[arg(long, default_value_t = 3)]
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
    pub fn run(self) -> Result<()> {
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
                println!(
                    "Created {} with {} sections",
                    folder.display(),
                    written.len() - 1
                );
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
                println!("Created {}", path.display());
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
    pub fn run(self) -> Result<()> {
        let ThemeCommand::Eject { name, root } = self;
        let dir = scaffold::eject_theme(&root, &name)?;
        let hint = if name == "default" {
            "the site now uses it instead of the built-in theme".to_string()
        } else {
            format!("set `theme: {name}` in site.yaml to use it")
        };
        println!("Copied the default theme into {}; {hint}", dir.display());
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Check drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Also request every link to another site and report the ones that fail.
    #[arg(long)]
    pub external: bool,
    /// Seconds to wait for each external link.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub timeout: u64,
    /// How many external links to request at once.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub concurrency: usize,
    /// Fail (non-zero exit) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

impl CheckArgs {
    pub fn run(self) -> Result<()> {
        let CheckArgs {
            root,
            drafts,
            external,
            timeout,
            concurrency,
            deny_warnings,
        } = self;
        let options = CheckOptions {
            root,
            drafts,
            external,
            timeout: Duration::from_secs(timeout),
            concurrency,
        };
        let report = check::check(&options)?;
        for warning in &report.warnings {
            eprintln!("{warning}\n");
        }
        for link in &report.broken {
            for diagnostic in link.diagnostics() {
                eprintln!("{diagnostic}\n");
            }
        }
        let mut summary = format!(
            "Checked {} pages: no errors, {} warnings",
            report.pages,
            report.warnings.len()
        );
        if external {
            summary.push_str(&format!(
                "; {} external links, {} broken",
                report.external_checked,
                report.broken.len()
            ));
        }
        println!("{summary}");
        if !report.broken.is_empty() {
            bail!("{} external links are broken", report.broken.len());
        }
        if deny_warnings && !report.warnings.is_empty() {
            bail!("{} warnings (--deny-warnings)", report.warnings.len());
        }
        Ok(())
    }
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

impl Cli {
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::New(command) => command.run(),
            Command::Theme(command) => command.run(),
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
