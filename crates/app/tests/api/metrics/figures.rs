//! `post_figures`, each post's latest figures, stays what the snapshots say: after the demo's
//! bulk seed, after single writes and corrections, and after a large import's bulk writes.

use amtfluencer::db::metrics::{self, Figures, NewSnapshot, figures};
use amtfluencer::tenancy::TenantId;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::support::TestDb;

/// Undoes the named migration and every one after it.
async fn undo_from(db: &DatabaseConnection, name: &str) {
    use amtfluencer_migration::{Migrator, MigratorTrait};
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let at = names
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("no migration {name}"));
    let steps = u32::try_from(names.len() - at).unwrap();
    Migrator::down(db, Some(steps)).await.unwrap();
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
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
        metrics::insert_snapshot(db, tenant, &snapshot(post, 1, 1))
            .await
            .unwrap();
        assert_eq!(impressions_of(db, post).await, before, "{}", t.backend);

        let huge = before + 1_000_000;
        metrics::insert_snapshot(db, tenant, &snapshot(post, 2, huge))
            .await
            .unwrap();
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
        metrics::replace_snapshots(
            db,
            tenant,
            &[id],
            &[snapshot(post, 2, huge + 1), snapshot(other, 2, huge + 2)],
        )
        .await
        .unwrap();
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

/// The migration that moved the dashboards' figures off the posts can be undone (they return
/// to the posts) and done again, with the facts as before.
#[tokio::test]
async fn the_facts_migration_is_undone_and_redone_without_losing_figures() {
    use amtfluencer_migration::{Migrator, MigratorTrait};
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let total = "SELECT CAST(COALESCE(SUM(impressions), 0) AS BIGINT) FROM post_facts";
        let before = scalar(db, total).await;
        assert!(before > 0, "{}", t.backend);

        undo_from(db, "m20261207_000013_post_facts").await;
        assert_eq!(
            scalar(
                db,
                "SELECT CAST(COALESCE(SUM(figures_impressions), 0) AS BIGINT) FROM posts \
                 WHERE status = 'published'"
            )
            .await,
            before,
            "{}",
            t.backend
        );

        Migrator::up(db, None).await.unwrap();
        assert_eq!(scalar(db, total).await, before, "{}", t.backend);
        assert_eq!(disagreements(db).await, 0, "{}", t.backend);
        // Every authority has the stamp of its facts again.
        assert_eq!(
            scalar(db, "SELECT COUNT(*) FROM facts_versions").await,
            scalar(db, "SELECT COUNT(*) FROM tenants").await,
            "{}",
            t.backend
        );
    }
}

/// A snapshot's import: written with the import, forgotten (not deleted) when the import is
/// deleted, on PostgreSQL by a trigger instead of the row-by-row foreign key, and again by the
/// key after that migration is undone.
#[tokio::test]
async fn deleting_an_import_keeps_its_snapshots_and_forgets_the_import() {
    use amtfluencer_migration::{Migrator, MigratorTrait};
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let tenant = TenantId(scalar(db, "SELECT id FROM tenants").await);
        let user = scalar(db, "SELECT MIN(id) FROM users").await;
        let post = scalar(db, "SELECT MIN(post_id) FROM post_metrics").await;
        let key = |name: &str| {
            format!(
                "SELECT COUNT(*) FROM pg_constraint WHERE conname = '{name}' \
                 AND conrelid = 'post_metrics'::regclass"
            )
        };
        for (round, hash) in ["a", "b"].into_iter().enumerate() {
            let import = metrics::insert_import(
                db,
                tenant,
                metrics::NewImport {
                    kind: "page_content",
                    file_name: "export.xlsx",
                    file_hash: hash,
                    uploaded_by: user,
                    imported: 1,
                    updated: 0,
                    skipped: 0,
                    report: "[]".into(),
                    covers: None,
                },
            )
            .await
            .unwrap();
            let mut s = snapshot(post, 1 + i64::try_from(round).unwrap(), 777);
            s.import_id = Some(import);
            metrics::insert_snapshot(db, tenant, &s).await.unwrap();
            let of_import = format!("SELECT COUNT(*) FROM post_metrics WHERE import_id = {import}");
            let total = scalar(db, "SELECT COUNT(*) FROM post_metrics").await;
            assert_eq!(scalar(db, &of_import).await, 1, "{}", t.backend);

            db.execute_unprepared(&format!("DELETE FROM imports WHERE id = {import}"))
                .await
                .unwrap();
            assert_eq!(scalar(db, &of_import).await, 0, "{}", t.backend);
            assert_eq!(
                scalar(db, "SELECT COUNT(*) FROM post_metrics").await,
                total,
                "{}",
                t.backend
            );

            if t.backend == "postgres" {
                let expected = i64::from(round == 1);
                let fk = scalar(db, &key("fk_post_metrics_import_id")).await;
                assert_eq!(fk, expected, "round {round}");
            }
            if round == 0 {
                undo_from(db, "m20261207_000014_snapshot_import_key").await;
            }
        }
        Migrator::up(db, None).await.unwrap();
        assert_eq!(disagreements(db).await, 0, "{}", t.backend);
    }
}

