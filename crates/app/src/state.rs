//! What every request handler and job can reach.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::i18n::I18n;
use crate::web::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub i18n: Arc<I18n>,
    pub metrics: Arc<Metrics>,
    /// LinkedIn and Mastodon clients, and the key that seals their tokens.
    pub channels: Arc<crate::channels::Channels>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, config: Config) -> anyhow::Result<Self> {
        let channels = Arc::new(crate::channels::Channels::from_config(&config)?);
        Ok(Self {
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
