//! Member post analytics (`r_member_postAnalytics`) against the fake LinkedIn: one request per
//! metric, the Rest.li entity encoding, and every error the job has to tell apart.

use amtfluencer_channels::linkedin::{
    LinkedInChannel, LinkedInClient, LinkedInConfig, PostAnalytics, PostMetric,
};
use amtfluencer_channels::{AccessToken, Channel, ChannelError, OutgoingPost};

use crate::fake::Recorded;
use crate::fake::linkedin::{self as li, Failure, FakeLinkedIn, PostFigures};
use crate::linkedin::{author, client, config};

fn analytics_token() -> AccessToken {
    AccessToken::new(li::ANALYTICS_TOKEN)
}

fn analytics_requests(fake: &FakeLinkedIn) -> Vec<Recorded> {
    fake.requests()
        .into_iter()
        .filter(|r| r.path == "/rest/memberCreatorPostAnalytics")
        .collect()
}

/// A post published through the fake, so that it exists there: (channel, URN).
async fn published(fake: &FakeLinkedIn) -> (LinkedInChannel, String) {
    let channel = client(fake).channel(author());
    let urn = channel
        .publish(
            &analytics_token(),
            &OutgoingPost::text("Baustelle Rathaus", "k"),
        )
        .await
        .unwrap()
        .remote_id;
    (channel, urn)
}

#[tokio::test]
async fn every_metric_is_read_with_one_request_of_its_own() {
    let fake = FakeLinkedIn::start().await;
    let (channel, urn) = published(&fake).await;
    fake.set_post_figures(&urn, PostFigures::new(1234, 800, 12, 3, 1));

    let figures = channel
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap();

    assert_eq!(
        figures,
        PostAnalytics {
            impressions: Some(1234),
            members_reached: Some(800),
            reactions: Some(12),
            comments: Some(3),
            reshares: Some(1),
        }
    );
    let requests = analytics_requests(&fake);
    let id = urn.trim_start_matches("urn:li:share:");
    let expected: Vec<String> = [
        "IMPRESSION",
        "MEMBERS_REACHED",
        "REACTION",
        "COMMENT",
        "RESHARE",
    ]
    .iter()
    .map(|t| {
        format!("q=entity&entity=(share:urn%3Ali%3Ashare%3A{id})&queryType={t}&aggregation=TOTAL")
    })
    .collect();
    let queries: Vec<String> = requests
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(queries, expected);
    for r in &requests {
        assert_eq!(r.method, "GET");
        assert_eq!(r.header("authorization"), Some("Bearer li-token-analytics"));
        assert_eq!(r.header("linkedin-version"), Some(li::VERSION));
        assert_eq!(r.header("x-restli-protocol-version"), Some("2.0.0"));
    }
}

#[tokio::test]
async fn a_ugc_post_is_named_as_the_ugc_member_of_the_entity() {
    let fake = FakeLinkedIn::start().await;
    let urn = "urn:li:ugcPost:6999123456789";
    fake.set_post_figures(
        urn,
        PostFigures {
            impressions: Some(77),
            ..Default::default()
        },
    );
    let channel = client(&fake).channel(author());

    let impressions = channel
        .post_metric(&analytics_token(), urn, PostMetric::Impressions)
        .await
        .unwrap();

    assert_eq!(impressions, Some(77));
    let query = analytics_requests(&fake)[0].query.clone().unwrap();
    assert!(
        query.contains("entity=(ugc:urn%3Ali%3AugcPost%3A6999123456789)"),
        "{query}"
    );
}

#[tokio::test]
async fn a_post_without_figures_yet_has_none_of_them() {
    let fake = FakeLinkedIn::start().await;
    let (channel, urn) = published(&fake).await;
    let figures = channel
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap();
    assert_eq!(figures, PostAnalytics::default());
    assert_eq!(analytics_requests(&fake).len(), 5);
}

#[tokio::test]
async fn a_token_without_the_scope_is_refused_without_breaking_the_connection() {
    let fake = FakeLinkedIn::start().await;
    let (channel, urn) = published(&fake).await;
    let err = channel
        .post_analytics(&AccessToken::new(li::TOKEN), &urn)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ChannelError::MissingScope { scope, .. } if scope == "r_member_postAnalytics"),
        "{err:?}"
    );
    assert!(!err.needs_reconnect() && !err.is_retryable());
    assert_eq!(
        analytics_requests(&fake).len(),
        1,
        "the other metrics are not asked"
    );
}

#[tokio::test]
async fn a_deleted_post_is_not_found() {
    let fake = FakeLinkedIn::start().await;
    let (channel, urn) = published(&fake).await;
    fake.set_post_figures(&urn, PostFigures::new(1, 1, 1, 1, 1));
    fake.remove_post(&urn);
    let err = channel
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn the_fakes_failure_modes_map_to_what_the_caller_should_do() {
    let fake = FakeLinkedIn::start().await;
    let (channel, urn) = published(&fake).await;
    fake.fail_with(Failure::ExpiredToken);
    let err = channel
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap_err();
    assert!(err.needs_reconnect(), "{err:?}");
    fake.fail_with(Failure::Throttled);
    let err = channel
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ChannelError::RateLimited {
            retry_after: Some(std::time::Duration::from_secs(60))
        }
    );
    fake.fail_with(Failure::Outage);
    let err = channel
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ChannelError::Unavailable { .. }) && err.is_retryable(),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_retired_api_version_is_named_and_an_unreachable_linkedin_is_unavailable() {
    let fake = FakeLinkedIn::start().await;
    let (_, urn) = published(&fake).await;
    let old = LinkedInClient::new(crate::http(), config(&fake.base, "202401"));
    let err = old
        .channel(author())
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ChannelError::ApiVersionRetired {
            version: "202401".into()
        }
    );

    let gone = LinkedInClient::new(
        crate::http(),
        config(&crate::fake::closed_port().await, li::VERSION),
    );
    let err = gone
        .channel(author())
        .post_analytics(&analytics_token(), &urn)
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Unavailable { .. }), "{err:?}");
}

#[tokio::test]
async fn a_pasted_activity_link_is_not_asked_for() {
    let fake = FakeLinkedIn::start().await;
    let err = client(&fake)
        .channel(author())
        .post_analytics(&analytics_token(), "urn:li:activity:7012345678901234567")
        .await
        .unwrap_err();
    assert!(matches!(err, ChannelError::Unsupported { .. }), "{err:?}");
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn the_granted_analytics_scope_comes_back_from_the_sign_in() {
    let fake = FakeLinkedIn::start().await;
    let c = LinkedInClient::new(
        crate::http(),
        LinkedInConfig {
            post_analytics: true,
            ..config(&fake.base, li::VERSION)
        },
    );
    let url = c.authorize_url(li::REDIRECT, "st").unwrap();
    let scope = url
        .query_pairs()
        .find(|(k, _)| k == "scope")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert!(scope.split(' ').any(|s| s == "r_member_postAnalytics"));

    let with = c.connect(li::ANALYTICS_CODE, li::REDIRECT).await.unwrap();
    assert!(with.token.can_read_post_analytics() && with.token.can_post());
    let without = c.connect(li::CODE, li::REDIRECT).await.unwrap();
    assert!(!without.token.can_read_post_analytics());
    // Counts through the generic channel interface stay partner-only.
    assert!(!c.channel(author()).supports_counts());
}
