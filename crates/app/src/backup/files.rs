//! Copying files with their SHA-256 taken on the way, and writing them atomically: a temporary
//! dot-name in the target folder (which no media key and no store listing can name), `fsync`,
//! then a rename into place.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CHUNK: usize = 64 * 1024;

/// Size and SHA-256 (lowercase hex) of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub sha256: String,
}

/// Reads the file once, in chunks. `Ok(None)` when it does not exist.
pub async fn fingerprint(path: &Path) -> anyhow::Result<Option<Fingerprint>> {
    let mut file = match tokio::fs::File::open(path).await {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = file
            .read(&mut buf)
            .await
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok(Some(Fingerprint {
        size,
        sha256: hex::encode(hasher.finalize()),
    }))
}

/// Copies `source` to `target` (creating its folders) and returns what was written. With
/// `expected`, a copy that does not match is thrown away and the target left untouched.
/// `Ok(None)` when the source vanished before it could be opened (a photo deleted meanwhile).
pub async fn copy_atomically(
    source: &Path,
    target: &Path,
    expected: Option<&Fingerprint>,
) -> anyhow::Result<Option<Fingerprint>> {
    let mut input = match tokio::fs::File::open(source).await {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", source.display())),
    };
    let parent = target
        .parent()
        .with_context(|| format!("{} names no file in a folder", target.display()))?;
    tokio::fs::create_dir_all(parent)
        .await
        .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    let temp = temp_name(target)?;
    let copied = copy_into(&mut input, source, &temp).await;
    let result = match copied {
        Ok(found) if expected.is_some_and(|e| *e != found) => Err(anyhow::anyhow!(
            "{} changed while it was copied (its SHA-256 no longer matches the manifest)",
            source.display()
        )),
        Ok(found) => tokio::fs::rename(&temp, target)
            .await
            .map(|()| found)
            .with_context(|| format!("cannot write {}", target.display())),
        Err(e) => Err(e),
    };
    if result.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    result.map(Some)
}

/// Writes `bytes` to `target` atomically (for the manifest).
pub async fn write_atomically(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let temp = temp_name(target)?;
    let written = async {
        let mut file = tokio::fs::File::create_new(&temp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        tokio::fs::rename(&temp, target).await
    }
    .await;
    if written.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    written.with_context(|| format!("cannot write {}", target.display()))
}

async fn copy_into(
    input: &mut tokio::fs::File,
    source: &Path,
    temp: &Path,
) -> anyhow::Result<Fingerprint> {
    let mut output = tokio::fs::File::create_new(temp)
        .await
        .with_context(|| format!("cannot write {}", temp.display()))?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = input
            .read(&mut buf)
            .await
            .with_context(|| format!("cannot read {}", source.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
        output
            .write_all(&buf[..n])
            .await
            .with_context(|| format!("cannot write {}", temp.display()))?;
    }
    output
        .sync_all()
        .await
        .with_context(|| format!("cannot write {}", temp.display()))?;
    Ok(Fingerprint {
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// `.<name>.<pid>.part` next to `target`: hidden from the media store's listing, on the same
/// file system, so the rename is atomic.
fn temp_name(target: &Path) -> anyhow::Result<PathBuf> {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        bail!("{} names no file", target.display());
    };
    Ok(target.with_file_name(format!(".{name}.{}.part", std::process::id())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_copy_that_does_not_match_its_fingerprint_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("dir");
        let source = dir.path().join("a.jpg");
        std::fs::write(&source, b"photo").expect("write");
        let target = dir.path().join("out/b.jpg");
        let wrong = Fingerprint {
            size: 5,
            sha256: "0".repeat(64),
        };
        let err = copy_atomically(&source, &target, Some(&wrong))
            .await
            .expect_err("mismatch");
        assert!(err.to_string().contains("changed while"), "{err}");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .expect("folder")
            .collect();
        assert!(left.is_empty(), "{left:?}");

        let copied = copy_atomically(&source, &target, None)
            .await
            .expect("copy")
            .expect("source exists");
        assert_eq!(copied.size, 5);
        assert_eq!(fingerprint(&target).await.expect("read"), Some(copied));
        assert_eq!(std::fs::read(&target).expect("read"), b"photo");
    }

    #[tokio::test]
    async fn a_missing_source_is_no_error_but_no_copy() {
        let dir = tempfile::tempdir().expect("dir");
        let copied = copy_atomically(&dir.path().join("gone"), &dir.path().join("x"), None)
            .await
            .expect("no error");
        assert_eq!(copied, None);
        assert_eq!(
            fingerprint(&dir.path().join("gone")).await.expect("ok"),
            None
        );
    }
}
