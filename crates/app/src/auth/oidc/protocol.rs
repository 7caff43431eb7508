//! The OpenID Connect protocol up to the ID token: the discovery document, the
//! authorization request with PKCE, and the code exchange at the token endpoint.

use std::sync::{Arc, OnceLock};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::OidcError;
use super::http::{Cache, cached, client, get_json, read_json, remember};
use super::settings::allowed_endpoint;

/// The parts of the discovery document we use.
#[derive(Debug, Clone, Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Vec<String>,
}

/// The key of a sign-in in progress: the hash of its state and of the browser's binding
/// cookie (neither is stored in clear).
pub fn flow_key(state: &str, binding: &str) -> String {
    crate::auth::tokens::hash_token(&format!("{state}.{binding}"))
}

/// The PKCE challenge for a verifier (S256).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

pub struct AuthRequest<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub state: &'a str,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
}

/// The address at the provider where the person signs in.
pub fn authorization_url(d: &Discovery, r: &AuthRequest<'_>) -> Result<String, OidcError> {
    let mut url = url::Url::parse(&d.authorization_endpoint)
        .map_err(|_| OidcError::BadDocument("discovery document"))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("scope", "openid email profile")
        .append_pair("client_id", r.client_id)
        .append_pair("redirect_uri", r.redirect_uri)
        .append_pair("state", r.state)
        .append_pair("nonce", r.nonce)
        .append_pair("code_challenge", &pkce_challenge(r.pkce_verifier))
        .append_pair("code_challenge_method", "S256");
    Ok(url.into())
}

fn discovery_cache() -> &'static Cache<Discovery> {
    static CACHE: OnceLock<Cache<Discovery>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The provider's discovery document; its issuer must be exactly the configured one, and its
/// endpoints must be https (or on this machine).
pub async fn discover(issuer: &str) -> Result<Arc<Discovery>, OidcError> {
    if let Some(d) = cached(discovery_cache(), issuer) {
        return Ok(d);
    }
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let d: Discovery = get_json(&url, "discovery document").await?;
    if d.issuer != issuer {
        return Err(OidcError::IssuerMismatch(d.issuer));
    }
    for endpoint in [&d.authorization_endpoint, &d.token_endpoint, &d.jwks_uri] {
        let ok = url::Url::parse(endpoint).is_ok_and(|u| allowed_endpoint(&u));
        if !ok {
            return Err(OidcError::BadDocument("discovery document"));
        }
    }
    Ok(remember(discovery_cache(), issuer, d))
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
}

#[derive(Deserialize)]
struct TokenErrorResponse {
    error: Option<String>,
}

pub struct CodeExchange<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub code: &'a str,
    pub pkce_verifier: &'a str,
    pub redirect_uri: &'a str,
}

/// Trades the code for tokens and returns the ID token (unverified). The client
/// authenticates with `client_secret_post` where the provider offers it, else with
/// `client_secret_basic` (the default of the specification).
pub async fn exchange_code(d: &Discovery, x: &CodeExchange<'_>) -> Result<String, OidcError> {
    let post = d
        .token_endpoint_auth_methods_supported
        .iter()
        .any(|m| m == "client_secret_post");
    // (The serializer is not `Send`: it must be gone before the first await.)
    let body = {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "authorization_code")
            .append_pair("code", x.code)
            .append_pair("redirect_uri", x.redirect_uri)
            .append_pair("code_verifier", x.pkce_verifier)
            .append_pair("client_id", x.client_id);
        if post {
            form.append_pair("client_secret", x.client_secret);
        }
        form.finish()
    };
    let mut req = client()?
        .post(&d.token_endpoint)
        .header(reqwest::header::ACCEPT, "application/json")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        );
    if !post {
        // RFC 6749, 2.3.1: both parts are form-encoded before they are joined.
        let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        let basic = STANDARD.encode(format!("{}:{}", enc(x.client_id), enc(x.client_secret)));
        req = req.header(reqwest::header::AUTHORIZATION, format!("Basic {basic}"));
    }
    let res = req
        .body(body)
        .send()
        .await
        .map_err(|e| OidcError::Unreachable(e.without_url().to_string()))?;
    if !res.status().is_success() {
        let status = res.status().as_u16();
        let code = read_json::<TokenErrorResponse>(res, "token response")
            .await
            .ok()
            .and_then(|e| e.error)
            .map(|e| {
                e.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .take(40)
                    .collect::<String>()
            })
            .unwrap_or_default();
        return Err(OidcError::TokenEndpoint(format!("HTTP {status} {code}")));
    }
    read_json::<TokenResponse>(res, "token response")
        .await?
        .id_token
        .ok_or(OidcError::BadDocument("token response"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_pkce_challenge_is_the_s256_of_the_verifier() {
        // RFC 7636, appendix B.
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn the_authorization_url_carries_pkce_state_and_nonce() {
        let d = Discovery {
            issuer: "https://idp.example".into(),
            authorization_endpoint: "https://idp.example/auth?tenant=1".into(),
            token_endpoint: "https://idp.example/token".into(),
            jwks_uri: "https://idp.example/jwks".into(),
            token_endpoint_auth_methods_supported: vec![],
        };
        let u = authorization_url(
            &d,
            &AuthRequest {
                client_id: "amt",
                redirect_uri: "https://amt.example/auth/oidc/callback",
                state: "s1",
                nonce: "n1",
                pkce_verifier: "v1",
            },
        )
        .unwrap();
        let u = url::Url::parse(&u).unwrap();
        let q: HashMap<_, _> = u.query_pairs().into_owned().collect();
        assert_eq!(q["tenant"], "1");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["scope"], "openid email profile");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["code_challenge"], pkce_challenge("v1"));
        assert_eq!((q["state"].as_str(), q["nonce"].as_str()), ("s1", "n1"));
    }
}
