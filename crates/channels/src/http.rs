//! The HTTP plumbing both networks share: one client with timeouts, bounded bodies, and the
//! mapping from status codes to [`ChannelError`].

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{RequestBuilder, Response, StatusCode};

use crate::ChannelError;

/// Answers we read are small JSON documents; anything bigger is not what we asked for.
const MAX_RESPONSE_BYTES: usize = 2 * 1024 * 1024;

/// Timeouts of every request. Both default to 30 seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    /// The whole request, from connecting to the last byte of the answer.
    pub timeout: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
        }
    }
}

/// One HTTP client for all channels; cheap to clone (it shares its connection pool).
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
}

impl Http {
    /// rustls with ring and the system's trust store, no redirects (every endpoint is named
    /// exactly, and a redirect must not carry a bearer token elsewhere).
    pub fn new(options: HttpOptions) -> Result<Self, ChannelError> {
        // Another part of the process may have chosen the provider already; either is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Amtfluencer/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ChannelError::Unavailable {
                detail: format!("HTTP client: {e}"),
            })?;
        Ok(Self { client })
    }

    pub(crate) fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

/// Sends a request; a failure to get any answer means the network is unavailable.
pub(crate) async fn send(req: RequestBuilder) -> Result<Response, ChannelError> {
    req.send().await.map_err(|e| ChannelError::Unavailable {
        detail: e.without_url().to_string(),
    })
}

/// Reads a body of bounded size.
pub(crate) async fn read_body(mut res: Response) -> Result<Vec<u8>, ChannelError> {
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(|e| ChannelError::Unavailable {
        detail: e.without_url().to_string(),
    })? {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(ChannelError::UnexpectedResponse {
                detail: "answer too large".to_owned(),
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads a successful JSON answer; `what` names the document in errors.
pub(crate) async fn read_json<T: serde::de::DeserializeOwned>(
    res: Response,
    what: &str,
) -> Result<T, ChannelError> {
    let body = read_body(res).await?;
    serde_json::from_slice(&body).map_err(|e| ChannelError::UnexpectedResponse {
        detail: format!("{what}: {e}"),
    })
}

/// The error for a non-success answer. `message` is the network's own explanation, if any.
pub(crate) fn error_for_status(
    status: StatusCode,
    headers: &HeaderMap,
    message: Option<String>,
) -> ChannelError {
    let detail = match &message {
        Some(m) => format!("HTTP {}: {m}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    };
    match status.as_u16() {
        401 | 403 => ChannelError::Unauthorized { detail },
        429 => ChannelError::RateLimited {
            retry_after: retry_after(headers),
        },
        404 | 410 => ChannelError::NotFound { detail },
        400 | 409 | 413 | 415 | 422 => ChannelError::Rejected {
            message: message.unwrap_or(detail),
        },
        500..=599 => ChannelError::Unavailable { detail },
        _ => ChannelError::UnexpectedResponse { detail },
    }
}

/// A query string with spaces as `%20`, the way OAuth providers document their URLs
/// (form encoding would write `+`).
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        url::form_urlencoded::byte_serialize(s.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// How long the network asked us to wait: `Retry-After` (seconds or an HTTP date), else
/// Mastodon's `X-RateLimit-Reset` (an ISO 8601 time).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let now = chrono::Utc::now();
    let until = |at: chrono::DateTime<chrono::FixedOffset>| {
        (at.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
    };
    if let Some(v) = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()) {
        let v = v.trim();
        if let Ok(secs) = v.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(at) = chrono::DateTime::parse_from_rfc2822(v) {
            return Some(until(at));
        }
    }
    headers
        .get("x-ratelimit-reset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| chrono::DateTime::parse_from_rfc3339(v.trim()).ok())
        .map(until)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(name: &'static str, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn retry_after_in_seconds_is_read_as_a_duration() {
        assert_eq!(
            retry_after(&headers("retry-after", "120")),
            Some(Duration::from_secs(120))
        );
    }

    #[test]
    fn a_reset_time_in_the_past_means_no_wait() {
        assert_eq!(
            retry_after(&headers("x-ratelimit-reset", "2020-01-01T00:00:00.000Z")),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn an_http_date_in_the_future_is_a_positive_wait() {
        let wait = retry_after(&headers("retry-after", "Fri, 31 Dec 2100 23:59:59 GMT"));
        assert!(wait.is_some_and(|d| d > Duration::from_secs(3600)));
    }

    #[test]
    fn status_codes_map_to_what_the_caller_should_do() {
        let h = HeaderMap::new();
        let e = |code| error_for_status(StatusCode::from_u16(code).unwrap_or_default(), &h, None);
        assert!(matches!(e(401), ChannelError::Unauthorized { .. }));
        assert!(matches!(e(403), ChannelError::Unauthorized { .. }));
        assert!(matches!(e(422), ChannelError::Rejected { .. }));
        assert!(matches!(e(429), ChannelError::RateLimited { .. }));
        assert!(matches!(e(503), ChannelError::Unavailable { .. }));
        assert!(matches!(e(404), ChannelError::NotFound { .. }));
    }
}
