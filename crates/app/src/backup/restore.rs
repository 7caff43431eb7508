//! `amtfluencer restore --from DIR`: check everything, then write. The plan is made while
//! nothing has been touched (manifest, every file's size and hash, the database copy's
//! integrity and schema, the database and photos already at the target); only a plan without
//! objections is carried out, one atomic file at a time, and nothing is ever deleted.

use std::path::{Path, PathBuf};

use amtfluencer_media::store::{FolderStore, MediaKey, MediaStore};
use anyhow::{Context, bail};

use super::files::{Fingerprint, copy_atomically, fingerprint};
use super::manifest::{DatabaseKind, Manifest, StoreKind, media_path};
use super::{
    DATABASE_FILE, MEDIA_DIR, PG_DUMP_FILE, RestoreReport, pg_restore_hint, sqlite, stamp,
    with_suffix,
};
use crate::config::Config;
use crate::{db, state};

/// Restores the backup in `from` into the configured database and media store. `replace`
/// allows replacing an existing database and photos that differ (both are kept, moved aside).
pub async fn restore(config: &Config, from: &Path, replace: bool) -> anyhow::Result<RestoreReport> {
    if from.is_file() {
        bail!(
            "{} is a single database file (the old backup form): stop Amtfluencer, move the \
             database file and its -wal and -shm files away and put the copy in its place",
            from.display()
        );
    }
    let manifest = Manifest::load(from).await?;
    manifest.verify_files(from).await?;
    let mut report = RestoreReport {
        source: from.to_path_buf(),
        ..RestoreReport::default()
    };
    let database = plan_database(config, &manifest, from, replace).await?;
    let store = state::media_store(config)?;
    let photos = plan_photos(&store, &manifest, from, replace, &mut report).await?;

    if let (MediaStore::Folder(folder), false) = (&store, photos.is_empty()) {
        write_photos(folder, from, &photos, &mut report).await?;
    }
    match database {
        Some(target) => {
            restore_database(config, &manifest, from, &target, &mut report).await?;
        }
        None => report.notes.push(format!(
            "Database not restored: PostgreSQL is restored from its pg_dump file, e.g. {}",
            pg_restore_hint(&from.join(PG_DUMP_FILE))
        )),
    }
    Ok(report)
}

/// Where the SQLite copy goes (`None` for PostgreSQL), after every check that can refuse.
async fn plan_database(
    config: &Config,
    manifest: &Manifest,
    from: &Path,
    replace: bool,
) -> anyhow::Result<Option<PathBuf>> {
    match (manifest.database.kind, config.is_sqlite()) {
        (DatabaseKind::Sqlite, true) => {}
        (DatabaseKind::Postgresql, false) => return Ok(None),
        (DatabaseKind::Sqlite, false) => bail!(
            "the backup holds a SQLite database, but the configured database is PostgreSQL; \
             restore it with --database-url sqlite://FILE"
        ),
        (DatabaseKind::Postgresql, true) => bail!(
            "the backup was made on PostgreSQL and holds no database (that is in its pg_dump \
             file); restore it with the PostgreSQL database configured"
        ),
    }
    let target = sqlite::database_file(&config.database_url)?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        bail!(
            "the folder {} of the database does not exist",
            folder.display()
        );
    }
    sqlite::check_copy(&from.join(DATABASE_FILE)).await?;
    let journal = with_suffix(&target, "-wal");
    if !target.exists() && journal.exists() && !replace {
        bail!(
            "{} of an earlier database is still there and would be applied to the restored one; \
             move it away or add --replace (it is then kept aside)",
            journal.display()
        );
    }
    if target.exists() || journal.exists() {
        if !replace {
            bail!(
                "the database {} exists already; restore does not overwrite it: stop Amtfluencer \
                 and add --replace (the current file is then kept as {}.before-restore-<time>)",
                target.display(),
                target.display()
            );
        }
        if target.exists() {
            sqlite::ensure_not_in_use(&target).await?;
        }
    }
    Ok(Some(target))
}

/// A photo of the backup and what to do with it.
struct Photo {
    key: MediaKey,
    expected: Fingerprint,
    /// Whether a different file is in the store under the same key.
    replaces: bool,
}

