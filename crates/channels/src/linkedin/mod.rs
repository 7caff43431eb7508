//! LinkedIn for a member: sign-in (OpenID Connect) and "Share on LinkedIn" (`w_member_social`).
//!
//! Organization posts and analytics need LinkedIn's partner approval; this client does not
//! assume them, so [`LinkedInChannel::fetch_counts`] answers [`ChannelError::Unsupported`] and
//! figures come from the export files. Where an authority's app has the approved
//! `r_member_postAnalytics` scope, [`LinkedInConfig::post_analytics`] asks members for it and
//! [`LinkedInChannel::post_analytics`] reads a post's lifetime totals.

mod analytics;
mod little_text;
mod oauth;
mod posts;

use std::fmt;
use std::sync::Arc;

use reqwest::header::{AUTHORIZATION, HeaderMap};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::Deserialize;
use url::Url;

use crate::{AccessToken, ChannelError, Http};

pub use analytics::{PostAnalytics, PostMetric, analytics_entity};
pub use little_text::{escape, little_text};
pub use oauth::{
    ANALYTICS_SCOPE, LinkedInConnection, LinkedInMember, LinkedInToken, SCOPES,
    grants_post_analytics,
};
pub use posts::MAX_COMMENTARY_CHARS;

/// Where LinkedIn lives and who we are to it. Every URL is configuration so tests can point it at
/// a local server.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkedInConfig {
    /// `https://api.linkedin.com`
    pub api_base_url: Url,
    /// `https://www.linkedin.com`
    pub oauth_base_url: Url,
    pub client_id: String,
    pub client_secret: String,
    /// The `LinkedIn-Version` month, e.g. `202511`. Versions retire about a year after release.
    pub version: String,
    /// Whether sign-in also asks for `r_member_postAnalytics`. Only for apps LinkedIn approved
    /// for member post analytics: it refuses the sign-in of other apps that ask for it.
    pub post_analytics: bool,
}

impl LinkedInConfig {
    /// The real LinkedIn hosts.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        version: impl Into<String>,
    ) -> Result<Self, url::ParseError> {
        Ok(Self {
            api_base_url: Url::parse("https://api.linkedin.com")?,
            oauth_base_url: Url::parse("https://www.linkedin.com")?,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            version: version.into(),
            post_analytics: false,
        })
    }
}

impl fmt::Debug for LinkedInConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LinkedInConfig")
            .field("api_base_url", &self.api_base_url.as_str())
            .field("oauth_base_url", &self.oauth_base_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"…")
            .field("version", &self.version)
            .field("post_analytics", &self.post_analytics)
            .finish()
    }
}

/// The app-wide LinkedIn client: OAuth, and a [`LinkedInChannel`] per connected member.
#[derive(Debug, Clone)]
pub struct LinkedInClient {
    http: Http,
    config: Arc<LinkedInConfig>,
}

impl LinkedInClient {
    pub fn new(http: Http, config: LinkedInConfig) -> Self {
        Self {
            http,
            config: Arc::new(config),
        }
    }

    pub fn config(&self) -> &LinkedInConfig {
        &self.config
    }

    /// The channel that posts as the member `author`, e.g. `urn:li:person:782bbtaQ`.
    pub fn channel(&self, author: impl Into<String>) -> LinkedInChannel {
        LinkedInChannel {
            client: self.clone(),
            author: author.into(),
        }
    }

    fn api_url(&self, path: &str) -> String {
        join(&self.config.api_base_url, path)
    }

    fn oauth_url(&self, path: &str) -> String {
        join(&self.config.oauth_base_url, path)
    }

    /// A request to the versioned REST API with the headers every call needs.
    fn rest(&self, method: Method, url: &str, token: &AccessToken) -> RequestBuilder {
        self.http
            .client()
            .request(method, url)
            .header(AUTHORIZATION, token.bearer())
            .header("LinkedIn-Version", &self.config.version)
            .header("X-Restli-Protocol-Version", "2.0.0")
    }

    /// The error for a non-success answer of the REST API.
    async fn error(&self, res: reqwest::Response) -> ChannelError {
        let status = res.status();
        let headers = res.headers().clone();
        let body = crate::http::read_body(res).await.unwrap_or_default();
        self.error_from(status, &headers, &body)
    }

    fn error_from(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ChannelError {
        let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
        let retired = status == StatusCode::UPGRADE_REQUIRED
            || parsed.as_ref().is_some_and(|b| {
                b.code.as_deref() == Some("NONEXISTENT_VERSION")
                    || b.message
                        .as_deref()
                        .is_some_and(|m| m.contains("NONEXISTENT_VERSION"))
            });
        if retired {
            return ChannelError::ApiVersionRetired {
                version: self.config.version.clone(),
            };
        }
        crate::http::error_for_status(status, headers, parsed.and_then(|b| b.message))
    }
}

/// LinkedIn's error document: `{"status": 422, "message": "...", "serviceErrorCode": 100}`.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    message: Option<String>,
    code: Option<String>,
}

/// One member's LinkedIn profile as a place to post.
#[derive(Debug, Clone)]
pub struct LinkedInChannel {
    client: LinkedInClient,
    author: String,
}

impl LinkedInChannel {
    /// The member URN the posts are written as.
    pub fn author(&self) -> &str {
        &self.author
    }
}

/// The public address of a post.
pub fn post_url(urn: &str) -> String {
    format!("https://www.linkedin.com/feed/update/{urn}/")
}

fn join(base: &Url, path: &str) -> String {
    format!("{}{path}", base.as_str().trim_end_matches('/'))
}

/// A URN as one path segment or Rest.li value: every reserved character (`:` `(` `)` `,`)
/// percent-encoded.
fn encode_urn(urn: &str) -> String {
    url::form_urlencoded::byte_serialize(urn.as_bytes()).collect()
}
