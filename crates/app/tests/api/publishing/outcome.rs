//! A post whose fate is unknown: its author says what they found. "Er ist erschienen" with the
//! post's link publishes it with the network's id from that link (nothing is sent again);
//! "Er ist nicht erschienen" makes it a draft to be scheduled anew.

use amtfluencer::channels::{LINKEDIN, MASTODON};
use amtfluencer::db;
use axum::http::StatusCode;

use super::{AMBASSADOR, Setup};

/// A post of the ambassador's that was sent but not confirmed.
async fn unconfirmed(s: &Setup, channel: &str) -> i64 {
    let post = s.draft(channel, "Erschienen oder nicht?").await;
    let at = db::now() - chrono::Duration::minutes(5);
    assert!(
        db::publishing::schedule(s.db(), s.tenant, post.id, at)
            .await
            .unwrap()
    );
    db::publishing::mark_failed(s.db(), post.id, "unconfirmed", "Bitte nachsehen.")
        .await
        .unwrap();
    post.id
}

#[tokio::test]
async fn a_linkedin_post_that_appeared_is_published_with_the_id_from_its_link() {
    for mut s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let id = unconfirmed(&s, LINKEDIN).await;
        s.app.login(AMBASSADOR).await;
        let page_path = format!("/t/musterstadt/publishing/posts/{id}");
        let appeared = format!("{page_path}/appeared");
        let page = s.app.get(&page_path).await;
        assert!(page.body.contains("Ist der Beitrag erschienen?"));
        assert!(page.body.contains("Er ist erschienen – hier ist der Link"));

        let wrong = "https://evil.example/feed/update/urn:li:activity:7260000000000000000/";
        let res = s
            .app
            .post_form(&page_path, &appeared, &[("url", wrong)])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("id=\"url-error\""));
        assert!(
            res.body.contains(&format!("value=\"{wrong}\"")),
            "input kept"
        );
        assert_eq!(s.post(id).await.status, "failed");

        let link = "https://www.linkedin.com/feed/update/urn:li:activity:7260000000000000000/";
        let res = s
            .app
            .post_form(&page_path, &appeared, &[("url", link)])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        assert_eq!(
            p.external_id.as_deref(),
            Some("urn:li:activity:7260000000000000000")
        );
        assert_eq!(p.external_url.as_deref(), Some(link));
        assert!(p.failure_kind.is_none() && p.failure_reason.is_none());
        assert!(p.published_at.is_some());
        let audit = s.audit("post.published").await;
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0]["manual"], true);
        assert_eq!(
            audit[0]["external_id"],
            "urn:li:activity:7260000000000000000"
        );
        assert!(
            s.jobs_of("publish_post").await.is_empty(),
            "nothing sent again"
        );
        assert!(s.li.posts().is_empty());

        // Said once; the post's fate is known now.
        let res = s
            .app
            .post_form(&page_path, &appeared, &[("url", link)])
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn a_mastodon_post_that_appeared_needs_an_address_on_the_connected_instance() {
    for mut s in Setup::all().await {
        s.connect(MASTODON).await;
        let id = unconfirmed(&s, MASTODON).await;
        s.app.login(AMBASSADOR).await;
        let page_path = format!("/t/musterstadt/publishing/posts/{id}");
        let appeared = format!("{page_path}/appeared");
        for wrong in [
            "https://mastodon.social/@erika/113300000000000001",
            &format!("{}/@erika", s.md.base),
            "kein Link",
        ] {
            let res = s
                .app
                .post_form(&page_path, &appeared, &[("url", wrong)])
                .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}");
            assert!(res.body.contains("id=\"url-error\""), "{wrong}");
        }
        assert_eq!(s.post(id).await.status, "failed");

        let link = format!("{}/@erika/113300000000000001", s.md.base);
        let res = s
            .app
            .post_form(&page_path, &appeared, &[("url", &link)])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        assert_eq!(p.external_id.as_deref(), Some("113300000000000001"));
        assert_eq!(p.external_url.as_deref(), Some(link.as_str()));
        assert!(s.md.statuses().is_empty(), "nothing sent again");
    }
}

#[tokio::test]
async fn a_post_that_did_not_appear_is_a_draft_again_and_can_be_scheduled() {
    for mut s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let id = unconfirmed(&s, LINKEDIN).await;
        s.app.login(AMBASSADOR).await;
        let page_path = format!("/t/musterstadt/publishing/posts/{id}");
        let res = s
            .app
            .post_form(&page_path, &format!("{page_path}/not-appeared"), &[])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let p = s.post(id).await;
        assert_eq!(p.status, "draft");
        assert!(p.failure_kind.is_none() && p.publish_started_at.is_none());
        assert_eq!(s.audit("post.not_published").await.len(), 1);
        let page = s.app.get(&page_path).await;
        assert!(!page.body.contains("Ist der Beitrag erschienen?"));

        // The person has looked already: no second confirmation to schedule it.
        let day = (db::now() + chrono::Duration::days(1))
            .date_naive()
            .to_string();
        let res = s
            .app
            .post_form(
                &page_path,
                &format!("{page_path}/schedule"),
                &[("date", &day), ("time", "10:30"), ("confirm", "yes")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert_eq!(s.post(id).await.status, "scheduled");
        assert_eq!(s.jobs_of("publish_post").await.len(), 1);

        // A post that is not in doubt has nothing to confirm.
        let res = s
            .app
            .post_form(&page_path, &format!("{page_path}/not-appeared"), &[])
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT);
        assert_eq!(s.post(id).await.status, "scheduled");
    }
}
