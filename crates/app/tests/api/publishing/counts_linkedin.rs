//! LinkedIn's member post analytics for the metrics: asked for only where the instance has
//! `linkedin.post_analytics` and the author's connection granted `r_member_postAnalytics`,
//! stored as snapshots of source `api`; failures recorded, never fatal to the run.

use amtfluencer::channels::{LINKEDIN, MASTODON};
use amtfluencer::config::Config;
use amtfluencer::db::{self, jobs::NewJob};
use amtfluencer::jobs::publishing::{COUNTS, CountsReport, fetch_linkedin_figures};
use amtfluencer_channels::fake::Recorded;
use amtfluencer_channels::fake::linkedin::{self as li, Failure, PostFigures};
use axum::http::StatusCode;
use chrono::SubsecRound;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, IntoActiveModel};

use super::{AMBASSADOR, Setup};

const ANALYTICS_SCOPES: &str = "openid profile email w_member_social r_member_postAnalytics";

fn analytics_on(c: &mut Config) {
    c.linkedin.post_analytics = true;
}

/// (source, impressions, members reached, reactions, comments, reposts) of every snapshot.
type Row = (String, i64, Option<i64>, i64, i64, i64);

async fn snapshots(s: &Setup, post: i64) -> Vec<Row> {
    let stmt = Query::select()
        .columns([
            "source",
            "impressions",
            "members_reached",
            "reactions",
            "comments",
            "reposts",
        ])
        .from("post_metrics")
        .and_where(Expr::col("post_id").eq(post))
        .order_by("id", sea_orm::Order::Asc)
        .to_owned();
    s.db()
        .query_all(&stmt)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get("", "source").unwrap(),
                r.try_get("", "impressions").unwrap(),
                r.try_get("", "members_reached").unwrap(),
                r.try_get("", "reactions").unwrap(),
                r.try_get("", "comments").unwrap(),
                r.try_get("", "reposts").unwrap(),
            )
        })
        .collect()
}

fn api(impressions: i64, reached: Option<i64>, reactions: i64, comments: i64, reposts: i64) -> Row {
    (
        "api".into(),
        impressions,
        reached,
        reactions,
        comments,
        reposts,
    )
}

/// Published posts of the ambassador on `channel`, sent through the job runner: (post, id).
async fn published(s: &Setup, channel: &str, texts: &[&str]) -> Vec<(i64, String)> {
    let mut ids = Vec::new();
    for t in texts {
        ids.push(s.due(channel, t).await.0);
    }
    s.run_publishing().await;
    let mut out = Vec::new();
    for id in ids {
        let p = s.post(id).await;
        assert_eq!(p.status, "published", "{:?}", p.failure_reason);
        out.push((id, p.external_id.unwrap()));
    }
    out
}

/// The analytics requests the fake saw, each as its query string.
fn analytics_reads(s: &Setup) -> Vec<String> {
    s.li.requests()
        .iter()
        .filter(|r: &&Recorded| r.path == "/rest/memberCreatorPostAnalytics")
        .map(|r| r.query.clone().unwrap_or_default())
        .collect()
}

fn reads_of(s: &Setup, urn: &str) -> usize {
    let encoded: String = url::form_urlencoded::byte_serialize(urn.as_bytes()).collect();
    analytics_reads(s)
        .iter()
        .filter(|q| q.contains(&format!(":{encoded})")))
        .count()
}

