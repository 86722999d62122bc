//! The command line: one clap derive struct per command and one `run` for each.

use std::net::IpAddr;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::serve::{self, ServeOptions};

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
            origin: None,
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
pub struct ServeArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The address to listen on; other machines can reach the preview only if this allows it.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Include reports, sections and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    pub fn run(self) -> Result<()> {
        let ServeArgs {
            root,
            bind,
            port,
            drafts,
            open,
        } = self;
        serve::serve(&ServeOptions {
            root,
            bind,
            port,
            drafts,
            open,
        })
    }
}

impl Cli {
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
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
