//! The command line: one clap derive struct per command and one `run` for each, grouped in
//! files by what the commands do.

mod author;
mod build;
mod serve;

use anyhow::Result;
use clap::{Parser, Subcommand};

pub use author::{InitArgs, NewCommand, ThemeCommand};
pub use build::{BuildArgs, CheckArgs};
pub use serve::ServeArgs;

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
}

impl Cli {
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
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
