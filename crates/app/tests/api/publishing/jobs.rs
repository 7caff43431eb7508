//! The publish job through the job runner: what arrives at the network, what the post
//! records, and that nothing is ever posted twice.

use amtfluencer::channels::{LINKEDIN, MASTODON};
use amtfluencer::db::{self, entities::post_image};
use amtfluencer_channels::fake::linkedin::Failure as LiFailure;
use amtfluencer_channels::fake::mastodon::Failure as MdFailure;
use amtfluencer_channels::{Channel, OutgoingPost};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use super::Setup;

const SPECIAL: &str = "Neue Kita (Rheinpromenade) – [Bauphase 2] mit @Stadt & 100 % Ökostrom 🎉\n\
                       Fragen? info@musterstadt.de | {Termine} <hier> *fett* _kursiv_ ~weg~ \\ #Bauen";

#[tokio::test]
async fn a_text_post_is_published_once_with_the_networks_id_and_address() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let (id, _) = s
            .due(LINKEDIN, "Heute zeige ich euch unser neues Bürgerbüro.")
            .await;
        s.run_publishing().await;

        let posts = s.li.posts();
        assert_eq!(posts.len(), 1, "{}", s.app.tdb.backend);
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        assert_eq!(p.external_id.as_deref(), Some(posts[0].urn.as_str()));
        assert_eq!(
            p.external_url,
            Some(format!(
                "https://www.linkedin.com/feed/update/{}/",
                posts[0].urn
            ))
        );
        assert_eq!(
            posts[0].rendered,
            "Heute zeige ich euch unser neues Bürgerbüro."
        );
        assert!(p.failure_reason.is_none());
    }
}

#[tokio::test]
async fn special_characters_arrive_exactly_as_written_on_both_networks() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        s.connect(MASTODON).await;
        let (li_post, _) = s.due(LINKEDIN, SPECIAL).await;
        let (md_post, _) = s.due(MASTODON, SPECIAL).await;
        s.run_publishing().await;

        assert_eq!(s.post(li_post).await.status, "published");
        assert_eq!(s.post(md_post).await.status, "published");
        assert_eq!(
            s.li.posts()[0].rendered,
            SPECIAL,
            "LinkedIn lost part of the text"
        );
        assert_eq!(s.md.statuses()[0].text, SPECIAL);
    }
}

#[tokio::test]
async fn a_photo_goes_out_with_its_alt_text() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        s.connect(MASTODON).await;
        let jpeg = b"\xff\xd8\xff\xe0 a photo of the new playground".to_vec();
        s.media
            .0
            .lock()
            .unwrap()
            .insert("musterstadt/2026/11/spielplatz.jpg".into(), jpeg.clone());
        let mut ids = Vec::new();
        for channel in [LINKEDIN, MASTODON] {
            let (id, _) = s.due(channel, "Der neue Spielplatz ist fertig!").await;
            post_image::ActiveModel {
                tenant_id: Set(s.tenant.0),
                post_id: Set(Some(id)),
                ambassador_id: Set(Some(s.ambassador_id)),
                storage_key: Set("musterstadt/2026/11/spielplatz.jpg".into()),
                content_type: Set("image/jpeg".into()),
                width: Set(1200),
                height: Set(800),
                byte_size: Set(i64::try_from(jpeg.len()).unwrap()),
                alt_text: Set("Kinder klettern auf dem neuen Holzturm".into()),
                consent_state: Set("no_people".into()),
                created_at: Set(db::now()),
                ..Default::default()
            }
            .insert(s.db())
            .await
            .unwrap();
            ids.push(id);
        }
        s.run_publishing().await;

        for id in ids {
            assert_eq!(s.post(id).await.status, "published");
        }
        let li = &s.li.posts()[0];
        let media = &li.body["content"]["media"];
        assert_eq!(media["altText"], "Kinder klettern auf dem neuen Holzturm");
        assert_eq!(s.li.uploaded(media["id"].as_str().unwrap()).unwrap(), jpeg);
        let md = &s.md.statuses()[0];
        assert_eq!(md.media_ids.len(), 1);
        let m = s.md.media(&md.media_ids[0]).unwrap();
        assert_eq!(m.description, "Kinder klettern auf dem neuen Holzturm");
        assert_eq!(m.bytes, jpeg);
    }
}

