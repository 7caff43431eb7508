//! A version stamp of each authority's dashboard facts (`post_facts`), changed by the database
//! itself whenever a fact is written, so that the dashboards can keep the facts of a period
//! they have read and know for certain when they must read them again.
//!
//! The stamp is a random number, not a counter: a change that is rolled back restores the old
//! stamp, and the next committed change draws a new one, so a stamp names one committed state
//! of the facts (and never a state that was only seen inside a transaction that was undone).
//!
//! PostgreSQL stamps once per statement, from the statement's changed rows (once per
//! transaction since `m20261207_000017_facts_stamp_once`, which says why). The stamp's row
//! stays locked until the writing transaction ends, so two transactions writing the same
//! authority's facts at once wait for each other (an import holds it for the last seconds of
//! its write). SQLite has only row triggers and stamps once per written fact, which a large
//! import pays for (see docs/benchmarks.md); it has one writer at a time anyway.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000015_facts_version"
    }
}

const TABLE: &str = "CREATE TABLE facts_versions (\
     tenant_id BIGINT NOT NULL PRIMARY KEY, \
     version BIGINT NOT NULL)";

/// A random stamp on PostgreSQL (53 bits: exact in the double `random()` returns).
pub(crate) const PG_RANDOM: &str = "floor(random() * 9007199254740992)::bigint";

/// The trigger function as this migration creates it: a new stamp for every statement
/// (`m20261207_000017_facts_stamp_once` replaces it, and restores it when undone).
pub(crate) fn stamp_function(verb: &str) -> String {
    format!(
        "{verb} FUNCTION post_facts_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           INSERT INTO facts_versions (tenant_id, version) \
             SELECT t.tenant_id, {PG_RANDOM} FROM (SELECT DISTINCT tenant_id FROM changed) t \
             ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version; \
           RETURN NULL; \
         END $$"
    )
}

fn postgres_up() -> Vec<String> {
    let mut out = vec![
        TABLE.to_owned(),
        format!(
            "INSERT INTO facts_versions (tenant_id, version) SELECT id, {PG_RANDOM} FROM tenants"
        ),
        stamp_function("CREATE"),
    ];
    for (event, table) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
        out.push(format!(
            "CREATE TRIGGER tr_post_facts_stamp_{} AFTER {event} ON post_facts \
             REFERENCING {table} TABLE AS changed FOR EACH STATEMENT \
             EXECUTE FUNCTION post_facts_stamp()",
            event.to_lowercase()
        ));
    }
    out
}

fn sqlite_up() -> Vec<String> {
    let mut out = vec![
        TABLE.to_owned(),
        "INSERT INTO facts_versions (tenant_id, version) SELECT id, random() FROM tenants".into(),
    ];
    out.extend(sqlite_stamp_triggers());
    out
}

/// SQLite's stamp triggers as this migration creates them (`m20261207_000019_facts_changes`
/// replaces them, and restores them when undone).
pub(crate) fn sqlite_stamp_triggers() -> Vec<String> {
    [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")]
        .iter()
        .map(|(event, row)| {
            format!(
                "CREATE TRIGGER tr_post_facts_stamp_{} AFTER {event} ON post_facts BEGIN \
                   INSERT OR REPLACE INTO facts_versions (tenant_id, version) \
                   VALUES ({row}.tenant_id, random()); \
                 END",
                event.to_lowercase()
            )
        })
        .collect()
}

fn down(backend: DbBackend) -> Vec<String> {
    let mut out: Vec<String> = ["insert", "update", "delete"]
        .iter()
        .map(|e| match backend {
            DbBackend::Postgres => {
                format!("DROP TRIGGER IF EXISTS tr_post_facts_stamp_{e} ON post_facts")
            }
            _ => format!("DROP TRIGGER IF EXISTS tr_post_facts_stamp_{e}"),
        })
        .collect();
    if backend == DbBackend::Postgres {
        out.push("DROP FUNCTION IF EXISTS post_facts_stamp()".into());
    }
    out.push("DROP TABLE IF EXISTS facts_versions".into());
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements = match m.get_database_backend() {
            DbBackend::Postgres => postgres_up(),
            _ => sqlite_up(),
        };
        crate::build::run_all(m, &statements).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::build::run_all(m, &down(m.get_database_backend())).await
    }
}
