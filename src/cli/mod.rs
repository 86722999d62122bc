//! The command line: one clap derive struct per command and one `run` for each, grouped in
//! files by what the commands do.

mod author;
mod build;
mod deploy;
mod import;
mod pdf;
mod serve;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use author::{InitArgs, NewCommand, ThemeCommand};
use build::{BuildArgs, CheckArgs};
use deploy::DeployArgs;
use import::ImportArgs;
use pdf::PdfArgs;
use serve::ServeArgs;

/// gazette: publish yearly reports, written section by section in Markdown, as a website.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    #[command(flatten)]
    pub(crate) console: Console,
}

/// How much the commands print: errors and warnings always (on stderr), the one-line summary
/// unless `--quiet`, per-stage timings with `--verbose`.
#[derive(Debug, Clone, Copy, Args)]
pub struct Console {
    /// Print per-stage timings and other details.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Print nothing but errors and warnings (for scripts).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

impl Console {
    /// A command's summary line.
    pub fn say(&self, line: String) {
        if !self.quiet {
            print_line(&line);
        }
    }

    /// A detail shown with `--verbose`.
    pub fn detail(&self, line: String) {
        if self.verbose {
            print_line(&line);
        }
    }
}

/// A closed stdout (`gazette build | head -1`) is not an error worth a panic.
fn print_line(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The subcommands, each with its own arguments.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
    /// Preview the site on a local address, rebuilding and reloading the browser on every change.
    Serve(ServeArgs),
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
    /// Import a report from a .txt, .md or .docx file into a report folder with one file per section.
    Import(ImportArgs),
    /// Publish the built site to a deploy target from site.yaml: only changed files are sent,
    /// and only files an earlier deploy uploaded are ever deleted.
    Deploy(DeployArgs),
    /// Make one report's PDF (the layout `pdf: true` in site.yaml makes for every report).
    Pdf(PdfArgs),
}

impl Cli {
    /// Runs the chosen command; its error is printed by `main` with a non-zero exit.
    pub fn run(self) -> Result<()> {
        let console = self.console;
        match self.command {
            Command::Build(args) => args.run(console),
            Command::Serve(args) => args.run(console),
            Command::Check(args) => args.run(console),
            Command::Init(args) => args.run(console),
            Command::New(command) => command.run(console),
            Command::Theme(command) => command.run(console),
            Command::Import(args) => args.run(console),
            Command::Deploy(args) => args.run(console),
            Command::Pdf(args) => args.run(console),
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