#[tokio::test]
async fn an_expired_token_stops_the_post_and_asks_in_plain_german_to_reconnect() {
    for s in Setup::all().await {
        let account = s.connect(LINKEDIN).await;
        s.li.fail_with(LiFailure::ExpiredToken);
        let (id, _) = s
            .due(LINKEDIN, "Ein Beitrag, der nicht erscheinen kann.")
            .await;
        s.run_publishing().await;

        assert!(s.li.posts().is_empty());
        let p = s.post(id).await;
        assert_eq!(p.status, "failed");
        assert_eq!(p.failure_kind.as_deref(), Some("reconnect"));
        assert!(
            p.failure_reason
                .as_deref()
                .unwrap()
                .contains("verbinden Sie das Konto neu")
        );
        assert!(p.external_id.is_none());
        let conn = db::connections::of_ambassador(s.db(), s.tenant, s.ambassador_id)
            .await
            .unwrap();
        assert_eq!(conn[0].id, account);
        assert_eq!(conn[0].status, "expired");
        let mails = s.mails().await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].0, super::AMBASSADOR);
        assert!(
            mails[0].2.contains("verbinden Sie das Konto neu"),
            "{}",
            mails[0].2
        );
        assert!(
            mails[0]
                .2
                .contains(&format!("/t/musterstadt/publishing/posts/{id}"))
        );
    }
}

#[tokio::test]
async fn throttling_waits_as_long_as_asked_and_then_publishes_once() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        s.li.fail_with(LiFailure::Throttled);
        let (id, _) = s.due(LINKEDIN, "Geduld ist eine Tugend.").await;
        s.run_publishing().await;

        let p = s.post(id).await;
        assert_eq!(p.status, "scheduled", "a throttled post stays planned");
        assert_eq!(p.failure_kind.as_deref(), Some("retrying"));
        assert!(
            p.failure_reason
                .as_deref()
                .unwrap()
                .contains("etwa 1 Minuten")
        );
        assert!(
            p.publish_started_at.is_none(),
            "nothing was sent, nothing is pending"
        );
        assert!(s.li.posts().is_empty());

        s.li.heal();
        let waited = s.let_time_pass().await;
        assert!(
            waited >= chrono::Duration::seconds(55),
            "Retry-After 60 honoured: {waited}"
        );
        s.run_publishing().await;
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        assert_eq!(s.li.posts().len(), 1);
        assert!(p.failure_reason.is_none());
    }
}

#[tokio::test]
async fn an_outage_is_retried_with_backoff_and_a_lost_answer_does_not_post_twice() {
    for s in Setup::all().await {
        s.connect(MASTODON).await;
        // The status is created, but the answer is lost: the retry carries the same key.
        s.md.fail_with(MdFailure::AnswerLost);
        let (id, _) = s
            .due(MASTODON, "Frisch gestrichen: das Rathausfoyer.")
            .await;
        s.run_publishing().await;
        assert_eq!(s.post(id).await.status, "scheduled");
        let waited = s.let_time_pass().await;
        assert!(waited > chrono::Duration::zero());
        s.run_publishing().await;

        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        let statuses = s.md.statuses();
        assert_eq!(statuses.len(), 1, "one status, not two");
        assert_eq!(p.external_id.as_deref(), Some(statuses[0].id.as_str()));
        assert!(p.external_url.unwrap().ends_with(&statuses[0].id));
    }
}

