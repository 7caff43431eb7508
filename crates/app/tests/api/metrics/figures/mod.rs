//! `post_figures`, each post's latest figures, stays what the snapshots say: after the demo's
//! bulk seed, after single writes and corrections, and after a large import's bulk writes.

use amtfluencer::db::metrics::{self, Figures, NewSnapshot, figures};
use amtfluencer::tenancy::TenantId;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use crate::support::{TestDb, scalar, write_snapshots};

mod deletion;
mod migrations;

/// Posts whose row differs from the largest of their snapshots, or that have one without the
/// other, or whose dashboard facts differ from the post and its figures (a published post
/// without facts, facts of a post that is not published).
async fn disagreements(db: &DatabaseConnection) -> i64 {
    scalar(
        db,
        "SELECT COUNT(*) FROM (SELECT post_id, MAX(impressions) AS i, MAX(reactions) AS r, \
         MAX(comments) AS c, MAX(reposts) AS s, MAX(observed_at) AS o FROM post_metrics \
         GROUP BY post_id) m FULL OUTER JOIN post_figures f ON f.post_id = m.post_id \
         WHERE f.post_id IS NULL OR m.post_id IS NULL OR f.impressions <> m.i \
         OR f.reactions <> m.r OR f.comments <> m.c OR f.reposts <> m.s OR f.observed_at <> m.o",
    )
    .await
        + scalar(
            db,
            "SELECT COUNT(*) FROM posts p LEFT JOIN post_figures f ON f.post_id = p.id \
             FULL OUTER JOIN post_facts x ON x.post_id = p.id \
             WHERE (p.status = 'published' AND p.published_at IS NOT NULL) \
                   <> (x.post_id IS NOT NULL) \
             OR x.tenant_id <> p.tenant_id OR x.published_at <> p.published_at \
             OR x.ambassador_id <> p.ambassador_id \
             OR (x.post_id IS NOT NULL AND (COALESCE(x.topic_id, -1) <> COALESCE(p.topic_id, -1) \
                 OR COALESCE(x.impressions, -1) <> \
                 COALESCE(f.impressions, -1) OR COALESCE(x.interactions, -1) <> \
                 COALESCE(f.reactions + f.comments + f.reposts + COALESCE(f.clicks, 0), -1)))",
        )
        .await
}

async fn impressions_of(db: &DatabaseConnection, post: i64) -> i64 {
    scalar(
        db,
        &format!("SELECT impressions FROM post_figures WHERE post_id = {post}"),
    )
    .await
}

/// The demo on PostgreSQL and its authority, or `None` (and a note) without a server.
async fn seeded_postgres() -> Option<(TestDb, TenantId)> {
    let Some(t) = TestDb::postgres().await else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return None;
    };
    amtfluencer::demo::seed(&t.db, 1).await.unwrap();
    let tenant = TenantId(scalar(&t.db, "SELECT id FROM tenants").await);
    Some((t, tenant))
}

fn snapshot(post_id: i64, days_ago: i64, impressions: i64) -> NewSnapshot {
    NewSnapshot {
        post_id,
        observed_at: Utc::now() - Duration::days(days_ago),
        source: "manual",
        import_id: None,
        figures: Figures {
            impressions,
            reactions: 5,
            ..Figures::default()
        },
    }
}

#[tokio::test]
async fn every_post_has_the_largest_figures_of_its_snapshots_after_the_demo() {
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let posts = scalar(&t.db, "SELECT COUNT(DISTINCT post_id) FROM post_metrics").await;
        assert!(posts > 100, "{}", t.backend);
        assert_eq!(
            scalar(&t.db, "SELECT COUNT(*) FROM post_figures").await,
            posts,
            "{}",
            t.backend
        );
        assert_eq!(disagreements(&t.db).await, 0, "{}", t.backend);

        // Rebuilt from scratch (as the migration does for stored figures), the same.
        t.db.execute_unprepared("DELETE FROM post_figures")
            .await
            .unwrap();
        let tenant = TenantId(scalar(&t.db, "SELECT id FROM tenants").await);
        figures::rebuild_all(&t.db, tenant).await.unwrap();
        assert_eq!(disagreements(&t.db).await, 0, "{}", t.backend);
    }
}

