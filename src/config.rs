//! `site.yaml`: read strictly (unknown keys are errors with a hint), then resolved into the
//! values every later stage uses (absolute folders, base URL split into host and path).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, display_path};
use crate::yaml;

pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// The folders of a site that feed a build. The output folder may be none of them nor hold one
/// (`output.rs`), and the preview watches them (so writing the output never triggers a rebuild).
pub(crate) const SOURCE_DIRS: &[&str] = &["content", "templates", "static", "themes", "i18n"];

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
    indent: bool,
    #[serde(default)]
    deploy: Vec<crate::deploy::target::RawTarget>,
    #[serde(default)]
    pdf: RawPdf,
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
    "indent",
    "deploy",
    "pdf",
];

const CONFIG: yaml::Schema = yaml::Schema::new("site", CONFIG_KEYS);

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
    /// Indent the first line of each paragraph by two characters, as Chinese documents do.
    pub indent: bool,
    /// Where `gazette deploy` publishes; the first is the default.
    pub deploy: Vec<crate::deploy::target::Target>,
    /// A PDF of every report (`pdf: true` or a mapping of options); `None` makes none.
    pub pdf: Option<PdfConfig>,
}

/// The options of `pdf:` in site.yaml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfConfig {
    #[serde(default)]
    pub paper: Paper,
    /// A font family for each role of the layout, instead of the first one installed.
    #[serde(default)]
    pub fonts: PdfFonts,
    /// Folders of font files, relative to the site, searched before the system's.
    #[serde(default)]
    pub font_dirs: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
pub enum Paper {
    #[default]
    #[serde(alias = "a4")]
    A4,
    #[serde(alias = "letter")]
    Letter,
}

/// Font families by role (see the README's PDF section).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfFonts {
    pub body: Option<String>,
    pub title: Option<String>,
    pub heading: Option<String>,
    pub subheading: Option<String>,
}

/// `pdf:` as written: `true`, `false`, or a mapping of options, which turns PDFs on.
#[derive(Debug, Default)]
struct RawPdf(Option<PdfConfig>);

