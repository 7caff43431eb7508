//! Media in a folder on disk: the default for a single instance.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use tokio::io::AsyncWriteExt;

use super::key::{MediaKey, random_hex};
use super::{StoreError, StoredObject};

/// Where half-written files wait; a dot-name, so no key can reach it.
const TEMP_DIR: &str = ".tmp";

/// A folder of media files; a key's segments are subfolders.
///
/// Writes go to a temporary file in the same folder tree and are renamed into place after
/// `fsync`, so a reader never sees half a file and a crash leaves at most a stray temp file.
/// The content type is not stored: it follows from the key's extension.
#[derive(Debug, Clone)]
pub struct FolderStore {
    root: PathBuf,
}

impl FolderStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file that holds `key` (whether or not it exists): for tools that copy the folder
    /// as files, such as the backup.
    pub fn file_path(&self, key: &MediaKey) -> PathBuf {
        // Safe: a MediaKey has no `..`, no leading `/` and no backslash.
        self.root.join(key.as_str())
    }

    pub async fn put(&self, key: &MediaKey, bytes: Bytes) -> Result<(), StoreError> {
        let target = self.file_path(key);
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let temp_dir = self.root.join(TEMP_DIR);
        tokio::fs::create_dir_all(&temp_dir).await?;
        let temp = temp_dir.join(format!("{}.part", random_hex()?));
        let written = write_synced(&temp, &bytes).await;
        let renamed = match written {
            Ok(()) => tokio::fs::rename(&temp, &target).await,
            Err(e) => Err(e),
        };
        if let Err(e) = renamed {
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(e.into());
        }
        Ok(())
    }

    pub async fn get(&self, key: &MediaKey) -> Result<StoredObject, StoreError> {
        match tokio::fs::read(self.file_path(key)).await {
            Ok(bytes) => Ok(StoredObject {
                bytes: Bytes::from(bytes),
                content_type: key.content_type().to_owned(),
            }),
            Err(e) if e.kind() == ErrorKind::NotFound => Err(StoreError::NotFound(key.clone())),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn delete(&self, key: &MediaKey) -> Result<(), StoreError> {
        match tokio::fs::remove_file(self.file_path(key)).await {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Every key under `prefix` (whole segments), sorted.
    pub async fn list(&self, prefix: &str) -> Result<Vec<MediaKey>, StoreError> {
        let start = if prefix.is_empty() {
            self.root.clone()
        } else {
            self.root.join(prefix)
        };
        let mut keys = Vec::new();
        let mut pending = vec![start];
        while let Some(dir) = pending.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(entries) => entries,
                Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            while let Some(entry) = entries.next_entry().await? {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                if entry.file_type().await?.is_dir() {
                    pending.push(path);
                } else if let Some(key) = self.key_of(&path) {
                    keys.push(key);
                }
            }
        }
        keys.sort();
        Ok(keys)
    }

    fn key_of(&self, path: &Path) -> Option<MediaKey> {
        let relative = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = relative
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<_>>()?;
        // Files that no key could name (placed by hand) are not listed.
        MediaKey::parse(&parts.join("/")).ok()
    }
}

async fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tokio::fs::File::create(path).await?;
    file.write_all(bytes).await?;
    file.sync_all().await
}
