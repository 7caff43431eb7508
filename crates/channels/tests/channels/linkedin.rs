use amtfluencer_channels::linkedin::{LinkedInClient, LinkedInConfig, little_text};
use amtfluencer_channels::{
    AccessToken, Channel, ChannelError, Image, Mention, OutgoingPost, Visibility,
};
use std::time::Duration;
use url::Url;

use crate::fake::linkedin::{self as li, Failure, FakeLinkedIn};

pub fn config(base: &str, version: &str) -> LinkedInConfig {
    LinkedInConfig {
        api_base_url: Url::parse(base).unwrap(),
        oauth_base_url: Url::parse(base).unwrap(),
        client_id: li::CLIENT_ID.into(),
        client_secret: li::CLIENT_SECRET.into(),
        version: version.into(),
        post_analytics: false,
    }
}

pub fn client(fake: &FakeLinkedIn) -> LinkedInClient {
    LinkedInClient::new(crate::http(), config(&fake.base, li::VERSION))
}

fn token() -> AccessToken {
    AccessToken::new(li::TOKEN)
}

pub fn author() -> String {
    format!("urn:li:person:{}", li::SUB)
}

const TEXT: &str = "Heute zeige ich euch unsere neue Kita (Rheinpromenade) mit @Stadt Musterstadt 🎉\n\
                    Größer, heller & mit Garten [Bauphase 2] – Fragen? info@musterstadt.de\n\
                    https://musterstadt.de/kita_neu#plan #Bauen #Öffentlicher_Dienst";

fn photo_post() -> OutgoingPost {
    let mut post = OutgoingPost::text(TEXT, "post-1");
    post.image = Some(Image {
        bytes: b"\xff\xd8\xff\xe0 fake jpeg".to_vec(),
        mime: "image/jpeg".into(),
        alt_text: "Kinder spielen im neuen Garten der Kita".into(),
    });
    post.mentions.push(Mention {
        name: "Stadt Musterstadt".into(),
        urn: "urn:li:organization:123".into(),
    });
    post
}

#[tokio::test]
async fn a_photo_post_arrives_once_with_escaped_commentary_and_alt_text() {
    let fake = FakeLinkedIn::start().await;
    let channel = client(&fake).channel(author());

    let published = channel.publish(&token(), &photo_post()).await.unwrap();

    let posts = fake.posts();
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert_eq!(published.remote_id, post.urn);
    assert_eq!(
        published.url,
        format!("https://www.linkedin.com/feed/update/{}/", post.urn)
    );
    assert_eq!(post.rendered, TEXT, "nothing of the text may be lost");
    let commentary = post.body["commentary"].as_str().unwrap();
    assert_eq!(commentary, little_text(TEXT, &photo_post().mentions));
    assert!(commentary.contains("@[Stadt Musterstadt](urn:li:organization:123)"));
    assert!(commentary.contains(r"{hashtag|\#|Bauen}"));
    assert_eq!(post.body["visibility"], "PUBLIC");
    let media = &post.body["content"]["media"];
    assert_eq!(media["altText"], "Kinder spielen im neuen Garten der Kita");
    let image_urn = media["id"].as_str().unwrap();
    assert_eq!(
        fake.uploaded(image_urn).unwrap(),
        b"\xff\xd8\xff\xe0 fake jpeg".to_vec()
    );
    let creates = fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/rest/posts")
        .collect::<Vec<_>>();
    assert_eq!(creates.len(), 1);
    let init = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/rest/images")
        .unwrap();
    assert_eq!(init.query.as_deref(), Some("action=initializeUpload"));
    assert_eq!(init.header("linkedin-version"), Some(li::VERSION));
    assert_eq!(creates[0].header("linkedin-version"), Some(li::VERSION));
    assert_eq!(
        creates[0].header("x-restli-protocol-version"),
        Some("2.0.0")
    );
    assert_eq!(creates[0].header("authorization"), Some("Bearer li-token"));
}

#[tokio::test]
async fn a_text_post_has_no_media_and_maps_the_visibility() {
    let fake = FakeLinkedIn::start().await;
    let mut post = OutgoingPost::text("Nur für mein Netzwerk", "post-2");
    post.visibility = Visibility::Followers;

    client(&fake)
        .channel(author())
        .publish(&token(), &post)
        .await
        .unwrap();

    let stored = &fake.posts()[0];
    assert_eq!(stored.body["visibility"], "CONNECTIONS");
    assert!(stored.body.get("content").is_none());
    assert!(fake.requests().iter().all(|r| r.path != "/rest/images"));
}

async fn publish_failing(failure: Failure, with_image: bool) -> (FakeLinkedIn, ChannelError) {
    let fake = FakeLinkedIn::start().await;
    fake.fail_with(failure);
    let post = if with_image {
        photo_post()
    } else {
        OutgoingPost::text("Hallo", "k")
    };
    let err = client(&fake)
        .channel(author())
        .publish(&token(), &post)
        .await
        .unwrap_err();
    (fake, err)
}

#[tokio::test]
async fn an_expired_token_asks_the_member_to_reconnect() {
    let (fake, err) = publish_failing(Failure::ExpiredToken, false).await;
    assert!(matches!(err, ChannelError::Unauthorized { .. }), "{err:?}");
    assert!(err.needs_reconnect() && !err.is_retryable());
    assert!(fake.posts().is_empty());
}

