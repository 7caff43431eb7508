use std::time::Duration;

use amtfluencer_channels::mastodon::{MastodonInstance, MastodonOptions};
use amtfluencer_channels::{
    AccessToken, Channel, ChannelError, Counts, Image, MastodonChannel, OutgoingPost, Visibility,
};

use crate::fake::mastodon::{self as md, Failure, FakeMastodon};

fn channel(fake: &FakeMastodon) -> MastodonChannel {
    MastodonChannel::new(crate::http(), MastodonInstance::parse(&fake.base).unwrap()).with_options(
        MastodonOptions {
            media_poll_attempts: 5,
            media_poll_interval: Duration::from_millis(10),
        },
    )
}

fn token() -> AccessToken {
    AccessToken::new(md::TOKEN)
}

fn photo_post(key: &str) -> OutgoingPost {
    let mut post = OutgoingPost::text("Neue Kita (Rheinpromenade) eröffnet! #Bauen #Monheim", key);
    post.image = Some(Image {
        bytes: b"\x89PNG fake".to_vec(),
        mime: "image/png".into(),
        alt_text: "Der neue Spielplatz mit Rutsche und Sandkasten".into(),
    });
    post
}

fn status_requests(fake: &FakeMastodon) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path == "/api/v1/statuses")
        .count()
}

#[tokio::test]
async fn a_photo_post_arrives_once_with_its_alt_text() {
    let fake = FakeMastodon::start().await;

    let published = channel(&fake)
        .publish(&token(), &photo_post("post-1"))
        .await
        .unwrap();

    let statuses = fake.statuses();
    assert_eq!(statuses.len(), 1);
    let st = &statuses[0];
    assert_eq!(published.remote_id, st.id);
    assert_eq!(published.url, format!("{}/@erika/{}", fake.base, st.id));
    assert_eq!(
        st.text,
        "Neue Kita (Rheinpromenade) eröffnet! #Bauen #Monheim"
    );
    assert_eq!(st.visibility, "public");
    assert_eq!(st.language.as_deref(), Some("de"));
    assert_eq!(st.media_ids.len(), 1);
    let media = fake.media(&st.media_ids[0]).unwrap();
    assert_eq!(
        media.description,
        "Der neue Spielplatz mit Rutsche und Sandkasten"
    );
    assert_eq!(media.mime, "image/png");
    assert_eq!(media.bytes, b"\x89PNG fake".to_vec());
    let create = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v1/statuses")
        .unwrap();
    assert_eq!(create.header("idempotency-key"), Some("post-1"));
}

#[tokio::test]
async fn an_image_still_processing_is_waited_for() {
    let fake = FakeMastodon::start().await;
    fake.process_media_for(3);

    channel(&fake)
        .publish(&token(), &photo_post("post-1"))
        .await
        .unwrap();

    let polls = fake
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/media/"))
        .count();
    assert_eq!(polls, 4, "three answers 206, then 200");
    assert_eq!(fake.statuses()[0].media_ids.len(), 1);
}

#[tokio::test]
async fn an_image_that_never_finishes_processing_gives_up_without_posting() {
    let fake = FakeMastodon::start().await;
    fake.process_media_for(1000);

    let err = channel(&fake)
        .publish(&token(), &photo_post("post-1"))
        .await
        .unwrap_err();

    assert!(matches!(err, ChannelError::Unavailable { .. }), "{err:?}");
    assert_eq!(status_requests(&fake), 0);
}

#[tokio::test]
async fn sending_again_with_the_same_key_never_creates_a_second_status() {
    let fake = FakeMastodon::start().await;
    let c = channel(&fake);

    let first = c.publish(&token(), &photo_post("post-7")).await.unwrap();
    let second = c.publish(&token(), &photo_post("post-7")).await.unwrap();

    assert_eq!(first, second);
    assert_eq!(fake.statuses().len(), 1);
    assert_eq!(status_requests(&fake), 2);
    let instance_reads = fake
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v2/instance")
        .count();
    assert_eq!(instance_reads, 1, "the limits are asked once per channel");
}

