//! The local OpenID Connect provider each test starts: discovery document, key set, and a
//! token endpoint that checks PKCE and the client's credentials and signs with a test key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{CLIENT_ID, CLIENT_SECRET};

const SIGNING_KEY: &[u8] = include_bytes!("../../fixtures/oidc/signing-key.der");
const OTHER_KEY: &[u8] = include_bytes!("../../fixtures/oidc/other-key.der");
const SIGNING_JWK: &str = include_str!("../../fixtures/oidc/signing-jwk.json");

/// A code the provider handed out, with what the token for it will say.
struct Grant {
    challenge: String,
    nonce: String,
    redirect_uri: String,
    claims: Value,
    other_key: bool,
}

#[derive(Default)]
struct IdpState {
    issuer: String,
    auth_methods: Vec<&'static str>,
    /// Claims for the next code: merged over the defaults (null removes a claim).
    claims: Value,
    other_key: bool,
    grants: HashMap<String, Grant>,
    /// How the client authenticated at each exchange.
    exchanges: Vec<&'static str>,
}

pub(super) struct Idp {
    pub(super) issuer: String,
    state: Arc<Mutex<IdpState>>,
}

impl Idp {
    /// Starts a provider on a free port; the path makes its issuer unique, like a Keycloak
    /// realm, so that no cache of an earlier test's provider applies.
    pub(super) async fn start(auth_methods: &[&'static str]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let realm = &amtfluencer::auth::tokens::random_token()[..12];
        let issuer = format!("http://{}/realms/{realm}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(IdpState {
            issuer: issuer.clone(),
            auth_methods: auth_methods.to_vec(),
            claims: json!({}),
            ..Default::default()
        }));
        let prefix = format!("/realms/{realm}");
        let app = Router::new()
            .route(
                &format!("{prefix}/.well-known/openid-configuration"),
                get(discovery),
            )
            .route(&format!("{prefix}/jwks"), get(jwks))
            .route(&format!("{prefix}/token"), post(token))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { issuer, state }
    }

    /// Sets claims of the tokens to come (merged over the defaults).
    pub(super) fn claims(&self, claims: Value) {
        self.state.lock().unwrap().claims = claims;
    }

    pub(super) fn sign_with_other_key(&self, yes: bool) {
        self.state.lock().unwrap().other_key = yes;
    }

    /// Plays the person signing in at the provider: checks the authorization request and
    /// answers with the address of our callback, carrying a new code and the state.
    pub(super) fn authorize(&self, location: &str) -> String {
        let url = url::Url::parse(location).unwrap();
        assert!(
            location.starts_with(&format!("{}/authorize?", self.issuer)),
            "{location}"
        );
        let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["scope"], "openid email profile");
        assert_eq!(q["client_id"], CLIENT_ID);
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(
            q["redirect_uri"],
            "http://127.0.0.1:8080/auth/oidc/callback"
        );
        assert_eq!(q["code_challenge"].len(), 43, "a base64url SHA-256");
        assert!(q["state"].len() >= 32 && q["nonce"].len() >= 32);
        let code = amtfluencer::auth::tokens::random_token();
        let mut st = self.state.lock().unwrap();
        let grant = Grant {
            challenge: q["code_challenge"].clone(),
            nonce: q["nonce"].clone(),
            redirect_uri: q["redirect_uri"].clone(),
            claims: st.claims.clone(),
            other_key: st.other_key,
        };
        st.grants.insert(code.clone(), grant);
        format!(
            "/auth/oidc/callback?code={code}&state={}&session_state=x",
            q["state"]
        )
    }

    pub(super) fn exchanges(&self) -> Vec<&'static str> {
        self.state.lock().unwrap().exchanges.clone()
    }
}

async fn discovery(State(st): State<Arc<Mutex<IdpState>>>) -> Json<Value> {
    let st = st.lock().unwrap();
    let i = &st.issuer;
    Json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": st.auth_methods,
    }))
}

async fn jwks() -> Json<Value> {
    let sig: Value = serde_json::from_str(SIGNING_JWK).unwrap();
    // Keycloak publishes an encryption key beside the signing key: it must be skipped.
    let mut enc = sig.clone();
    enc["kid"] = json!("enc-key");
    enc["use"] = json!("enc");
    enc["alg"] = json!("RSA-OAEP");
    Json(json!({ "keys": [enc, sig, {"kty": "unknown", "kid": "x"}] }))
}

fn oauth_error(code: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": code }))).into_response()
}

async fn token(
    State(st): State<Arc<Mutex<IdpState>>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let mut st = st.lock().unwrap();
    let basic = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| String::from_utf8(STANDARD.decode(b).ok()?).ok());
    let (method, id, secret) = match (&basic, form.get("client_secret")) {
        (Some(b), None) => {
            let (id, secret) = b.split_once(':').unwrap();
            let dec = |s: &str| {
                url::form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .unwrap()
                    .1
                    .into_owned()
            };
            ("client_secret_basic", dec(id), dec(secret))
        }
        (None, Some(s)) => (
            "client_secret_post",
            form.get("client_id").cloned().unwrap_or_default(),
            s.clone(),
        ),
        _ => return oauth_error("invalid_client"),
    };
    if !st.auth_methods.contains(&method) || id != CLIENT_ID || secret != CLIENT_SECRET {
        return oauth_error("invalid_client");
    }
    st.exchanges.push(method);
    if form.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return oauth_error("unsupported_grant_type");
    }
    let Some(grant) = form.get("code").and_then(|c| st.grants.remove(c)) else {
        return oauth_error("invalid_grant");
    };
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    if challenge != grant.challenge || form.get("redirect_uri") != Some(&grant.redirect_uri) {
        return oauth_error("invalid_grant");
    }
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "iss": st.issuer,
        "sub": "f2c1a7e0-0001",
        "aud": CLIENT_ID,
        "exp": now + 300,
        "iat": now,
        "nonce": grant.nonce,
        "email": "neu.person@musterstadt.example",
        "email_verified": true,
        "name": "Neu Person",
    });
    for (k, v) in grant.claims.as_object().unwrap() {
        if v.is_null() {
            claims.as_object_mut().unwrap().remove(k);
        } else {
            claims[k] = v.clone();
        }
    }
    let key = if grant.other_key {
        OTHER_KEY
    } else {
        SIGNING_KEY
    };
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("test-key".into());
    let id_token = jsonwebtoken::encode(&header, &claims, &EncodingKey::from_rsa_der(key)).unwrap();
    Json(json!({
        "access_token": "opaque-access-token",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}
