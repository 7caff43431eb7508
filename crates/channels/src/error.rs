//! What can go wrong when talking to a network, sorted by what the caller should do next:
//! reconnect, wait, fix the post, retry later, or look before sending again.
//!
//! `Display` is the English detail for the log; [`ChannelError::user_message`] is the German
//! sentence for the person who wrote the post.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChannelError {
    /// The token expired, was revoked or lacks a scope: the member must connect the account again.
    #[error("not authorized: {detail}")]
    Unauthorized { detail: String },
    /// The network throttles us; wait at least `retry_after` when it said how long.
    #[error("rate limited (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration> },
    /// The network (or our own check before sending) refused the content. Retrying the same post
    /// will fail the same way.
    #[error("rejected: {message}")]
    Rejected { message: String },
    /// The network is down, slow or answered with a server error; nothing was created.
    #[error("unavailable: {detail}")]
    Unavailable { detail: String },
    /// The request may have reached the network, but it did not confirm a post. Sending again
    /// might publish twice, so a person has to look first.
    #[error("not confirmed: {detail}")]
    Unconfirmed { detail: String },
    /// The configured LinkedIn API version is retired (HTTP 426): configuration must change.
    #[error("LinkedIn API version {version} is not active any more")]
    ApiVersionRetired { version: String },
    /// The post (or media) does not exist on the network (any more).
    #[error("not found: {detail}")]
    NotFound { detail: String },
    /// The network offers this only to approved partners, or not at all.
    #[error("not supported: {detail}")]
    Unsupported { detail: String },
    /// The token works but was not granted `scope` (HTTP 403 on a call that needs it). Unlike
    /// [`ChannelError::Unauthorized`] the connection stays usable for everything else.
    #[error("missing scope {scope}: {detail}")]
    MissingScope { scope: String, detail: String },
    /// The network answered with something we could not read; said plainly instead of guessed.
    #[error("unexpected answer: {detail}")]
    UnexpectedResponse { detail: String },
}

impl ChannelError {
    /// Whether the same request may simply be sent again later (after `retry_after` if given).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::RateLimited { .. } | Self::Unavailable { .. })
    }

    /// Whether the member has to connect the account again before anything else works.
    pub fn needs_reconnect(&self) -> bool {
        matches!(self, Self::Unauthorized { .. })
    }

    /// A plain-German sentence for the person concerned: what happened and what to do.
    pub fn user_message(&self) -> String {
        match self {
            Self::Unauthorized { .. } => "Die Verbindung zum Konto ist abgelaufen oder wurde \
                 widerrufen. Bitte verbinden Sie das Konto neu."
                .to_owned(),
            Self::RateLimited {
                retry_after: Some(d),
            } => format!(
                "Die Plattform nimmt gerade keine weiteren Anfragen an. Wir versuchen es in \
                 etwa {} Minuten erneut.",
                d.as_secs().div_ceil(60).max(1)
            ),
            Self::RateLimited { retry_after: None } => {
                "Die Plattform nimmt gerade keine weiteren Anfragen an. Wir versuchen es \
                 später erneut."
                    .to_owned()
            }
            Self::Rejected { message } => {
                format!("Die Plattform hat den Beitrag abgelehnt: {message}")
            }
            Self::Unavailable { .. } => "Die Plattform ist gerade nicht erreichbar. Wir \
                 versuchen es später automatisch erneut."
                .to_owned(),
            Self::Unconfirmed { .. } => "Die Plattform hat die Veröffentlichung nicht \
                 bestätigt. Bitte sehen Sie in Ihrem Profil nach, ob der Beitrag erschienen ist, \
                 bevor Sie ihn erneut senden."
                .to_owned(),
            Self::ApiVersionRetired { version } => format!(
                "Die eingestellte LinkedIn-Schnittstellenversion {version} wird nicht mehr \
                 unterstützt. Bitte wenden Sie sich an den Betrieb, damit eine aktuelle Version \
                 eingetragen wird."
            ),
            Self::NotFound { .. } => "Der Beitrag wurde auf der Plattform nicht gefunden; \
                 vielleicht wurde er gelöscht."
                .to_owned(),
            Self::Unsupported { .. } => "Diese Plattform liefert das über ihre Schnittstelle \
                 nicht. Bitte nutzen Sie den Export der Plattform oder tragen Sie die Zahlen von \
                 Hand ein."
                .to_owned(),
            Self::MissingScope { scope, .. } => format!(
                "Die Verbindung hat für diese Abfrage keine Freigabe ({scope}). Ein erneutes \
                 Verbinden des Kontos kann sie erteilen; bis dahin kommen die Zahlen aus dem \
                 Export der Plattform."
            ),
            Self::UnexpectedResponse { .. } => "Die Plattform hat unerwartet geantwortet. Bitte \
                 versuchen Sie es später erneut oder wenden Sie sich an den Betrieb."
                .to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_throttling_and_outages_are_retried_automatically() {
        let retryable = [
            ChannelError::RateLimited { retry_after: None },
            ChannelError::Unavailable {
                detail: "HTTP 503".into(),
            },
        ];
        let final_ = [
            ChannelError::Unauthorized {
                detail: "HTTP 401".into(),
            },
            ChannelError::Rejected {
                message: "duplicate".into(),
            },
            ChannelError::Unconfirmed {
                detail: "no id".into(),
            },
            ChannelError::ApiVersionRetired {
                version: "202401".into(),
            },
        ];
        assert!(retryable.iter().all(ChannelError::is_retryable));
        assert!(!final_.iter().any(ChannelError::is_retryable));
    }

    #[test]
    fn a_wait_of_ninety_seconds_is_announced_as_two_minutes() {
        let e = ChannelError::RateLimited {
            retry_after: Some(Duration::from_secs(90)),
        };
        assert!(
            e.user_message().contains("etwa 2 Minuten"),
            "{}",
            e.user_message()
        );
    }

    #[test]
    fn a_missing_scope_is_neither_retried_nor_a_broken_connection() {
        let e = ChannelError::MissingScope {
            scope: "r_member_postAnalytics".into(),
            detail: "HTTP 403".into(),
        };
        assert!(!e.is_retryable());
        assert!(!e.needs_reconnect());
        assert!(e.user_message().contains("Export"), "{}", e.user_message());
    }

    #[test]
    fn an_expired_token_asks_the_member_to_reconnect() {
        let e = ChannelError::Unauthorized {
            detail: "HTTP 401".into(),
        };
        assert!(e.needs_reconnect());
        assert!(e.user_message().contains("neu"));
    }
}
