//! The database layer: connecting (SQLite or PostgreSQL through one code path), migrating,
//! refusing a schema newer than this binary, and one module per aggregate with plain async
//! functions taking `&impl ConnectionTrait`, so that they work on the pool and in a
//! transaction alike.

pub mod ambassadors;
pub mod analytics;
pub mod api_tokens;
pub mod audit;
pub mod auth_tokens;
pub mod bulk;
pub mod calendar;
pub mod candidates;
pub mod cohorts;
pub mod connections;
pub mod consent;
pub mod costs;
pub mod entities;
pub mod events;
pub mod guidelines;
pub mod jobs;
pub mod links;
pub mod media;
pub mod metrics;
pub mod oidc;
pub mod onboarding;
pub mod overview;
pub mod publishing;
pub mod readiness;
pub mod reviews;
pub mod roster;
pub mod sessions;
pub mod studio;
pub mod tenants;
pub mod throttle;
pub mod topics;
pub mod users;

use std::str::FromStr;
use std::time::Duration;

use amtfluencer_migration::{Migrator, MigratorTrait, known_migrations};
use anyhow::{Context, bail};
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config::mask_url;

/// The current time as stored: UTC, microsecond precision (what both backends keep).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Opens a pool on the given database. SQLite gets WAL, foreign keys and a busy timeout.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    connect_as(url, false).await
}

/// Opens the server's pool. On SQLite, no write copies the write-ahead log into the database
/// file as it commits (SQLite's default once the log passes 1,000 pages, which made the
/// commit of a large import wait half a second for it): [`checkpoints`] does that in the
/// background.
pub async fn connect_server(url: &str) -> anyhow::Result<DatabaseConnection> {
    connect_as(url, true).await
}

/// How often the server copies SQLite's write-ahead log into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);

/// Copies SQLite's write-ahead log into the database file every [`CHECKPOINT_EVERY`] until
/// `stop` turns true, without blocking readers or writers (a passive checkpoint). Does nothing
/// on PostgreSQL. Pair with [`connect_server`].
pub async fn checkpoints(db: DatabaseConnection, mut stop: tokio::sync::watch::Receiver<bool>) {
    if db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    while !*stop.borrow() {
        tokio::select! {
            () = tokio::time::sleep(CHECKPOINT_EVERY) => {}
            changed = stop.changed() => if changed.is_err() { break },
        }
        if let Err(e) = db
            .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
            .await
        {
            tracing::warn!(error = %e, "SQLite checkpoint failed; retrying");
        }
    }
}

async fn connect_as(url: &str, server: bool) -> anyhow::Result<DatabaseConnection> {
    if url.starts_with("sqlite:") {
        connect_sqlite(url, server).await
    } else {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot connect to PostgreSQL at {}: {}",
                    mask_url(url),
                    one_line(&e.to_string())
                )
            })?;
        Ok(sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(
            pool,
        ))
    }
}

async fn connect_sqlite(url: &str, server: bool) -> anyhow::Result<DatabaseConnection> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let opts = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("SQLite URL {url:?} is not valid"))?
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .synchronous(SqliteSynchronous::Normal)
        // 32 MiB of pages per connection instead of SQLite's 2 MiB: a large import's index
        // pages stay in memory instead of being spilled and read back within one transaction.
        .pragma("cache_size", "-32768");
    let opts = if memory {
        opts
    } else if server {
        opts.journal_mode(SqliteJournalMode::Wal)
            .pragma("wal_autocheckpoint", "0")
    } else {
        opts.journal_mode(SqliteJournalMode::Wal)
    };
    let path = opts.get_filename().display().to_string();
    // An in-memory database lives as long as its one connection.
    let pool = if memory {
        SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        SqlitePoolOptions::new().max_connections(8)
    };
    let pool = pool.connect_with(opts).await.map_err(|e| {
        anyhow::anyhow!(
            "cannot open SQLite database {path}: {} (does the folder exist and is it writable?)",
            one_line(&e.to_string())
        )
    })?;
    Ok(sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Applies pending migrations after refusing a schema that is newer than this binary.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let known = known_migrations();
    let applied = applied_migrations(db).await?;
    if let Some(unknown) = applied.iter().find(|m| !known.contains(m)) {
        bail!(
            "the database schema is newer than this Amtfluencer binary knows (migration {unknown}); \
             run a newer release against this database"
        );
    }
    let pending = known.len().saturating_sub(applied.len());
    Migrator::up(db, None)
        .await
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    Ok(pending)
}

async fn applied_migrations(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let manager = amtfluencer_migration::SchemaManager::new(db);
    if !manager.has_table("seaql_migrations").await? {
        return Ok(Vec::new());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "version").map_err(Into::into))
        .collect()
}

/// Writes an online, consistent copy of a SQLite database to `target`.
pub async fn backup_sqlite(
    db: &DatabaseConnection,
    target: &std::path::Path,
) -> anyhow::Result<()> {
    if db.get_database_backend() != DbBackend::Sqlite {
        bail!(
            "backup --to works for SQLite only; for PostgreSQL use pg_dump, \
             e.g. pg_dump --format=custom --file=amtfluencer.dump \"$DATABASE_URL\""
        );
    }
    if target.exists() {
        bail!("{} exists already; choose a new file", target.display());
    }
    let target_text = target
        .to_str()
        .context("the backup path must be valid UTF-8")?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target_text.into()],
    ))
    .await
    .map_err(|e| anyhow::anyhow!("backup to {} failed: {e}", target.display()))?;
    Ok(())
}

/// Whether the database answers.
pub async fn ping(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