#[tokio::test]
async fn a_new_snapshot_raises_the_figures_and_a_correction_lowers_them_again() {
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let tenant = TenantId(scalar(db, "SELECT id FROM tenants").await);
        let post = scalar(db, "SELECT MIN(post_id) FROM post_figures").await;
        let before = impressions_of(db, post).await;

        // A smaller figure observed later does not lower what the post reached.
        write_snapshots(db, tenant, &[snapshot(post, 1, 1)]).await;
        assert_eq!(impressions_of(db, post).await, before, "{}", t.backend);

        let huge = before + 1_000_000;
        write_snapshots(db, tenant, &[snapshot(post, 2, huge)]).await;
        assert_eq!(impressions_of(db, post).await, huge, "{}", t.backend);

        // Correcting that snapshot (a typo in a manual entry) brings the old figures back.
        let id = scalar(
            db,
            &format!("SELECT id FROM post_metrics WHERE post_id = {post} AND impressions = {huge}"),
        )
        .await;
        let corrected = Figures {
            impressions: 3,
            ..Figures::default()
        };
        metrics::update_snapshot(db, tenant, id, None, &corrected)
            .await
            .unwrap();
        assert_eq!(impressions_of(db, post).await, before, "{}", t.backend);

        // Replaced in bulk (as a re-import does), the same rule.
        let other = scalar(db, "SELECT MAX(post_id) FROM post_figures").await;
        let txn = db.begin().await.unwrap();
        metrics::replace_snapshots(
            &txn,
            tenant,
            &[id],
            &[snapshot(post, 2, huge + 1), snapshot(other, 2, huge + 2)],
        )
        .await
        .unwrap();
        txn.commit().await.unwrap();
        assert_eq!(impressions_of(db, post).await, huge + 1, "{}", t.backend);
        assert_eq!(impressions_of(db, other).await, huge + 2, "{}", t.backend);
        assert_eq!(disagreements(db).await, 0, "{}", t.backend);
    }
}

/// The dashboards' facts follow the posts whatever changes them (they are kept by triggers):
/// a post withdrawn leaves them, published again it returns with its figures, a new topic
/// or date is taken over, and a post published for the first time joins them.
#[tokio::test]
async fn the_dashboard_facts_follow_a_post_withdrawn_published_and_moved() {
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let facts_of =
            |post: i64| format!("SELECT COUNT(*) FROM post_facts WHERE post_id = {post}");
        let post = scalar(db, "SELECT MIN(post_id) FROM post_figures").await;
        let exec = |sql: String| async move { db.execute_unprepared(&sql).await.unwrap() };

        exec(format!(
            "UPDATE posts SET status = 'draft' WHERE id = {post}"
        ))
        .await;
        assert_eq!(scalar(db, &facts_of(post)).await, 0, "{}", t.backend);
        assert_eq!(disagreements(db).await, 0, "{}", t.backend);

        exec(format!(
            "UPDATE posts SET status = 'published' WHERE id = {post}"
        ))
        .await;
        assert_eq!(scalar(db, &facts_of(post)).await, 1, "{}", t.backend);
        assert_eq!(
            scalar(
                db,
                &format!("SELECT impressions FROM post_facts WHERE post_id = {post}")
            )
            .await,
            impressions_of(db, post).await,
            "{}",
            t.backend
        );

        exec(format!(
            "UPDATE posts SET topic_id = NULL, published_at = '2026-01-05T09:00:00+00:00' \
             WHERE id = {post}"
        ))
        .await;
        assert_eq!(disagreements(db).await, 0, "{}", t.backend);

        let planned = scalar(db, "SELECT MIN(id) FROM posts WHERE status <> 'published'").await;
        exec(format!(
            "UPDATE posts SET status = 'published', \
             published_at = '2026-01-06T09:00:00+00:00' WHERE id = {planned}"
        ))
        .await;
        assert_eq!(scalar(db, &facts_of(planned)).await, 1, "{}", t.backend);
        assert_eq!(disagreements(db).await, 0, "{}", t.backend);

        exec(format!("DELETE FROM posts WHERE id = {planned}")).await;
        assert_eq!(scalar(db, &facts_of(planned)).await, 0, "{}", t.backend);
    }
}