async fn plan_photos(
    store: &MediaStore,
    manifest: &Manifest,
    from: &Path,
    replace: bool,
    report: &mut RestoreReport,
) -> anyhow::Result<Vec<Photo>> {
    if manifest.media.store == StoreKind::S3 {
        report.notes.push(
            "The backup holds no photos: they were kept in an S3 bucket, which keeps its own copies."
                .to_owned(),
        );
    }
    let folder = match store {
        MediaStore::Folder(folder) => folder,
        MediaStore::S3(s3) if !manifest.media.files.is_empty() => {
            report.notes.push(format!(
                "Photos not restored: the configured media store is the S3 bucket {}; the \
                 backup's {} photos are in {} (each path below it is the key), copy them into \
                 the bucket with the object store's tools.",
                s3.bucket(),
                manifest.media.files.len(),
                from.join(MEDIA_DIR).display()
            ));
            return Ok(Vec::new());
        }
        MediaStore::S3(_) => return Ok(Vec::new()),
    };
    let mut plan = Vec::new();
    for file in &manifest.media.files {
        let key = MediaKey::parse(&file.key)?;
        let expected = file.fingerprint();
        let existing = folder.file_path(&key);
        let replaces = match fingerprint(&existing).await? {
            None => false,
            Some(found) if found == expected => {
                report.photos_unchanged += 1;
                continue;
            }
            Some(_) if replace => true,
            Some(_) => bail!(
                "the photo {} differs from the backup's copy of it; restore does not overwrite \
                 it (add --replace to keep it as a copy aside and restore the backup's)",
                existing.display()
            ),
        };
        plan.push(Photo {
            key,
            expected,
            replaces,
        });
    }
    Ok(plan)
}

async fn write_photos(
    folder: &FolderStore,
    from: &Path,
    photos: &[Photo],
    report: &mut RestoreReport,
) -> anyhow::Result<()> {
    // A dot-folder: no key can name it, so the store never lists or serves what is in it.
    let aside = folder.root().join(format!(".before-restore-{}", stamp()));
    for photo in photos {
        let target = folder.file_path(&photo.key);
        if photo.replaces {
            let kept = aside.join(photo.key.as_str());
            copy_atomically(&target, &kept, None)
                .await
                .with_context(|| format!("cannot keep {} aside", target.display()))?;
            report.photos_replaced += 1;
        }
        let source = media_path(from, photo.key.as_str());
        copy_atomically(&source, &target, Some(&photo.expected))
            .await?
            .with_context(|| format!("{} vanished during the restore", source.display()))?;
        report.photos += 1;
        report.photo_bytes += photo.expected.size;
    }
    if report.photos_replaced > 0 {
        report.notes.push(format!(
            "The {} photos that differed are kept in {}.",
            report.photos_replaced,
            aside.display()
        ));
    }
    Ok(())
}

/// Copies the database next to its place, moves what is there aside, renames the copy into
/// place and opens it: migrations from an older release are applied as `serve` would.
async fn restore_database(
    config: &Config,
    manifest: &Manifest,
    from: &Path,
    target: &Path,
    report: &mut RestoreReport,
) -> anyhow::Result<()> {
    let expected = manifest
        .database
        .file
        .as_ref()
        .map(super::manifest::FileEntry::fingerprint)
        .context("the manifest names no database file")?;
    let staged = with_suffix(target, ".restoring");
    let source = from.join(DATABASE_FILE);
    copy_atomically(&source, &staged, Some(&expected))
        .await?
        .with_context(|| format!("{} vanished during the restore", source.display()))?;
    let placed = async {
        if tokio::fs::try_exists(target).await.unwrap_or(true)
            || tokio::fs::try_exists(with_suffix(target, "-wal"))
                .await
                .unwrap_or(true)
        {
            report.moved_aside = Some(sqlite::move_aside(target).await?);
        }
        tokio::fs::rename(&staged, target)
            .await
            .with_context(|| format!("cannot write {}", target.display()))
    }
    .await;
    if placed.is_err() {
        let _ = tokio::fs::remove_file(&staged).await;
    }
    placed?;
    report.database = Some(target.to_path_buf());
    let kept = report
        .moved_aside
        .as_ref()
        .map(|p| format!("; the previous one is kept as {}", p.display()))
        .unwrap_or_default();
    let conn = db::connect(&config.database_url)
        .await
        .with_context(|| format!("the restored database cannot be opened{kept}"))?;
    let migrated = db::migrate(&conn).await;
    conn.close().await.ok();
    report.migrations_applied =
        migrated.with_context(|| format!("the restored database cannot be migrated{kept}"))?;
    Ok(())
}
