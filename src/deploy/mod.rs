//! `gazette deploy`: the output folder and the target's manifest → a plan ([`plan`]) → uploads
//! and deletions through OpenDAL ([`remote`], [`run`]) → the manifest, written last.
//!
//! Safety: only files a manifest lists are ever deleted (files gazette did not put on the
//! target are never touched), the manifest never vouches for bytes that may not be there, and
//! large deletions or a target holding another site's deploy need a yes.

pub(crate) mod manifest;
pub(crate) mod plan;
mod remote;
mod run;
pub(crate) mod target;

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use manifest::{MANIFEST, Manifest, SiteId};
use plan::{LocalFile, LocalTree, Plan};
use remote::Remote;
pub(crate) use run::Outcome;
use target::Target;

/// More deletions than this need a yes.
pub(crate) const DELETIONS_WITHOUT_ASKING: usize = 10;

/// The output's own marker, which is not part of the site.
const OUTPUT_MARKER: &str = ".gazette-output";

#[derive(Debug, Clone)]
pub(crate) struct DeployOptions {
    pub root: PathBuf,
    /// A target's name from site.yaml, or a URL; the first target by default.
    pub target: Option<String>,
    pub dry_run: bool,
    pub force: bool,
    pub yes: bool,
    pub concurrency: usize,
    /// Draw a progress bar (on a terminal).
    pub progress: bool,
}

/// What a deploy did, or with `--dry-run` would do.
pub(crate) enum Deployed {
    DryRun {
        target: Target,
        plan: Plan,
        /// What the deploy would ask before going ahead.
        questions: Vec<String>,
    },
    Done {
        target: Target,
        plan: Plan,
        outcome: Outcome,
    },
}

/// Deploys `<root>/public` to the chosen target. An error when anything did not arrive.
pub(crate) fn deploy(options: &DeployOptions) -> Result<Deployed> {
    let config = Config::load(&options.root, None, None).map_err(Diagnostics::from)?;
    let target = choose(&config, options.target.as_deref())?;
    let output = config.root.join("public");
    let local = scan(&output)?;
    let site = SiteId {
        title: config.title.clone(),
        base_url: config.base_url.clone(),
    };
    install_http();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let remote = Remote::new(target)?;
    runtime.block_on(deploy_to(&remote, options, &output, &local, site))
}

async fn deploy_to(
    remote: &Remote,
    options: &DeployOptions,
    output: &Path,
    local: &LocalTree,
    site: SiteId,
) -> Result<Deployed> {
    let old = remote.manifest().await?;
    let other_site = old
        .as_ref()
        .map(|m| &m.site)
        .filter(|s| **s != site)
        .cloned();
    let old = old.unwrap_or_else(|| Manifest::new(site.clone()));
    let unvouched = plan::unvouched(local, &old);
    let found = remote.find(&unvouched, local, options.concurrency).await?;
    let plan = plan::plan(local, &old, &found, options.force);
    let target = remote.target.clone();
    let questions = questions(&target, &plan, other_site.as_ref());
    if options.dry_run {
        return Ok(Deployed::DryRun {
            target,
            plan,
            questions,
        });
    }
    confirm(options, &questions)?;
    let staged = !remote.target.is_object_store();
    let mut manifest = plan::intent(&old, site, local, &plan, staged);
    if plan.steps.is_empty() && manifest == old && other_site.is_none() {
        let outcome = Outcome::default();
        return Ok(Deployed::Done {
            target,
            plan,
            outcome,
        });
    }
    remote.write_manifest(&manifest).await?;
    let outcome = run::run(
        remote,
        &plan,
        local,
        output,
        &mut manifest,
        options.concurrency,
        options.progress,
    )
    .await;
    remote.write_manifest(&manifest).await?;
    if !outcome.failures.is_empty() || outcome.interrupted {
        let mut list = String::new();
        for (path, error) in &outcome.failures {
            list.push_str(&format!("\n  {path}: {error}"));
        }
        if outcome.skipped > 0 {
            list.push_str(&format!(
                "\n  ({} other files were left as they were{})",
                outcome.skipped,
                if outcome.interrupted {
                    ""
                } else {
                    ", so no page links to a missing file"
                }
            ));
        }
        let what = match outcome.interrupted {
            true => "interrupted".to_string(),
            false => format!(
                "{} of {} files did not arrive",
                outcome.failures.len(),
                plan.steps.len()
            ),
        };
        bail!(
            "{what} on `{}`; run gazette deploy again to finish:{list}",
            target.name
        );
    }
    Ok(Deployed::Done {
        target,
        plan,
        outcome,
    })
}

