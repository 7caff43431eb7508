#![expect(clippy::unwrap_used, reason = "test helpers fail loudly, like tests")]
//! The real clients against local fake servers built from the external-APIs spec.

pub use amtfluencer_channels::fake;
mod linkedin;
mod linkedin_analytics;
mod mastodon;

use amtfluencer_channels::{Http, HttpOptions};

pub fn http() -> Http {
    Http::new(HttpOptions::default()).unwrap()
}

/// A client that gives up quickly, for servers that never answer.
pub fn impatient_http() -> Http {
    Http::new(HttpOptions {
        connect_timeout: std::time::Duration::from_secs(5),
        timeout: std::time::Duration::from_millis(300),
    })
    .unwrap()
}
