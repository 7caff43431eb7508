//! Mastodon's counts for the metrics: read with the author's token for the posts of the last
//! 30 days, stored as snapshots of source `api`; failures recorded, never fatal to the run.

use amtfluencer::channels::MASTODON;
use amtfluencer::db::{self, jobs::NewJob};
use amtfluencer::jobs::publishing::{COUNTS, CountsReport, fetch_mastodon_counts};
use amtfluencer_channels::fake::mastodon::{self as md, Failure};
use axum::http::StatusCode;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, IntoActiveModel};

use super::{AMBASSADOR, Setup};

/// (source, reactions, comments, reposts, impressions) of every snapshot of a post.
async fn snapshots(s: &Setup, post: i64) -> Vec<(String, i64, i64, i64, i64)> {
    let stmt = Query::select()
        .columns(["source", "reactions", "comments", "reposts", "impressions"])
        .from("post_metrics")
        .and_where(Expr::col("post_id").eq(post))
        .to_owned();
    s.db()
        .query_all(&stmt)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get("", "source").unwrap(),
                r.try_get("", "reactions").unwrap(),
                r.try_get("", "comments").unwrap(),
                r.try_get("", "reposts").unwrap(),
                r.try_get("", "impressions").unwrap(),
            )
        })
        .collect()
}

/// Published Mastodon posts of the ambassador, sent through the job runner: (post, status).
async fn published(s: &Setup, texts: &[&str]) -> Vec<(i64, String)> {
    let mut ids = Vec::new();
    for t in texts {
        ids.push(s.due(MASTODON, t).await.0);
    }
    s.run_publishing().await;
    let mut out = Vec::new();
    for id in ids {
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        out.push((id, p.external_id.unwrap()));
    }
    out
}

/// GET requests the fake saw for one status.
fn reads(s: &Setup, status: &str) -> Vec<Option<String>> {
    let path = format!("/api/v1/statuses/{status}");
    s.md.requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path == path)
        .map(|r| r.header("authorization").map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn counts_of_recent_posts_are_stored_and_a_deleted_status_is_marked() {
    for mut s in Setup::all().await {
        s.connect(MASTODON).await;
        let posts = published(&s, &["Erster Beitrag.", "Zweiter.", "Alter Beitrag."]).await;
        let [(first, first_st), (gone, gone_st), (old, old_st)] = posts.as_slice() else {
            unreachable!()
        };
        s.md.set_counts(first_st, 5, 20, 4);
        s.md.remove_status(gone_st);
        let mut p = s.post(*old).await.into_active_model();
        p.published_at = Set(Some(db::now() - chrono::Duration::days(31)));
        p.update(s.db()).await.unwrap();

        let r = fetch_mastodon_counts(&s.publishing, s.db()).await.unwrap();
        assert_eq!(
            r,
            CountsReport {
                stored: 1,
                failed: 0,
                deleted: 1
            }
        );
        assert_eq!(
            snapshots(&s, *first).await,
            vec![("api".to_owned(), 20, 4, 5, 0)],
            "favourites are reactions, boosts reposts, replies comments"
        );
        assert_eq!(
            reads(&s, first_st),
            vec![Some(format!("Bearer {}", md::TOKEN))]
        );
        assert!(reads(&s, old_st).is_empty(), "older than 30 days");
        let p = s.post(*first).await;
        assert!(p.counts_checked_at.is_some() && p.counts_error.is_none());
        let g = s.post(*gone).await;
        assert!(g.remote_deleted_at.is_some());
        assert_eq!(g.status, "published", "it was published; it is gone now");
        assert!(snapshots(&s, *gone).await.is_empty());

        // The next run asks again for the live one only.
        s.md.set_counts(first_st, 6, 25, 4);
        let r = fetch_mastodon_counts(&s.publishing, s.db()).await.unwrap();
        assert_eq!((r.stored, r.deleted), (1, 0));
        assert_eq!(
            reads(&s, gone_st).len(),
            1,
            "a deleted status is not asked again"
        );
        // A new snapshot, or the same one updated when both runs fell into one second.
        let latest = snapshots(&s, *first).await;
        assert!(
            latest.contains(&("api".to_owned(), 25, 4, 6, 0)),
            "{latest:?}"
        );

        s.app.login(AMBASSADOR).await;
        let page = s
            .app
            .get(&format!("/t/musterstadt/publishing/posts/{gone}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("auf der Plattform gelöscht"));
    }
}

#[tokio::test]
async fn the_counts_job_runs_from_the_queue_and_plans_its_next_run() {
    for s in Setup::all().await {
        s.connect(MASTODON).await;
        let posts = published(&s, &["Aus der Warteschlange."]).await;
        let mut job = NewJob::new(COUNTS, serde_json::json!({}));
        job.run_at = Some(db::now());
        db::jobs::enqueue(s.db(), job).await.unwrap().unwrap();
        assert!(s.worker("w-counts").run_one().await.unwrap());
        assert_eq!(snapshots(&s, posts[0].0).await.len(), 1);
        let jobs = s.jobs_of(COUNTS).await;
        assert_eq!(jobs[0].status, "done");
        assert_eq!(jobs.len(), 2, "the next run is planned");
        assert_eq!(jobs[1].status, "queued");
        let ahead = jobs[1].run_at - db::now();
        assert!(ahead > chrono::Duration::zero() && ahead <= chrono::Duration::hours(6));
    }
}

#[tokio::test]
async fn an_outage_and_a_revoked_token_are_recorded_and_never_stop_the_job() {
    for s in Setup::all().await {
        let account = s.connect(MASTODON).await;
        let posts = published(&s, &["Eins.", "Zwei."]).await;

        s.md.fail_with(Failure::Outage);
        let mut job = NewJob::new(COUNTS, serde_json::json!({}));
        job.run_at = Some(db::now());
        db::jobs::enqueue(s.db(), job).await.unwrap().unwrap();
        assert!(s.worker("w-counts").run_one().await.unwrap());
        assert_eq!(s.jobs_of(COUNTS).await[0].status, "done");
        for (id, _) in &posts {
            let p = s.post(*id).await;
            assert!(p.counts_error.unwrap().contains("nicht erreichbar"));
            assert!(snapshots(&s, *id).await.is_empty());
        }
        let asked: usize = posts.iter().map(|(_, st)| reads(&s, st).len()).sum();
        assert_eq!(
            asked, 1,
            "an instance that is down is not asked again in the same run"
        );

        s.md.fail_with(Failure::ExpiredToken);
        let r = fetch_mastodon_counts(&s.publishing, s.db()).await.unwrap();
        assert_eq!((r.stored, r.failed), (0, 2));
        let c = db::connections::for_channel(s.db(), s.tenant, s.ambassador_id, MASTODON)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.id, account);
        assert_eq!(c.status, db::connections::EXPIRED);
        assert!(
            s.post(posts[0].0)
                .await
                .counts_error
                .unwrap()
                .contains("neu")
        );

        // Without a working connection nobody is asked, and the posts say why.
        s.md.heal();
        let before = s.md.requests().len();
        let r = fetch_mastodon_counts(&s.publishing, s.db()).await.unwrap();
        assert_eq!((r.stored, r.failed), (0, 2));
        assert_eq!(s.md.requests().len(), before);
        assert!(
            s.post(posts[1].0)
                .await
                .counts_error
                .unwrap()
                .contains("nicht (mehr) verbunden")
        );
    }
}
