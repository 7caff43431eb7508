//! A fake Mastodon instance: apps, OAuth, accounts, instance limits, media (with processing),
//! statuses that honour `Idempotency-Key`, and counts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

mod media;

use super::{Log, Recorded, bearer, json_error, serve};
use media::{get_media, upload_media};

pub const TOKEN: &str = "md-token";
pub const CODE: &str = "md-code";
pub const REDIRECT: &str = "https://amt.example/oauth/mastodon/callback";
pub const SCOPES: &str = "read write:statuses write:media";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    ExpiredToken,
    Throttled,
    Outage,
    RejectImage,
    /// The status is created, but the answer is lost (the client sees a 503).
    AnswerLost,
    /// The status is created, but the answer never comes (once).
    AnswerHangs,
}

#[derive(Debug, Clone)]
pub struct Media {
    pub description: String,
    pub mime: String,
    pub bytes: Vec<u8>,
    polls_left: u32,
}

#[derive(Debug, Clone)]
pub struct StoredStatus {
    pub id: String,
    pub text: String,
    pub visibility: String,
    pub language: Option<String>,
    pub media_ids: Vec<String>,
}

#[derive(Default)]
struct FakeState {
    base: String,
    app: Option<(String, String, String)>,
    max_characters: usize,
    processing_polls: Option<u32>,
    media: HashMap<String, Media>,
    statuses: Vec<StoredStatus>,
    by_key: HashMap<String, String>,
    /// (boosts, favourites, replies) by status id; unset ones have 3, 12 and 2.
    counts: HashMap<String, (u64, u64, u64)>,
    failure: Option<Failure>,
}

type Shared = Arc<Mutex<FakeState>>;

pub struct FakeMastodon {
    pub base: String,
    state: Shared,
    log: Log,
}

impl FakeMastodon {
    pub async fn start() -> Self {
        let state = Shared::new(Mutex::new(FakeState {
            max_characters: 500,
            ..FakeState::default()
        }));
        let log = Log::default();
        let router = Router::new()
            .route("/api/v1/apps", post(register_app))
            .route("/oauth/token", post(token))
            .route(
                "/api/v1/accounts/verify_credentials",
                get(verify_credentials),
            )
            .route("/api/v2/instance", get(instance))
            .route("/api/v2/media", post(upload_media))
            .route("/api/v1/media/{id}", get(get_media))
            .route("/api/v1/statuses", post(create_status))
            .route(
                "/api/v1/statuses/{id}",
                get(get_status).delete(delete_status),
            )
            .with_state(state.clone());
        let base = serve(router, log.clone()).await;
        state.lock().unwrap().base = base.clone();
        Self { base, state, log }
    }

    pub fn fail_with(&self, failure: Failure) {
        self.state.lock().unwrap().failure = Some(failure);
    }

    /// Back to answering normally.
    pub fn heal(&self) {
        self.state.lock().unwrap().failure = None;
    }

    pub fn set_max_characters(&self, n: usize) {
        self.state.lock().unwrap().max_characters = n;
    }

    /// Uploads answer 202 and need this many polls before they are ready.
    pub fn process_media_for(&self, polls: u32) {
        self.state.lock().unwrap().processing_polls = Some(polls);
    }

    pub fn statuses(&self) -> Vec<StoredStatus> {
        self.state.lock().unwrap().statuses.clone()
    }

    /// The figures a status reports from now on.
    pub fn set_counts(&self, id: &str, boosts: u64, favourites: u64, replies: u64) {
        let mut s = self.state.lock().unwrap();
        s.counts
            .insert(id.to_owned(), (boosts, favourites, replies));
    }

    /// The status is deleted on the instance, as its author can do at any time.
    pub fn remove_status(&self, id: &str) {
        self.state.lock().unwrap().statuses.retain(|st| st.id != id);
    }

    pub fn media(&self, id: &str) -> Option<Media> {
        self.state.lock().unwrap().media.get(id).cloned()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    json_error(status, json!({"error": message}))
}

/// The bearer token, and the failures that hit every authenticated call: the rejection, if any.
fn check_auth(headers: &HeaderMap, state: &Shared) -> Option<Response> {
    let failure = state.lock().unwrap().failure;
    if bearer(headers) != Some(TOKEN) || failure == Some(Failure::ExpiredToken) {
        return Some(error(
            StatusCode::UNAUTHORIZED,
            "The access token is invalid",
        ));
    }
    match failure {
        Some(Failure::Throttled) => {
            let reset = (chrono::Utc::now() + chrono::Duration::seconds(300)).to_rfc3339();
            Some(
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [
                        ("x-ratelimit-limit", "300".to_owned()),
                        ("x-ratelimit-remaining", "0".to_owned()),
                        ("x-ratelimit-reset", reset),
                    ],
                    axum::Json(json!({"error": "Too many requests"})),
                )
                    .into_response(),
            )
        }
        Some(Failure::Outage) => Some(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable",
        )),
        _ => None,
    }
}

fn form(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

async fn register_app(State(state): State<Shared>, body: Bytes) -> Response {
    let f = form(&body);
    let (Some(name), Some(redirect)) = (field(&f, "client_name"), field(&f, "redirect_uris"))
    else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Validation failed: Name can't be blank",
        );
    };
    if field(&f, "scopes") != Some(SCOPES) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "unexpected scopes");
    }
    let app = (
        "md-client".to_owned(),
        "md-secret".to_owned(),
        redirect.to_owned(),
    );
    state.lock().unwrap().app = Some(app.clone());
    axum::Json(json!({
        "id": "563419", "name": name, "website": field(&f, "website"), "scopes": ["read", "write:statuses", "write:media"],
        "redirect_uri": redirect, "redirect_uris": [redirect],
        "client_id": app.0, "client_secret": app.1, "vapid_key": "BCk-fake"
    }))
    .into_response()
}

