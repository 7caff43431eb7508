//! The dashboards' reads agree with a plain count over the posts and their figures, on both
//! backends (each reads its own way: SQLite one packed text, PostgreSQL rows), also when they
//! answer from the facts they kept from an earlier request.

use amtfluencer::db::analytics::{self, Listed, Range};
use amtfluencer::db::metrics::{Figures, NewSnapshot};
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::privacy::{AggregateAccess, PersonAccess, Shown, Subject, Viewer};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::support::{TestDb, ids, write_snapshots};

/// (posts, impressions, interactions) of the published posts of the range, by plain SQL.
pub(super) async fn plain(
    db: &DatabaseConnection,
    range: Range,
    author: Option<i64>,
) -> (i64, i64, i64) {
    let author = author.map_or(String::new(), |a| format!(" AND p.ambassador_id = {a}"));
    let sql = format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(f.impressions), 0) AS BIGINT), \
         CAST(COALESCE(SUM(f.reactions + f.comments + f.reposts + COALESCE(f.clicks, 0)), 0) \
         AS BIGINT) FROM posts p LEFT JOIN post_figures f ON f.post_id = p.id \
         WHERE p.status = 'published' AND p.published_at >= '{}' AND p.published_at < '{}'{author}",
        range.from,
        range.to + Duration::days(1),
    );
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    (
        row.try_get_by_index(0).unwrap(),
        row.try_get_by_index(1).unwrap(),
        row.try_get_by_index(2).unwrap(),
    )
}

#[tokio::test]
async fn the_dashboards_count_what_a_plain_query_counts_on_both_backends() {
    for t in TestDb::all().await {
        amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        let db = &t.db;
        let tenant = TenantId(ids(db, "SELECT id FROM tenants").await[0]);
        let today = Utc::now().date_naive();
        for range in [
            Range {
                from: today - Duration::days(365),
                to: today,
            },
            // A period without any post.
            Range {
                from: today + Duration::days(400),
                to: today + Duration::days(430),
            },
        ] {
            let access = AggregateAccess::check(Role::Admin).unwrap();
            let programme = analytics::programme(db, tenant, &access, range)
                .await
                .unwrap();
            let (posts, impressions, interactions) = plain(db, range, None).await;
            match programme.total {
                Shown::Value(g) => {
                    assert!(posts > 0, "{}", t.backend);
                    assert_eq!(
                        (g.posts as i64, g.impressions, g.interactions),
                        (posts, impressions, interactions),
                        "{}",
                        t.backend
                    );
                }
                Shown::Suppressed { people } => {
                    assert_eq!((posts, people), (0, 0), "{}", t.backend);
                }
            }

            // Some people of the authority (every second one), each counted on their own.
            let team = Viewer {
                role: Role::Admin,
                ambassador_id: None,
            };
            let listed: Vec<Listed> = ids(db, "SELECT id FROM ambassadors ORDER BY id")
                .await
                .into_iter()
                .step_by(2)
                .map(|id| Listed {
                    access: PersonAccess::check(
                        &team,
                        &Subject {
                            ambassador_id: id,
                            shares_with_team: true,
                        },
                    )
                    .unwrap(),
                    name: format!("Person {id}"),
                })
                .collect();
            assert!(listed.len() > 3, "{}", t.backend);
            let people = analytics::people(db, tenant, &listed, range).await.unwrap();
            assert_eq!(people.len(), listed.len());
            let mut posted = 0;
            for p in &people {
                let (posts, impressions, interactions) =
                    plain(db, range, Some(p.ambassador_id)).await;
                posted += posts;
                assert_eq!(
                    (
                        p.stats.posts as i64,
                        p.stats.impressions,
                        p.stats.interactions
                    ),
                    (posts, impressions, interactions),
                    "{} person {}",
                    t.backend,
                    p.ambassador_id
                );
            }
            if range.from <= today {
                assert!(posted > 0, "{}", t.backend);
            }
        }
    }
}

/// New figures of a post, observed now.
pub(super) fn snapshot(post_id: i64, impressions: i64) -> NewSnapshot {
    NewSnapshot {
        post_id,
        observed_at: Utc::now(),
        source: "manual",
        import_id: None,
        figures: Figures {
            impressions,
            ..Figures::default()
        },
    }
}

/// Seeds the demo authority and gives it with the twelve months up to today.
pub(super) async fn seeded_year(db: &DatabaseConnection) -> (TenantId, Range) {
    amtfluencer::demo::seed(db, 1).await.unwrap();
    let tenant = TenantId(ids(db, "SELECT id FROM tenants").await[0]);
    let today = Utc::now().date_naive();
    let range = Range {
        from: today - Duration::days(365),
        to: today,
    };
    (tenant, range)
}

/// The authority's stamp of its dashboard facts.
async fn stamp(db: &impl ConnectionTrait, tenant: TenantId) -> i64 {
    let sql = format!(
        "SELECT version FROM facts_versions WHERE tenant_id = {}",
        tenant.0
    );
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap()
}

/// (posts, impressions) of the programme total, as the dashboard shows it.
pub(super) async fn shown(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    range: Range,
) -> (i64, i64) {
    let access = AggregateAccess::check(Role::Admin).unwrap();
    match analytics::programme(db, tenant, &access, range)
        .await
        .unwrap()
        .total
    {
        Shown::Value(g) => (g.posts as i64, g.impressions),
        Shown::Suppressed { .. } => panic!("the demo's programme is large enough to be shown"),
    }
}

