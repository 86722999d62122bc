//! Reading a text file as editors save it: UTF-8 with or without a byte-order mark, UTF-16 with
//! one (Windows "Unicode"), and any line ending (`\n`, `\r\n`, or a lone `\r` from old Mac
//! editors). What cannot be read is named with its encoding and how to save it as UTF-8.

use std::path::Path;

use crate::diagnostics::Diagnostic;

const SAVE_AS_UTF8: &str = "save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)";

/// The file's text, decoded, with every line ending turned into `\n`.
pub(super) fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::new(shown, format!("cannot read the file: {e}")))?;
    decode_text(bytes, shown)
}

/// `bytes` as text (see the module's doc).
pub fn decode_text(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    let text = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, shown)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, shown)?,
        [0xEF, 0xBB, 0xBF, ..] => utf8(bytes[3..].to_vec(), shown)?,
        _ => utf8(bytes, shown)?,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

fn utf8(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    // ASCII in UTF-16 is valid UTF-8 (with a NUL in every other byte), so it is looked for first.
    if looks_like_utf16(&bytes) {
        return Err(Diagnostic::new(
            shown,
            "the file is UTF-16 text without a byte-order mark, which gazette cannot read",
        )
        .with_hint(SAVE_AS_UTF8));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::new(shown, "the file is not UTF-8 text")
            .at_line(line)
            .with_hint(SAVE_AS_UTF8)
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, shown: &Path) -> Result<String, Diagnostic> {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // An odd last byte cannot be UTF-16: decoded as a lone surrogate, so it is refused.
        _ => 0xD800,
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| {
            Diagnostic::new(shown, "the file is UTF-16 text with damaged characters")
                .with_hint(SAVE_AS_UTF8)
        })
}

/// Mostly ASCII text in UTF-16 has a zero byte in every other place.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024) & !1];
    let zeros = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    pairs >= 2 && (zeros(0) * 2 > pairs || zeros(1) * 2 > pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<String, String> {
        decode_text(bytes.to_vec(), Path::new("a.md")).map_err(|d| d.to_string())
    }

    #[test]
    fn every_line_ending_becomes_a_newline() {
        assert_eq!(read(b"a\r\nb\rc\nd\r").unwrap(), "a\nb\nc\nd\n");
    }

    #[test]
    fn byte_order_marks_are_read_and_dropped() {
        assert_eq!(read("\u{feff}标题".as_bytes()).unwrap(), "标题");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("标题\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read(&le).unwrap(), "标题\n");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("标题".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(read(&be).unwrap(), "标题");
    }

    #[test]
    fn undecodable_files_name_their_encoding() {
        let no_bom: Vec<u8> = "---\ntitle: a\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            read(&no_bom)
                .unwrap_err()
                .starts_with("error: a.md: the file is UTF-16 text without a byte-order mark")
        );
        assert!(
            read(&[0xFF, 0xFE, 0x00, 0xD8])
                .unwrap_err()
                .starts_with("error: a.md: the file is UTF-16 text with damaged characters")
        );
        assert!(read(&[0xFF, 0xFE, 0x41]).is_err());
        assert!(
            read(b"a\n\xd6\xd0")
                .unwrap_err()
                .starts_with("error: a.md:2: the file is not UTF-8 text")
        );
    }
}
