//! Themes: Tera templates, translations and static files, layered file by file. The default
//! theme is embedded in the binary; `themes/NAME/` of the site replaces any of its files, and the
//! site's own `templates/`, `i18n/` and `static/` replace the theme's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A file copied into the output as it is.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    /// Relative to the output root.
    pub output: PathBuf,
    pub source: Source,
}

/// A loaded theme: compiled templates, the UI words of the site language, static files.
pub(crate) struct Theme {
    pub tera: Tera,
    pub translations: BTreeMap<String, String>,
    /// The UI words of every language the theme and site have a file for (`en`, `zh-CN`), for
    /// a report, section or page written in another language than the site's.
    pub words_by_language: BTreeMap<String, BTreeMap<String, String>>,
    pub static_files: Vec<StaticFile>,
    /// Each template's file as the user knows it and its text, for pointing errors at it.
    templates: BTreeMap<String, (String, String)>,
}

impl Theme {
    /// A Tera error as a diagnostic on the template file the user can open.
    pub(crate) fn error(&self, error: &tera::Error) -> Diagnostic {
        template_error(error, &self.templates)
    }
}

/// One file of one layer, before the layers are merged.
struct LayerFile {
    /// Path inside the layer: `templates/base.html`, `i18n/en.yaml`, `static/css/a.css`.
    rel: String,
    source: Source,
    /// How the user finds it: `themes/default/templates/base.html` or `(built-in) …`.
    shown: String,
}

impl LayerFile {
    fn read(&self) -> Result<String, Diagnostic> {
        match &self.source {
            Source::Embedded(bytes) => String::from_utf8(bytes.to_vec())
                .map_err(|_| Diagnostic::new(&self.shown, "the built-in file is not UTF-8")),
            Source::Disk(path) => std::fs::read_to_string(path)
                .map_err(|e| Diagnostic::new(&self.shown, format!("cannot read the file: {e}"))),
        }
    }
}

/// The built-in default theme: each file's path inside the theme and its contents.
pub(crate) fn default_theme_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    embedded::FILES.iter().copied()
}

fn embedded_layer() -> Vec<LayerFile> {
    embedded::FILES
        .iter()
        .map(|(rel, bytes)| LayerFile {
            rel: (*rel).to_string(),
            source: Source::Embedded(bytes),
            shown: format!("(built-in default theme) {rel}"),
        })
        .collect()
}

/// Files under `dir`, each placed at `prefix` + its path inside `dir`.
fn disk_layer(root: &Path, dir: &Path, prefix: &str) -> Result<Vec<LayerFile>, Diagnostic> {
    let files = crate::content::list_files(dir, root, true)?;
    Ok(files
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            LayerFile {
                rel: format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/")),
                shown: display_path(root, &path).display().to_string(),
                source: Source::Disk(path),
            }
        })
        .collect())
}

