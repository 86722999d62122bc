//! Where a site is published: the `deploy:` targets of site.yaml, parsed from their URLs, and
//! the OpenDAL operator that reaches each one. Credentials never come from site.yaml (the file
//! is shared and committed): SFTP authenticates as `ssh` does, S3 reads the `AWS_*` variables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use opendal::Operator;
use opendal::layers::RetryLayer;
use opendal::services;
use serde::Deserialize;
use url::Url;

use crate::diagnostics::Diagnostic;

/// A `deploy:` entry as written in site.yaml.
#[derive(Debug, Deserialize)]
pub(crate) struct RawTarget {
    name: String,
    url: String,
    /// Any other key: an error, with its own message when it looks like a credential.
    #[serde(flatten)]
    other: BTreeMap<String, serde_json::Value>,
}

/// Checks site.yaml's `deploy:` entries (`file` is shown in errors, `text` is its contents).
pub(crate) fn resolve(
    raw: Vec<RawTarget>,
    file: &Path,
    text: &str,
) -> Result<Vec<Target>, Diagnostic> {
    let mut targets: Vec<Target> = Vec::new();
    for entry in raw {
        if let Some(key) = entry.other.keys().next() {
            let diagnostic = Diagnostic::new(
                file,
                format!("unknown key `{key}` in deploy target `{}`", entry.name),
            );
            let diagnostic = locate(diagnostic, text, &format!("{key}:"));
            return Err(if names_a_secret(key) {
                diagnostic.with_hint(
                    "credentials never go in site.yaml: SFTP uses your ~/.ssh keys or ssh-agent, \
                     S3 the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables",
                )
            } else {
                diagnostic.with_hint("a deploy target has `name:` and `url:`")
            });
        }
        if targets.iter().any(|t| t.name == entry.name) {
            let diagnostic = Diagnostic::new(
                file,
                format!("two deploy targets are named `{}`", entry.name),
            );
            return Err(locate(diagnostic, text, &entry.name));
        }
        let target = Target::parse(&entry.name, &entry.url)
            .map_err(|message| locate(Diagnostic::new(file, message), text, &entry.url))?;
        targets.push(target);
    }
    Ok(targets)
}

/// Points `diagnostic` at the first line of `text` holding `needle`.
fn locate(diagnostic: Diagnostic, text: &str, needle: &str) -> Diagnostic {
    match text.lines().position(|line| line.contains(needle)) {
        Some(i) => {
            let line = text.lines().nth(i).unwrap_or_default();
            let column = line[..line.find(needle).unwrap_or(0)].chars().count() + 1;
            diagnostic.at(text, i + 1, column)
        }
        None => diagnostic,
    }
}

/// One named place to publish to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    /// The URL as written in site.yaml, for messages.
    pub url: String,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `sftp://[user@]host[:port]/absolute/folder/`
    Sftp {
        user: Option<String>,
        host: String,
        port: u16,
        folder: String,
    },
    /// `s3://bucket/prefix/?endpoint=https://…&region=…[&style=virtual]`
    S3 {
        bucket: String,
        prefix: String,
        endpoint: Option<String>,
        region: Option<String>,
        virtual_host: bool,
    },
    /// `file:///mounted/folder/`
    Folder { path: PathBuf },
}

/// Words that mark a credential in a URL's query or in a target's keys.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "key",
    "token",
    "credential",
    "signature",
    "passphrase",
];

/// Whether a site.yaml key or URL parameter looks like it holds a credential.
pub(crate) fn names_a_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|word| key.contains(word))
}

impl Target {
    /// Parses a target's URL; the error says what is wrong in words for site.yaml's author.
    pub fn parse(name: &str, url: &str) -> Result<Target, String> {
        let parsed = Url::parse(url).map_err(|e| format!("`{url}` is not a URL: {e}"))?;
        if parsed.password().is_some() {
            return Err(format!(
                "the URL of deploy target `{name}` holds a password; credentials never go in site.yaml \
                 (SFTP uses your ~/.ssh keys or ssh-agent, S3 the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables)"
            ));
        }
        let mut endpoint = None;
        let mut region = None;
        let mut virtual_host = false;
        for (key, value) in parsed.query_pairs() {
            if names_a_secret(&key) {
                return Err(format!(
                    "the URL of deploy target `{name}` holds a credential (`{key}=`); credentials never go in site.yaml: \
                     S3 keys come from the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables"
                ));
            }
            match (parsed.scheme(), &*key) {
                ("s3", "endpoint") => endpoint = Some(value.into_owned()),
                ("s3", "region") => region = Some(value.into_owned()),
                ("s3", "style") if value == "virtual" || value == "path" => {
                    virtual_host = value == "virtual";
                }
                ("s3", _) => {
                    return Err(format!(
                        "unknown parameter `{key}={value}` in the URL of deploy target `{name}`; \
                         an s3:// URL takes endpoint=, region= and style=virtual|path"
                    ));
                }
                _ => {
                    return Err(format!(
                        "the URL of deploy target `{name}` has a parameter `{key}`; only s3:// URLs take parameters"
                    ));
                }
            }
        }
        let folder = decoded_path(&parsed)?;
        let location = match parsed.scheme() {
            "sftp" | "ssh" => {
                let host = parsed.host_str().filter(|h| !h.is_empty()).ok_or_else(|| {
                    format!("the sftp:// URL of deploy target `{name}` needs a host")
                })?;
                let user = Some(parsed.username())
                    .filter(|u| !u.is_empty())
                    .map(percent_decode)
                    .transpose()?;
                Location::Sftp {
                    user,
                    host: host.to_string(),
                    port: parsed.port().unwrap_or(22),
                    folder,
                }
            }
            "s3" => {
                if !parsed.username().is_empty() {
                    return Err(format!(
                        "the s3:// URL of deploy target `{name}` names a user; credentials never go in site.yaml: \
                         S3 keys come from the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables"
                    ));
                }
                let bucket = parsed
                    .host_str()
                    .filter(|h| !h.is_empty())
                    .ok_or_else(|| format!("the s3:// URL of deploy target `{name}` needs a bucket: s3://bucket/folder/"))?;
                Location::S3 {
                    bucket: bucket.to_string(),
                    prefix: folder,
                    endpoint,
                    region,
                    virtual_host,
                }
            }
            "file" => {
                if parsed.host_str().is_some_and(|h| !h.is_empty()) {
                    return Err(format!(
                        "the file:// URL of deploy target `{name}` names a host; write file:///absolute/folder/"
                    ));
                }
                Location::Folder {
                    path: PathBuf::from(folder),
                }
            }
            other => {
                return Err(format!(
                    "deploy target `{name}` uses `{other}://`; gazette deploys to sftp://, s3:// and file:// URLs"
                ));
            }
        };
        Ok(Target {
            name: name.to_string(),
            url: url.to_string(),
            location,
        })
    }

