//! Which dashboard facts changed, and which went, since a given moment: so that the
//! dashboards can bring the facts of a period they keep up to date by reading only what
//! changed, instead of reading the whole period again after every new figure or post.
//!
//! - `post_facts.changed_in` names the change that last wrote a fact. On PostgreSQL it is the
//!   writing transaction's id (`txid_current()`); a reader remembers the oldest transaction
//!   still running when it read (`txid_snapshot_xmin`), and every change committed after that
//!   read carries an id at least as large. SQLite has one writer at a time and counts its
//!   changes per authority instead (`facts_versions.changes`, raised by the stamp triggers);
//!   a fact is written with the count as it stood, which a reader that read before has seen.
//! - `post_facts_gone` records each fact deleted (a post deleted or unpublished, or moved to
//!   another date, which deletes its fact and writes a new one) under the same kind of number.
//!   The housekeeping job removes entries older than a day; the dashboards read a period in
//!   full when what they keep is older than an hour.
//!
//! - `facts_versions.origin` is drawn when an authority's stamp is first written and never
//!   changes: the numbers above count within one database, and a process that has read from
//!   several (the tests do) must not follow one database's changes from another's.
//!
//! The writers set `changed_in` themselves (the figures' updates, the posts' triggers); a
//! trigger sets it for any other update that leaves it unchanged, so no writer can forget it.
//! On PostgreSQL that trigger's condition is checked without calling it, and `changed_in` is
//! in no index, so an import's figures are still written in place
//! (`m20261207_000018_facts_in_place`). SQLite's covering index of the facts gains the column,
//! so that a period's changes are found in the index alone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::m20261207_000013_post_facts::{FACT_COLS, changed, select_facts, sqlite_triggers};
use crate::m20261207_000015_facts_version::{PG_RANDOM, sqlite_stamp_triggers};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000019_facts_changes"
    }
}

/// Seconds since 1970 on both backends, for the housekeeping's cut-off.
fn gone_table(now_seconds: &str) -> String {
    format!(
        "CREATE TABLE post_facts_gone (\
         tenant_id BIGINT NOT NULL, \
         post_id BIGINT NOT NULL, \
         gone_in BIGINT NOT NULL, \
         gone_at BIGINT NOT NULL DEFAULT ({now_seconds}))"
    )
}

const GONE_INDEX: &str = "CREATE INDEX ix_post_facts_gone ON post_facts_gone (tenant_id, gone_in)";
const GONE_AT_INDEX: &str = "CREATE INDEX ix_post_facts_gone_at ON post_facts_gone (gone_at)";

fn postgres_up() -> Vec<String> {
    vec![
        format!("ALTER TABLE facts_versions ADD COLUMN origin BIGINT NOT NULL DEFAULT {PG_RANDOM}"),
        // A constant default first: no rewrite of the table, only of the catalogue.
        "ALTER TABLE post_facts ADD COLUMN changed_in BIGINT NOT NULL DEFAULT 0".into(),
        "ALTER TABLE post_facts ALTER COLUMN changed_in SET DEFAULT txid_current()".into(),
        "CREATE FUNCTION post_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN NEW.changed_in := txid_current(); RETURN NEW; END $$"
            .into(),
        "CREATE TRIGGER tr_post_facts_changed BEFORE UPDATE ON post_facts FOR EACH ROW \
         WHEN (NEW.changed_in = OLD.changed_in) EXECUTE FUNCTION post_facts_changed()"
            .into(),
        gone_table("extract(epoch FROM now())::bigint"),
        GONE_INDEX.into(),
        GONE_AT_INDEX.into(),
        "CREATE FUNCTION post_facts_gone() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           INSERT INTO post_facts_gone (tenant_id, post_id, gone_in) \
             SELECT tenant_id, post_id, txid_current() FROM gone; \
           RETURN NULL; \
         END $$"
            .into(),
        "CREATE TRIGGER tr_post_facts_gone AFTER DELETE ON post_facts \
         REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION post_facts_gone()"
            .into(),
    ]
}

fn postgres_down() -> Vec<String> {
    [
        "DROP TRIGGER IF EXISTS tr_post_facts_gone ON post_facts",
        "DROP FUNCTION IF EXISTS post_facts_gone()",
        "DROP TABLE IF EXISTS post_facts_gone",
        "DROP TRIGGER IF EXISTS tr_post_facts_changed ON post_facts",
        "DROP FUNCTION IF EXISTS post_facts_changed()",
        "ALTER TABLE post_facts DROP COLUMN IF EXISTS changed_in",
        "ALTER TABLE facts_versions DROP COLUMN IF EXISTS origin",
    ]
    .map(String::from)
    .to_vec()
}

/// SQLite: the authority's count of changes as it stands, for a fact of `row`.
fn sqlite_count(row: &str) -> String {
    format!(
        "COALESCE((SELECT v.changes FROM facts_versions v WHERE v.tenant_id = {row}.tenant_id), 0)"
    )
}

