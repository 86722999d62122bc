//! `gazette import`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Console;
use crate::config::Config;
use crate::date::Date;
use crate::import::{self, ImportOptions};

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
    /// Print the structure found (parts, sections, paragraph counts) and the key figures it
    /// would propose, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace an existing report folder: an earlier import's files are replaced, files you
    /// added are kept, and files you changed are kept in a backup of the old folder.
    #[arg(long)]
    pub force: bool,
}

fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

impl ImportArgs {
    pub fn run(self, console: Console) -> Result<()> {
        // The site's organization is only a default: a folder without a valid site.yaml is fine.
        let site_organization = Config::load(&self.root, None, None)
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
        let file = options.file.display();
        for note in &outcome.notes {
            eprintln!("note: {file}: {note}");
        }
        for w in &outcome.warnings {
            eprintln!("warning: {file}:{}: {}", w.line, w.message);
        }
        let dir = outcome.report_dir.display();
        // The structure found is what a dry run is for; otherwise it is a summary.
        if options.dry_run || !console.quiet {
            print!("{}", outcome.outline);
        }
        let r = &outcome.replacement;
        if options.dry_run {
            println!(
                "Dry run: would write {} files into {dir}; nothing was written",
                outcome.files.len()
            );
            if outcome.exists {
                println!("The folder exists; with --force, import would:");
                print_list(
                    "  replace (an earlier import's files, unchanged)",
                    &r.replaced,
                );
                print_list("  keep (files you added)", &r.kept);
                print_list(
                    "  replace, keeping the old folder as a backup (files you changed)",
                    &r.backed_up,
                );
            }
            return Ok(());
        }
        console.say(format!("Wrote {} files into {dir}", outcome.files.len()));
        print_list("Replaced the earlier import's files", &r.replaced);
        print_list("Kept the files you added", &r.kept);
        if let Some(backup) = &outcome.backup {
            print_list("Replaced files you had changed", &r.backed_up);
            println!(
                "The earlier folder, with your versions, is kept as {}",
                backup.display()
            );
        }
        console.say(
            "Check the lines marked `# TODO` in _index.md, the section titles and paragraph breaks, then run `gazette build`"
                .to_string(),
        );
        Ok(())
    }
}

/// `label (n): a, b, c` — nothing when the list is empty.
fn print_list(label: &str, names: &[String]) {
    if !names.is_empty() {
        println!("{label} ({}): {}", names.len(), names.join(", "));
    }
}
