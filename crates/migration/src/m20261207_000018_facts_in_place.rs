//! PostgreSQL: an import's figures are written into the posts' figure rows and facts in
//! place, without new index entries.
//!
//! PostgreSQL writes every changed row as a new version. When no indexed column changes and
//! the new version fits on the same page, it is a "heap-only" update: no index is touched.
//! Neither held here: the dashboards' facts had one index that covered the figures too (so
//! every new figure was a new entry in it), and both `post_facts` and `post_figures` filled
//! their pages completely (so the new version went to another page, with a new entry in every
//! index). Writing the figures of 100,000 posts took 1.3–1.5 s for each of the two tables on
//! the demo ×100; in place, 0.7 s each (docs/benchmarks.md).
//!
//! So `post_facts` is found by authority and date alone (the period's rows lie together: the
//! table is ordered by that index once here, and facts are written as posts are published),
//! and both tables leave 30 % of each page free for the next versions of its rows. Reading a
//! period of 26,000 facts took 8–10 ms from the covering index and takes 6–9 ms so.
//!
//! SQLite keeps the covering index: it has no such updates, and reads the period from the
//! index alone.

use sea_orm_migration::prelude::*;

const UP: [&str; 7] = [
    "CREATE INDEX ix_post_facts_published ON post_facts (tenant_id, published_at)",
    "DROP INDEX IF EXISTS ix_post_facts_period",
    "ALTER TABLE post_facts SET (fillfactor = 70)",
    "ALTER TABLE post_figures SET (fillfactor = 70)",
    // Rewritten, so that the free space is there for the rows already stored.
    "CLUSTER post_facts USING ix_post_facts_published",
    "CLUSTER post_figures USING post_figures_pkey",
    "ANALYZE post_facts, post_figures",
];

const DOWN: [&str; 4] = [
    "CREATE INDEX ix_post_facts_period ON post_facts \
     (tenant_id, published_at, ambassador_id, topic_id, impressions, interactions, post_id)",
    "DROP INDEX IF EXISTS ix_post_facts_published",
    "ALTER TABLE post_facts RESET (fillfactor)",
    "ALTER TABLE post_figures RESET (fillfactor)",
];

crate::build::postgres_only!("m20261207_000018_facts_in_place", UP, DOWN);
