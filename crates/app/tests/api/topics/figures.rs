//! The catalogue's figures against a plain count over the posts and their snapshots.

use amtfluencer::db;

use crate::calendar::{AMBASSADOR, tenant};
use crate::support::TestApp;

fn median<T: Copy + PartialOrd>(mut v: Vec<T>, mean: fn(T, T) -> T) -> Option<T> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        mean(v[mid - 1], v[mid])
    } else {
        v[mid]
    })
}

/// The catalogue's figures (counted by the database and read from the dashboards' facts) are
/// what a plain count over every post and the largest of its snapshots gives, including a
/// planned post, a post with new, higher figures and one whose publishing failed.
#[tokio::test]
async fn the_catalogue_figures_agree_with_a_count_over_the_posts_and_their_snapshots() {
    use sea_orm::ConnectionTrait;
    for app in TestApp::demo_all().await {
        let db = &app.tdb.db;
        let tid = tenant(&app).await;
        let sql = |s: &str| sea_orm::Statement::from_string(db.get_database_backend(), s);
        // A published post planned again, one that failed, one with higher figures.
        let ids: Vec<i64> = db
            .query_all_raw(sql(
                "SELECT id FROM posts WHERE status = 'published' AND topic_id IS NOT NULL \
                 ORDER BY id LIMIT 3",
            ))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index(0).unwrap())
            .collect();
        db.execute_raw(sql(&format!(
            "UPDATE posts SET status = 'scheduled', published_at = NULL WHERE id = {}",
            ids[0]
        )))
        .await
        .unwrap();
        db.execute_raw(sql(&format!(
            "UPDATE posts SET status = 'failed' WHERE id = {}",
            ids[1]
        )))
        .await
        .unwrap();
        crate::support::write_snapshots(
            db,
            tid,
            &[db::metrics::NewSnapshot {
                post_id: ids[2],
                observed_at: chrono::Utc::now(),
                source: "manual",
                import_id: None,
                figures: db::metrics::Figures {
                    impressions: 99_999,
                    members_reached: None,
                    reactions: 500,
                    comments: 20,
                    reposts: 5,
                    clicks: Some(70),
                },
            }],
        )
        .await;

        let rows = db
            .query_all_raw(sql(&format!(
                "SELECT p.topic_id, p.status, p.published_at, \
                        (SELECT MAX(m.impressions) FROM post_metrics m WHERE m.post_id = p.id), \
                        (SELECT MAX(m.reactions) + MAX(m.comments) + MAX(m.reposts) \
                                + COALESCE(MAX(m.clicks), 0) \
                         FROM post_metrics m WHERE m.post_id = p.id) \
                 FROM posts p WHERE p.tenant_id = {} AND p.topic_id IS NOT NULL",
                tid.0
            )))
            .await
            .unwrap();
        let mut expected: std::collections::HashMap<i64, db::topics::TopicStats> =
            Default::default();
        let mut samples: std::collections::HashMap<i64, (Vec<i64>, Vec<f64>)> = Default::default();
        for r in &rows {
            let topic: i64 = r.try_get_by_index(0).unwrap();
            let status: String = r.try_get_by_index(1).unwrap();
            let at: Option<chrono::DateTime<chrono::Utc>> = r.try_get_by_index(2).unwrap();
            let imp: Option<i64> = r.try_get_by_index(3).unwrap();
            let inter: Option<i64> = r.try_get_by_index(4).unwrap();
            let s = expected.entry(topic).or_default();
            match at {
                Some(at) if status == "published" => {
                    s.uses += 1;
                    s.last_used = s.last_used.max(Some(at));
                    if let Some(imp) = imp {
                        s.measured += 1;
                        let e = samples.entry(topic).or_default();
                        e.0.push(imp);
                        if imp > 0 {
                            e.1.push(100.0 * inter.unwrap() as f64 / imp as f64);
                        }
                    }
                }
                _ => s.planned += 1,
            }
        }
        for (topic, (imp, eng)) in samples {
            let s = expected.get_mut(&topic).unwrap();
            if s.measured >= db::topics::MIN_POSTS_FOR_FIGURES {
                s.median_impressions = median(imp, |a, b| (a + b) / 2).map(|m| m as u64);
                s.median_engagement = median(eng, |a, b| (a + b) / 2.0);
            }
        }
        let stats = db::topics::stats(db, tid).await.unwrap();
        assert!(expected.values().any(|s| s.planned > 0));
        assert!(expected.values().any(|s| s.median_engagement.is_some()));
        assert_eq!(stats, expected);

        // The ideas' facts: the topics a person wrote about, and the colleagues' uses.
        let me = crate::calendar::ambassador_id(&app, AMBASSADOR).await;
        let person = db::ambassadors::get(db, tid, me).await.unwrap().unwrap();
        let (mine, department) = db::topics::idea_facts(db, tid, me, &person.department)
            .await
            .unwrap();
        let rows = db
            .query_all_raw(sql(&format!(
                "SELECT p.topic_id, p.ambassador_id = {me}, a.department = '{}' \
                 FROM posts p JOIN ambassadors a ON a.id = p.ambassador_id \
                 WHERE p.tenant_id = {} AND p.topic_id IS NOT NULL",
                person.department.replace('\'', "''"),
                tid.0
            )))
            .await
            .unwrap();
        let mut want_mine = std::collections::HashSet::new();
        let mut want_department: std::collections::HashMap<i64, u32> = Default::default();
        for r in &rows {
            let topic: i64 = r.try_get_by_index(0).unwrap();
            if r.try_get_by_index::<bool>(1).unwrap() {
                want_mine.insert(topic);
            } else if r.try_get_by_index::<bool>(2).unwrap() {
                *want_department.entry(topic).or_default() += 1;
            }
        }
        assert!(!want_mine.is_empty() && !want_department.is_empty());
        assert_eq!(mine, want_mine);
        assert_eq!(department, want_department);
    }
}
