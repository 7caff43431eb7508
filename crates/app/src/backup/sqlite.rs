//! The SQLite file as a file: where the configured database lies, whether a copy is sound and
//! of a schema this release knows, whether an instance still has the file open, and moving it
//! aside together with its journal.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection};

use super::{stamp, with_suffix};

/// The file behind a `sqlite:` URL; an in-memory database has none to back up or restore.
pub fn database_file(url: &str) -> anyhow::Result<PathBuf> {
    if url.contains(":memory:") || url.contains("mode=memory") {
        bail!("the database is in memory; there is no file to back up or restore");
    }
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("SQLite URL {url:?} is not valid"))?;
    Ok(options.get_filename().to_path_buf())
}

/// Opens the copy without changing a byte (`immutable`) and checks that SQLite finds it
/// intact and that this release knows every migration applied to it.
pub async fn check_copy(path: &Path) -> anyhow::Result<()> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let unreadable = |e: sqlx::Error| {
        anyhow::anyhow!(
            "the database copy {} cannot be read: {e}; nothing was restored",
            path.display()
        )
    };
    let mut conn = options.connect().await.map_err(unreadable)?;
    let check: String = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await
        .map_err(unreadable)?;
    if check != "ok" {
        bail!(
            "the database copy {} is damaged ({check}); nothing was restored",
            path.display()
        );
    }
    let applied: Vec<String> = sqlx::query_scalar("SELECT version FROM seaql_migrations")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| {
            anyhow::anyhow!(
                "{} is no Amtfluencer database (it has no migration table); nothing was restored",
                path.display()
            )
        })?;
    conn.close().await.ok();
    let known = amtfluencer_migration::known_migrations();
    if let Some(unknown) = applied.iter().find(|m| !known.contains(m)) {
        bail!(
            "the database in the backup has a newer schema than this release knows (migration \
             {unknown}); restore it with the release that wrote it; nothing was restored"
        );
    }
    Ok(())
}

/// Refuses while any connection has the database open: an instance that still runs would keep
/// writing into the file that is moved aside. An exclusive lock is only granted to the sole
/// connection of a WAL database, even when the others are idle.
pub async fn ensure_not_in_use(path: &Path) -> anyhow::Result<()> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::from_millis(500));
    let in_use = |e: sqlx::Error| {
        anyhow::anyhow!(
            "the database {} is in use ({e}): stop Amtfluencer (every instance) before restoring",
            path.display()
        )
    };
    let mut conn = options.connect().await.map_err(in_use)?;
    let locked = async {
        sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await?;
        sqlx::query("COMMIT").execute(&mut conn).await
    }
    .await;
    // Closing the last connection folds a left-over WAL journal into the file.
    conn.close().await.ok();
    locked.map_err(in_use)?;
    Ok(())
}

/// Renames the database and its `-wal`/`-shm` files (those that exist) to
/// `<file>.before-restore-<time>…`, so the set stays openable; returns the new name of the
/// database file.
pub async fn move_aside(path: &Path) -> anyhow::Result<PathBuf> {
    let base = with_suffix(path, &format!(".before-restore-{}", stamp()));
    let mut aside = base.clone();
    let mut n = 1;
    while tokio::fs::try_exists(&aside).await.unwrap_or(true) {
        n += 1;
        aside = with_suffix(&base, &format!("-{n}"));
    }
    for part in ["", "-wal", "-shm"] {
        let from = with_suffix(path, part);
        if tokio::fs::try_exists(&from).await.unwrap_or(false) {
            let to = with_suffix(&aside, part);
            tokio::fs::rename(&from, &to)
                .await
                .with_context(|| format!("cannot move {} aside", from.display()))?;
        }
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_comes_from_the_url_and_memory_has_none() {
        assert_eq!(
            database_file("sqlite://data/amtfluencer.db").expect("file"),
            PathBuf::from("data/amtfluencer.db")
        );
        assert!(database_file("sqlite::memory:").is_err());
    }

    #[tokio::test]
    async fn an_open_database_is_in_use_and_a_closed_one_is_not() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let url = format!("sqlite://{}", path.display());
        let db = crate::db::connect(&url).await.expect("open");
        crate::db::migrate(&db).await.expect("migrate");
        let err = ensure_not_in_use(&path).await.expect_err("in use");
        assert!(err.to_string().contains("stop Amtfluencer"), "{err}");
        db.close().await.expect("close");
        ensure_not_in_use(&path).await.expect("free");
        check_copy(&path).await.expect("a sound copy");

        let aside = move_aside(&path).await.expect("moved");
        assert!(!path.exists() && aside.exists());
        assert!(aside.to_string_lossy().contains("a.db.before-restore-"));
    }
}
