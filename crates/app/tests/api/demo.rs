//! The demo authority: its shape, its determinism, and that it is seeded once.

use crate::support::{TestDb, scalar};

#[tokio::test]
async fn the_demo_has_the_shape_the_programme_needs() {
    for t in TestDb::all().await {
        let r = amtfluencer::demo::seed(&t.db, 1).await.unwrap();
        assert!(!r.skipped);
        let db = &t.db;
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM ambassadors").await, 18);
        assert_eq!(
            scalar(
                db,
                "SELECT COUNT(*) FROM ambassadors WHERE track = 'apprentice'"
            )
            .await,
            2
        );
        assert_eq!(
            scalar(
                db,
                "SELECT COUNT(*) FROM ambassadors WHERE track = 'working_student'"
            )
            .await,
            1
        );
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM topics").await, 40);
        assert_eq!(
            scalar(db, "SELECT COUNT(*) FROM ambassadors a WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.ambassador_id = a.id AND p.status = 'published')").await,
            3,
            "three ambassadors never posted"
        );
        assert!(scalar(db, "SELECT COUNT(*) FROM candidates").await >= 10);
        assert!(scalar(db, "SELECT COUNT(*) FROM attendance WHERE attended = TRUE").await > 50);
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM costs").await, 6);
        assert!(
            scalar(db, "SELECT COUNT(*) FROM page_metrics").await >= 180,
            "the page's follower history"
        );
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM cohorts").await, 2);
        let users = scalar(db, "SELECT COUNT(*) FROM users").await;
        assert_eq!(
            users,
            18 + 4,
            "one login per ambassador, admin, leadership, council, operator"
        );
        // Six months of posts inside the pilot, on weekdays.
        let posts = scalar(db, "SELECT COUNT(*) FROM posts WHERE status = 'published'").await;
        assert!((120..400).contains(&posts), "{posts}");
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM posts WHERE status = 'published' AND published_at < '2026-02-01'").await, 0);
        // Plans for the coming weeks, none of them on its way out: demo people have no
        // connected account, so a scheduled post would only fail at its minute.
        assert!(scalar(db, "SELECT COUNT(*) FROM posts WHERE status IN ('draft', 'idea') AND scheduled_at IS NOT NULL").await > 0);
        assert_eq!(
            scalar(
                db,
                "SELECT COUNT(*) FROM posts p WHERE p.status = 'scheduled' AND NOT EXISTS \
                 (SELECT 1 FROM channel_accounts c WHERE c.ambassador_id = p.ambassador_id \
                 AND c.channel = p.channel AND c.status = 'connected')"
            )
            .await,
            0,
            "no scheduled post without a connection to publish it"
        );
        assert!(r.snapshots >= posts as usize * 20 - 1);
    }
}

#[tokio::test]
async fn construction_topics_perform_best_in_the_demo() {
    let t = TestDb::sqlite().await;
    amtfluencer::demo::seed(&t.db, 1).await.unwrap();
    let avg = |cat: &str| {
        format!(
            "SELECT CAST(AVG(m.impressions) AS INTEGER) FROM post_metrics m JOIN posts p ON p.id = m.post_id \
             JOIN topics t ON t.id = p.topic_id WHERE m.observed_at >= '2026' AND t.category {cat} \
             AND m.observed_at = (SELECT MAX(observed_at) FROM post_metrics x WHERE x.post_id = p.id)"
        )
    };
    let construction = scalar(&t.db, &avg("= 'Bauen'")).await;
    let other = scalar(&t.db, &avg("<> 'Bauen'")).await;
    assert!(
        construction > other * 3 / 2,
        "construction {construction} vs other {other}"
    );
}

#[tokio::test]
async fn the_demo_is_deterministic_and_seeded_only_once() {
    let (a, b) = (TestDb::sqlite().await, TestDb::sqlite().await);
    amtfluencer::demo::seed(&a.db, 1).await.unwrap();
    amtfluencer::demo::seed(&b.db, 1).await.unwrap();
    let digest = "SELECT COUNT(*) * 1000000 + SUM(LENGTH(body)) + SUM(ambassador_id * 7 + COALESCE(topic_id, 0)) FROM posts";
    assert_eq!(scalar(&a.db, digest).await, scalar(&b.db, digest).await);
    let impressions = "SELECT SUM(impressions) FROM post_metrics";
    assert_eq!(
        scalar(&a.db, impressions).await,
        scalar(&b.db, impressions).await
    );

    let before = scalar(&a.db, "SELECT COUNT(*) FROM posts").await;
    let again = amtfluencer::demo::seed(&a.db, 1).await.unwrap();
    assert!(again.skipped);
    assert_eq!(scalar(&a.db, "SELECT COUNT(*) FROM posts").await, before);
}

#[tokio::test]
async fn a_larger_scale_keeps_the_proportions() {
    let t = TestDb::sqlite().await;
    let r = amtfluencer::demo::seed(&t.db, 3).await.unwrap();
    assert_eq!(r.ambassadors, 54);
    assert_eq!(
        scalar(
            &t.db,
            "SELECT COUNT(*) FROM ambassadors WHERE track = 'apprentice'"
        )
        .await,
        6
    );
    assert_eq!(
        scalar(&t.db, "SELECT COUNT(*) FROM ambassadors a WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.ambassador_id = a.id)").await,
        9
    );
    assert_eq!(
        scalar(&t.db, "SELECT COUNT(*) FROM users").await,
        22,
        "logins only for the first copy"
    );
}
