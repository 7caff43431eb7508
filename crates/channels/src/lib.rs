//! Clients for the networks Amtfluencer publishes to, behind one [`Channel`] trait.
//!
//! The crate knows HTTP and the networks' rules, nothing of our database or jobs: the app stores
//! tokens and posts and calls these clients. Every base URL is configuration, so tests point the
//! real clients at local fake servers.

pub mod error;
#[cfg(feature = "fake")]
pub mod fake;
pub mod http;
pub mod linkedin;
pub mod mastodon;
pub mod post;

use std::future::Future;

pub use error::ChannelError;
pub use http::{Http, HttpOptions};
pub use linkedin::{LinkedInChannel, LinkedInClient, LinkedInConfig};
pub use mastodon::{MastodonChannel, MastodonInstance};
pub use post::{AccessToken, Counts, Image, Mention, OutgoingPost, Published, Visibility};

/// One connected account on one network: where a post goes and where its figures come from.
///
/// The token is passed per call because the app keeps it encrypted and decrypts it only for the
/// call. Use [`AnyChannel`] where one value must hold either network.
pub trait Channel {
    /// Publishes a post. `Ok` only when the network confirmed that it created the post.
    fn publish(
        &self,
        token: &AccessToken,
        post: &OutgoingPost,
    ) -> impl Future<Output = Result<Published, ChannelError>> + Send;

    /// Whether [`Channel::fetch_counts`] can work for this network without partner access.
    fn supports_counts(&self) -> bool;

    /// Reads the current interaction figures of a published post.
    fn fetch_counts(
        &self,
        token: &AccessToken,
        remote_id: &str,
    ) -> impl Future<Output = Result<Counts, ChannelError>> + Send;

    /// Deletes a published post; deleting one that is already gone is not an error.
    fn delete(
        &self,
        token: &AccessToken,
        remote_id: &str,
    ) -> impl Future<Output = Result<(), ChannelError>> + Send;
}

/// Either network, for code that holds channels of both kinds.
#[derive(Debug, Clone)]
pub enum AnyChannel {
    LinkedIn(LinkedInChannel),
    Mastodon(MastodonChannel),
}

impl Channel for AnyChannel {
    async fn publish(
        &self,
        token: &AccessToken,
        post: &OutgoingPost,
    ) -> Result<Published, ChannelError> {
        match self {
            Self::LinkedIn(c) => c.publish(token, post).await,
            Self::Mastodon(c) => c.publish(token, post).await,
        }
    }

    fn supports_counts(&self) -> bool {
        match self {
            Self::LinkedIn(c) => c.supports_counts(),
            Self::Mastodon(c) => c.supports_counts(),
        }
    }

    async fn fetch_counts(
        &self,
        token: &AccessToken,
        remote_id: &str,
    ) -> Result<Counts, ChannelError> {
        match self {
            Self::LinkedIn(c) => c.fetch_counts(token, remote_id).await,
            Self::Mastodon(c) => c.fetch_counts(token, remote_id).await,
        }
    }

    async fn delete(&self, token: &AccessToken, remote_id: &str) -> Result<(), ChannelError> {
        match self {
            Self::LinkedIn(c) => c.delete(token, remote_id).await,
            Self::Mastodon(c) => c.delete(token, remote_id).await,
        }
    }
}
