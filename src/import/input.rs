//! Reading the file to import: only a regular file of bounded size (a FIFO or `/dev/zero`
//! would block or never end), and its text in whatever encoding Windows tools save —
//! UTF-8, UTF-16 with or without a byte-order mark, GBK/GB18030 — as clean UTF-8 lines.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// What front matter drops and how it puts text on one line: import cleans text with them too.
pub(super) use crate::front_matter::{is_unsafe, one_line};

/// The largest file import reads (a long report with photos is a few megabytes).
pub(super) const MAX_INPUT_BYTES: u64 = 100 << 20;

/// The bytes of `path`, refusing what is not a regular file or is too large.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {shown}"))?;
    check_kind(&meta, path)?;
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {shown}"))?;
    // The path may have been swapped for something else since it was looked at.
    check_kind(&file.metadata()?, path)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bail!(
            "{shown} grew past {} while it was read",
            megabytes(MAX_INPUT_BYTES)
        );
    }
    Ok(bytes)
}

fn check_kind(meta: &std::fs::Metadata, path: &Path) -> Result<()> {
    let shown = path.display();
    if meta.is_dir() {
        bail!("{shown} is a folder; give the report file inside it");
    }
    if !meta.is_file() {
        bail!(
            "{shown} is not a regular file (a device, pipe or socket); save the report to a file and import that"
        );
    }
    if meta.len() > MAX_INPUT_BYTES {
        bail!(
            "{shown} is {}; gazette imports files up to {}",
            megabytes(meta.len()),
            megabytes(MAX_INPUT_BYTES)
        );
    }
    Ok(())
}

pub(super) fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}

/// Text decoded from another encoding, with a note saying so.
pub(super) struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// The file as clean UTF-8 text: line endings made `\n` (CRLF, CR alone, and the vertical
/// tab Word writes for a manual line break), other control characters removed. A file that
/// is not text in any encoding tried is refused.
pub(super) fn decode_text(bytes: &[u8], shown: &str) -> Result<Decoded> {
    if bytes.starts_with(b"PK\x03\x04") {
        bail!("{shown} is a zip archive, not text (a Word document? name it .docx)");
    }
    let (text, note) = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = decode_strict(encoding, &bytes[bom..])
            .with_context(|| format!("{shown} says it is {} but is not", encoding.name()))?;
        let note = (encoding != encoding_rs::UTF_8)
            .then(|| format!("converted from {} to UTF-8", encoding.name()));
        (text, note)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let text = decode_strict(encoding, bytes).expect("checked by utf16_without_bom");
        (
            text,
            Some(format!("converted from {} to UTF-8", encoding.name())),
        )
    } else if bytes.contains(&0) {
        bail!("{shown} is not a text file (it contains binary data)");
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(e) => match decode_strict(GB18030, bytes).filter(|t| looks_like_text(t)) {
                Some(text) => (
                    text,
                    Some("converted from GBK/GB18030 (Chinese Windows) to UTF-8".to_string()),
                ),
                None => {
                    let valid = &bytes[..e.valid_up_to()];
                    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                    bail!(
                        "{shown}:{line}: the file is not text in UTF-8, UTF-16 or GBK; save it as UTF-8 (Save As → Encoding → UTF-8)"
                    )
                }
            },
        }
    };
    if !looks_like_text(&text) {
        bail!("{shown} is not a text file (it contains binary data)");
    }
    Ok(Decoded {
        text: normalize(&text),
        note,
    })
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// UTF-16 saved without a byte-order mark (PowerShell, some Windows tools): every ASCII
/// character — spaces, digits, line breaks — has a zero byte on the same side of each pair,
/// and zeros on the other side are rare (only characters like 一 U+4E00).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let encoding = if odd > 2 * even + 1 {
        UTF_16LE
    } else if even > 2 * odd + 1 {
        UTF_16BE
    } else {
        return None;
    };
    decode_strict(encoding, bytes)
        .filter(|t| looks_like_text(t))
        .map(|_| encoding)
}

/// Whether decoded characters read as a report: all but 2% of them (or two, in a short
/// text) letters, digits, punctuation and spaces of the scripts reports are written in.
/// Bytes that are not text decode (when they decode at all) to control characters and
/// characters spread over the whole of Unicode.
fn looks_like_text(text: &str) -> bool {
    let total = text.chars().count();
    let unusual = text.chars().filter(|&c| !is_usual(c)).count();
    unusual * 50 <= total.max(100)
}

fn is_usual(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{b}' | '\u{c}'
        | ' '..='~'
        | '\u{a0}'..='\u{24f}'   // Latin-1 and Latin Extended
        | '\u{370}'..='\u{4ff}'  // Greek, Cyrillic
        | '\u{2000}'..='\u{206f}' // general punctuation
        | '\u{2100}'..='\u{27bf}' // symbols, arrows, numbers in circles
        | '\u{3000}'..='\u{30ff}' // CJK punctuation, kana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{ac00}'..='\u{d7af}' // Hangul
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' // CJK compatibility, full width
        | '\u{feff}')
}

/// `\n` line endings, no other control characters (a form feed stays: it marks a page).
fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\u{b}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\n' | '\t' | '\u{c}' => out.push(c),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "2013年工作总结\r\n一、加强学习\r\n开展活动12场。\r\n";

    #[test]
    fn gbk_is_decoded_with_a_note() {
        let (bytes, _, _) = GB18030.encode(REPORT);
        let decoded = decode_text(&bytes, "r.txt").expect("decoded");
        assert_eq!(decoded.text, REPORT.replace("\r\n", "\n"));
        assert!(decoded.note.expect("a note").contains("GBK"));
    }

    #[test]
    fn line_endings_become_newlines_and_control_characters_go() {
        let text = "a\rb\r\nc\u{b}d\u{1}e\u{c}f, and a line of plain text around them";
        let decoded = decode_text(text.as_bytes(), "r.txt").expect("text");
        assert_eq!(
            decoded.text,
            "a\nb\nc\nde\u{c}f, and a line of plain text around them"
        );
        assert_eq!(decoded.note, None);
        assert_eq!(
            one_line(" X\rdraft: true #\u{1b}[31m \u{0} "),
            "X draft: true # [31m"
        );
    }

    #[test]
    fn bytes_that_are_not_text_are_refused() {
        let mut noise = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..4000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8 | 0x80);
        }
        for bytes in [
            &noise[..],
            b"\x7fELF\0\0\x01\x02",
            b"\x01\x02\x03\x04\x05\x06",
        ] {
            assert!(decode_text(bytes, "r.txt").is_err(), "{bytes:?}");
        }
    }
}
