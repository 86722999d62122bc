//! The target as a deploy sees it, over OpenDAL: its manifest, what it holds at the paths the
//! manifest does not vouch for, and the uploads and deletions themselves. Errors name the
//! target and say what to do; an SSH host key that ssh refused is shown by its fingerprint.

use std::collections::HashMap;
use std::process::{Command, Stdio};

use anyhow::{Context as _, Error, Result, anyhow};
use bytes::Bytes;
use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use opendal::{ErrorKind, Operator};
use sha2::{Digest as _, Sha256};

use super::manifest::{MANIFEST, Manifest};
use super::plan::{Found, LocalTree, part_path};
use super::target::{Location, Target};

pub(super) struct Remote {
    pub target: Target,
    operator: Operator,
}

impl Remote {
    pub(super) fn new(target: Target) -> Result<Remote> {
        let operator = target
            .operator()
            .with_context(|| format!("cannot set up deploy target `{}`", target.name))?;
        Ok(Remote { target, operator })
    }

    /// The target's manifest; `None` when nothing was deployed there yet.
    pub(super) async fn manifest(&self) -> Result<Option<Manifest>> {
        match self.operator.read(MANIFEST).await {
            Ok(buffer) => Manifest::parse(&buffer.to_bytes()).map(Some).map_err(|e| {
                anyhow!(
                    "{MANIFEST} on `{}` cannot be read: {e}; if it is damaged, remove it and \
                     deploy again (every file is then checked on the target, and the files it \
                     listed are no longer deleted by later deploys)",
                    self.target.name
                )
            }),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.explain(e.into())),
        }
    }

    pub(super) async fn write_manifest(&self, manifest: &Manifest) -> Result<()> {
        self.operator
            .write(MANIFEST, manifest.to_bytes())
            .await
            .map(drop)
            .map_err(|e| {
                self.explain(e.into())
                    .context(format!("cannot write {MANIFEST}"))
            })
    }

    /// What the target holds at each of `paths`, compared with the local files: one listing of
    /// the target, then a size check and, when the sizes agree, the bytes themselves.
    /// Listings name hidden files too, so part files are found.
    pub(super) async fn find(
        &self,
        paths: &[&str],
        local: &LocalTree,
        concurrency: usize,
    ) -> Result<HashMap<String, Found>> {
        if paths.is_empty() {
            return Ok(HashMap::new());
        }
        let listed: std::collections::HashSet<String> = self
            .operator
            .list_with("/")
            .recursive(true)
            .await
            .map_err(|e| self.explain(e.into()))?
            .into_iter()
            .filter(|e| e.metadata().is_file())
            .map(|e| e.path().to_string())
            .collect();
        let listed = &listed;
        stream::iter(paths.iter().map(|path| async move {
            if !listed.contains(*path) {
                return Ok(((*path).to_string(), Found::Absent));
            }
            // Not a file of the site (a part file): only whether it is there matters.
            let Some(file) = local.get(*path) else {
                return Ok(((*path).to_string(), Found::Different));
            };
            let meta = self.operator.stat(path).await?;
            let same = meta.content_length() == file.size && {
                let bytes = self.operator.read(path).await?.to_bytes();
                Sha256::digest(&bytes)[..] == file.sha256
            };
            let found = if same { Found::Same } else { Found::Different };
            Ok::<_, opendal::Error>(((*path).to_string(), found))
        }))
        .buffer_unordered(concurrency)
        .try_collect::<HashMap<_, _>>()
        .await
        .map_err(|e| self.explain(e.into()))
        .with_context(|| format!("cannot look at the files on `{}`", self.target.name))
    }

    /// Writes `path`; on a file system through a part file renamed over it (atomic for local
    /// folders and for OpenSSH's SFTP, which has posix-rename), so a visitor never gets half a
    /// page.
    pub(super) async fn upload(&self, path: &str, bytes: Bytes) -> Result<(), opendal::Error> {
        if self.target.is_object_store() {
            let write = self.operator.write_with(path, bytes);
            return write.content_type(content_type(path)).await.map(drop);
        }
        let part = part_path(path);
        self.operator.write(&part, bytes).await?;
        self.operator.rename(&part, path).await
    }

    pub(super) async fn delete(&self, path: &str) -> Result<(), opendal::Error> {
        self.operator.delete(path).await
    }

    /// Adds to an error what a person can do about it: for SSH, the host key ssh refused.
    pub(super) fn explain(&self, error: Error) -> Error {
        let Location::Sftp {
            host, port, user, ..
        } = &self.target.location
        else {
            return error.context(format!(
                "deploy target `{}` ({})",
                self.target.name, self.target.url
            ));
        };
        let text = format!("{error:#}");
        let changed = text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        if !changed && !text.contains("Host key verification failed") {
            return error.context(format!(
                "cannot reach `{}` over SSH ({})",
                self.target.name, self.target.url
            ));
        }
        let shown = if *port == 22 {
            host.clone()
        } else {
            format!("[{host}]:{port}")
        };
        let fingerprints = fingerprints(host, *port)
            .unwrap_or_else(|| "  (ssh-keyscan could not fetch it)".into());
        let login = match user {
            Some(user) => format!("{user}@{host}"),
            None => host.clone(),
        };
        let how = if changed {
            format!(
                "the host key of {shown} has CHANGED since it was recorded in ~/.ssh/known_hosts; this can mean \
                 the connection is intercepted. If the server's administrator confirms the new key, remove the old \
                 one with `ssh-keygen -R '{shown}'` and accept the new one with `ssh -p {port} {login}`"
            )
        } else {
            format!(
                "the host key of {shown} is not in ~/.ssh/known_hosts, so gazette does not trust it. Compare it with \
                 the key the server's administrator gives you, then accept it with `ssh -p {port} {login}` (answer \
                 yes) or `ssh-keyscan -p {port} {host} >> ~/.ssh/known_hosts`"
            )
        };
        anyhow!("{how}\nthe server offers:\n{fingerprints}").context(format!(
            "refused the SSH host key of `{}` ({})",
            self.target.name, self.target.url
        ))
    }
}

/// The host's keys as `ssh-keygen -l` shows them (`256 SHA256:… [host]:port (ED25519)`).
fn fingerprints(host: &str, port: u16) -> Option<String> {
    let scan = Command::new("ssh-keyscan")
        .args(["-T", "5", "-p", &port.to_string(), host])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let mut keygen = Command::new("ssh-keygen")
        .args(["-l", "-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    use std::io::Write as _;
    keygen.stdin.take()?.write_all(&scan.stdout).ok()?;
    let out = keygen.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<String> = text.lines().map(|l| format!("  {l}")).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// What a web server or CDN serving the object should call it.
fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}
