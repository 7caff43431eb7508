//! The values that cross the [`crate::Channel`] boundary: a post to send, what came back.

use std::fmt;
use std::str::FromStr;

/// An OAuth access token. `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    pub fn secret(&self) -> &str {
        &self.0
    }

    pub(crate) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(…)")
    }
}

/// Who may see a post. Each network maps it to its nearest setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    /// Anyone. LinkedIn `PUBLIC`, Mastodon `public`.
    #[default]
    Public,
    /// Visible, but not pushed to public timelines. LinkedIn `LOGGED_IN` (members only),
    /// Mastodon `unlisted`.
    Unlisted,
    /// Only the account's network. LinkedIn `CONNECTIONS`, Mastodon `private` (followers).
    Followers,
}

impl Visibility {
    pub const ALL: &'static [Visibility] = &[Self::Public, Self::Unlisted, Self::Followers];

    /// The stored text form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Unlisted => "unlisted",
            Self::Followers => "followers",
        }
    }
}

impl FromStr for Visibility {
    type Err = UnknownVisibility;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownVisibility(s.to_owned()))
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown visibility: {0:?}")]
pub struct UnknownVisibility(pub String);

/// A photo with its alt text (required by our accessibility rules, checked by the caller).
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    pub bytes: Vec<u8>,
    /// `image/jpeg`, `image/png` or `image/gif`.
    pub mime: String,
    pub alt_text: String,
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Image")
            .field("bytes", &self.bytes.len())
            .field("mime", &self.mime)
            .field("alt_text", &self.alt_text)
            .finish()
    }
}

/// A page or person named in the text as `@Name`. LinkedIn links it to `urn`; on other networks
/// the name stays plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub name: String,
    /// e.g. `urn:li:organization:123` or `urn:li:person:782bbtaQ`.
    pub urn: String,
}

/// A post as written in the studio, plain text with `#hashtags` and `@Name` mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingPost {
    pub text: String,
    pub image: Option<Image>,
    /// Unique per planned post and stable across retries, so a retry cannot publish twice where
    /// the network supports it (Mastodon).
    pub idempotency_key: String,
    pub visibility: Visibility,
    pub mentions: Vec<Mention>,
    /// ISO 639-1 language of the text, e.g. `de`.
    pub language: Option<String>,
}

impl OutgoingPost {
    /// A public text post in German without image or mentions.
    pub fn text(text: impl Into<String>, idempotency_key: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            image: None,
            idempotency_key: idempotency_key.into(),
            visibility: Visibility::Public,
            mentions: Vec::new(),
            language: Some("de".to_owned()),
        }
    }
}

/// A post the network confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// LinkedIn: the post URN (`urn:li:share:…`); Mastodon: the status id.
    pub remote_id: String,
    /// The public address of the post.
    pub url: String,
}

/// Interaction figures of one post at the time of asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Reactions, likes, favourites.
    pub reactions: u64,
    /// Reposts, reblogs, boosts.
    pub reposts: u64,
    /// Comments, replies.
    pub comments: u64,
    /// Impressions, where the network tells them.
    pub impressions: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_never_shows_up_in_debug_output() {
        let t = AccessToken::new("AQX-very-secret");
        assert!(!format!("{t:?}").contains("secret"));
    }

    #[test]
    fn every_visibility_reads_back_from_its_stored_text() {
        for v in Visibility::ALL {
            assert_eq!(v.as_str().parse::<Visibility>(), Ok(*v));
        }
        assert!("everyone".parse::<Visibility>().is_err());
    }
}
