//! Word documents (.docx) into the same units as plain text. A .docx is a zip archive
//! (read with `zip`) of XML parts (read with `quick-xml`): `word/document.xml` holds the
//! paragraphs and tables, `word/styles.xml` says which styles are headings, `numbering.xml`
//! how numbered paragraphs are numbered, and the relationships where images are stored.
//!
//! Styles give the structure where the author used them (Heading 1/2/3, 标题 1/2/3, or an
//! outline level); [`super::styled`] decides what each styled paragraph is.

mod body;
mod styles;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use anyhow::{Context, Result, bail};
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use zip::ZipArchive;

use super::document::{Located, Media, Warning};
use super::input::megabytes;
use super::media::image_name;
use super::styled;
use body::{parse_body, parse_relations};
use styles::{Numbering, Styles};

/// The most one part of a .docx may inflate to: a report's text is a few megabytes of XML,
/// a photo a few more. A small archive can inflate a thousandfold (a "zip bomb").
pub(super) const MAX_PART_BYTES: u64 = 64 << 20;
/// The most all the parts read may inflate to together.
pub(super) const MAX_TOTAL_BYTES: u64 = 256 << 20;

/// Reads a .docx: units, warnings, and the images to write beside the sections.
pub(super) fn read(bytes: &[u8]) -> Result<(Vec<Located>, Vec<Warning>, Vec<Media>)> {
    let mut archive = Archive::new(bytes, MAX_PART_BYTES, MAX_TOTAL_BYTES)?;
    let document = archive
        .text("word/document.xml")?
        .context("it has no word/document.xml (is it a Word document?)")?;
    let styles = match archive.text("word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let mut numbering = match archive.text("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let relations = match archive.text("word/_rels/document.xml.rels")? {
        Some(xml) => parse_relations(&xml)?,
        None => HashMap::new(),
    };
    let items = parse_body(&document, &styles, &mut numbering, &relations)?;
    let mut warnings = Vec::new();
    let mut media = Vec::new();
    let mut extracted = HashMap::new();
    let mut image = |target: &str| extract_image(&mut archive, target, &mut media, &mut extracted);
    let units = styled::classify(items, &mut image, &mut warnings)?;
    Ok((units, warnings, media))
}

/// The zip archive, read part by part within a limit per part and one for all together.
struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    part_limit: u64,
    total_limit: u64,
    /// What the parts still to be read may inflate to.
    left: u64,
}

impl<'a> Archive<'a> {
    fn new(bytes: &'a [u8], part_limit: u64, total_limit: u64) -> Result<Self> {
        Ok(Archive {
            zip: ZipArchive::new(Cursor::new(bytes)).context("it is not a zip archive")?,
            part_limit,
            total_limit,
            left: total_limit,
        })
    }

    /// A part as UTF-8 text; `None` when the archive does not have it.
    fn text(&mut self, name: &str) -> Result<Option<String>> {
        match self.bytes(name)? {
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .with_context(|| format!("cannot read {name} as UTF-8 XML")),
            None => Ok(None),
        }
    }

    /// A part's bytes, inflated as a stream that stops at the limit: the size the archive
    /// declares is not trusted.
    fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {name}")),
        };
        let limit = self.part_limit.min(self.left);
        let mut bytes = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {name}"))?;
        if bytes.len() as u64 > limit {
            if limit == self.part_limit {
                bail!(
                    "{name} inflates to more than {}, the most gazette reads from one part of a .docx",
                    megabytes(self.part_limit)
                );
            }
            bail!(
                "its parts inflate to more than {} together, the most gazette reads from a .docx",
                megabytes(self.total_limit)
            );
        }
        self.left -= bytes.len() as u64;
        Ok(Some(bytes))
    }
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// Copies an image out of the archive once, under a safe name made from its own
/// ("image1.png"), and returns that name; `None` when the archive does not have it (an
/// external link).
fn extract_image(
    archive: &mut Archive,
    target: &str,
    media: &mut Vec<Media>,
    extracted: &mut HashMap<String, String>,
) -> Result<Option<String>> {
    if let Some(file) = extracted.get(target) {
        return Ok(Some(file.clone()));
    }
    let path = format!(
        "word/{}",
        target.trim_start_matches('/').trim_start_matches("word/")
    );
    let Some(bytes) = archive.bytes(&path)? else {
        return Ok(None);
    };
    let file = image_name(target, &bytes, media);
    media.push(Media {
        name: file.clone(),
        bytes,
    });
    extracted.insert(target.to_string(), file.clone());
    Ok(Some(file))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(parts: &[(&str, usize)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for &(name, size) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("start");
            zip.write_all(&vec![b'x'; size]).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    #[test]
    fn parts_are_read_within_their_limits() {
        let bytes = zip_of(&[("a", 600), ("b", 600), ("c", 1001)]);
        let mut archive = Archive::new(&bytes, 1000, 1500).expect("zip");
        let one = archive.bytes("c").expect_err("c is too big").to_string();
        assert!(one.contains("c inflates to more than"), "{one}");
        assert_eq!(archive.bytes("a").expect("a").map(|b| b.len()), Some(600));
        assert_eq!(archive.bytes("missing").expect("missing"), None);
        archive.bytes("b").expect("b");
        let all = archive.bytes("a").expect_err("over the total").to_string();
        assert!(all.contains("together"), "{all}");
    }
}
