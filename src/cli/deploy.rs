//! `gazette deploy`.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use indicatif::HumanBytes;

use super::Console;
use crate::build::{self, BuildOptions};
use crate::deploy::{self, DeployOptions, Deployed};

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// A target's name from site.yaml's `deploy:` list, or a URL (sftp://, s3://, file://)
    /// [default: the first target].
    pub target: Option<String>,
    /// The site folder: the one holding site.yaml and public/.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// List what would be uploaded, replaced and deleted, with sizes, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Upload every file, changed or not (files gazette did not upload are still never deleted).
    #[arg(long)]
    pub force: bool,
    /// Build the site first, and deploy only if the build succeeded.
    #[arg(long)]
    pub build: bool,
    /// How many files to send at once.
    #[arg(long, default_value_t = 8, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Answer yes to the questions a deploy asks (many deletions, another site's deploy).
    #[arg(long, short)]
    pub yes: bool,
}

impl DeployArgs {
    pub fn run(self, console: Console) -> Result<()> {
        if self.build {
            let summary = build::build(&BuildOptions {
                root: self.root.clone(),
                ..BuildOptions::default()
            })?;
            console.say(format!(
                "Built {} pages ({} files) in {:.2?}",
                summary.pages, summary.files, summary.elapsed
            ));
        }
        let options = DeployOptions {
            root: self.root,
            target: self.target,
            dry_run: self.dry_run,
            force: self.force,
            yes: self.yes,
            concurrency: usize::from(self.concurrency),
            progress: !console.quiet && std::io::stderr().is_terminal(),
        };
        match deploy::deploy(&options)? {
            Deployed::DryRun {
                target,
                plan,
                questions,
            } => {
                for step in &plan.steps {
                    console.say(format!(
                        "{:<8} {:>10}  {}",
                        step.kind.verb(),
                        HumanBytes(step.size).to_string(),
                        step.path
                    ));
                }
                let count = |kind| {
                    let (n, bytes) = plan.count(kind);
                    format!("{n} ({})", HumanBytes(bytes))
                };
                console.say(format!(
                    "Dry run for `{}`: would upload {}, replace {}, delete {}; {} unchanged; nothing was changed",
                    target.name,
                    count(deploy::plan::Kind::Upload),
                    count(deploy::plan::Kind::Replace),
                    count(deploy::plan::Kind::Delete),
                    plan.unchanged
                ));
                for question in questions {
                    console.say(format!("The deploy would ask first: {question}"));
                }
            }
            Deployed::Done {
                target,
                plan,
                outcome,
            } => console.say(outcome.summary(&target.name, plan.unchanged)),
        }
        Ok(())
    }
}
