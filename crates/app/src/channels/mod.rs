//! The app's side of the networks: clients built from configuration, tokens sealed with the
//! secret key before they reach the database, and the channel of a stored connection.
//!
//! The HTTP and the networks' rules live in the `amtfluencer-channels` crate; this module
//! knows our configuration, our tables and our key.

pub mod limits;
pub mod links;

use std::time::Duration;

use amtfluencer_channels::mastodon::MastodonOptions;
use amtfluencer_channels::{
    AccessToken, AnyChannel, Http, HttpOptions, LinkedInClient, LinkedInConfig, MastodonChannel,
    MastodonInstance,
};
use anyhow::Context;

use crate::config::Config;
use crate::crypto::{self, CryptoError};
use crate::db::entities::channel_account;

pub const LINKEDIN: &str = "linkedin";
pub const MASTODON: &str = "mastodon";

/// The name our app registers under on Mastodon instances.
pub const CLIENT_NAME: &str = "Amtfluencer";

/// What goes wrong when a stored connection is turned into a channel.
#[derive(Debug, thiserror::Error)]
pub enum ConnectionError {
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error("LinkedIn is not configured on this instance")]
    LinkedInOff,
    #[error("the stored Mastodon instance {0:?} is not valid")]
    Instance(String),
    #[error("unknown channel {0:?}")]
    UnknownChannel(String),
}

/// Clients for every network, cheap to clone.
#[derive(Clone)]
pub struct Channels {
    http: Http,
    linkedin: Option<LinkedInClient>,
    mastodon: MastodonOptions,
    key: Option<[u8; 32]>,
    base_url: String,
}

impl Channels {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        Self::with_http(config, HttpOptions::default())
    }

    /// With other timeouts (tests use short ones for networks that never answer).
    pub fn with_http(config: &Config, options: HttpOptions) -> anyhow::Result<Self> {
        let http = Http::new(options).context("the HTTP client for LinkedIn and Mastodon")?;
        let s = &config.linkedin;
        let linkedin = match (&s.client_id, &s.client_secret) {
            (Some(id), Some(secret)) => Some(LinkedInClient::new(
                http.clone(),
                LinkedInConfig {
                    api_base_url: url::Url::parse(&s.api_base_url)?,
                    oauth_base_url: url::Url::parse(&s.oauth_base_url)?,
                    client_id: id.clone(),
                    client_secret: secret.clone(),
                    version: s.version.clone(),
                    post_analytics: s.post_analytics,
                },
            )),
            _ => None,
        };
        Ok(Self {
            http,
            linkedin,
            mastodon: MastodonOptions::default(),
            key: crypto::key(config).ok(),
            base_url: config.base_url.clone(),
        })
    }

    /// How often and how fast to ask whether an uploaded image is ready.
    pub fn with_media_polling(mut self, attempts: u32, interval: Duration) -> Self {
        self.mastodon = MastodonOptions {
            media_poll_attempts: attempts,
            media_poll_interval: interval,
        };
        self
    }

    /// The LinkedIn client, when the instance has a LinkedIn app.
    pub fn linkedin(&self) -> Option<&LinkedInClient> {
        self.linkedin.as_ref()
    }

    pub fn mastodon(&self, instance: MastodonInstance) -> MastodonChannel {
        MastodonChannel::new(self.http.clone(), instance).with_options(self.mastodon)
    }

    /// The address LinkedIn sends the browser back to; the operator enters it in LinkedIn's
    /// developer portal.
    pub fn linkedin_redirect(&self) -> String {
        format!("{}/oauth/linkedin/callback", self.base_url)
    }

    /// The address a Mastodon instance sends the browser back to (registered automatically).
    pub fn mastodon_redirect(&self) -> String {
        format!("{}/oauth/mastodon/callback", self.base_url)
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn key(&self) -> Result<&[u8; 32], CryptoError> {
        self.key.as_ref().ok_or(CryptoError::NoKey)
    }

    /// Encrypts a token or secret for the database.
    pub fn seal(&self, secret: &str) -> Result<Vec<u8>, CryptoError> {
        crypto::encrypt(self.key()?, secret.as_bytes())
    }

    /// Decrypts what [`Channels::seal`] stored.
    pub fn open(&self, stored: &[u8]) -> Result<String, CryptoError> {
        String::from_utf8(crypto::decrypt(self.key()?, stored)?).map_err(|_| CryptoError::Corrupt)
    }

    /// The token of a stored connection, decrypted for one call.
    pub fn token(&self, account: &channel_account::Model) -> Result<AccessToken, CryptoError> {
        self.open(&account.access_token_enc).map(AccessToken::new)
    }

    /// The place a stored connection posts to.
    pub fn channel_for(
        &self,
        account: &channel_account::Model,
    ) -> Result<AnyChannel, ConnectionError> {
        match account.channel.as_str() {
            LINKEDIN => {
                let client = self.linkedin().ok_or(ConnectionError::LinkedInOff)?;
                Ok(AnyChannel::LinkedIn(
                    client.channel(account.external_account_id.clone()),
                ))
            }
            MASTODON => {
                let url = account.instance_url.clone().unwrap_or_default();
                let instance = MastodonInstance::parse(&url)
                    .map_err(|_| ConnectionError::Instance(url.clone()))?;
                Ok(AnyChannel::Mastodon(self.mastodon(instance)))
            }
            other => Err(ConnectionError::UnknownChannel(other.to_owned())),
        }
    }
}
