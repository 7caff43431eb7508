//! What the protocol shares: one HTTP client, bounded JSON responses, and the small caches
//! for discovery documents and key sets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use super::OidcError;

const HTTP_TIMEOUT: Duration = Duration::from_secs(10);
/// Discovery documents and key sets change rarely; a key we do not know forces a refetch.
const CACHE_TTL: Duration = Duration::from_secs(300);
const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

pub(super) type Cache<T> = Mutex<HashMap<String, (Instant, Arc<T>)>>;

pub(super) fn cached<T>(cache: &Cache<T>, key: &str) -> Option<Arc<T>> {
    let map = cache.lock().unwrap_or_else(PoisonError::into_inner);
    map.get(key)
        .filter(|(at, _)| at.elapsed() < CACHE_TTL)
        .map(|(_, v)| v.clone())
}

pub(super) fn remember<T>(cache: &Cache<T>, key: &str, value: T) -> Arc<T> {
    let value = Arc::new(value);
    let mut map = cache.lock().unwrap_or_else(PoisonError::into_inner);
    map.retain(|_, (at, _)| at.elapsed() < CACHE_TTL);
    map.insert(key.to_owned(), (Instant::now(), value.clone()));
    value
}

/// One HTTP client for all providers: rustls with ring, the system's trust store, the
/// proxy from the environment, no redirects (a provider's endpoints are named exactly).
pub(super) fn client() -> Result<&'static reqwest::Client, OidcError> {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    if let Some(c) = CLIENT.get() {
        return Ok(c);
    }
    // Another part of the process may have chosen the provider already; either is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let c = reqwest::Client::builder()
        .timeout(HTTP_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Amtfluencer/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| OidcError::Unreachable(format!("HTTP client: {e}")))?;
    Ok(CLIENT.get_or_init(|| c))
}

/// Reads a JSON response of bounded size; `what` names the document in errors.
pub(super) async fn read_json<T: serde::de::DeserializeOwned>(
    mut res: reqwest::Response,
    what: &'static str,
) -> Result<T, OidcError> {
    let mut body = Vec::new();
    while let Some(chunk) = res
        .chunk()
        .await
        .map_err(|e| OidcError::Unreachable(e.to_string()))?
    {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(OidcError::BadDocument(what));
        }
        body.extend_from_slice(&chunk);
    }
    serde_json::from_slice(&body).map_err(|_| OidcError::BadDocument(what))
}

pub(super) async fn get_json<T: serde::de::DeserializeOwned>(
    url: &str,
    what: &'static str,
) -> Result<T, OidcError> {
    let res = client()?
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| OidcError::Unreachable(e.without_url().to_string()))?;
    if !res.status().is_success() {
        return Err(OidcError::Unreachable(format!(
            "{what}: HTTP {}",
            res.status().as_u16()
        )));
    }
    read_json(res, what).await
}