#[tokio::test]
async fn a_lost_answer_is_retried_safely_with_the_same_key() {
    let fake = FakeMastodon::start().await;
    fake.fail_with(Failure::AnswerLost);
    let c = channel(&fake);
    let post = OutgoingPost::text("Guten Morgen aus dem Rathaus", "post-8");

    let err = c.publish(&token(), &post).await.unwrap_err();
    assert!(err.is_retryable(), "{err:?}");
    let published = c.publish(&token(), &post).await.unwrap();

    let statuses = fake.statuses();
    assert_eq!(statuses.len(), 1);
    assert_eq!(published.remote_id, statuses[0].id);
}

#[tokio::test]
async fn different_posts_become_different_statuses() {
    let fake = FakeMastodon::start().await;
    let c = channel(&fake);
    c.publish(&token(), &OutgoingPost::text("Eins", "a"))
        .await
        .unwrap();
    c.publish(&token(), &OutgoingPost::text("Zwei", "b"))
        .await
        .unwrap();
    assert_eq!(fake.statuses().len(), 2);
}

#[tokio::test]
async fn a_text_over_the_instance_limit_is_refused_before_sending() {
    let fake = FakeMastodon::start().await;
    fake.set_max_characters(100);

    let err = channel(&fake)
        .publish(&token(), &OutgoingPost::text("ö".repeat(101), "k"))
        .await
        .unwrap_err();

    let ChannelError::Rejected { message } = &err else {
        panic!("{err:?}")
    };
    assert!(
        message.contains("101") && message.contains("100"),
        "{message}"
    );
    assert_eq!(status_requests(&fake), 0);
}

#[tokio::test]
async fn a_long_link_does_not_count_against_the_limit() {
    let fake = FakeMastodon::start().await;
    fake.set_max_characters(100);
    let text = format!("Mehr: https://musterstadt.de/{}", "x".repeat(150));

    channel(&fake)
        .publish(&token(), &OutgoingPost::text(text.clone(), "k"))
        .await
        .unwrap();

    assert_eq!(fake.statuses()[0].text, text);
}

#[tokio::test]
async fn followers_only_becomes_a_private_status() {
    let fake = FakeMastodon::start().await;
    let mut post = OutgoingPost::text("Nur für Follower", "k");
    post.visibility = Visibility::Followers;
    channel(&fake).publish(&token(), &post).await.unwrap();
    assert_eq!(fake.statuses()[0].visibility, "private");
}

async fn publish_failing(failure: Failure) -> (FakeMastodon, ChannelError) {
    let fake = FakeMastodon::start().await;
    fake.fail_with(failure);
    let err = channel(&fake)
        .publish(&token(), &photo_post("k"))
        .await
        .unwrap_err();
    (fake, err)
}

#[tokio::test]
async fn a_revoked_token_asks_the_member_to_reconnect() {
    let (fake, err) = publish_failing(Failure::ExpiredToken).await;
    assert!(err.needs_reconnect(), "{err:?}");
    assert!(fake.statuses().is_empty());
}

#[tokio::test]
async fn throttling_waits_until_the_rate_limit_resets() {
    let (_, err) = publish_failing(Failure::Throttled).await;
    let ChannelError::RateLimited {
        retry_after: Some(wait),
    } = err
    else {
        panic!("{err:?}")
    };
    assert!(wait > Duration::from_secs(200) && wait <= Duration::from_secs(300));
}

