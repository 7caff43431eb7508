//! The length a network allows, checked before a post is scheduled: LinkedIn's 3,000
//! characters, a Mastodon instance's own limit from `GET /api/v2/instance`.

use amtfluencer_channels::linkedin::MAX_COMMENTARY_CHARS;
use amtfluencer_channels::mastodon::countable_length;

use super::{Channels, ConnectionError, LINKEDIN, MASTODON};
use crate::db::entities::channel_account;

/// A text too long for its channel: how long it is and what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    pub length: usize,
    pub max: usize,
}

/// Checks `text` against the limit of the connection's network.
pub async fn check_length(
    channels: &Channels,
    account: &channel_account::Model,
    text: &str,
) -> Result<Result<(), TooLong>, ConnectionError> {
    let (length, max) = match account.channel.as_str() {
        LINKEDIN => (text.chars().count(), MAX_COMMENTARY_CHARS),
        MASTODON => {
            let amtfluencer_channels::AnyChannel::Mastodon(m) = channels.channel_for(account)?
            else {
                return Err(ConnectionError::UnknownChannel(account.channel.clone()));
            };
            let limits = m.instance_limits().await;
            (
                countable_length(text, limits.characters_reserved_per_url),
                limits.max_characters,
            )
        }
        other => return Err(ConnectionError::UnknownChannel(other.to_owned())),
    };
    Ok(if length > max {
        Err(TooLong { length, max })
    } else {
        Ok(())
    })
}
