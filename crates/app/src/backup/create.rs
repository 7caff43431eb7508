//! `amtfluencer backup --to DIR`: the database first, then the photos (so every photo the
//! copied database names is in the backup, unless it was deleted meanwhile), the manifest last.

use std::path::{Path, PathBuf};

use amtfluencer_media::store::MediaStore;
use anyhow::{Context, bail};

use super::files::{copy_atomically, fingerprint};
use super::manifest::{
    DatabaseEntry, DatabaseKind, FileEntry, Manifest, MediaEntry, MediaFile, StoreKind, media_path,
};
use super::{
    BackupReport, DATABASE_FILE, MANIFEST_FILE, MEDIA_DIR, PG_DUMP_FILE, pg_dump_hint, sqlite,
};
use crate::config::Config;
use crate::{db, state};

/// Backs up into `to`: a new or empty folder. A path ending in `.db`, `.sqlite` or `.sqlite3`
/// that is no folder keeps the old meaning: the SQLite database alone, as one file.
pub async fn create(config: &Config, to: &Path) -> anyhow::Result<BackupReport> {
    if names_single_file(to) {
        return database_only(config, to).await;
    }
    let store = state::media_store(config)?;
    refuse_inside_media(&store, to)?;
    let created = prepare_folder(to)?;
    let result = write_backup(config, &store, to).await;
    if result.is_err() {
        clean_up(to, created).await;
    }
    result
}

fn names_single_file(to: &Path) -> bool {
    let extension = to.extension().and_then(|e| e.to_str()).unwrap_or_default();
    matches!(extension, "db" | "sqlite" | "sqlite3") && !to.is_dir()
}

/// The old form: one file with the SQLite database, said plainly that photos are not in it.
async fn database_only(config: &Config, to: &Path) -> anyhow::Result<BackupReport> {
    let conn = open_sqlite(config).await?;
    let written = db::backup_sqlite(&conn, to).await;
    conn.close().await.ok();
    written?;
    let size = tokio::fs::metadata(to).await.map(|m| m.len()).unwrap_or(0);
    let mut report = BackupReport {
        target: to.to_path_buf(),
        database_included: true,
        database_bytes: size,
        ..BackupReport::default()
    };
    if let MediaStore::Folder(folder) = state::media_store(config)? {
        report.notes.push(format!(
            "Note: this file holds the database only; the photos in {} are not in it. \
             Use --to DIR for a backup with the photos.",
            folder.root().display()
        ));
    }
    Ok(report)
}

async fn write_backup(
    config: &Config,
    store: &MediaStore,
    to: &Path,
) -> anyhow::Result<BackupReport> {
    let mut report = BackupReport {
        target: to.to_path_buf(),
        media_source: store.describe(),
        ..BackupReport::default()
    };
    let database = if config.is_sqlite() {
        let conn = open_sqlite(config).await?;
        let target = to.join(DATABASE_FILE);
        let written = db::backup_sqlite(&conn, &target).await;
        conn.close().await.ok();
        written?;
        let found = fingerprint(&target)
            .await?
            .with_context(|| format!("{} was not written", target.display()))?;
        report.database_included = true;
        report.database_bytes = found.size;
        DatabaseEntry {
            kind: DatabaseKind::Sqlite,
            file: Some(FileEntry {
                path: DATABASE_FILE.to_owned(),
                size: found.size,
                sha256: found.sha256,
            }),
        }
    } else {
        report.notes.push(format!(
            "Database NOT included: PostgreSQL is backed up with pg_dump, e.g. {}",
            pg_dump_hint(&to.join(PG_DUMP_FILE))
        ));
        DatabaseEntry {
            kind: DatabaseKind::Postgresql,
            file: None,
        }
    };
    let media = copy_media(store, to, &mut report).await?;
    let manifest = Manifest::new(database, media);
    super::files::write_atomically(&to.join(MANIFEST_FILE), &manifest.to_json()?).await?;
    Ok(report)
}

async fn copy_media(
    store: &MediaStore,
    to: &Path,
    report: &mut BackupReport,
) -> anyhow::Result<MediaEntry> {
    let folder = match store {
        MediaStore::Folder(folder) => folder,
        MediaStore::S3(s3) => {
            report.notes.push(format!(
                "Photos not included: they are in the S3 bucket {}, which keeps its own copies \
                 (use the bucket's versioning or replication).",
                s3.bucket()
            ));
            return Ok(MediaEntry {
                store: StoreKind::S3,
                files: Vec::new(),
            });
        }
    };
    let keys = store
        .list("")
        .await
        .with_context(|| format!("cannot list the photos in {}", folder.root().display()))?;
    let mut files = Vec::with_capacity(keys.len());
    for key in keys {
        let target = media_path(to, key.as_str());
        // A photo deleted since the listing is simply not in the backup.
        let Some(copied) = copy_atomically(&folder.file_path(&key), &target, None).await? else {
            continue;
        };
        report.photos += 1;
        report.photo_bytes += copied.size;
        files.push(MediaFile {
            key: key.as_str().to_owned(),
            size: copied.size,
            sha256: copied.sha256,
        });
    }
    report.photos_included = true;
    Ok(MediaEntry {
        store: StoreKind::Folder,
        files,
    })
}

/// Connects to the configured SQLite database without creating it: a wrong path is an error,
/// not an empty backup.
async fn open_sqlite(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    if !config.is_sqlite() {
        bail!(
            "a single-file backup works for SQLite only; for PostgreSQL use pg_dump, e.g. {}",
            pg_dump_hint(Path::new(PG_DUMP_FILE))
        );
    }
    let file = sqlite::database_file(&config.database_url)?;
    if !file.is_file() {
        bail!(
            "there is no database at {}; check --database-url",
            file.display()
        );
    }
    db::connect(&config.database_url).await
}

/// A backup inside the media folder would be listed as photos by the next backup.
fn refuse_inside_media(store: &MediaStore, to: &Path) -> anyhow::Result<()> {
    let MediaStore::Folder(folder) = store else {
        return Ok(());
    };
    let (Ok(media), Some(target)) = (folder.root().canonicalize(), absolute(to)) else {
        return Ok(());
    };
    if target.starts_with(&media) {
        bail!(
            "{} is inside the media folder {}; choose a folder outside it",
            to.display(),
            media.display()
        );
    }
    Ok(())
}

/// `to` made absolute through its nearest existing ancestor (it may not exist yet).
fn absolute(to: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(to).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
    let mut path = existing.canonicalize().ok()?;
    path.extend(rest.iter().rev());
    Some(path)
}

/// Creates the folder, or accepts an empty one. Returns whether it was created here.
fn prepare_folder(to: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(to) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{} is not empty; back up into a new or empty folder",
                    to.display()
                );
            }
            Ok(false)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(to)
                .with_context(|| format!("cannot create the folder {}", to.display()))?;
            Ok(true)
        }
        Err(_) if to.exists() => bail!(
            "{} exists and is no folder; choose a new folder",
            to.display()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", to.display())),
    }
}

/// After a failure: nothing half-written stays behind to be taken for a backup later.
async fn clean_up(to: &Path, created: bool) {
    if created {
        let _ = tokio::fs::remove_dir_all(to).await;
        return;
    }
    // The folder was empty before: everything in it is ours.
    let _ = tokio::fs::remove_file(to.join(DATABASE_FILE)).await;
    let _ = tokio::fs::remove_dir_all(to.join(MEDIA_DIR)).await;
}