/// The state a worker leaves behind when it dies after sending and before recording: the
/// attempt is recorded, the post was (perhaps) created, the job comes round again.
async fn crash_after_sending(s: &Setup, channel: &'static str) -> i64 {
    s.connect(channel).await;
    let (id, at) = s.due(channel, "Beitrag vor dem Absturz.").await;
    assert!(db::publishing::begin_attempt(s.db(), id, at).await.unwrap());
    let account = db::connections::for_channel(s.db(), s.tenant, s.ambassador_id, channel)
        .await
        .unwrap()
        .unwrap();
    let ch = s.publishing.channels.channel_for(&account).unwrap();
    let token = s.publishing.channels.token(&account).unwrap();
    let key = format!("amtfluencer-post-{id}-{}", at.timestamp());
    ch.publish(&token, &OutgoingPost::text("Beitrag vor dem Absturz.", key))
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn a_crash_between_sending_and_recording_never_posts_twice() {
    for s in Setup::all().await {
        // LinkedIn cannot be asked without the post's id: the person is asked to look.
        let id = crash_after_sending(&s, LINKEDIN).await;
        s.run_publishing().await;
        assert_eq!(s.li.posts().len(), 1, "not sent again");
        let p = s.post(id).await;
        assert_eq!(p.status, "failed");
        assert_eq!(p.failure_kind.as_deref(), Some("unconfirmed"));
        assert!(
            p.failure_reason
                .unwrap()
                .contains("sehen Sie in Ihrem Profil nach")
        );

        // Mastodon answers a resend with the same key with the status it already made.
        let id = crash_after_sending(&s, MASTODON).await;
        s.run_publishing().await;
        let statuses = s.md.statuses();
        assert_eq!(statuses.len(), 1, "not posted twice");
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        assert_eq!(p.external_id.as_deref(), Some(statuses[0].id.as_str()));
    }
}

#[tokio::test]
async fn two_workers_racing_for_the_same_job_publish_one_post() {
    for s in Setup::all().await {
        s.connect(MASTODON).await;
        let (id, at) = s.due(MASTODON, "Nur einmal, bitte.").await;
        // The scan for due posts adds nothing: the job is there already.
        assert_eq!(
            amtfluencer::jobs::publishing::enqueue_due(s.db())
                .await
                .unwrap(),
            0
        );
        let (a, b) = (s.worker("worker-a"), s.worker("worker-b"));
        let (ra, rb) = tokio::join!(a.run_one(), b.run_one());
        let ran = [ra.unwrap(), rb.unwrap()];
        assert_eq!(
            ran.iter().filter(|r| **r).count(),
            1,
            "{ran:?} ({})",
            s.app.tdb.backend
        );
        assert_eq!(s.md.statuses().len(), 1);
        let p = s.post(id).await;
        assert_eq!(p.status, "published");
        assert_eq!(p.scheduled_at, Some(at));
        // A late second claim finds nothing to do.
        assert!(!a.run_one().await.unwrap());
        assert_eq!(s.md.statuses().len(), 1);
    }
}

#[tokio::test]
async fn a_post_taken_back_before_its_time_is_not_sent() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let (id, _) = s.due(LINKEDIN, "Doch nicht.").await;
        assert!(
            db::publishing::unschedule(s.db(), s.tenant, id)
                .await
                .unwrap()
        );
        s.run_publishing().await;
        assert!(s.li.posts().is_empty());
        assert_eq!(s.post(id).await.status, "draft");
    }
}

#[tokio::test]
async fn a_post_without_a_connection_stops_and_says_what_to_do() {
    for s in Setup::all().await {
        let (id, _) = s.due(LINKEDIN, "Kein Konto verbunden.").await;
        s.run_publishing().await;
        let p = s.post(id).await;
        assert_eq!(p.status, "failed");
        assert!(p.failure_reason.unwrap().contains("Verbindungen"));
        assert!(s.li.posts().is_empty());
    }
}
