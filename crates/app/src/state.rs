//! What every request handler and job can reach.

use std::sync::Arc;

use amtfluencer_media::store::{MediaStore, S3Credentials};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use tokio::sync::Semaphore;

use crate::config::Config;
use crate::i18n::I18n;
use crate::web::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub i18n: Arc<I18n>,
    pub metrics: Arc<Metrics>,
    /// Where photos are kept (a folder or an S3-compatible bucket).
    pub media: Arc<MediaStore>,
    /// Photo processing takes a core and about 150 MB for 12 megapixels: two at a time.
    pub photo_slots: Arc<Semaphore>,
    /// LinkedIn and Mastodon clients, and the key that seals their tokens.
    pub channels: Arc<crate::channels::Channels>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, config: Config) -> anyhow::Result<Self> {
        let media = media_store(&config)?;
        let channels = Arc::new(crate::channels::Channels::from_config(&config)?);
        Ok(Self {
            media: Arc::new(media),
            photo_slots: Arc::new(Semaphore::new(2)),
            db,
            config: Arc::new(config),
            i18n: Arc::new(I18n::load()?),
            metrics: Arc::new(Metrics::default()),
            channels,
        })
    }

    /// Cookies get the `Secure` flag when the public address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.config.base_url.starts_with("https://")
    }
}

/// The media store the configuration names (`media_url` and the S3 keys).
pub fn media_store(config: &Config) -> anyhow::Result<MediaStore> {
    let credentials = match (
        &config.media_s3_access_key_id,
        &config.media_s3_secret_access_key,
    ) {
        (Some(id), Some(secret)) => Some(S3Credentials {
            access_key_id: id.clone(),
            secret_access_key: secret.clone(),
        }),
        _ => None,
    };
    MediaStore::from_url(&config.media_url, credentials)
        .with_context(|| format!("media store {}", config.media_url))
}