    /// The storage this target names, with retries (exponential backoff with jitter) on the
    /// errors OpenDAL marks temporary: timeouts, dropped connections, 5xx answers.
    pub fn operator(&self) -> Result<Operator> {
        let operator = match &self.location {
            Location::Sftp {
                user,
                host,
                port,
                folder,
            } => {
                let user = user.as_ref().map(|u| format!("{u}@")).unwrap_or_default();
                // Strict is OpenDAL's default too; said here because it is a promise.
                let builder = services::Sftp::default()
                    .endpoint(&format!("ssh://{user}{host}:{port}"))
                    .root(folder)
                    .known_hosts_strategy("strict");
                Operator::new(builder)?
            }
            Location::S3 {
                bucket,
                prefix,
                endpoint,
                region,
                virtual_host,
            } => {
                let (key_id, secret) = aws_keys()?;
                let mut builder = services::S3::default()
                    .bucket(bucket)
                    .root(prefix)
                    .region(region.as_deref().unwrap_or("us-east-1"))
                    .access_key_id(&key_id)
                    .secret_access_key(&secret)
                    // Only what the environment says: no ~/.aws files, and never the
                    // cloud metadata address.
                    .disable_config_load()
                    .disable_ec2_metadata();
                if let Some(endpoint) = endpoint {
                    builder = builder.endpoint(endpoint);
                }
                if let Ok(token) = std::env::var("AWS_SESSION_TOKEN") {
                    builder = builder.session_token(&token);
                }
                if *virtual_host {
                    builder = builder.enable_virtual_host_style();
                }
                Operator::new(builder)?
            }
            Location::Folder { path } => {
                let path = path.to_str().context("the folder's path is not UTF-8")?;
                Operator::new(services::Fs::default().root(path))?
            }
        };
        Ok(operator.layer(
            RetryLayer::new()
                .with_max_times(4)
                .with_min_delay(std::time::Duration::from_millis(200))
                .with_jitter(),
        ))
    }

    /// An object store replaces an object atomically and keeps its Content-Type; a file
    /// system (SFTP, a folder) has no place for the type and shows a file while it is written.
    pub fn is_object_store(&self) -> bool {
        matches!(self.location, Location::S3 { .. })
    }
}

fn aws_keys() -> Result<(String, String)> {
    let get = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => Ok((id, secret)),
        _ => bail!(
            "an s3:// target needs its keys in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \
             (and AWS_SESSION_TOKEN for temporary keys)"
        ),
    }
}

/// The URL's path, percent-decoded, as a folder ending in `/`.
fn decoded_path(url: &Url) -> Result<String, String> {
    let mut path = percent_decode(url.path())?;
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

fn percent_decode(text: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("`{text}` is not UTF-8 once decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_kinds() {
        let sftp =
            Target::parse("p", "sftp://deploy@www.example.gov.cn:2222/var/www/报告").unwrap();
        assert_eq!(
            sftp.location,
            Location::Sftp {
                user: Some("deploy".into()),
                host: "www.example.gov.cn".into(),
                port: 2222,
                folder: "/var/www/报告/".into()
            }
        );
        let s3 = Target::parse(
            "c",
            "s3://bucket/reports/?endpoint=https://oss.example.com&region=cn-hangzhou&style=virtual",
        )
        .unwrap();
        assert_eq!(
            s3.location,
            Location::S3 {
                bucket: "bucket".into(),
                prefix: "/reports/".into(),
                endpoint: Some("https://oss.example.com".into()),
                region: Some("cn-hangzhou".into()),
                virtual_host: true,
            }
        );
        let folder = Target::parse("s", "file:///mnt/website/reports").unwrap();
        assert_eq!(
            folder.location,
            Location::Folder {
                path: "/mnt/website/reports/".into()
            }
        );
    }

    #[test]
    fn refuses_credentials() {
        for url in [
            "sftp://deploy:hunter2@host/var/www/",
            "s3://bucket/?endpoint=https://e&secret_access_key=abc",
            "s3://bucket/?access_key_id=abc",
            "s3://AKIA123@bucket/",
        ] {
            let err = Target::parse("t", url).unwrap_err();
            assert!(err.contains("never go in site.yaml"), "{url}: {err}");
        }
    }

    #[test]
    fn refuses_unknown_schemes_and_parameters() {
        assert!(
            Target::parse("t", "ftp://host/")
                .unwrap_err()
                .contains("ftp://")
        );
        assert!(
            Target::parse("t", "s3://b/?acl=public")
                .unwrap_err()
                .contains("acl")
        );
        assert!(
            Target::parse("t", "file://host/x")
                .unwrap_err()
                .contains("host")
        );
    }
}
