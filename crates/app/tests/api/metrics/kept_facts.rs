//! The dashboards bring the facts they keep up to date with what changed since they read them
//! (the migration `m20261207_000019_facts_changes`): after every kind of change the figures
//! they show are the figures a fresh read gives, on both backends, and a change committed by a
//! transaction that was already running when the facts were read is not missed.

use amtfluencer::db::analytics::{self, Range};
use amtfluencer::db::metrics::{self, NewSnapshot};
use amtfluencer::tenancy::TenantId;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use super::dashboards::{plain, seeded_year, shown, snapshot};
use crate::support::{TestDb, ids, write_snapshots};

/// What the dashboards show through the pool (kept facts brought up to date) against a read
/// inside a transaction (which reads the facts afresh and keeps nothing) and a plain count.
async fn agree(db: &DatabaseConnection, tenant: TenantId, range: Range, step: &str) -> (i64, i64) {
    let kept = shown(db, tenant, range).await;
    let txn = db.begin().await.unwrap();
    let fresh = shown(&txn, tenant, range).await;
    txn.rollback().await.unwrap();
    let (posts, impressions, _) = plain(db, range, None).await;
    assert_eq!(kept, fresh, "{step}");
    assert_eq!(kept, (posts, impressions), "{step}");
    kept
}

async fn exec(db: &DatabaseConnection, sql: String) {
    db.execute_unprepared(&sql).await.unwrap();
}

fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

#[tokio::test]
async fn kept_facts_follow_every_kind_of_change_on_both_backends() {
    for t in TestDb::all().await {
        let db = &t.db;
        let b = t.backend;
        let (tenant, range) = seeded_year(db).await;
        let step = |s: &str| format!("{b}: {s}");
        let start = agree(db, tenant, range, &step("first read")).await;
        let in_range = ids(
            db,
            &format!(
                "SELECT post_id FROM post_facts WHERE published_at >= '{}' ORDER BY post_id",
                range.from
            ),
        )
        .await;
        let (a, c, d, e) = (in_range[0], in_range[1], in_range[2], in_range[3]);

        // Behind the stamp's back: a fact written as if before the kept read (its change
        // number -1). The stamp changes, and what is kept is brought up to date with the
        // changes only, which do not include this one; a fresh read would show it. So the
        // kept facts are really followed, not read again.
        exec(
            db,
            format!("UPDATE post_facts SET impressions = 5, changed_in = -1 WHERE post_id = {a}"),
        )
        .await;
        assert_eq!(shown(db, tenant, range).await, start, "{b}");
        exec(db, format!("DELETE FROM post_metrics WHERE post_id = {a}")).await;
        metrics::figures::refresh(db, tenant, &[a]).await.unwrap();
        agree(db, tenant, range, &step("figures rebuilt")).await;

        write_snapshots(db, tenant, &[snapshot(c, 7_000_000)]).await;
        let raised = agree(db, tenant, range, &step("new figures")).await;
        assert!(raised.1 > start.1, "{b}");

        let batch: Vec<NewSnapshot> = in_range[4..40]
            .iter()
            .map(|p| snapshot(*p, 3_000_000))
            .collect();
        write_snapshots(db, tenant, &batch).await;
        agree(db, tenant, range, &step("an import's figures")).await;

        // A statement that forgets the change number: the database sets it.
        for table in ["post_figures", "post_facts"] {
            exec(
                db,
                format!("UPDATE {table} SET impressions = impressions + 7 WHERE post_id = {c}"),
            )
            .await;
        }
        agree(db, tenant, range, &step("a plain update")).await;

        // The posts' own changes reach the facts by triggers.
        let planned = ids(
            db,
            "SELECT MIN(id) FROM posts WHERE status <> 'published' AND published_at IS NULL",
        )
        .await[0];
        let yesterday = Utc::now() - Duration::days(1);
        exec(
            db,
            format!(
                "UPDATE posts SET status = 'published', published_at = '{}' WHERE id = {planned}",
                at(yesterday)
            ),
        )
        .await;
        let published = agree(db, tenant, range, &step("a post published")).await;
        assert_eq!(published.0, raised.0 + 1, "{b}");
        exec(
            db,
            format!(
                "UPDATE posts SET published_at = '{}' WHERE id = {d}",
                at(yesterday - Duration::days(3))
            ),
        )
        .await;
        agree(db, tenant, range, &step("a post moved within the period")).await;
        exec(
            db,
            format!(
                "UPDATE posts SET published_at = '{}' WHERE id = {e}",
                at(Utc::now() - Duration::days(800))
            ),
        )
        .await;
        let moved = agree(db, tenant, range, &step("a post moved out of the period")).await;
        assert_eq!(moved.0, published.0 - 1, "{b}");
        exec(
            db,
            format!("UPDATE posts SET status = 'draft', published_at = NULL WHERE id = {d}"),
        )
        .await;
        agree(db, tenant, range, &step("a post taken back")).await;
        exec(db, format!("DELETE FROM posts WHERE id = {c}")).await;
        let deleted = agree(db, tenant, range, &step("a post deleted")).await;
        assert_eq!(deleted.0, published.0 - 3, "{b}");

        metrics::figures::rebuild_all(db, tenant).await.unwrap();
        agree(db, tenant, range, &step("all figures rebuilt")).await;
    }
}

/// A transaction that wrote figures before the dashboards read the facts, and commits after:
/// its change is found next time, though it carries a number from before that read.
#[tokio::test]
async fn a_change_committed_after_the_read_but_begun_before_is_not_missed() {
    for t in TestDb::all().await {
        let db = &t.db;
        let b = t.backend;
        let (tenant, range) = seeded_year(db).await;
        let post = ids(
            db,
            &format!(
                "SELECT MIN(post_id) FROM post_facts WHERE published_at >= '{}'",
                range.from
            ),
        )
        .await[0];
        agree(db, tenant, range, b).await;
        let writer = db.begin().await.unwrap();
        metrics::insert_snapshot(&writer, tenant, &snapshot(post, 9_000_000))
            .await
            .unwrap();
        // Read (and kept) while the writer is open: without its change.
        let during = shown(db, tenant, range).await;
        writer.commit().await.unwrap();
        let after = agree(db, tenant, range, b).await;
        assert!(after.1 > during.1, "{b}");
    }
}

/// Records of deleted facts are kept for a day, then removed by the housekeeping.
#[tokio::test]
async fn records_of_deleted_facts_are_removed_after_a_day() {
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let b = t.backend;
        let count = || async { ids(db, "SELECT COUNT(*) FROM post_facts_gone").await[0] };
        let posts = ids(
            db,
            "SELECT post_id FROM post_facts ORDER BY post_id LIMIT 2",
        )
        .await;
        exec(
            db,
            format!("DELETE FROM posts WHERE id IN ({}, {})", posts[0], posts[1]),
        )
        .await;
        assert_eq!(count().await, 2, "{b}");
        exec(
            db,
            format!(
                "UPDATE post_facts_gone SET gone_at = gone_at - 90000 WHERE post_id = {}",
                posts[0]
            ),
        )
        .await;
        assert_eq!(analytics::purge_gone(db).await.unwrap(), 1, "{b}");
        assert_eq!(
            ids(db, "SELECT post_id FROM post_facts_gone").await,
            vec![posts[1]],
            "{b}"
        );
    }
}
