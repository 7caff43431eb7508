//! PostgreSQL: a write of snapshots no longer locks each of its posts; it and the deletion of
//! posts take one lock of the authority instead.
//!
//! Since `m20261207_000016_snapshot_post_key` the insert of snapshots locked its posts as a
//! foreign key would (`FOR KEY SHARE`), so that a post could not be deleted until the write was
//! committed. Such a lock is written into each post's row: for a 100,000-row import, 100,000
//! row writes to `posts` and, after a checkpoint, a copy of most of its pages in the log
//! (0.7 s and 51 MB at the demo ×100, nearly as much as the snapshots themselves).
//!
//! Now a write of snapshots first takes the authority's lock shared
//! (`pg_advisory_xact_lock_shared`, until its transaction ends; `db::metrics::insert_snapshots`)
//! and then checks that its posts exist, without locking them. Deleting a post takes the same
//! lock exclusively in the trigger that deletes the post's snapshots, before it deletes them:
//! - a deletion that comes first holds the lock until it is committed, so the write waits for
//!   it and then finds the post gone, and writes nothing;
//! - a write that comes first holds the lock until it is committed, so the deletion's trigger
//!   waits for it and then deletes the snapshots just written (each statement of the trigger
//!   sees what was committed before it began).
//!
//! Deletions of one authority's posts in concurrent transactions now wait for each other.
//!
//! The lock's first key is the constant `POSTS_LOCK` of `db::metrics::snapshots`; the second
//! the authority.

use sea_orm_migration::prelude::*;

const UP: [&str; 1] = [
    "CREATE OR REPLACE FUNCTION post_metrics_post_deleted() RETURNS trigger \
     LANGUAGE plpgsql AS $$ \
     BEGIN \
       PERFORM pg_advisory_xact_lock(1634563174, (OLD.tenant_id % 2147483647)::integer); \
       DELETE FROM post_metrics WHERE tenant_id = OLD.tenant_id AND post_id = OLD.id; \
       RETURN NULL; \
     END $$",
];

const DOWN: [&str; 1] = [
    "CREATE OR REPLACE FUNCTION post_metrics_post_deleted() RETURNS trigger \
     LANGUAGE plpgsql AS $$ \
     BEGIN \
       DELETE FROM post_metrics WHERE tenant_id = OLD.tenant_id AND post_id = OLD.id; \
       RETURN NULL; \
     END $$",
];

crate::build::postgres_only!("m20261208_000021_snapshot_post_lock", UP, DOWN);
