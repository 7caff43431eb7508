//! Mastodon: one client per instance (social.bund.de, bawü.social, an authority's own), with
//! app registration, OAuth, media, statuses and their counts.

mod media;
mod oauth;
mod statuses;

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::AUTHORIZATION;
use reqwest::{Method, RequestBuilder};
use serde::Deserialize;
use url::{Host, Url};

use crate::{AccessToken, ChannelError, Http};

pub use oauth::{MastodonAccount, MastodonApp, SCOPES};
pub use statuses::{InstanceLimits, countable_length};

/// The address of an instance, normalised to its origin: `https://host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MastodonInstance(Url);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("is not the address of a Mastodon instance like social.bund.de")]
    Invalid,
    #[error("must use https")]
    NotHttps,
}

impl MastodonInstance {
    /// Accepts what people type: `social.bund.de`, `https://bawü.social/`, `@name@host` is not
    /// an instance. Plain `http` only for this machine (tests, development).
    pub fn parse(input: &str) -> Result<Self, InstanceError> {
        let s = input.trim();
        let with_scheme = if s.contains("://") {
            s.to_owned()
        } else {
            format!("https://{s}")
        };
        let url = Url::parse(&with_scheme).map_err(|_| InstanceError::Invalid)?;
        let host = url.host().ok_or(InstanceError::Invalid)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(InstanceError::Invalid);
        }
        let loopback = match &host {
            Host::Domain(d) => *d == "localhost",
            Host::Ipv4(ip) => ip.is_loopback(),
            Host::Ipv6(ip) => ip.is_loopback(),
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(InstanceError::NotHttps),
            _ => return Err(InstanceError::Invalid),
        }
        let origin = url.origin().ascii_serialization();
        Url::parse(&origin)
            .map(Self)
            .map_err(|_| InstanceError::Invalid)
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.0.as_str().trim_end_matches('/'))
    }
}

/// How long to wait for an uploaded image to be processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MastodonOptions {
    pub media_poll_attempts: u32,
    pub media_poll_interval: Duration,
}

impl Default for MastodonOptions {
    fn default() -> Self {
        Self {
            media_poll_attempts: 30,
            media_poll_interval: Duration::from_secs(1),
        }
    }
}

/// One Mastodon instance as a place to post; the account is the one the token belongs to.
#[derive(Debug, Clone)]
pub struct MastodonChannel {
    http: Http,
    instance: MastodonInstance,
    options: MastodonOptions,
    limits: Arc<tokio::sync::OnceCell<InstanceLimits>>,
}

impl MastodonChannel {
    pub fn new(http: Http, instance: MastodonInstance) -> Self {
        Self {
            http,
            instance,
            options: MastodonOptions::default(),
            limits: Arc::default(),
        }
    }

    pub fn with_options(mut self, options: MastodonOptions) -> Self {
        self.options = options;
        self
    }

    pub fn instance(&self) -> &MastodonInstance {
        &self.instance
    }

    fn request(&self, method: Method, path: &str, token: &AccessToken) -> RequestBuilder {
        self.http
            .client()
            .request(method, self.instance.endpoint(path))
            .header(AUTHORIZATION, token.bearer())
    }

    /// The error for a non-success answer: Mastodon explains in `{"error": "..."}`.
    async fn error(&self, res: reqwest::Response) -> ChannelError {
        let status = res.status();
        let headers = res.headers().clone();
        let body = crate::http::read_body(res).await.unwrap_or_default();
        let message = serde_json::from_slice::<ErrorBody>(&body)
            .ok()
            .and_then(|b| b.error);
        crate::http::error_for_status(status, &headers, message)
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: Option<String>,
}

/// A path segment from an id we were given, so that it cannot change the path.
fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instance_typed_without_scheme_gets_https() {
        let i = MastodonInstance::parse(" social.bund.de ").unwrap();
        assert_eq!(i.url().as_str(), "https://social.bund.de/");
    }

    #[test]
    fn an_instance_with_umlauts_is_kept_in_its_ascii_form() {
        let i = MastodonInstance::parse("https://bawü.social/about").unwrap();
        assert_eq!(i.url().as_str(), "https://xn--baw-joa.social/");
    }

    #[test]
    fn plain_http_is_refused_except_on_this_machine() {
        assert_eq!(
            MastodonInstance::parse("http://social.bund.de"),
            Err(InstanceError::NotHttps)
        );
        assert!(MastodonInstance::parse("http://127.0.0.1:8080").is_ok());
    }

    #[test]
    fn an_account_handle_is_no_instance() {
        assert!(MastodonInstance::parse("@stadt@social.bund.de").is_err());
        assert!(MastodonInstance::parse("").is_err());
    }
}