const SQLITE_FACTS_INDEX_COLS: &str =
    "tenant_id, published_at, ambassador_id, topic_id, impressions, interactions, post_id";

fn sqlite_up() -> Vec<String> {
    let mut out: Vec<String> = vec![
        "ALTER TABLE post_facts ADD COLUMN changed_in BIGINT NOT NULL DEFAULT 0".into(),
        "ALTER TABLE facts_versions ADD COLUMN changes BIGINT NOT NULL DEFAULT 1".into(),
        "ALTER TABLE facts_versions ADD COLUMN origin BIGINT NOT NULL DEFAULT 0".into(),
        "UPDATE facts_versions SET origin = random()".into(),
        format!(
            "CREATE INDEX ix_post_facts_period_changes ON post_facts \
             ({SQLITE_FACTS_INDEX_COLS}, changed_in)"
        ),
        "DROP INDEX IF EXISTS ix_post_facts_period".into(),
    ];
    // The stamp triggers also count the change.
    for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
        let name = format!("tr_post_facts_stamp_{}", event.to_lowercase());
        out.push(format!("DROP TRIGGER IF EXISTS {name}"));
        out.push(format!(
            "CREATE TRIGGER {name} AFTER {event} ON post_facts BEGIN \
               INSERT INTO facts_versions (tenant_id, version, changes, origin) \
               VALUES ({row}.tenant_id, random(), 1, random()) \
               ON CONFLICT (tenant_id) DO UPDATE \
                 SET version = excluded.version, changes = changes + 1; \
             END"
        ));
    }
    // The posts' triggers write the count into the facts they insert.
    let published = "NEW.status = 'published' AND NEW.published_at IS NOT NULL";
    let insert = format!(
        "INSERT INTO post_facts ({FACT_COLS}, changed_in) {}, {}",
        select_facts("NEW"),
        sqlite_count("NEW")
    );
    out.extend([
        "DROP TRIGGER IF EXISTS tr_posts_facts_insert".into(),
        "DROP TRIGGER IF EXISTS tr_posts_facts_update".into(),
        format!(
            "CREATE TRIGGER tr_posts_facts_insert AFTER INSERT ON posts \
             WHEN {published} BEGIN {insert}; END"
        ),
        format!(
            "CREATE TRIGGER tr_posts_facts_update AFTER UPDATE ON posts \
             WHEN {} BEGIN \
             DELETE FROM post_facts WHERE post_id = OLD.id; \
             {insert} WHERE {published}; END",
            changed("IS NOT")
        ),
        format!(
            "CREATE TRIGGER tr_post_facts_changed AFTER UPDATE ON post_facts \
             WHEN NEW.changed_in = OLD.changed_in BEGIN \
               UPDATE post_facts SET changed_in = {} WHERE post_id = NEW.post_id; \
             END",
            sqlite_count("NEW")
        ),
        gone_table("CAST(strftime('%s', 'now') AS INTEGER)"),
        GONE_INDEX.into(),
        GONE_AT_INDEX.into(),
        format!(
            "CREATE TRIGGER tr_post_facts_gone AFTER DELETE ON post_facts BEGIN \
               INSERT INTO post_facts_gone (tenant_id, post_id, gone_in) \
               VALUES (OLD.tenant_id, OLD.post_id, {}); \
             END",
            sqlite_count("OLD")
        ),
    ]);
    out
}

fn sqlite_down() -> Vec<String> {
    let mut out: Vec<String> = [
        "DROP TRIGGER IF EXISTS tr_post_facts_gone",
        "DROP TABLE IF EXISTS post_facts_gone",
        "DROP TRIGGER IF EXISTS tr_post_facts_changed",
        "DROP TRIGGER IF EXISTS tr_posts_facts_insert",
        "DROP TRIGGER IF EXISTS tr_posts_facts_update",
        "DROP TRIGGER IF EXISTS tr_post_facts_stamp_insert",
        "DROP TRIGGER IF EXISTS tr_post_facts_stamp_update",
        "DROP TRIGGER IF EXISTS tr_post_facts_stamp_delete",
    ]
    .map(String::from)
    .to_vec();
    out.push(format!(
        "CREATE INDEX ix_post_facts_period ON post_facts ({SQLITE_FACTS_INDEX_COLS})"
    ));
    out.push("DROP INDEX IF EXISTS ix_post_facts_period_changes".into());
    out.extend([
        "ALTER TABLE post_facts DROP COLUMN changed_in".into(),
        "ALTER TABLE facts_versions DROP COLUMN changes".into(),
        "ALTER TABLE facts_versions DROP COLUMN origin".into(),
    ]);
    out.extend(sqlite_stamp_triggers());
    out.extend(sqlite_triggers());
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_database_backend() {
            DbBackend::Postgres => crate::build::run_all(m, &postgres_up()).await,
            _ => crate::build::run_batch(m, &sqlite_up()).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_database_backend() {
            DbBackend::Postgres => crate::build::run_all(m, &postgres_down()).await,
            _ => crate::build::run_batch(m, &sqlite_down()).await,
        }
    }
}
