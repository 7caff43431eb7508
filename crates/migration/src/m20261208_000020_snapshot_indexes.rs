//! The snapshots' indexes, shaped so that an import writes its new entries together.
//!
//! Every snapshot of an import has the same moment (`observed_at`), but the unique key led with the
//! post: `(tenant_id, post_id, source, observed_at)`. A 100,000-row import so wrote 100,000 entries
//! at random places of its largest index (274 MB at the demo ×100), most of them on a page of their
//! own; on PostgreSQL each such page is also copied whole into the write-ahead log once after every
//! checkpoint. The key now leads with the moment, `(tenant_id, observed_at, source, post_id)`: an
//! import's entries lie side by side, and the key also serves what the index of `(tenant_id,
//! observed_at, source)` served (an import's snapshots of one moment, the newest moment), which is
//! dropped. A post's snapshots are found by the post alone (`post_id`): post ids are unique across
//! authorities, so the post is as selective as authority and post, and SQLite's foreign key from
//! snapshots to posts finds a deleted post's snapshots only by an index that leads with the post
//! (the old key, led by the authority, left it to search the whole table). On PostgreSQL it takes
//! 41 MB at the demo ×100 (each post is stored once with the list of its rows). Writing 100,000
//! snapshots at the demo ×100 took 0.86 s and 127 MB of log after a checkpoint, and takes 0.58 s
//! and 50 MB so (docs/benchmarks.md).

use sea_orm_migration::prelude::*;

use crate::build::run_batch;

/// The same statements on both backends; in one batch, so that SQLite's pooled connections
/// cannot disagree about which of the names exist.
const UP: [&str; 4] = [
    "CREATE UNIQUE INDEX ux_post_metrics_tenant_id_observed_at_source_post_id \
     ON post_metrics (tenant_id, observed_at, source, post_id)",
    "CREATE INDEX ix_post_metrics_post_id ON post_metrics (post_id)",
    "DROP INDEX IF EXISTS ux_post_metrics_tenant_id_post_id_source_observed_at",
    "DROP INDEX IF EXISTS ix_post_metrics_tenant_id_observed_at_source",
];

const DOWN: [&str; 4] = [
    "CREATE UNIQUE INDEX ux_post_metrics_tenant_id_post_id_source_observed_at \
     ON post_metrics (tenant_id, post_id, source, observed_at)",
    "CREATE INDEX ix_post_metrics_tenant_id_observed_at_source \
     ON post_metrics (tenant_id, observed_at, source)",
    "DROP INDEX IF EXISTS ux_post_metrics_tenant_id_observed_at_source_post_id",
    "DROP INDEX IF EXISTS ix_post_metrics_post_id",
];

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000020_snapshot_indexes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_batch(m, &UP).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_batch(m, &DOWN).await
    }
}