async fn token(State(state): State<Shared>, body: Bytes) -> Response {
    let f = form(&body);
    let app = state.lock().unwrap().app.clone();
    let valid = app.is_some_and(|(id, secret, redirect)| {
        field(&f, "grant_type") == Some("authorization_code")
            && field(&f, "code") == Some(CODE)
            && field(&f, "client_id") == Some(&id)
            && field(&f, "client_secret") == Some(&secret)
            && field(&f, "redirect_uri") == Some(&redirect)
            && field(&f, "scope") == Some(SCOPES)
    });
    if !valid {
        return json_error(
            StatusCode::BAD_REQUEST,
            json!({"error": "invalid_grant", "error_description": "The provided authorization grant is invalid"}),
        );
    }
    axum::Json(json!({"access_token": TOKEN, "token_type": "Bearer", "scope": SCOPES, "created_at": 1_573_979_017}))
        .into_response()
}

async fn verify_credentials(State(state): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(r) = check_auth(&headers, &state) {
        return r;
    }
    let base = state.lock().unwrap().base.clone();
    axum::Json(json!({"id": "14715", "username": "erika", "acct": "erika",
                      "display_name": "Erika Mustermann", "url": format!("{base}/@erika")}))
    .into_response()
}

async fn instance(State(state): State<Shared>) -> Response {
    let max = state.lock().unwrap().max_characters;
    axum::Json(json!({"domain": "social.example", "configuration": {
        "statuses": {"max_characters": max, "max_media_attachments": 4, "characters_reserved_per_url": 23},
        "media_attachments": {"description_limit": 1500, "supported_mime_types": ["image/jpeg", "image/png"]}
    }}))
    .into_response()
}

fn status_json(s: &StoredStatus, fake: &FakeState) -> Value {
    let base = &fake.base;
    let (reblogs, favourites, replies) = fake.counts.get(&s.id).copied().unwrap_or((3, 12, 2));
    json!({"id": s.id, "uri": format!("{base}/users/erika/statuses/{}", s.id),
           "url": format!("{base}/@erika/{}", s.id), "created_at": "2025-11-03T09:30:00.000Z",
           "content": format!("<p>{}</p>", s.text), "visibility": s.visibility,
           "reblogs_count": reblogs, "favourites_count": favourites, "replies_count": replies})
}

async fn create_status(State(state): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let hang = {
        let mut s = state.lock().unwrap();
        let hang = s.failure == Some(Failure::AnswerHangs);
        if hang {
            s.failure = None;
        }
        hang
    };
    let response = create_status_now(&state, &headers, &body);
    if hang {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
    response
}

fn create_status_now(state: &Shared, headers: &HeaderMap, body: &Bytes) -> Response {
    if let Some(r) = check_auth(headers, state) {
        return r;
    }
    let f = form(body);
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut s = state.lock().unwrap();
    if let Some(existing) = key.as_ref().and_then(|k| s.by_key.get(k)) {
        let found = s.statuses.iter().find(|st| &st.id == existing).unwrap();
        return axum::Json(status_json(found, &s)).into_response();
    }
    let text = field(&f, "status").unwrap_or_default().to_owned();
    let media_ids: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "media_ids[]")
        .map(|(_, v)| v.clone())
        .collect();
    // Like Mastodon: a link counts as 23 characters however long it is.
    let length: usize = text
        .split_inclusive(char::is_whitespace)
        .map(|w| {
            if w.starts_with("https://") {
                23 + usize::from(w.ends_with(char::is_whitespace))
            } else {
                w.chars().count()
            }
        })
        .sum();
    if length > s.max_characters {
        let msg = format!(
            "Validation failed: Text character limit of {} exceeded",
            s.max_characters
        );
        return error(StatusCode::UNPROCESSABLE_ENTITY, &msg);
    }
    if let Some(bad) = media_ids
        .iter()
        .find(|id| s.media.get(*id).is_none_or(|m| m.polls_left > 0))
    {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("media {bad} not ready"),
        );
    }
    let visibility = field(&f, "visibility").unwrap_or("public").to_owned();
    if !["public", "unlisted", "private", "direct"].contains(&visibility.as_str()) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "visibility");
    }
    let st = StoredStatus {
        id: format!("1133{:014}", s.statuses.len() + 1),
        text,
        visibility,
        language: field(&f, "language").map(str::to_owned),
        media_ids,
    };
    if let Some(k) = key {
        s.by_key.insert(k, st.id.clone());
    }
    let body = status_json(&st, &s);
    s.statuses.push(st);
    if s.failure == Some(Failure::AnswerLost) {
        s.failure = None;
        return error(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable");
    }
    axum::Json(body).into_response()
}

async fn get_status(
    State(state): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = check_auth(&headers, &state) {
        return r;
    }
    let s = state.lock().unwrap();
    match s.statuses.iter().find(|st| st.id == id) {
        Some(st) => axum::Json(status_json(st, &s)).into_response(),
        None => error(StatusCode::NOT_FOUND, "Record not found"),
    }
}

async fn delete_status(
    State(state): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = check_auth(&headers, &state) {
        return r;
    }
    let mut s = state.lock().unwrap();
    let Some(pos) = s.statuses.iter().position(|st| st.id == id) else {
        return error(StatusCode::NOT_FOUND, "Record not found");
    };
    let st = s.statuses.remove(pos);
    let body = status_json(&st, &s);
    axum::Json(body).into_response()
}
