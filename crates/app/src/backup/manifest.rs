//! `manifest.json`: what a backup holds, and the check that a backup folder still holds exactly
//! that before anything is restored from it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use amtfluencer_media::store::MediaKey;
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::files::{Fingerprint, fingerprint};
use super::{DATABASE_FILE, MANIFEST_FILE, MEDIA_DIR};

/// Names the file as ours, so a stray JSON file is not taken for a backup.
pub const FORMAT: &str = "amtfluencer-backup";
/// Raised when the layout changes in a way an older release could not restore.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The release that wrote the backup.
    pub app_version: String,
    pub created_at: DateTime<Utc>,
    pub database: DatabaseEntry,
    pub media: MediaEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatabaseKind {
    Sqlite,
    Postgresql,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabaseEntry {
    pub kind: DatabaseKind,
    /// The copy (SQLite only): always `amtfluencer.db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    Folder,
    S3,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MediaEntry {
    /// The kind of store the photos came from; an S3 store's photos are not in the backup.
    pub store: StoreKind,
    pub files: Vec<MediaFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MediaFile {
    pub key: String,
    pub size: u64,
    pub sha256: String,
}

impl MediaFile {
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            size: self.size,
            sha256: self.sha256.clone(),
        }
    }
}

impl FileEntry {
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            size: self.size,
            sha256: self.sha256.clone(),
        }
    }
}

impl Manifest {
    pub fn new(database: DatabaseEntry, media: MediaEntry) -> Self {
        Self {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            created_at: crate::db::now(),
            database,
            media,
        }
    }

    /// Reads and checks `DIR/manifest.json`: ours, a format this release knows, no path that
    /// leaves the folder, no key twice.
    pub async fn load(dir: &Path) -> anyhow::Result<Self> {
        if !dir.is_dir() {
            bail!(
                "{} is not a backup folder (made by amtfluencer backup --to DIR)",
                dir.display()
            );
        }
        let path = dir.join(MANIFEST_FILE);
        let text = match tokio::fs::read_to_string(&path).await {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "{} is missing: {} is no complete backup (an interrupted backup has no manifest)",
                path.display(),
                dir.display()
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        Self::parse(&text).with_context(|| format!("{}", path.display()))
    }

    fn parse(text: &str) -> anyhow::Result<Self> {
        // The version first, so a newer format gets that message rather than a field error.
        let value: serde_json::Value = serde_json::from_str(text).context("is not valid JSON")?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            bail!("is no Amtfluencer backup manifest");
        }
        let version = value.get("format_version").and_then(|v| v.as_u64());
        match version {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            Some(v) => bail!(
                "has backup format version {v}; this release reads version {FORMAT_VERSION} \
                 (restore with the release that wrote it, {})",
                value
                    .get("app_version")
                    .and_then(|a| a.as_str())
                    .unwrap_or("unknown")
            ),
            None => bail!("has no format_version"),
        }
        let manifest: Self =
            serde_json::from_value(value).map_err(|e| anyhow::anyhow!("is not valid: {e}"))?;
        manifest.check()?;
        Ok(manifest)
    }

    fn check(&self) -> anyhow::Result<()> {
        match (&self.database.kind, &self.database.file) {
            (DatabaseKind::Sqlite, Some(f)) if f.path == DATABASE_FILE => check_hash(f)?,
            (DatabaseKind::Sqlite, _) => bail!("names no database file {DATABASE_FILE}"),
            (DatabaseKind::Postgresql, None) => {}
            (DatabaseKind::Postgresql, Some(_)) => {
                bail!("names a database file for PostgreSQL")
            }
        }
        let mut seen = HashSet::new();
        for file in &self.media.files {
            MediaKey::parse(&file.key)
                .map_err(|_| anyhow::anyhow!("names an invalid media key {:?}", file.key))?;
            if !seen.insert(file.key.as_str()) {
                bail!("names the media key {} twice", file.key);
            }
            check_hash(&FileEntry {
                path: file.key.clone(),
                size: file.size,
                sha256: file.sha256.clone(),
            })?;
        }
        Ok(())
    }

