//! `gazette serve`.

use std::net::IpAddr;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Console;

use crate::serve::{self, ServeOptions};

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
    pub fn run(self, console: Console) -> Result<()> {
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
            quiet: console.quiet,
        })
    }
}