impl<'de> Deserialize<'de> for RawPdf {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawPdf;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true`, `false` or a mapping of PDF options")
            }

            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<RawPdf, E> {
                Ok(RawPdf(on.then(PdfConfig::default)))
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<RawPdf, E> {
                Ok(RawPdf(None))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawPdf, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                Ok(RawPdf(Some(PdfConfig::deserialize(deserializer)?)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
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
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::new(&shown, format!("cannot read the site configuration: {e}")).with_hint(
                format!(
                    "is {} a gazette site? A site folder holds site.yaml and content/",
                    root.display()
                ),
            )
        })?;
        let text = crate::content::decode_text(bytes, &shown)?;
        let raw: RawConfig = yaml::parse(&text, &shown, &text, 0, &CONFIG)?;
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
            indent,
            deploy,
            pdf,
        } = raw;
        let deploy = crate::deploy::target::resolve(deploy, &shown, &text)?;
        let (base_url, base_path) = match base_url_override {
            Some(url) => split_base_url(url).map_err(|problem| {
                Diagnostic::new("--base-url", format!("`{}` {problem}", url.escape_debug()))
                    .with_hint(BASE_URL_HINT)
            })?,
            None => {
                let url = base_url.as_deref().unwrap_or("/");
                split_base_url(url).map_err(|problem| {
                    key_error(&text, &shown, "base_url", base_url_message(url, &problem))
                        .with_hint(BASE_URL_HINT)
                })?
            }
        };
        let theme = theme.unwrap_or_else(|| "default".to_string());
        check_theme(root, &theme).map_err(|problem| {
            key_error(&text, &shown, "theme", format!("theme `{theme}` {problem}")).with_hint(
                "`theme:` is the name of a folder in the site's themes/ folder, such as `default` \
                 or `my-theme` for themes/my-theme/",
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
            Some(file) => Some(logo_url(root, &theme, &base_path, &file).map_err(
                |message| {
                    key_error(&text, &shown, "logo", message).with_hint("put the image in the site's static/ folder and name it relative to it, e.g. `logo: emblem.svg`")
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
            theme,
            menu,
            extra,
            search: search.unwrap_or(true),
            logo,
            parent_site,
            footer,
            indent,
            deploy,
            pdf: pdf.0,
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

const BASE_URL_HINT: &str = "write the address the site is published at, such as \
    `https://www.example.gov.cn/fulian/reports/`, or a path on the host, such as `/reports/`";

fn base_url_message(url: &str, problem: &str) -> String {
    format!("base_url `{}` {problem}", url.escape_debug())
}

/// An error about the value of `key` in site.yaml (whose text is `text`), pointing at it.
fn key_error(text: &str, shown: &Path, key: &str, message: String) -> Diagnostic {
    let error = Diagnostic::new(shown, message);
    match yaml::key_line(text, key, 0) {
        Some((line, column)) => error.at(text, line, column),
        None => error,
    }
}

/// The published URL of `logo:`, which names a file of the site's `static/` folder (or of its
/// theme's): a missing one would be a broken image on every page.
fn logo_url(root: &Path, theme: &str, base_path: &str, file: &str) -> Result<String, String> {
    let rel = file.trim_start_matches('/');
    let inside = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    let theme_static = root.join("themes").join(theme).join("static");
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
/// The error says what is wrong: every link of the site starts with the path, so it must not
/// lead to another host (`//host/`), carry a query or fragment, or break a line.
fn split_base_url(url: &str) -> Result<(String, String), String> {
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(match c {
            ' ' => "contains a space".into(),
            '\n' | '\r' => "contains a line break".into(),
            _ => format!("contains the invisible character U+{:04X}", u32::from(c)),
        });
    }
    if let Some(c) = url.chars().find(|c| matches!(c, '?' | '#' | '\\')) {
        return Err(format!(
            "contains `{c}`; a base URL is an address without a query (`?`) or fragment (`#`)"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    let path = if url.starts_with('/') {
        url.as_str()
    } else {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or("is neither an http(s) URL nor a path starting with `/`")?;
        let (host, _) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err("has no host after the scheme".into());
        }
        if host.contains('@') {
            return Err("has a user name before the host, which would be published".into());
        }
        &rest[host.len()..]
    };
    if path.starts_with("//") {
        return Err("has a path starting with `//`, which browsers read as another host".into());
    }
    let path = path.to_string();
    Ok((url, path))
}

/// Checks that `theme:` names a folder of `themes/` inside the site: a name, not a path, and
/// not a link leading out of the site (a build publishes the theme's static files).
fn check_theme(root: &Path, name: &str) -> Result<(), String> {
    let is_name = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control);
    if !is_name {
        return Err("is not a theme name: a folder name, without `/`, `\\` or `..`".into());
    }
    let dir = root.join("themes").join(name);
    if std::fs::symlink_metadata(&dir).is_err() {
        return Ok(());
    }
    let inside = match (std::fs::canonicalize(root), std::fs::canonicalize(&dir)) {
        (Ok(root), Ok(dir)) => dir.starts_with(root),
        _ => false,
    };
    if inside {
        Ok(())
    } else {
        let target = std::fs::read_link(&dir).unwrap_or_default();
        Err(format!(
            "is a link to {}, outside the site folder; gazette reads only files inside the site",
            target.display()
        ))
    }
}

/// Resolves a URL written in `site.yaml` (`/about/`, `archive/`) against the base path;
/// absolute URLs and fragments are left alone.
pub(crate) fn resolve_url(base_path: &str, url: &str) -> String {
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
            Ok((
                "https://www.example.gov.cn/fulian/reports/".into(),
                "/fulian/reports/".into()
            ))
        );
        assert_eq!(
            split_base_url("https://example.org"),
            Ok(("https://example.org/".into(), "/".into()))
        );
        assert_eq!(split_base_url("/"), Ok(("/".into(), "/".into())));
        assert_eq!(split_base_url("/sub"), Ok(("/sub/".into(), "/sub/".into())));
    }

    #[test]
    fn base_url_cannot_lead_elsewhere_or_break_links() {
        for url in [
            "example.org",
            "//evil.example/sub/",
            "https://host//evil.example/",
            "https:///path/",
            "https://user:pw@host/",
            "/a?b#c/",
            "/a#b/",
            "/a b/",
            "https://host/\nline",
            "/\u{1}/",
            "ftp://host/",
        ] {
            assert!(split_base_url(url).is_err(), "{url:?} is accepted");
        }
    }

    #[test]
    fn a_theme_is_a_name() {
        let root = Path::new(".");
        for name in ["", ".", "..", "/x", "a/b", "../x", "a\\b", "x\u{0}"] {
            assert!(check_theme(root, name).is_err(), "{name:?} is accepted");
        }
        assert!(check_theme(root, "default").is_ok());
        assert!(check_theme(root, "my-theme").is_ok());
    }

    #[test]
    fn menu_urls_follow_the_base_path() {
        assert_eq!(resolve_url("/sub/", "/"), "/sub/");
        assert_eq!(resolve_url("/sub/", "/archive/"), "/sub/archive/");
        assert_eq!(resolve_url("/sub/", "https://a.b/"), "https://a.b/");
    }
}
