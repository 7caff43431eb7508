//! Single sign-on with OpenID Connect (authorization code with PKCE), per authority.
//!
//! This module speaks the protocol: the discovery document, the authorization request, the
//! code exchange and the checks of the ID token (signature against the provider's key set,
//! issuer, audience, authorized party, expiry and nonce). It also parses an authority's
//! settings as typed on the form, and turns the claims of a verified token into an email
//! address and a role. It knows no database and no HTML.
//!
//! The parts: `settings` parses the form, `claims` reads a verified token, `protocol`
//! has the discovery document, the authorization request and the code exchange, `id_token`
//! the key set and the token's checks, and `http` the client and caches they share.

mod claims;
mod http;
mod id_token;
mod protocol;
mod settings;

pub use claims::{claim_values, display_name, domain_allowed, email_from, pick_role, subject};
pub use id_token::{check_connection, verify_id_token};
pub use protocol::{
    AuthRequest, CodeExchange, Discovery, authorization_url, discover, exchange_code, flow_key,
    pkce_challenge,
};
pub use settings::{
    SettingsError, mapping_text, member_role, parse_domains, parse_issuer, parse_mapping,
    parse_role_claim,
};

/// Where providers send people back; registered with the provider as the redirect URI.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
/// How long a person may take at the provider.
pub const FLOW_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

/// Why a token was not accepted; the names go into the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    Malformed,
    UnsupportedAlgorithm,
    UnknownKey,
    InvalidSignature,
    WrongIssuer,
    WrongAudience,
    WrongAuthorizedParty,
    Expired,
    NotYetValid,
    WrongNonce,
    MissingClaim,
}

impl Rejection {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed_token",
            Self::UnsupportedAlgorithm => "unsupported_algorithm",
            Self::UnknownKey => "unknown_key",
            Self::InvalidSignature => "invalid_signature",
            Self::WrongIssuer => "wrong_issuer",
            Self::WrongAudience => "wrong_audience",
            Self::WrongAuthorizedParty => "wrong_azp",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::WrongNonce => "wrong_nonce",
            Self::MissingClaim => "missing_claim",
        }
    }
}

/// What can go wrong while talking to a provider. Messages never hold secrets or tokens.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the provider cannot be reached: {0}")]
    Unreachable(String),
    #[error("the provider's {0} is invalid")]
    BadDocument(&'static str),
    #[error("the discovery document names another issuer: {0:?}")]
    IssuerMismatch(String),
    #[error("the token endpoint refused the code: {0}")]
    TokenEndpoint(String),
    #[error("the ID token was rejected: {}", .0.as_str())]
    Rejected(Rejection),
}

impl OidcError {
    /// A short, stable reason for the audit log.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Unreachable(_) => "provider_unreachable",
            Self::BadDocument(_) => "provider_invalid",
            Self::IssuerMismatch(_) => "issuer_mismatch",
            Self::TokenEndpoint(_) => "token_exchange_failed",
            Self::Rejected(r) => r.as_str(),
        }
    }

    /// Whether the provider failed (as opposed to sending something we refuse).
    pub fn is_upstream(&self) -> bool {
        !matches!(self, Self::Rejected(_))
    }
}
