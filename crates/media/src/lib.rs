//! Photos and where they are kept.
//!
//! - [`photo::process`] turns an upload into a file that is safe to store and to post: the real
//!   format is read from the bytes, oversized and malformed files are refused before they can use
//!   much memory, the EXIF orientation is applied to the pixels, the picture is cropped and
//!   resized to one of LinkedIn's formats, and it is encoded again without any metadata. The
//!   caller learns what was removed ("Standort entfernt") and what to check.
//! - [`store::MediaStore`] keeps the processed files: a folder on disk for a single instance, an
//!   S3-compatible object store when several instances share one database.
//!
//! User-facing text comes in German and English as a [`Message`]; the caller picks the language.

pub mod photo;
pub mod store;

use serde::Serialize;

/// A text shown to a person, in both languages the product speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub de: String,
    pub en: String,
}

impl Message {
    pub(crate) fn new(de: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            de: de.into(),
            en: en.into(),
        }
    }
}

impl std::fmt::Display for Message {
    /// German, the product's default language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.de)
    }
}