#[tokio::test]
async fn an_outage_is_retried_later() {
    let (_, err) = publish_failing(Failure::Outage).await;
    assert!(matches!(err, ChannelError::Unavailable { .. }), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_rejected_image_is_not_retried_and_posts_nothing() {
    let (fake, err) = publish_failing(Failure::RejectImage).await;
    let ChannelError::Rejected { message } = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("content type is invalid"), "{message}");
    assert!(!err.is_retryable());
    assert_eq!(status_requests(&fake), 0);
}

#[tokio::test]
async fn counts_are_read_from_the_status() {
    let fake = FakeMastodon::start().await;
    let c = channel(&fake);
    let published = c
        .publish(&token(), &OutgoingPost::text("Hallo", "k"))
        .await
        .unwrap();

    let counts = c
        .fetch_counts(&token(), &published.remote_id)
        .await
        .unwrap();

    assert!(c.supports_counts());
    assert_eq!(
        counts,
        Counts {
            reactions: 12,
            reposts: 3,
            comments: 2,
            impressions: None
        }
    );
}

#[tokio::test]
async fn a_deleted_status_has_no_counts_any_more() {
    let fake = FakeMastodon::start().await;
    let c = channel(&fake);
    let published = c
        .publish(&token(), &OutgoingPost::text("Hallo", "k"))
        .await
        .unwrap();

    c.delete(&token(), &published.remote_id).await.unwrap();

    assert!(fake.statuses().is_empty());
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.method == axum::http::Method::DELETE
                && r.path == format!("/api/v1/statuses/{}", published.remote_id))
    );
    let err = c
        .fetch_counts(&token(), &published.remote_id)
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn connecting_registers_the_app_and_yields_the_account() {
    let fake = FakeMastodon::start().await;
    let c = channel(&fake);

    let app = c
        .register_app("Amtfluencer", md::REDIRECT, Some("https://amt.example"))
        .await
        .unwrap();
    let url = c.authorize_url(&app, md::REDIRECT, "st4te").unwrap();
    let token = c.exchange_code(&app, md::CODE, md::REDIRECT).await.unwrap();
    let account = c.verify_credentials(&token).await.unwrap();

    assert!(
        url.as_str()
            .starts_with(&format!("{}/oauth/authorize?", fake.base))
    );
    assert!(url.as_str().contains("client_id=md-client"));
    assert!(
        url.as_str()
            .contains("scope=read%20write%3Astatuses%20write%3Amedia")
    );
    assert!(url.as_str().contains("state=st4te"));
    assert_eq!(token, AccessToken::new(md::TOKEN));
    assert_eq!(account.acct, "erika");
    assert_eq!(account.url, format!("{}/@erika", fake.base));
}

#[tokio::test]
async fn a_used_code_means_starting_the_sign_in_again() {
    let fake = FakeMastodon::start().await;
    let c = channel(&fake);
    let app = c
        .register_app("Amtfluencer", md::REDIRECT, None)
        .await
        .unwrap();
    let err = c
        .exchange_code(&app, "used-code", md::REDIRECT)
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Unauthorized { .. }), "{err:?}");
}

#[tokio::test]
async fn a_status_whose_answer_never_comes_is_retried_without_doubling() {
    let fake = FakeMastodon::start().await;
    fake.fail_with(Failure::AnswerHangs);
    let c = MastodonChannel::new(
        crate::impatient_http(),
        MastodonInstance::parse(&fake.base).unwrap(),
    );
    let post = OutgoingPost::text("Guten Morgen aus dem Rathaus", "post-9");

    let err = c.publish(&token(), &post).await.unwrap_err();
    assert!(matches!(err, ChannelError::Unavailable { .. }), "{err:?}");
    let published = c.publish(&token(), &post).await.unwrap();

    assert_eq!(fake.statuses().len(), 1);
    assert_eq!(published.remote_id, fake.statuses()[0].id);
}

#[tokio::test]
async fn an_address_that_is_no_mastodon_instance_is_named_as_such() {
    let fake = crate::fake::linkedin::FakeLinkedIn::start().await;
    let c = MastodonChannel::new(crate::http(), MastodonInstance::parse(&fake.base).unwrap());
    let err = c
        .register_app("Amtfluencer", md::REDIRECT, None)
        .await
        .unwrap_err();
    assert!(
        err.user_message().contains("keine Mastodon-Instanz"),
        "{err:?}"
    );
}