/// The target named on the command line (a site.yaml name or a URL), or site.yaml's first.
fn choose(config: &Config, wanted: Option<&str>) -> Result<Target> {
    match wanted {
        Some(url) if url.contains("://") => Target::parse("command line", url).map_err(anyhow::Error::msg),
        Some(name) => config
            .deploy
            .iter()
            .find(|t| t.name == name)
            .cloned()
            .with_context(|| {
                let names: Vec<&str> = config.deploy.iter().map(|t| t.name.as_str()).collect();
                format!(
                    "site.yaml has no deploy target `{name}`; it has: {}",
                    if names.is_empty() { "none".to_string() } else { names.join(", ") }
                )
            }),
        None => config.deploy.first().cloned().context(
            "site.yaml has no deploy targets; add one, e.g.\n  deploy:\n    - name: production\n      url: sftp://user@www.example.org/var/www/reports/",
        ),
    }
}

/// Every file of the output with its size and SHA-256, read in parallel.
fn scan(output: &Path) -> Result<LocalTree> {
    if !output.join(OUTPUT_MARKER).is_file() {
        bail!(
            "{} holds no gazette build; run gazette build first, or gazette deploy --build",
            output.display()
        );
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", output.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(output)
            .expect("walkdir stays inside");
        let Some(path) = relative.to_str().map(|p| p.replace('\\', "/")) else {
            bail!("{} is not a UTF-8 path", entry.path().display());
        };
        if path != OUTPUT_MARKER && path != MANIFEST {
            files.push((path, entry.into_path()));
        }
    }
    files
        .into_par_iter()
        .map(|(path, source)| {
            let bytes = std::fs::read(&source)
                .with_context(|| format!("cannot read {}", source.display()))?;
            let file = LocalFile {
                size: bytes.len() as u64,
                sha256: Sha256::digest(&bytes).into(),
            };
            Ok((path, file))
        })
        .collect()
}

/// Asks the `questions` of a deploy; `--yes` answers for the user, and without a terminal to
/// ask on the deploy stops.
fn confirm(options: &DeployOptions, questions: &[String]) -> Result<()> {
    if questions.is_empty() || options.yes {
        return Ok(());
    }
    let reasons = questions.join("; ");
    if !std::io::stdin().is_terminal() {
        bail!("{reasons}. Nothing was changed: pass --yes to go ahead");
    }
    eprint!("{reasons}. Go ahead? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
        Ok(())
    } else {
        bail!("stopped; nothing was changed")
    }
}

/// Why this deploy needs a yes: many deletions, or another site's deploy on the target.
fn questions(target: &Target, plan: &Plan, other_site: Option<&SiteId>) -> Vec<String> {
    let (deletions, _) = plan.count(plan::Kind::Delete);
    let mut reasons = Vec::new();
    if let Some(other) = other_site {
        reasons.push(format!(
            "`{}` holds a deploy of another site (“{}”, {}); deploying replaces it",
            target.name, other.title, other.base_url
        ));
    }
    if deletions > DELETIONS_WITHOUT_ASKING {
        reasons.push(format!(
            "this deploy deletes {deletions} files from `{}` (gazette deploy --dry-run lists them)",
            target.name
        ));
    }
    reasons
}

/// S3 goes over reqwest with rustls, which needs one process-wide crypto provider: gazette
/// uses ring (already there for its link checker's HTTP client), not the far larger aws-lc
/// that reqwest's default would compile.
fn install_http() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    opendal::HttpTransporter::install_default(
        opendal_http_transport_reqwest::ReqwestTransport::default(),
    );
}
