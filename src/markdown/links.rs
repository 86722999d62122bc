//! Links in a body: relative links to other sources and to files beside them are resolved
//! against the site's URL table and rewritten, `#anchors` are set aside for checking once every
//! heading id is known, and each link's line and column are kept for error messages.

use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, LinkType, Tag};

use crate::diagnostics::excerpt;

use super::{AnchorLink, ExternalLink, LinkError, LinkTargets, Output};

/// Where a link stands: the document and the byte offset in its body.
pub(super) struct Place<'p> {
    pub(super) source: &'p Path,
    pub(super) offset: usize,
    pub(super) lines: &'p LineIndex<'p>,
}

/// A link or image with its destination rewritten (see [`rewrite`]).
pub(super) fn rewrite_tag<'a>(
    mut tag: Tag<'a>,
    at: &Place,
    links: &dyn LinkTargets,
    result: &mut Output,
) -> Tag<'a> {
    if let Tag::Link {
        link_type,
        dest_url,
        ..
    }
    | Tag::Image {
        link_type,
        dest_url,
        ..
    } = &mut tag
    {
        let written = std::mem::replace(dest_url, CowStr::Borrowed(""));
        *dest_url = rewrite(*link_type, written, at, links, result);
    }
    tag
}

/// Rewrites a relative link to a source or asset into its URL; records `#anchor` checks and
/// broken links. External and site-absolute links are left as written.
fn rewrite<'a>(
    link_type: LinkType,
    dest: CowStr<'a>,
    at: &Place,
    links: &dyn LinkTargets,
    result: &mut Output,
) -> CowStr<'a> {
    let (line, column) = at.lines.position(at.offset);
    if dest.starts_with("http://") || dest.starts_with("https://") {
        result.external.push(ExternalLink {
            url: dest.to_string(),
            line,
            column,
        });
        return dest;
    }
    if matches!(link_type, LinkType::Autolink | LinkType::Email) || !is_relative(&dest) {
        return dest;
    }
    let source = at.source;
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest.as_ref(), None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let anchor = fragment.map(percent_decode).filter(|a| !a.is_empty());
    if path_part.is_empty() {
        if let Some(anchor) = anchor {
            result.anchor_links.push(AnchorLink {
                target: source.to_path_buf(),
                anchor,
                line,
                column,
            });
        }
        return dest;
    }
    let Some(target) = resolve(source, &percent_decode(path_part)) else {
        result.errors.push(LinkError {
            line,
            column,
            message: format!(
                "link `{}` points outside the content folder",
                excerpt(&dest)
            ),
        });
        return dest;
    };
    match links.url_of(&target) {
        Ok(url) => {
            result.linked.push(target.clone());
            if let Some(anchor) = anchor {
                result.anchor_links.push(AnchorLink {
                    target,
                    anchor,
                    line,
                    column,
                });
            }
            match fragment {
                Some(f) => format!("{url}#{f}").into(),
                None => url.to_string().into(),
            }
        }
        Err(why) => {
            result.errors.push(LinkError {
                line,
                column,
                message: format!("broken link `{}`: {}", excerpt(&dest), excerpt(&why)),
            });
            dest
        }
    }
}

pub(crate) fn is_relative(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with('/') || dest.starts_with('\\') {
        return false;
    }
    // A scheme (`https:`, `mailto:`, `tel:`) is letters, digits, `+.-` up to a colon before any `/`.
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !(scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
        }
        None => true,
    }
}

/// `link` relative to the folder of `source`, normalized; `None` when it climbs out of `content/`.
pub(crate) fn resolve(source: &Path, link: &str) -> Option<PathBuf> {
    let joined = source.parent().unwrap_or(Path::new("")).join(link);
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in joined.components() {
        match component {
            Component::Normal(p) => parts.push(p),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Links may be written percent-encoded; a malformed escape is taken as written.
pub(crate) fn percent_decode(text: &str) -> String {
    crate::escape::percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// Byte offsets in a body → 1-based line and column in its file.
pub(super) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        (line + self.first_line, column)
    }
}
