//! Names for the images an import writes beside the sections. The name a document gives an
//! image is not trusted: it may be empty, hold folders (`../x`), spaces (a Markdown link that
//! does not parse), or be `_index.md` — which would overwrite the report. Every image gets a
//! name of ASCII letters, digits, `-` and `_`, an image extension, and no clash with another.

use super::document::Media;

/// Extensions kept as the document gives them; anything else is replaced by what the bytes
/// are (or `.bin`), so an image can never be taken for a Markdown file.
const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "webp", "svg", "tif", "tiff", "emf", "wmf",
];

/// A safe, unused file name for an image the document calls `original` (a path inside the
/// archive or a URL).
pub(super) fn image_name(original: &str, bytes: &[u8], taken: &[Media]) -> String {
    let base = original
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let (stem, extension) = match base.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext.to_ascii_lowercase()),
        None => (base, String::new()),
    };
    let extension = if IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        extension
    } else {
        sniff(bytes).unwrap_or("bin").to_string()
    };
    let stem = safe_stem(stem);
    let stem = if stem.is_empty() { "image" } else { &stem };
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    while taken.iter().any(|m| m.name.eq_ignore_ascii_case(&name)) {
        name = format!("{stem}-{n}.{extension}");
        n += 1;
    }
    name
}

/// ASCII letters, digits, `_` and single dashes; at most 40 characters.
fn safe_stem(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The image format by its first bytes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let signatures: [(&[u8], &str); 6] = [
        (b"\x89PNG", "png"),
        (b"\xff\xd8\xff", "jpg"),
        (b"GIF8", "gif"),
        (b"BM", "bmp"),
        (b"II*\0", "tif"),
        (b"MM\0*", "tif"),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("webp");
    }
    signatures
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, ext)| ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_safe_and_unique() {
        let mut taken = Vec::new();
        let png = b"\x89PNG....";
        for (original, expected) in [
            ("media/image1.png", "image1.png"),
            ("media/image1.png", "image1-2.png"),
            ("media/", "image.png"),
            ("media/_index.md", "_index.png"),
            ("../../01-section-1.md", "01-section-1.png"),
            ("media/my photo (1).JPG", "my-photo-1.jpg"),
            ("media/照片.jpeg", "image.jpeg"),
            ("media/.hidden", "image-2.png"),
            ("C:\\x\\..\\y.gif", "y.gif"),
        ] {
            let name = image_name(original, png, &taken);
            assert_eq!(name, expected, "{original}");
            taken.push(Media {
                name,
                bytes: Vec::new(),
            });
        }
        assert_eq!(image_name("media/x", b"??", &taken), "x.bin");
    }
}