    /// Every file the manifest names is in `dir` with its size and hash; the first that is
    /// not is named.
    pub async fn verify_files(&self, dir: &Path) -> anyhow::Result<()> {
        if let Some(file) = &self.database.file {
            verify(&dir.join(&file.path), &file.fingerprint()).await?;
        }
        for file in &self.media.files {
            verify(&media_path(dir, &file.key), &file.fingerprint()).await?;
        }
        Ok(())
    }

    pub fn to_json(&self) -> anyhow::Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// Where a photo lies inside a backup folder.
pub fn media_path(dir: &Path, key: &str) -> PathBuf {
    // Keys were parsed (no `..`, no leading `/`) before they reach a path.
    dir.join(MEDIA_DIR).join(key)
}

fn check_hash(f: &FileEntry) -> anyhow::Result<()> {
    let valid = f.sha256.len() == 64
        && f.sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !valid {
        bail!("names no valid SHA-256 for {}", f.path);
    }
    Ok(())
}

async fn verify(path: &Path, expected: &Fingerprint) -> anyhow::Result<()> {
    match fingerprint(path).await? {
        None => bail!(
            "the backup is incomplete: {} is missing; nothing was restored",
            path.display()
        ),
        Some(found) if found.size != expected.size => bail!(
            "the backup is damaged: {} has {} bytes, the manifest says {}; nothing was restored",
            path.display(),
            found.size,
            expected.size
        ),
        Some(found) if found.sha256 != expected.sha256 => bail!(
            "the backup is damaged: the content of {} differs from the manifest (SHA-256); \
             nothing was restored",
            path.display()
        ),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest::new(
            DatabaseEntry {
                kind: DatabaseKind::Sqlite,
                file: Some(FileEntry {
                    path: DATABASE_FILE.to_owned(),
                    size: 4096,
                    sha256: "ab".repeat(32),
                }),
            },
            MediaEntry {
                store: StoreKind::Folder,
                files: vec![MediaFile {
                    key: "1/2026/03/0123abcd.jpg".to_owned(),
                    size: 12,
                    sha256: "cd".repeat(32),
                }],
            },
        )
    }

    fn text_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut value = serde_json::to_value(sample()).expect("json");
        edit(&mut value);
        value.to_string()
    }

    #[test]
    fn a_manifest_reads_back_what_was_written() {
        let text = String::from_utf8(sample().to_json().expect("json")).expect("utf-8");
        let read = Manifest::parse(&text).expect("valid");
        assert_eq!(read.media.files.len(), 1);
        assert_eq!(read.database.kind, DatabaseKind::Sqlite);
        assert_eq!(read.format_version, FORMAT_VERSION);
        assert!(text.contains("\"kind\": \"sqlite\""), "{text}");
    }

    #[test]
    fn a_newer_format_version_is_named_with_the_release_that_wrote_it() {
        let text = text_with(|v| {
            v["format_version"] = 2.into();
            v["app_version"] = "9.0.0".into();
            v["media"] = "a shape this release does not know".into();
        });
        let err = Manifest::parse(&text).expect_err("refused").to_string();
        assert!(
            err.contains("format version 2") && err.contains("9.0.0"),
            "{err}"
        );
    }

    #[test]
    fn a_key_that_climbs_out_of_the_folder_is_refused() {
        let text = text_with(|v| v["media"]["files"][0]["key"] = "../../etc/passwd".into());
        let err = Manifest::parse(&text).expect_err("refused").to_string();
        assert!(err.contains("invalid media key"), "{err}");
        let text = text_with(|v| v["database"]["file"]["path"] = "../other.db".into());
        assert!(Manifest::parse(&text).is_err());
    }

    #[test]
    fn foreign_json_and_bad_hashes_are_refused() {
        assert!(Manifest::parse("{\"format\":\"something-else\"}").is_err());
        assert!(Manifest::parse("not json").is_err());
        let text = text_with(|v| v["media"]["files"][0]["sha256"] = "xyz".into());
        assert!(Manifest::parse(&text).is_err());
    }
}