/// A snapshot needs its post: figures of a post that is gone are refused with nothing written
/// (on PostgreSQL by one check per statement instead of the row-by-row foreign key, and again
/// by the key after that migration is undone), and deleting a post takes its snapshots along.
#[tokio::test]
async fn figures_of_a_post_that_is_gone_are_refused_and_a_deleted_post_takes_its_snapshots() {
    use amtfluencer_migration::{Migrator, MigratorTrait};
    use sea_orm::TransactionTrait;
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let b = t.backend;
        let tenant = TenantId(scalar(db, "SELECT id FROM tenants").await);
        let key = "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'fk_post_metrics_post_id' \
                   AND conrelid = 'post_metrics'::regclass";
        let snapshots_of =
            |post: i64| format!("SELECT COUNT(*) FROM post_metrics WHERE post_id = {post}");
        let gone = scalar(db, "SELECT MAX(id) + 1000 FROM posts").await;
        for round in 0..2 {
            let kept = scalar(db, "SELECT MIN(post_id) FROM post_metrics").await;
            let deleted = scalar(db, "SELECT MAX(post_id) FROM post_metrics").await;
            let before = scalar(db, &snapshots_of(kept)).await;

            let txn = db.begin().await.unwrap();
            let written = metrics::insert_snapshots(
                &txn,
                tenant,
                &[snapshot(kept, 0, 1), snapshot(gone, 0, 1)],
            )
            .await;
            assert!(written.is_err(), "{b} round {round}");
            txn.rollback().await.unwrap();
            assert_eq!(scalar(db, &snapshots_of(kept)).await, before, "{b}");
            assert_eq!(scalar(db, &snapshots_of(gone)).await, 0, "{b}");

            assert!(scalar(db, &snapshots_of(deleted)).await > 0, "{b}");
            db.execute_unprepared(&format!("DELETE FROM posts WHERE id = {deleted}"))
                .await
                .unwrap();
            assert_eq!(
                scalar(db, &snapshots_of(deleted)).await,
                0,
                "{b} round {round}"
            );

            if b == "postgres" {
                assert_eq!(scalar(db, key).await, round, "round {round}");
            }
            if round == 0 {
                undo_from(db, "m20261207_000016_snapshot_post_key").await;
            }
        }
        Migrator::up(db, None).await.unwrap();
        assert_eq!(disagreements(db).await, 0, "{b}");
    }
}

/// On PostgreSQL new figures are written into the post's figure row and dashboard facts in
/// place, without new index entries (migration `m20261207_000018_facts_in_place`): what makes
/// the write of a large import affordable there.
#[tokio::test]
async fn new_figures_are_written_in_place_on_postgres() {
    use sea_orm::TransactionTrait;
    let Some(t) = TestDb::postgres().await else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    amtfluencer::demo::seed(&t.db, 1).await.unwrap();
    let db = &t.db;
    let tenant = TenantId(scalar(db, "SELECT id FROM tenants").await);
    let post = scalar(
        db,
        "SELECT MIN(f.post_id) FROM post_facts f JOIN post_figures g ON g.post_id = f.post_id",
    )
    .await;
    let txn = db.begin().await.unwrap();
    metrics::insert_snapshot(&txn, tenant, &snapshot(post, 0, 50_000_000))
        .await
        .unwrap();
    for table in ["post_figures", "post_facts"] {
        let row = txn
            .query_one_raw(sea_orm::Statement::from_string(
                txn.get_database_backend(),
                format!(
                    "SELECT pg_stat_get_xact_tuples_updated('{table}'::regclass), \
                     pg_stat_get_xact_tuples_hot_updated('{table}'::regclass)"
                ),
            ))
            .await
            .unwrap()
            .unwrap();
        let updated: i64 = row.try_get_by_index(0).unwrap();
        let in_place: i64 = row.try_get_by_index(1).unwrap();
        assert_eq!((updated, in_place), (1, 1), "{table}");
    }
    txn.commit().await.unwrap();
    assert_eq!(
        scalar(
            db,
            &format!("SELECT impressions FROM post_facts WHERE post_id = {post}")
        )
        .await,
        50_000_000
    );
}