#[tokio::test]
async fn throttling_says_how_long_to_wait() {
    let (_, err) = publish_failing(Failure::Throttled, false).await;
    assert_eq!(
        err,
        ChannelError::RateLimited {
            retry_after: Some(Duration::from_secs(60))
        }
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn an_outage_is_retried_later() {
    let (_, err) = publish_failing(Failure::Outage, true).await;
    assert!(matches!(err, ChannelError::Unavailable { .. }), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_rejected_image_is_not_retried_and_creates_no_post() {
    let (fake, err) = publish_failing(Failure::RejectImage, true).await;
    let ChannelError::Rejected { message } = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("Bild"), "{message}");
    assert!(!err.is_retryable());
    assert!(fake.requests().iter().all(|r| r.path != "/rest/posts"));
}

#[tokio::test]
async fn duplicate_content_is_rejected_with_linkedins_reason() {
    let (_, err) = publish_failing(Failure::DuplicateContent, false).await;
    let ChannelError::Rejected { message } = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("duplicate"));
    assert!(err.user_message().contains("duplicate"));
}

#[tokio::test]
async fn a_created_answer_without_post_id_is_not_a_success() {
    let (_, err) = publish_failing(Failure::CreatedWithoutId, false).await;
    assert!(matches!(err, ChannelError::Unconfirmed { .. }), "{err:?}");
    assert!(!err.is_retryable(), "a resend could publish twice");
}

#[tokio::test]
async fn a_retired_api_version_is_named_in_the_error() {
    let fake = FakeLinkedIn::start().await;
    let old = LinkedInClient::new(crate::http(), config(&fake.base, "202401"));
    let err = old
        .channel(author())
        .publish(&token(), &OutgoingPost::text("Hallo", "k"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ChannelError::ApiVersionRetired {
            version: "202401".into()
        }
    );
    assert!(err.user_message().contains("202401"));
}

#[tokio::test]
async fn an_unreachable_linkedin_is_unavailable_and_nothing_is_claimed() {
    let base = crate::fake::closed_port().await;
    let c = LinkedInClient::new(crate::http(), config(&base, li::VERSION));
    let err = c
        .channel(author())
        .publish(&token(), &OutgoingPost::text("Hallo", "k"))
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Unavailable { .. }), "{err:?}");
}

#[tokio::test]
async fn a_text_over_three_thousand_characters_is_refused_before_sending() {
    let fake = FakeLinkedIn::start().await;
    let err = client(&fake)
        .channel(author())
        .publish(&token(), &OutgoingPost::text("ä".repeat(3001), "k"))
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Rejected { .. }));
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_webp_image_is_refused_before_uploading() {
    let fake = FakeLinkedIn::start().await;
    let mut post = photo_post();
    if let Some(i) = post.image.as_mut() {
        i.mime = "image/webp".into();
    }
    let err = client(&fake)
        .channel(author())
        .publish(&token(), &post)
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Rejected { .. }));
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_published_post_can_be_found_and_deleted_by_its_encoded_urn() {
    let fake = FakeLinkedIn::start().await;
    let channel = client(&fake).channel(author());
    let published = channel
        .publish(&token(), &OutgoingPost::text("Hallo", "k"))
        .await
        .unwrap();

    assert!(
        channel
            .post_exists(&token(), &published.remote_id)
            .await
            .unwrap()
    );
    channel
        .delete(&token(), &published.remote_id)
        .await
        .unwrap();
    assert!(
        !channel
            .post_exists(&token(), &published.remote_id)
            .await
            .unwrap()
    );
    // Deleting again is not an error: the post is gone either way.
    channel
        .delete(&token(), &published.remote_id)
        .await
        .unwrap();
    assert!(fake.posts().is_empty());
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.path.starts_with("/rest/posts/urn%3Ali%3Ashare%3A"))
    );
}

#[tokio::test]
async fn counts_are_not_offered_without_partner_access() {
    let fake = FakeLinkedIn::start().await;
    let channel = client(&fake).channel(author());
    assert!(!channel.supports_counts());
    let err = channel
        .fetch_counts(&token(), "urn:li:share:1")
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Unsupported { .. }));
}

#[tokio::test]
async fn signing_in_yields_a_sixty_day_token_and_the_members_urn() {
    let fake = FakeLinkedIn::start().await;
    let c = client(&fake);
    let url = c.authorize_url(li::REDIRECT, "xyz").unwrap();
    assert!(
        url.as_str()
            .starts_with(&format!("{}/oauth/v2/authorization?", fake.base))
    );

    let conn = c.connect(li::CODE, li::REDIRECT).await.unwrap();

    assert_eq!(conn.token.access_token, token());
    assert_eq!(conn.token.expires_in, Duration::from_secs(5_183_999));
    assert!(conn.token.can_post());
    assert_eq!(conn.member.person_urn(), author());
    assert_eq!(
        conn.member.email.as_deref(),
        Some("erika@musterstadt.example")
    );
    let exchange = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/oauth/v2/accessToken")
        .unwrap();
    assert!(
        exchange
            .form()
            .contains(&("client_secret".into(), li::CLIENT_SECRET.into()))
    );
}

#[tokio::test]
async fn an_unknown_code_means_starting_the_sign_in_again() {
    let fake = FakeLinkedIn::start().await;
    let err = client(&fake)
        .exchange_code("stale-code", li::REDIRECT)
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Unauthorized { .. }), "{err:?}");
}

#[tokio::test]
async fn a_post_whose_answer_never_comes_is_unconfirmed_not_retried() {
    let fake = FakeLinkedIn::start().await;
    fake.fail_with(Failure::AnswerHangs);
    let c = LinkedInClient::new(crate::impatient_http(), config(&fake.base, li::VERSION));

    let err = c
        .channel(author())
        .publish(&token(), &OutgoingPost::text("Hallo", "k"))
        .await
        .unwrap_err();

    assert!(matches!(err, ChannelError::Unconfirmed { .. }), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(
        fake.posts().len(),
        1,
        "the post exists, so a blind resend would double it"
    );
}