/// The dashboards keep the facts of a period between requests; every change of the facts,
/// however it is made, shows on the next request, and a change that was rolled back does not.
#[tokio::test]
async fn the_dashboards_show_every_change_of_the_facts_at_once_on_both_backends() {
    use amtfluencer::db::metrics;
    use sea_orm::TransactionTrait;
    for t in TestDb::all().await {
        let db = &t.db;
        let b = t.backend;
        let (tenant, range) = seeded_year(db).await;
        let expected = |(posts, impressions, _): (i64, i64, i64)| (posts, impressions);
        let before = shown(db, tenant, range).await;
        assert_eq!(before, expected(plain(db, range, None).await), "{b}");
        // Asked again without a change: the same (now from the kept facts).
        assert_eq!(shown(db, tenant, range).await, before, "{b}");

        // New figures for a post of the period.
        let post = ids(
            db,
            &format!(
                "SELECT post_id FROM post_facts WHERE published_at >= '{}' \
                 ORDER BY post_id LIMIT 1",
                range.from
            ),
        )
        .await[0];
        let snapshot = |impressions| snapshot(post, impressions);
        let stamped = stamp(db, tenant).await;
        write_snapshots(db, tenant, &[snapshot(10_000_000)]).await;
        assert_ne!(stamp(db, tenant).await, stamped, "{b}");
        let raised = shown(db, tenant, range).await;
        assert_eq!(raised, expected(plain(db, range, None).await), "{b}");
        assert!(raised.1 > before.1, "{b}");

        // A post published, then deleted: by statements on the posts, not on the facts.
        let planned = ids(
            db,
            "SELECT MIN(id) FROM posts WHERE status <> 'published' AND published_at IS NULL",
        )
        .await[0];
        let yesterday = Utc::now() - Duration::days(1);
        let exec = |sql: String| async move {
            db.execute_unprepared(&sql).await.unwrap();
        };
        exec(format!(
            "UPDATE posts SET status = 'published', published_at = '{}' WHERE id = {planned}",
            yesterday.to_rfc3339()
        ))
        .await;
        assert_eq!(shown(db, tenant, range).await.0, raised.0 + 1, "{b}");
        exec(format!("DELETE FROM posts WHERE id = {planned}")).await;
        assert_eq!(shown(db, tenant, range).await, raised, "{b}");

        // Figures written and read inside a transaction that is then rolled back.
        let stamped = stamp(db, tenant).await;
        let txn = db.begin().await.unwrap();
        metrics::insert_snapshot(&txn, tenant, &snapshot(20_000_000))
            .await
            .unwrap();
        let inside = shown(&txn, tenant, range).await;
        assert!(inside.1 > raised.1, "{b}");
        txn.rollback().await.unwrap();
        assert_eq!(stamp(db, tenant).await, stamped, "{b}");
        assert_eq!(shown(db, tenant, range).await, raised, "{b}");

        // Figures written, read, and written again inside one transaction that commits: what
        // was read in between is not taken for the committed state.
        let txn = db.begin().await.unwrap();
        metrics::insert_snapshot(&txn, tenant, &snapshot(30_000_000))
            .await
            .unwrap();
        let between = shown(&txn, tenant, range).await;
        let first_stamp = stamp(&txn, tenant).await;
        metrics::insert_snapshot(&txn, tenant, &snapshot(40_000_000))
            .await
            .unwrap();
        if b == "postgres" {
            // One stamp per transaction: a transaction writing thousands of facts one
            // statement at a time must not pile up versions of the stamp's row.
            assert_eq!(stamp(&txn, tenant).await, first_stamp);
        }
        txn.commit().await.unwrap();
        let committed = shown(db, tenant, range).await;
        assert_eq!(committed, expected(plain(db, range, None).await), "{b}");
        assert_eq!(committed.1, between.1 + 10_000_000, "{b}");
        let raised = committed;

        // The page effect counts the same posts per day.
        let access = AggregateAccess::check(Role::Admin).unwrap();
        let effect = analytics::page_effect(db, tenant, &access, range)
            .await
            .unwrap();
        let per_day: i64 = effect.days.iter().map(|d| d.posts).sum();
        assert_eq!(per_day, raised.0, "{b}");
    }
}

/// An authority whose facts were last written before the stamp recorded its transaction
/// (`m20261207_000017_facts_stamp_once`) still has its facts kept: a change made behind the
/// stamp's back shows only once that fact is written again, so the kept facts are really used.
#[tokio::test]
async fn facts_are_kept_under_a_stamp_from_before_it_named_its_transaction() {
    let Some(t) = TestDb::postgres().await else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let db = &t.db;
    let (tenant, range) = seeded_year(db).await;
    db.execute_unprepared("UPDATE facts_versions SET stamped_in = NULL")
        .await
        .unwrap();
    let kept = shown(db, tenant, range).await;
    // Triggers off for this one connection: the stamp does not see the change.
    db.execute_unprepared(&format!(
        "SET session_replication_role = replica; \
         UPDATE post_facts SET impressions = impressions + 1000 WHERE post_id = \
           (SELECT MIN(post_id) FROM post_facts WHERE published_at >= '{}' \
            AND impressions IS NOT NULL); \
         SET session_replication_role = DEFAULT",
        range.from
    ))
    .await
    .unwrap();
    assert_eq!(shown(db, tenant, range).await, kept);
    // The same fact written again with the triggers on: a new stamp, and the change found.
    db.execute_unprepared(&format!(
        "UPDATE post_facts SET changed_in = txid_current() WHERE post_id = \
           (SELECT MIN(post_id) FROM post_facts WHERE published_at >= '{}' \
            AND impressions IS NOT NULL)",
        range.from
    ))
    .await
    .unwrap();
    assert_eq!(shown(db, tenant, range).await, (kept.0, kept.1 + 1000));
}
