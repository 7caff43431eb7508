//! Storage keys: the only way a name reaches the file system or the bucket, so they are parsed
//! once and cannot climb out of the media folder.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use super::StoreError;

const MAX_KEY_LEN: usize = 512;

/// A key such as `7/2026/03/4f0c…e1.jpg`: `/`-separated segments of ASCII letters, digits,
/// `-`, `_` and `.`, none empty and none starting with a dot (no `..`, no hidden files).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct MediaKey(String);

impl MediaKey {
    pub fn parse(key: &str) -> Result<Self, StoreError> {
        let valid =
            !key.is_empty() && key.len() <= MAX_KEY_LEN && key.split('/').all(valid_segment);
        if valid {
            Ok(Self(key.to_owned()))
        } else {
            Err(StoreError::InvalidKey(key.chars().take(80).collect()))
        }
    }

    /// A fresh key for a photo: `<tenant>/<yyyy>/<mm>/<32 random hex digits>.<extension>`.
    pub fn new_photo(tenant: &str, at: DateTime<Utc>, extension: &str) -> Result<Self, StoreError> {
        let random = random_hex()?;
        Self::parse(&format!(
            "{tenant}/{:04}/{:02}/{random}.{extension}",
            at.year(),
            at.month()
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first segment: the tenant for keys made by [`MediaKey::new_photo`].
    pub fn tenant(&self) -> &str {
        self.0.split('/').next().unwrap_or_default()
    }

    /// The MIME type its extension stands for.
    pub fn content_type(&self) -> &'static str {
        match self
            .0
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
        {
            Some(ext) if ext == "jpg" || ext == "jpeg" => "image/jpeg",
            Some(ext) if ext == "png" => "image/png",
            _ => "application/octet-stream",
        }
    }
}

impl std::fmt::Display for MediaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A prefix for listing: empty (everything) or whole segments, with or without a trailing `/`.
pub(crate) fn parse_prefix(prefix: &str) -> Result<&str, StoreError> {
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    if trimmed.is_empty() || MediaKey::parse(trimmed).is_ok() {
        Ok(trimmed)
    } else {
        Err(StoreError::InvalidKey(prefix.chars().take(80).collect()))
    }
}

fn valid_segment(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with('.')
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

pub(crate) fn random_hex() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Internal(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn keys_that_climb_out_of_the_folder_are_refused() {
        for bad in [
            "../etc/passwd",
            "a/../../b",
            "/absolute",
            "a//b",
            "a/.hidden",
            "a\\b",
            "a/b/",
            "",
            "ä.jpg",
            "a/b c.jpg",
        ] {
            assert!(MediaKey::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(MediaKey::parse("7/2026/03/abc.jpg").is_ok());
    }

    #[test]
    fn a_photo_key_has_tenant_year_month_and_a_random_name() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 9, 12, 0, 0)
            .single()
            .expect("date");
        let a = MediaKey::new_photo("7", at, "jpg").expect("key");
        let b = MediaKey::new_photo("7", at, "jpg").expect("key");
        assert!(a.as_str().starts_with("7/2026/03/"));
        assert!(a.as_str().ends_with(".jpg"));
        assert_eq!(a.as_str().len(), "7/2026/03/".len() + 32 + 4);
        assert_ne!(a, b);
        assert_eq!(a.tenant(), "7");
        assert_eq!(a.content_type(), "image/jpeg");
    }

    #[test]
    fn a_tenant_that_is_no_valid_segment_gives_no_key() {
        let at = Utc::now();
        assert!(MediaKey::new_photo("../x", at, "jpg").is_err());
    }

    #[test]
    fn prefixes_are_whole_segments() {
        assert_eq!(parse_prefix("").ok(), Some(""));
        assert_eq!(parse_prefix("7/2026/").ok(), Some("7/2026"));
        assert!(parse_prefix("../").is_err());
    }
}
