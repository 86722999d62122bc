//! The fonts a PDF is set in: found once per run on the system (fontconfig's folders), in the
//! TeX Live folder where Debian puts the Fandol fonts, and in the site's `pdf: font_dirs:`;
//! then one family list per role of the layout, from what was found.

use std::path::{Path, PathBuf};

use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontPath, FontStore};

use crate::config::PdfConfig;

/// Folders searched besides the system's: Debian's texlive-lang-chinese installs the Fandol
/// fonts (仿宋, 楷体, 黑体, 宋体 faces) here, outside fontconfig's folders.
const TEX_FONT_DIRS: &[&str] = &[
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf/fonts/opentype/public/fandol",
];

/// Families tried for each role, best first; the first one installed is used and the CJK
/// serif after it fills in characters it lacks (the Fandol fonts cover GB 2312 only).
const FANG: &[&str] = &[
    "FandolFang R",
    "FandolFang",
    "FangSong",
    "仿宋",
    "Noto Serif CJK SC",
];
const SONG: &[&str] = &[
    "FandolSong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
];
const HEI: &[&str] = &[
    "FandolHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimHei",
];
const KAI: &[&str] = &["FandolKai", "LXGW WenKai", "AR PL UKai CN", "KaiTi", "楷体"];
/// What fills in characters the role's face lacks.
const CJK_FALLBACK: &[&str] = &[
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
];
/// The Latin face of Chinese documents (Times New Roman's metrics), and of English ones.
const LATIN_SERIF: &[&str] = &["Liberation Serif", "Times New Roman", "DejaVu Serif"];
const LATIN_SANS: &[&str] = &["Liberation Sans", "Arial", "DejaVu Sans"];

/// What to install when no CJK font is found, said in the error.
pub(crate) const INSTALL_HINT: &str = "install a CJK font: on Debian or Ubuntu `apt-get install \
    fonts-noto-cjk` (and texlive-lang-chinese for the Fandol 仿宋 and 楷体 faces), or name a \
    folder of fonts in site.yaml under `pdf: font_dirs:`";

/// Every font found, loaded lazily, with the family list chosen for each role.
pub(crate) struct Fonts {
    pub(crate) store: FontStore,
    pub(crate) roles: Roles,
    /// The files the fonts come from with their sizes, for the cache key: a font replaced on
    /// the system makes the PDFs again.
    pub(crate) files: Vec<(PathBuf, u64)>,
}

/// Family lists (Typst's font fallback lists) for each role of the layout.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Roles {
    /// Body text: a 仿宋 face in Chinese, a serif in English.
    pub(crate) body: Vec<String>,
    /// The title: a 宋/标宋 face.
    pub(crate) title: Vec<String>,
    /// Parts and sections (first-level headings): a 黑体 face.
    pub(crate) heading: Vec<String>,
    /// Headings inside a section (second level): a 楷体 face.
    pub(crate) subheading: Vec<String>,
    /// Page numbers: a 宋体 face.
    pub(crate) folio: Vec<String>,
    /// Latin letters and digits in Chinese text (as Times New Roman is used beside 仿宋), and
    /// the text of an English report.
    pub(crate) latin_serif: Option<String>,
    /// Headings of an English report.
    pub(crate) latin_sans: Option<String>,
}

impl Fonts {
    /// Finds the fonts and picks the roles; `site_root` resolves `font_dirs:`. Fails, naming
    /// what to install, when no font has Chinese characters.
    pub(crate) fn load(site_root: &Path, options: &PdfConfig) -> anyhow::Result<Fonts> {
        let mut store = FontStore::new();
        let mut files = Vec::new();
        let mut add = |found: Vec<(FontPath, typst::text::FontInfo)>| {
            for (path, info) in found {
                let len = std::fs::metadata(&path.path).map_or(0, |m| m.len());
                files.push((path.path.clone(), len));
                store.push((path, info));
            }
        };
        // The site's folders first: a family there wins over a system one of the same name.
        for dir in &options.font_dirs {
            let dir = site_root.join(dir);
            if !dir.is_dir() {
                anyhow::bail!("pdf: font_dirs: {} is not a folder", dir.display());
            }
            add(typst_kit::fonts::scan(&dir).collect());
        }
        add(typst_kit::fonts::system().collect());
        for dir in TEX_FONT_DIRS.iter().map(Path::new).filter(|d| d.is_dir()) {
            add(typst_kit::fonts::scan(dir).collect());
        }
        files.sort();
        files.dedup();
        let roles = Roles::choose(store.book(), options)?;
        Ok(Fonts {
            store,
            roles,
            files,
        })
    }

    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }
}

impl Roles {
    fn choose(book: &FontBook, options: &PdfConfig) -> anyhow::Result<Roles> {
        let has = |family: &str| book.select_family(&family.to_lowercase()).next().is_some();
        let mut cjk: Vec<&str> = CJK_FALLBACK.iter().copied().filter(|f| has(f)).collect();
        if cjk.is_empty() {
            // Any face with Chinese characters is better than none.
            let any = (0..)
                .map_while(|i| book.info(i))
                .find(|info| info.coverage.contains(0x4E2D));
            cjk.extend(any.map(|info| info.family.as_str()));
        }
        let chosen = |role: &str, given: &Option<String>, candidates: &[&str]| {
            let first = match given {
                Some(family) if has(family) => family.as_str(),
                Some(family) => anyhow::bail!(
                    "site.yaml: `pdf: fonts: {role}:` names the font family `{family}`, which is \
                     not installed; families found: {}",
                    families(book)
                ),
                None => match candidates.iter().find(|f| has(f)) {
                    Some(f) => f,
                    None => cjk.first().copied().unwrap_or_default(),
                },
            };
            let list = std::iter::once(first).chain(cjk.iter().copied());
            let mut out: Vec<String> = Vec::new();
            for family in list.filter(|f| !f.is_empty()) {
                if !out.iter().any(|o| o == family) {
                    out.push(family.to_string());
                }
            }
            anyhow::Ok(out)
        };
        let fonts = &options.fonts;
        let roles = Roles {
            body: chosen("body", &fonts.body, FANG)?,
            title: chosen("title", &fonts.title, SONG)?,
            heading: chosen("heading", &fonts.heading, HEI)?,
            subheading: chosen("subheading", &fonts.subheading, KAI)?,
            folio: chosen("title", &None, SONG)?,
            latin_serif: None,
            latin_sans: None,
        };
        if roles.body.is_empty() && options.fonts.body.is_none() {
            anyhow::bail!("no font with Chinese characters was found; {INSTALL_HINT}");
        }
        let latin = |list: &[&str]| list.iter().find(|f| has(f)).map(|f| f.to_string());
        Ok(Roles {
            latin_serif: latin(LATIN_SERIF),
            latin_sans: latin(LATIN_SANS),
            ..roles
        })
    }
}

/// The families of `book`, for an error about a family that is not one of them.
fn families(book: &FontBook) -> String {
    let mut names: Vec<&str> = book.families().map(|(name, _)| name).collect();
    names.dedup();
    names.truncate(40);
    names.join(", ")
}
