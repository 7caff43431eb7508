//! The migrations that changed how figures are stored can be undone and done again without
//! losing figures, and the database's own checks that replaced foreign keys hold on both
//! backends.

use amtfluencer::db::metrics;
use amtfluencer::tenancy::TenantId;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::{disagreements, scalar, seeded_postgres, snapshot};
use crate::support::{TestDb, write_snapshots};

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

/// A snapshot of the post with no figures, as old as its oldest one (so that it changes none
/// of the post's figures), written by plain SQL: the app's own writes need the latest schema,
/// and these tests check the database's own rules on an older one.
async fn insert_plain(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    posts: &[i64],
    import: Option<i64>,
) -> Result<(), sea_orm::DbErr> {
    let import = import.map_or("NULL".to_owned(), |i| i.to_string());
    let rows: Vec<String> = posts
        .iter()
        .map(|p| {
            format!(
                "({}, {p}, (SELECT MIN(observed_at) FROM post_metrics), 'manual', {import},                  0, 0, 0, 0)",
                tenant.0
            )
        })
        .collect();
    db.execute_unprepared(&format!(
        "INSERT INTO post_metrics (tenant_id, post_id, observed_at, source, import_id,          impressions, reactions, comments, reposts) VALUES {}",
        rows.join(", ")
    ))
    .await
    .map(|_| ())
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
            if round == 0 {
                let mut s = snapshot(post, 1, 777);
                s.import_id = Some(import);
                write_snapshots(db, tenant, &[s]).await;
            } else {
                insert_plain(db, tenant, &[post], Some(import))
                    .await
                    .unwrap();
            }
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
            let written = if round == 0 {
                metrics::insert_snapshots(
                    &txn,
                    tenant,
                    &[snapshot(kept, 0, 1), snapshot(gone, 0, 1)],
                )
                .await
            } else {
                insert_plain(&txn, tenant, &[kept, gone], None).await
            };
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
    let Some((t, tenant)) = seeded_postgres().await else {
        return;
    };
    let db = &t.db;
    let post = scalar(
        db,
        "SELECT MIN(f.post_id) FROM post_facts f JOIN post_figures g ON g.post_id = f.post_id",
    )
    .await;
    // Both tables as a running server has them, with the free room on each page that the
    // migration set: the seed's rebuild of every figure left its old versions on the pages,
    // which can only be cleared once no other transaction of the database (other tests run
    // at the same time) might still see them.
    db.execute_unprepared("VACUUM FULL post_figures, post_facts")
        .await
        .unwrap();
    let txn = db.begin().await.unwrap();
    metrics::insert_snapshot(&txn, tenant, &snapshot(post, 0, 50_000_000))
        .await
        .unwrap();
    let mut counts = Vec::new();
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
        counts.push((table, updated, in_place));
    }
    // Committed before asserting: an open transaction would keep the test's schema from
    // being dropped.
    txn.commit().await.unwrap();
    assert_eq!(
        counts,
        vec![("post_figures", 1, 1), ("post_facts", 1, 1)],
        "(table, rows updated, of them in place)"
    );
    assert_eq!(
        scalar(
            db,
            &format!("SELECT impressions FROM post_facts WHERE post_id = {post}")
        )
        .await,
        50_000_000
    );
}
