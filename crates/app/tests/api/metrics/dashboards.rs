//! The dashboards' reads agree with a plain count over the posts and their figures, on both
//! backends (each reads its own way: SQLite one packed text, PostgreSQL rows, with the listed
//! people as one array parameter).

use amtfluencer::db::analytics::{self, Listed, Range};
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::privacy::{AggregateAccess, PersonAccess, Shown, Subject, Viewer};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::support::TestDb;

/// (posts, impressions, interactions) of the published posts of the range, by plain SQL.
async fn plain(db: &DatabaseConnection, range: Range, author: Option<i64>) -> (i64, i64, i64) {
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

async fn ids(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index(0).unwrap())
        .collect()
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
