//! `.gazette-deploy.json` on the target: which site deployed there and every file gazette put
//! there, with the hash of the bytes it knows the file holds. A file with no hash is gazette's
//! but its bytes are not vouched for (an upload or deletion that may have been interrupted):
//! the next deploy checks it on the target instead of trusting it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The manifest's path, relative to the target's folder.
pub(crate) const MANIFEST: &str = ".gazette-deploy.json";

const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Manifest {
    pub format: u32,
    pub site: SiteId,
    /// Output path (`2013/index.html`) → what gazette knows of the file there.
    pub files: BTreeMap<String, Entry>,
}

/// Which site a deploy came from: a target that holds another site's manifest is not
/// overwritten without asking.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct SiteId {
    pub title: String,
    pub base_url: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Entry {
    pub size: u64,
    /// SHA-256 of the bytes, or `None` when gazette is not sure what the target holds.
    #[serde(with = "hex_hash")]
    pub sha256: Option<Hash>,
}

pub(crate) type Hash = [u8; 32];

impl Entry {
    pub(crate) fn vouched(size: u64, sha256: Hash) -> Self {
        Entry {
            size,
            sha256: Some(sha256),
        }
    }

    pub(crate) fn unsure(size: u64) -> Self {
        Entry { size, sha256: None }
    }
}

impl Manifest {
    pub(crate) fn new(site: SiteId) -> Self {
        Manifest {
            format: FORMAT,
            site,
            files: BTreeMap::new(),
        }
    }

    pub(crate) fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if manifest.format != FORMAT {
            return Err(format!(
                "format {} is not one this gazette knows (it writes format {FORMAT})",
                manifest.format
            ));
        }
        Ok(manifest)
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a manifest serializes")
    }
}

mod hex_hash {
    use std::fmt::Write as _;

    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    use super::Hash;

    pub(super) fn serialize<S: Serializer>(hash: &Option<Hash>, s: S) -> Result<S::Ok, S::Error> {
        match hash {
            Some(hash) => s.serialize_str(&hash.iter().fold(String::new(), |mut out, b| {
                let _ = write!(out, "{b:02x}");
                out
            })),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Hash>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        let mut hash = [0u8; 32];
        if text.len() != 64 || !text.is_ascii() {
            return Err(D::Error::custom("a sha256 is 64 hex digits"));
        }
        for (i, byte) in hash.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                .map_err(|_| D::Error::custom("a sha256 is 64 hex digits"))?;
        }
        Ok(Some(hash))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_unsure_entries() {
        let mut manifest = Manifest::new(SiteId {
            title: "t".into(),
            base_url: "https://example.org/".into(),
        });
        manifest
            .files
            .insert("index.html".into(), Entry::vouched(3, [0xab; 32]));
        manifest.files.insert("a.css".into(), Entry::unsure(7));
        let text = String::from_utf8(manifest.to_bytes()).unwrap();
        assert!(text.contains(&"ab".repeat(32)), "{text}");
        assert!(text.contains(r#""sha256":null"#), "{text}");
        assert_eq!(Manifest::parse(text.as_bytes()).unwrap(), manifest);
    }

    #[test]
    fn refuses_an_unknown_format() {
        let err = Manifest::parse(br#"{"format":9,"site":{"title":"","base_url":""},"files":{}}"#)
            .unwrap_err();
        assert!(err.contains("format 9"), "{err}");
    }
}