/// Loads the theme of `config`, with the site's overrides.
pub(crate) fn load(config: &Config) -> Result<Theme, Diagnostic> {
    let root = &config.root;
    let theme_dir = config.theme_dir();
    let mut layers = vec![embedded_layer()];
    if theme_dir.is_dir() {
        layers.push(disk_layer(root, &theme_dir, "")?);
    } else if config.theme != "default" {
        return Err(Diagnostic::new(
            crate::config::CONFIG_FILE,
            format!(
                "theme `{}` not found: there is no folder {}",
                config.theme,
                display_path(root, &theme_dir).display()
            ),
        ));
    }
    layers.push(disk_layer(root, &config.templates_dir(), "templates/")?);
    layers.push(disk_layer(root, &root.join("i18n"), "i18n/")?);
    layers.push(disk_layer(root, &config.static_dir(), "static/")?);

    // Later layers replace earlier ones file by file.
    let mut merged: BTreeMap<String, LayerFile> = BTreeMap::new();
    // Word files are merged key by key rather than replaced, so a site can change one word.
    let mut word_files: Vec<LayerFile> = Vec::new();
    for layer in layers {
        for file in layer {
            if file.rel.starts_with("i18n/") {
                word_files.push(file);
            } else {
                merged.insert(file.rel.clone(), file);
            }
        }
    }

    let templates: BTreeMap<String, (String, String)> = merged
        .values()
        .filter_map(|f| {
            f.rel
                .strip_prefix("templates/")
                .map(|name| (name.to_string(), f))
        })
        .map(|(name, f)| Ok((name, (f.shown.clone(), f.read()?))))
        .collect::<Result<_, Diagnostic>>()?;
    let mut tera = compile_templates(&templates)?;
    let translations = load_translations(&word_files, &config.language)?;
    let mut words_by_language = BTreeMap::new();
    for file in &word_files {
        let language = language_of(file);
        if let std::collections::btree_map::Entry::Vacant(entry) = words_by_language.entry(language)
        {
            let words = load_translations(&word_files, entry.key())?;
            entry.insert(words);
        }
    }
    // The same words on every page: shared once instead of copied into each page's context.
    tera.global_context().insert("t", &translations);
    let static_files = merged
        .values()
        .filter_map(|f| {
            f.rel.strip_prefix("static/").map(|out| StaticFile {
                output: PathBuf::from(out),
                source: f.source.clone(),
            })
        })
        .collect();
    Ok(Theme {
        tera,
        translations,
        words_by_language,
        static_files,
        templates,
    })
}

fn compile_templates(templates: &BTreeMap<String, (String, String)>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(crate::escape::escape_html_into);
    tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    )
    .map_err(|e| template_error(&e, templates))?;
    Ok(tera)
}

fn template_error(
    error: &tera::Error,
    templates: &BTreeMap<String, (String, String)>,
) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let (shown, text) = templates
                .get(name)
                .map_or((name, ""), |(shown, text)| (shown.as_str(), text.as_str()));
            let span = report.span();
            Diagnostic::new(shown, format!("template error: {}", report.message())).at(
                text,
                span.start_line,
                span.start_col + 1,
            )
        }
        _ => Diagnostic::new("templates", format!("template error: {error}")),
    }
}

/// `i18n/en.yaml` → `en`.
fn language_of(file: &LayerFile) -> String {
    file.rel
        .trim_start_matches("i18n/")
        .trim_end_matches(".yaml")
        .to_string()
}

/// The primary language of a tag: `zh` for `zh-CN`.
fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Theme {
    /// The UI words for `language`: its own file's, else its primary language's (`en` for
    /// `en-GB`), else the site's.
    pub(crate) fn words_for(&self, language: &str) -> &BTreeMap<String, String> {
        let by = |same: &dyn Fn(&str) -> bool| {
            self.words_by_language
                .iter()
                .find(|(tag, _)| same(tag))
                .map(|(_, words)| words)
        };
        by(&|tag| tag.eq_ignore_ascii_case(language))
            .or_else(|| by(&|tag| primary_language(tag) == primary_language(language)))
            .unwrap_or(&self.translations)
    }
}

/// The UI words for `language`: the built-in English, overlaid by every layer's file named for
/// the language (or, failing that, for its primary language: `zh` for `zh-TW`), in layer order,
/// so a template never meets an undefined word.
fn load_translations(
    files: &[LayerFile],
    language: &str,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    let primary = primary_language;
    let lang_of = language_of;
    let exact: Vec<&LayerFile> = files
        .iter()
        .filter(|f| lang_of(f).eq_ignore_ascii_case(language))
        .collect();
    let chosen = if exact.is_empty() {
        files
            .iter()
            .filter(|f| primary(&lang_of(f)) == primary(language))
            .collect()
    } else {
        exact
    };
    let english = embedded_layer()
        .into_iter()
        .filter(|f| f.rel == "i18n/en.yaml");
    const WORDS: crate::yaml::Schema = crate::yaml::Schema::new("interface", &[]);
    let mut words = BTreeMap::new();
    for file in english.collect::<Vec<_>>().iter().chain(chosen) {
        let text = file.read()?;
        let table: BTreeMap<String, String> =
            crate::yaml::parse(&text, Path::new(&file.shown), &text, 0, &WORDS)?;
        words.extend(table);
    }
    Ok(words)
}