/// Connects LinkedIn through the OAuth flow; the member grants whatever `code` stands for.
/// Returns the scopes the sign-in asked for.
async fn connect_through_oauth(s: &mut Setup, code: &str) -> String {
    s.app.login(AMBASSADOR).await;
    let res = s
        .app
        .post_form(
            "/t/musterstadt/connections",
            "/t/musterstadt/connections/linkedin",
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let to = url::Url::parse(&res.location.unwrap()).unwrap();
    let param = |name: &str| {
        to.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    let back = format!(
        "/oauth/linkedin/callback?code={code}&state={}",
        param("state")
    );
    let res = s.app.get(&back).await;
    assert_eq!(
        res.location.as_deref(),
        Some("/t/musterstadt/connections?result=linkedin")
    );
    param("scope")
}

#[tokio::test]
async fn granted_figures_are_stored_and_shown_among_the_persons_own_figures() {
    for mut s in Setup::all_with(analytics_on).await {
        let asked = connect_through_oauth(&mut s, li::ANALYTICS_CODE).await;
        assert_eq!(asked, ANALYTICS_SCOPES);
        let texts = [
            "Richtfest an der Kita Rheinpromenade.",
            "Gelöscht.",
            "Alter Beitrag.",
            "Über die Oberfläche geteilt.",
        ];
        let posts = published(&s, LINKEDIN, &texts).await;
        let [(live, live_urn), (gone, gone_urn), (old, old_urn), (ugc, _)] = posts.as_slice()
        else {
            unreachable!()
        };
        s.li.set_post_figures(live_urn, PostFigures::new(48_213, 20_117, 212, 31, 9));
        s.li.remove_post(gone_urn);
        let mut p = s.post(*old).await.into_active_model();
        p.published_at = Set(Some(db::now() - chrono::Duration::days(31)));
        p.update(s.db()).await.unwrap();
        // A post LinkedIn names as a ugcPost, with only its impressions known so far.
        let ugc_urn = "urn:li:ugcPost:7012345678901234999";
        let mut p = s.post(*ugc).await.into_active_model();
        p.external_id = Set(Some(ugc_urn.to_owned()));
        p.update(s.db()).await.unwrap();
        s.li.set_post_figures(
            ugc_urn,
            PostFigures {
                impressions: Some(77),
                ..Default::default()
            },
        );

        let r = fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();

        assert_eq!(
            r,
            CountsReport {
                stored: 2,
                failed: 0,
                deleted: 1
            }
        );
        assert_eq!(
            snapshots(&s, *live).await,
            vec![api(48_213, Some(20_117), 212, 31, 9)]
        );
        assert_eq!(
            snapshots(&s, *ugc).await,
            vec![api(77, None, 0, 0, 0)],
            "what LinkedIn does not tell yet counts 0; members reached stays unknown"
        );
        assert_eq!(reads_of(&s, live_urn), 5, "one request per metric");
        assert_eq!(reads_of(&s, ugc_urn), 5);
        assert!(
            analytics_reads(&s)
                .iter()
                .any(|q| q.contains("entity=(ugc:urn%3Ali%3AugcPost%3A7012345678901234999)"))
        );
        assert_eq!(reads_of(&s, old_urn), 0, "older than 30 days");
        let p = s.post(*live).await;
        assert!(p.counts_checked_at.is_some() && p.counts_error.is_none());
        let g = s.post(*gone).await;
        assert!(g.remote_deleted_at.is_some());
        assert_eq!(g.status, "published");
        assert!(snapshots(&s, *gone).await.is_empty());

        // The person sees the figures as their own.
        let own = s
            .app
            .get("/t/musterstadt/analytics/personal?format=csv&table=own-posts")
            .await;
        assert_eq!(own.status, StatusCode::OK);
        let row = own
            .body
            .lines()
            .find(|l| l.contains("Richtfest an der Kita"))
            .unwrap_or_else(|| panic!("{}", own.body));
        assert!(row.contains("48213") || row.contains("48.213"), "{row}");
        assert!(
            row.contains("252"),
            "reactions, comments and reposts: {row}"
        );

        // A retried run in the same second replaces its own snapshot.
        let start = db::now();
        let next_second = start.trunc_subsecs(0) + chrono::Duration::seconds(1);
        tokio::time::sleep((next_second - start).to_std().unwrap()).await;
        let moment = db::now().trunc_subsecs(0);
        s.li.set_post_figures(live_urn, PostFigures::new(50_000, 21_000, 220, 32, 9));
        fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        s.li.set_post_figures(live_urn, PostFigures::new(50_100, 21_050, 221, 32, 9));
        fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        let all = snapshots(&s, *live).await;
        if db::now().trunc_subsecs(0) == moment {
            assert_eq!(
                all,
                vec![
                    api(48_213, Some(20_117), 212, 31, 9),
                    api(50_100, Some(21_050), 221, 32, 9)
                ]
            );
        } else {
            assert!(
                all.contains(&api(50_100, Some(21_050), 221, 32, 9)),
                "{all:?}"
            );
        }
    }
}

#[tokio::test]
async fn nobody_is_asked_without_the_granted_scope_or_without_the_setting() {
    // The instance asks for the scope, but this member's connection does not have it.
    for mut s in Setup::all_with(analytics_on).await {
        connect_through_oauth(&mut s, li::CODE).await;
        let posts = published(&s, LINKEDIN, &["Ohne Freigabe."]).await;
        s.li.set_post_figures(&posts[0].1, PostFigures::new(1, 1, 1, 1, 1));
        let r = fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        assert_eq!(r, CountsReport::default());
        assert!(analytics_reads(&s).is_empty());
        let p = s.post(posts[0].0).await;
        assert!(p.counts_checked_at.is_none() && p.counts_error.is_none());
        assert!(snapshots(&s, posts[0].0).await.is_empty());
    }
    // The connection has the scope, but the instance does not ask for it (any more).
    for mut s in Setup::all().await {
        let asked = connect_through_oauth(&mut s, li::CODE).await;
        assert_eq!(asked, "openid profile email w_member_social");
        s.connect_with(LINKEDIN, li::ANALYTICS_TOKEN, ANALYTICS_SCOPES)
            .await;
        let posts = published(&s, LINKEDIN, &["Einstellung aus."]).await;
        s.li.set_post_figures(&posts[0].1, PostFigures::new(1, 1, 1, 1, 1));
        let mut job = NewJob::new(COUNTS, serde_json::json!({}));
        job.run_at = Some(db::now());
        db::jobs::enqueue(s.db(), job).await.unwrap().unwrap();
        assert!(s.worker("w-counts").run_one().await.unwrap());
        assert_eq!(s.jobs_of(COUNTS).await[0].status, "done");
        assert!(analytics_reads(&s).is_empty());
        assert!(snapshots(&s, posts[0].0).await.is_empty());
    }
}

#[tokio::test]
async fn an_outage_a_refused_scope_and_a_revoked_token_are_recorded_and_never_stop_the_job() {
    for s in Setup::all_with(analytics_on).await {
        let account = s
            .connect_with(LINKEDIN, li::ANALYTICS_TOKEN, ANALYTICS_SCOPES)
            .await;
        s.connect(MASTODON).await;
        let posts = published(&s, LINKEDIN, &["Eins.", "Zwei."]).await;
        let toot = published(&s, MASTODON, &["Auf Mastodon."]).await;

        // LinkedIn is down: recorded on the posts; Mastodon's counts are read all the same.
        s.li.fail_with(Failure::Outage);
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
        assert_eq!(
            analytics_reads(&s).len(),
            1,
            "LinkedIn is not asked again for the same person in the same run"
        );
        assert_eq!(snapshots(&s, toot[0].0).await.len(), 1);

        // LinkedIn refuses the scope the connection was granted: the connection stays.
        s.li.heal();
        s.connect_with(LINKEDIN, li::TOKEN, ANALYTICS_SCOPES).await;
        let before = analytics_reads(&s).len();
        let r = fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        assert_eq!((r.stored, r.failed), (0, 2));
        assert_eq!(analytics_reads(&s).len(), before + 1);
        let msg = s.post(posts[1].0).await.counts_error.unwrap();
        assert!(msg.contains("r_member_postAnalytics"), "{msg}");
        let c = db::connections::for_channel(s.db(), s.tenant, s.ambassador_id, LINKEDIN)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.status, db::connections::CONNECTED);

        // A revoked token marks the connection; then nobody is asked any more.
        s.connect_with(LINKEDIN, li::ANALYTICS_TOKEN, ANALYTICS_SCOPES)
            .await;
        s.li.fail_with(Failure::ExpiredToken);
        let r = fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        assert_eq!((r.stored, r.failed), (0, 2));
        let c = db::connections::for_channel(s.db(), s.tenant, s.ambassador_id, LINKEDIN)
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
        s.li.heal();
        let before = analytics_reads(&s).len();
        let r = fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        assert_eq!(r, CountsReport::default());
        assert_eq!(analytics_reads(&s).len(), before);
    }
}

#[tokio::test]
async fn a_retired_api_version_is_named_and_linkedin_is_not_asked_again_in_the_run() {
    for mut s in Setup::all_with(analytics_on).await {
        s.connect_with(LINKEDIN, li::ANALYTICS_TOKEN, ANALYTICS_SCOPES)
            .await;
        let posts = published(&s, LINKEDIN, &["Eins.", "Zwei."]).await;
        // The operator's version went out of service after the posts were published.
        let mut config = s.app.state.config.as_ref().clone();
        config.linkedin.version = "202401".into();
        s.publishing.channels =
            std::sync::Arc::new(amtfluencer::channels::Channels::from_config(&config).unwrap());
        let r = fetch_linkedin_figures(&s.publishing, s.db()).await.unwrap();
        assert_eq!((r.stored, r.failed), (0, 2));
        assert_eq!(analytics_reads(&s).len(), 1);
        for (id, _) in &posts {
            let msg = s.post(*id).await.counts_error.unwrap();
            assert!(msg.contains("202401"), "{msg}");
        }
    }
}
