//! PostgreSQL: the stamp of an authority's dashboard facts changes once per transaction
//! instead of once per statement.
//!
//! Each change of a row is a new version of it, and versions written by a transaction that is
//! still open cannot be cleaned away. A transaction that wrote facts one statement at a time
//! (a post's trigger writes its fact per post, so seeding or changing thousands of posts in one
//! transaction does) replaced the one stamp row as often, and every further stamp had to walk
//! past all those versions: quadratic time, the demo ×100 took over ten minutes instead of a
//! few.
//!
//! The stamp row now records the transaction that stamped it (`stamped_in`, the transaction's
//! id from `txid_current()`, which never repeats); a statement in the same transaction leaves
//! a stamp it already set alone. Readers outside see the new stamp only once the transaction
//! has committed, with all its facts. A reader inside the writing transaction can tell from
//! `stamped_in` that the stamp is its own and must not keep what it reads under it
//! (`db::analytics::cache`), since later statements of the same transaction will not stamp
//! again. A savepoint rolled back takes its stamp with it, and the next statement stamps anew.
//!
//! SQLite replaces its stamp row in place (no versions), so it keeps stamping every fact.

use sea_orm_migration::prelude::*;

use crate::m20261207_000015_facts_version::{PG_RANDOM, stamp_function};

fn up() -> Vec<String> {
    vec![
        "ALTER TABLE facts_versions ADD COLUMN stamped_in BIGINT".to_owned(),
        format!(
            "CREATE OR REPLACE FUNCTION post_facts_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               INSERT INTO facts_versions (tenant_id, version, stamped_in) \
                 SELECT t.tenant_id, {PG_RANDOM}, txid_current() \
                 FROM (SELECT DISTINCT tenant_id FROM changed) t \
                 WHERE NOT EXISTS (SELECT 1 FROM facts_versions v \
                                   WHERE v.tenant_id = t.tenant_id \
                                     AND v.stamped_in = txid_current()) \
                 ON CONFLICT (tenant_id) DO UPDATE \
                   SET version = EXCLUDED.version, stamped_in = EXCLUDED.stamped_in; \
               RETURN NULL; \
             END $$"
        ),
    ]
}

fn down() -> Vec<String> {
    vec![
        stamp_function("CREATE OR REPLACE"),
        "ALTER TABLE facts_versions DROP COLUMN IF EXISTS stamped_in".to_owned(),
    ]
}

crate::build::postgres_only!("m20261207_000017_facts_stamp_once", up(), down());
