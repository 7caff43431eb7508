//! A fresh, migrated test database on SQLite, and on PostgreSQL when `TEST_DATABASE_URL`
//! names a server.

use std::io::Write;
use std::sync::Once;

use amtfluencer::config::{Config, Overrides};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// A fresh, migrated database that removes itself afterwards.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub backend: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_schema: Option<(String, String)>,
}

static SKIP_NOTE: Once = Once::new();

/// The PostgreSQL server for tests, if configured; says so once when it is not.
pub fn pg_url() -> Option<String> {
    let url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() {
        // Written to the terminal directly, past the test harness's output capture.
        SKIP_NOTE.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "NOTE: PostgreSQL tests skipped: TEST_DATABASE_URL is not set (SQLite tests ran)."
            );
        });
    }
    url
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = amtfluencer::db::connect(&url).await.unwrap();
        amtfluencer::db::migrate(&db).await.unwrap();
        Self {
            db,
            backend: "sqlite",
            url,
            _dir: Some(dir),
            pg_schema: None,
        }
    }

    /// A fresh schema on the test server, reached through `search_path`.
    pub async fn postgres() -> Option<Self> {
        let admin_url = pg_url()?;
        let schema = format!("t_{}", &amtfluencer::auth::tokens::random_token()[..16]);
        let admin = amtfluencer::db::connect(&admin_url).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .unwrap();
        admin.close().await.ok();
        let sep = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{sep}options=-c%20search_path%3D{schema}");
        let db = amtfluencer::db::connect(&url).await.unwrap();
        amtfluencer::db::migrate(&db).await.unwrap();
        Some(Self {
            db,
            backend: "postgres",
            url,
            _dir: None,
            pg_schema: Some((admin_url, schema)),
        })
    }

    /// SQLite, and PostgreSQL when configured.
    pub async fn all() -> Vec<Self> {
        let mut v = vec![Self::sqlite().await];
        if let Some(pg) = Self::postgres().await {
            v.push(pg);
        }
        v
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, schema)) = self.pg_schema.take() {
            // Dropping runs inside the test's runtime; a separate thread may block.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(db) = amtfluencer::db::connect(&admin_url).await {
                        let _ = db
                            .execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE"))
                            .await;
                        db.close().await.ok();
                    }
                });
            })
            .join();
        }
    }
}

pub fn test_config(url: &str) -> Config {
    let o = Overrides {
        database_url: Some(url.to_owned()),
        ..Default::default()
    };
    let mut config = Config::load(&o, &|_| None).unwrap();
    // Each test's photos go to a folder of its own that outlives the test (the OS cleans up).
    let media = tempfile::tempdir().unwrap().keep();
    config.media_url = media.display().to_string();
    config
}

/// The one number a statement returns (a count, an id), as `i64`.
pub async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// The first column of every row a statement returns, as `i64`.
pub async fn ids(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        sql,
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get_by_index(0).unwrap())
    .collect()
}

/// Writes snapshots as the app does: in a transaction of their own.
pub async fn write_snapshots(
    db: &DatabaseConnection,
    tenant: amtfluencer::tenancy::TenantId,
    snapshots: &[amtfluencer::db::metrics::NewSnapshot],
) {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await.unwrap();
    amtfluencer::db::metrics::insert_snapshots(&txn, tenant, snapshots)
        .await
        .unwrap();
    txn.commit().await.unwrap();
}
