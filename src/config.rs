//! `site.yaml`: read strictly (unknown keys are errors with a hint), then resolved into the
//! values every later stage uses (absolute folders, base URL split into host and path).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, display_path};
use crate::yaml;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    menu: Option<Vec<RawMenuItem>>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    parent_site: Option<ParentSite>,
    #[serde(default)]
    footer: Footer,
    #[serde(default)]
    deploy: Vec<crate::deploy::target::RawTarget>,
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "organization",
    "menu",
    "extra",
    "search",
    "logo",
    "parent_site",
    "footer",
    "deploy",
];

/// The organization's main site, linked from every page.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ParentSite {
    pub name: String,
    pub url: String,
}

/// What the footer of every page shows besides the site's name: what a website hosted in
/// mainland China must show (ICP and public-security filing numbers) or usually does.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// 主办单位.
    pub organizer: Option<String>,
    /// 联系方式: address, telephone.
    pub contact: Option<String>,
    /// ICP 备案号, linked to the national filing system.
    pub icp: Option<String>,
    /// 公安备案号, linked to the public-security filing system.
    pub police: Option<String>,
    /// Any further line.
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMenuItem {
    name: String,
    url: String,
}

/// A site's configuration, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder: where `site.yaml` lives.
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    pub organization: Option<String>,
    /// Absolute URL of the site's root, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/fulian/reports/`): every internal link starts with it,
    /// so the output works when uploaded into a sub-folder of a larger site.
    pub base_path: String,
    /// BCP 47 tag such as `zh-CN` or `en`; decides `<html lang>`, dates and UI words.
    pub language: String,
    pub theme: String,
    /// `menu:` of site.yaml; `None` when absent, and the site then gets a default menu
    /// (`site::nav::menu`).
    pub menu: Option<Vec<MenuItem>>,
    /// Free data for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Full-text search: the index in `search/` and the `/search/` page (`search: false` in
    /// site.yaml turns both off).
    pub search: bool,
    /// URL of the logo shown before the site title: `logo:`, a file of `static/`.
    pub logo: Option<String>,
    pub parent_site: Option<ParentSite>,
    pub footer: Footer,
    /// Where `gazette deploy` publishes; the first is the default.
    pub deploy: Vec<crate::deploy::target::Target>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct MenuItem {
    pub name: String,
    /// Resolved against `base_path` unless it is an absolute URL.
    pub url: String,
}

impl Config {
    /// Reads `<root>/site.yaml`; `base_url_override` is `--base-url`. `origin` (`http://127.0.0.1:1111`)
    /// replaces the scheme and host of the base URL but keeps its path: `serve` uses it so the
    /// preview runs on the local address under the same path as the published site.
    pub fn load(
        root: &Path,
        base_url_override: Option<&str>,
        origin: Option<&str>,
    ) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let shown = display_path(root, &path);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::new(&shown, format!("cannot read the site configuration: {e}")).with_hint(
                format!(
                    "is {} a gazette site? A site folder holds site.yaml and content/",
                    root.display()
                ),
            )
        })?;
        let raw: RawConfig = yaml::parse(&text, &shown, &text, 0, CONFIG_KEYS)?;
        let RawConfig {
            title,
            description,
            base_url,
            language,
            theme,
            organization,
            menu,
            extra,
            search,
            logo,
            parent_site,
            footer,
            deploy,
        } = raw;
        let deploy = crate::deploy::target::resolve(deploy, &shown, &text)?;
        let base_url = base_url_override
            .map(str::to_string)
            .or(base_url)
            .unwrap_or_else(|| "/".to_string());
        let (base_url, base_path) = split_base_url(&base_url).ok_or_else(|| {
            Diagnostic::new(
                &shown,
                format!("base_url `{base_url}` is not an http(s) URL or a path starting with `/`"),
            )
        })?;
        let base_url = match origin {
            Some(origin) => format!("{}{base_path}", origin.trim_end_matches('/')),
            None => base_url,
        };
        let menu = menu.map(|items| {
            items
                .into_iter()
                .map(|item| MenuItem {
                    url: resolve_url(&base_path, &item.url),
                    name: item.name,
                })
                .collect()
        });
        let logo = match logo {
            Some(file) => Some(logo_url(root, theme.as_deref(), &base_path, &file).map_err(
                |message| {
                    let mut d = Diagnostic::new(&shown, message);
                    if let Some((line, column)) = yaml::key_line(&text, "logo", 0) {
                        d = d.at(&text, line, column);
                    }
                    d.with_hint("put the image in the site's static/ folder and name it relative to it, e.g. `logo: emblem.svg`")
                },
            )?),
            None => None,
        };
        Ok(Config {
            root: root.to_path_buf(),
            title,
            description,
            organization,
            base_url,
            base_path,
            language: language.unwrap_or_else(|| "zh-CN".to_string()),
            theme: theme.unwrap_or_else(|| "default".to_string()),
            menu,
            extra,
            search: search.unwrap_or(true),
            logo,
            parent_site,
            footer,
            deploy,
        })
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// The absolute URL of a site path such as `/2013/`.
    pub fn permalink(&self, path: &str) -> String {
        let host_end = self.base_url.len() - self.base_path.len();
        format!("{}{}", &self.base_url[..host_end], path)
    }
}

/// The published URL of `logo:`, which names a file of the site's `static/` folder (or of its
/// theme's): a missing one would be a broken image on every page.
fn logo_url(
    root: &Path,
    theme: Option<&str>,
    base_path: &str,
    file: &str,
) -> Result<String, String> {
    let rel = file.trim_start_matches('/');
    let inside = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    let theme_static = root
        .join("themes")
        .join(theme.unwrap_or("default"))
        .join("static");
    if inside
        && [root.join("static"), theme_static]
            .iter()
            .any(|dir| dir.join(rel).is_file())
    {
        Ok(format!("{base_path}{rel}"))
    } else {
        Err(format!("logo `{file}` is not a file of static/"))
    }
}

/// Splits `https://host/sub/` into (`https://host/sub/`, `/sub/`), adding the trailing slash.
fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    if url.starts_with('/') {
        return Some((url.clone(), url));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let path_start = rest.find('/')?;
    if path_start == 0 {
        return None;
    }
    let path = rest[path_start..].to_string();
    Some((url, path))
}

/// Resolves a URL written in `site.yaml` (`/about/`, `archive/`) against the base path;
/// absolute URLs and fragments are left alone.
pub fn resolve_url(base_path: &str, url: &str) -> String {
    if url.contains("://") || url.starts_with("mailto:") || url.starts_with('#') {
        return url.to_string();
    }
    format!("{base_path}{}", url.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path() {
        assert_eq!(
            split_base_url("https://www.example.gov.cn/fulian/reports"),
            Some((
                "https://www.example.gov.cn/fulian/reports/".into(),
                "/fulian/reports/".into()
            ))
        );
        assert_eq!(
            split_base_url("https://example.org"),
            Some(("https://example.org/".into(), "/".into()))
        );
        assert_eq!(split_base_url("/"), Some(("/".into(), "/".into())));
        assert_eq!(split_base_url("example.org"), None);
    }

    #[test]
    fn menu_urls_follow_the_base_path() {
        assert_eq!(resolve_url("/sub/", "/"), "/sub/");
        assert_eq!(resolve_url("/sub/", "/archive/"), "/sub/archive/");
        assert_eq!(resolve_url("/sub/", "https://a.b/"), "https://a.b/");
    }
}
