//! PostgreSQL: the foreign key from snapshots to their post becomes one check per statement.
//!
//! PostgreSQL checks a foreign key row by row, each check a separate lookup that also locks
//! the post: 1.45 s of a 100,000-row import at the demo ×100 on the slowest machine measured,
//! a third of writing the snapshots. `db::metrics::insert_snapshots` now locks the posts of
//! all its snapshots in the insert statement itself (`FOR KEY SHARE`, as the key's check did)
//! and refuses the whole write when one of them is gone, in a fraction of that time. A post
//! deleted later takes its snapshots along, by a trigger instead of the key's `ON DELETE
//! CASCADE`; a post being deleted while its figures are written waits for, or is waited on
//! by, that write, as with the key.
//!
//! SQLite keeps the key: it cannot drop a constraint without rebuilding the table of millions
//! of snapshots, and its check costs little there.

use sea_orm_migration::prelude::*;

const UP: [&str; 3] = [
    "ALTER TABLE post_metrics DROP CONSTRAINT IF EXISTS fk_post_metrics_post_id",
    "CREATE FUNCTION post_metrics_post_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN \
       DELETE FROM post_metrics WHERE tenant_id = OLD.tenant_id AND post_id = OLD.id; \
       RETURN NULL; \
     END $$",
    "CREATE TRIGGER tr_posts_snapshots_deleted AFTER DELETE ON posts FOR EACH ROW \
     EXECUTE FUNCTION post_metrics_post_deleted()",
];

const DOWN: [&str; 3] = [
    "DROP TRIGGER IF EXISTS tr_posts_snapshots_deleted ON posts",
    "DROP FUNCTION IF EXISTS post_metrics_post_deleted()",
    "ALTER TABLE post_metrics ADD CONSTRAINT fk_post_metrics_post_id \
     FOREIGN KEY (post_id) REFERENCES posts(id) ON DELETE CASCADE",
];

crate::build::postgres_only!("m20261207_000016_snapshot_post_key", UP, DOWN);
