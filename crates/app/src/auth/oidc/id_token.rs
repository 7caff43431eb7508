//! The ID token's checks: the provider's key set (JWKS, refetched when a key is unknown), the
//! signature, issuer, audience, authorized party, expiry and nonce; and the connection check.

use std::sync::{Arc, OnceLock};

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;

use super::http::{Cache, cached, get_json, remember};
use super::protocol::{Discovery, discover};
use super::{OidcError, Rejection};
use crate::auth::tokens::constant_time_eq;

/// Clock difference tolerated between us and the provider.
const LEEWAY_SECS: u64 = 60;
/// Asymmetric algorithms only: a token signed with a shared secret or with none is refused.
const ALGORITHMS: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

fn jwks_cache() -> &'static Cache<Vec<Jwk>> {
    static CACHE: OnceLock<Cache<Vec<Jwk>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

#[derive(Deserialize)]
struct RawKeySet {
    keys: Vec<Value>,
}

/// The provider's signing keys; keys we cannot use (encryption keys, unknown types) are
/// skipped rather than failing the whole set.
async fn key_set(jwks_uri: &str, fresh: bool) -> Result<Arc<Vec<Jwk>>, OidcError> {
    if !fresh && let Some(k) = cached(jwks_cache(), jwks_uri) {
        return Ok(k);
    }
    let raw: RawKeySet = get_json(jwks_uri, "key set").await?;
    let keys = raw
        .keys
        .into_iter()
        .filter_map(|k| serde_json::from_value::<Jwk>(k).ok())
        .filter(|k| {
            matches!(
                k.common.public_key_use,
                None | Some(PublicKeyUse::Signature)
            ) && !matches!(k.algorithm, AlgorithmParameters::OctetKey(_))
        })
        .collect();
    Ok(remember(jwks_cache(), jwks_uri, keys))
}

/// Whether a key can verify this algorithm.
fn key_fits(k: &Jwk, alg: Algorithm) -> bool {
    let family = matches!(
        (&k.algorithm, alg),
        (
            AlgorithmParameters::RSA(_),
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512
        ) | (
            AlgorithmParameters::EllipticCurve(_),
            Algorithm::ES256 | Algorithm::ES384
        ) | (AlgorithmParameters::OctetKeyPair(_), Algorithm::EdDSA)
    );
    let declared = k
        .common
        .key_algorithm
        .is_none_or(|ka| ka.to_string() == format!("{alg:?}"));
    family && declared
}

fn pick_key(keys: &[Jwk], kid: Option<&str>, alg: Algorithm) -> Option<Jwk> {
    let mut fitting = keys.iter().filter(|k| key_fits(k, alg));
    match kid {
        Some(kid) => fitting
            .find(|k| k.common.key_id.as_deref() == Some(kid))
            .cloned(),
        None => {
            let only = fitting.next()?;
            fitting.next().is_none().then(|| only.clone())
        }
    }
}

/// Finds the key for a token, refetching the key set once when the key is unknown (the
/// provider may have rotated its keys).
async fn find_key(jwks_uri: &str, kid: Option<&str>, alg: Algorithm) -> Result<Jwk, OidcError> {
    let keys = key_set(jwks_uri, false).await?;
    if let Some(k) = pick_key(&keys, kid, alg) {
        return Ok(k);
    }
    let keys = key_set(jwks_uri, true).await?;
    pick_key(&keys, kid, alg).ok_or(OidcError::Rejected(Rejection::UnknownKey))
}

fn rejection(e: &jsonwebtoken::errors::Error) -> Rejection {
    use jsonwebtoken::errors::ErrorKind as K;
    match e.kind() {
        K::InvalidSignature => Rejection::InvalidSignature,
        K::InvalidIssuer => Rejection::WrongIssuer,
        K::InvalidAudience => Rejection::WrongAudience,
        K::ExpiredSignature => Rejection::Expired,
        K::ImmatureSignature => Rejection::NotYetValid,
        K::MissingRequiredClaim(c) if c == "aud" => Rejection::WrongAudience,
        K::MissingRequiredClaim(c) if c == "iss" => Rejection::WrongIssuer,
        K::MissingRequiredClaim(_) => Rejection::MissingClaim,
        K::InvalidAlgorithm => Rejection::UnsupportedAlgorithm,
        K::InvalidRsaKey(_) | K::InvalidEcdsaKey | K::InvalidEddsaKey | K::InvalidKeyFormat => {
            Rejection::UnknownKey
        }
        _ => Rejection::Malformed,
    }
}

/// Verifies an ID token and returns its claims: the signature against the provider's keys,
/// `iss`, `aud` (and `azp` when present or when there are several audiences), `exp` and
/// `nbf` with a small leeway, and the `nonce` of this sign-in.
pub async fn verify_id_token(
    d: &Discovery,
    client_id: &str,
    nonce: &str,
    token: &str,
) -> Result<Value, OidcError> {
    let reject = OidcError::Rejected;
    let header = jsonwebtoken::decode_header(token).map_err(|_| reject(Rejection::Malformed))?;
    if !ALGORITHMS.contains(&header.alg) {
        return Err(reject(Rejection::UnsupportedAlgorithm));
    }
    let jwk = find_key(&d.jwks_uri, header.kid.as_deref(), header.alg).await?;
    let key = DecodingKey::from_jwk(&jwk).map_err(|_| reject(Rejection::UnknownKey))?;
    let mut v = Validation::new(header.alg);
    v.set_issuer(&[&d.issuer]);
    v.set_audience(&[client_id]);
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    v.leeway = LEEWAY_SECS;
    v.validate_nbf = true;
    let claims = jsonwebtoken::decode::<Value>(token, &key, &v)
        .map_err(|e| reject(rejection(&e)))?
        .claims;
    let several_audiences = claims
        .get("aud")
        .and_then(Value::as_array)
        .is_some_and(|a| a.len() > 1);
    match claims.get("azp").and_then(Value::as_str) {
        Some(azp) if azp != client_id => return Err(reject(Rejection::WrongAuthorizedParty)),
        None if several_audiences => return Err(reject(Rejection::WrongAuthorizedParty)),
        _ => {}
    }
    let nonce_ok = claims
        .get("nonce")
        .and_then(Value::as_str)
        .is_some_and(|n| constant_time_eq(n, nonce));
    if !nonce_ok {
        return Err(reject(Rejection::WrongNonce));
    }
    Ok(claims)
}

/// Checks that the provider answers: its discovery document and at least one signing key.
pub async fn check_connection(issuer: &str) -> Result<(), OidcError> {
    let d = discover(issuer).await?;
    let keys = key_set(&d.jwks_uri, true).await?;
    if keys.is_empty() {
        return Err(OidcError::BadDocument("key set"));
    }
    Ok(())
}
