//! The command line: one clap derive struct per command and one `run` for each.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};

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
