//! A fake LinkedIn: OAuth, userinfo, `/rest/images`, the upload URL, `/rest/posts` and the
//! member post analytics (`/rest/memberCreatorPostAnalytics`, in `analytics`; OAuth in
//! `oauth`, images in `images`).
//!
//! Like the real one, it cuts a commentary at the first unescaped reserved character, so a
//! test that compares the rendered text with the original catches escaping mistakes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde_json::{Value, json};

mod analytics;
mod images;
mod oauth;
mod render;

use super::{Log, Recorded, bearer, json_error, serve};
pub use analytics::PostFigures;
pub use render::render;

pub const VERSION: &str = "202511";
pub const CLIENT_ID: &str = "li-client";
pub const CLIENT_SECRET: &str = "li-secret";
/// A member's token for sign-in and posting, without post analytics.
pub const TOKEN: &str = "li-token";
/// A token that may also read post analytics (`r_member_postAnalytics`).
pub const ANALYTICS_TOKEN: &str = "li-token-analytics";
pub const SUB: &str = "782bbtaQ";
pub const CODE: &str = "li-code";
/// The code of a sign-in whose member also granted post analytics: exchanged for
/// [`ANALYTICS_TOKEN`].
pub const ANALYTICS_CODE: &str = "li-code-analytics";
pub const REDIRECT: &str = "https://amt.example/oauth/linkedin/callback";

/// What the fake should do to the next write requests (until told otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    ExpiredToken,
    Throttled,
    Outage,
    DuplicateContent,
    RejectImage,
    CreatedWithoutId,
    /// The post is created, but the answer never comes.
    AnswerHangs,
}

#[derive(Debug, Clone)]
pub struct StoredPost {
    pub urn: String,
    pub body: Value,
    /// The commentary as a reader would see it.
    pub rendered: String,
}

#[derive(Default)]
struct FakeState {
    base: String,
    posts: Vec<StoredPost>,
    /// Registered images and their uploaded bytes.
    images: HashMap<String, Option<Vec<u8>>>,
    /// What the analytics endpoint tells, by post URN.
    figures: HashMap<String, PostFigures>,
    failure: Option<Failure>,
}

type Shared = Arc<Mutex<FakeState>>;

pub struct FakeLinkedIn {
    pub base: String,
    state: Shared,
    log: Log,
}

impl FakeLinkedIn {
    pub async fn start() -> Self {
        let state = Shared::default();
        let log = Log::default();
        let router = Router::new()
            .route("/oauth/v2/accessToken", post(oauth::access_token))
            .route("/v2/userinfo", get(oauth::userinfo))
            .route("/rest/images", post(images::initialize_upload))
            .route("/dms-uploads/{id}", put(images::upload))
            .route("/rest/posts", post(create_post))
            .route("/rest/posts/{urn}", get(read_post).delete(delete_post))
            .route(
                "/rest/memberCreatorPostAnalytics",
                get(analytics::member_post_analytics),
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

    /// Sets a post's lifetime figures; the post then exists for the analytics endpoint even if
    /// it was not created through this fake (a `urn:li:ugcPost:` post, say).
    pub fn set_post_figures(&self, urn: &str, figures: PostFigures) {
        let mut s = self.state.lock().unwrap();
        s.figures.insert(urn.to_owned(), figures);
    }

    /// The member deleted the post on LinkedIn.
    pub fn remove_post(&self, urn: &str) {
        let mut s = self.state.lock().unwrap();
        s.posts.retain(|p| p.urn != urn);
        s.figures.remove(urn);
    }

    pub fn posts(&self) -> Vec<StoredPost> {
        self.state.lock().unwrap().posts.clone()
    }

    pub fn uploaded(&self, image_urn: &str) -> Option<Vec<u8>> {
        self.state
            .lock()
            .unwrap()
            .images
            .get(image_urn)
            .cloned()
            .flatten()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }

    fn failure(state: &Shared) -> Option<Failure> {
        state.lock().unwrap().failure
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    json_error(
        status,
        json!({"status": status.as_u16(), "message": message, "serviceErrorCode": 100}),
    )
}

/// The headers every versioned REST call needs, and the failures that hit every call: the
/// rejection, if any.
fn check_rest(headers: &HeaderMap, state: &Shared) -> Option<Response> {
    if !known_token(headers) || FakeLinkedIn::failure(state) == Some(Failure::ExpiredToken) {
        return Some(json_error(
            StatusCode::UNAUTHORIZED,
            json!({"status": 401, "serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN",
                   "message": "The token used in the request has been revoked by the user"}),
        ));
    }
    match headers
        .get("linkedin-version")
        .and_then(|v| v.to_str().ok())
    {
        None => return Some(error(StatusCode::BAD_REQUEST, "VERSION_MISSING")),
        Some(v) if v != VERSION => {
            return Some(json_error(
                StatusCode::UPGRADE_REQUIRED,
                json!({"status": 426, "code": "NONEXISTENT_VERSION",
                       "message": format!("Requested version {v} is not active")}),
            ));
        }
        Some(_) => {}
    }
    if headers
        .get("x-restli-protocol-version")
        .and_then(|v| v.to_str().ok())
        != Some("2.0.0")
    {
        return Some(error(
            StatusCode::BAD_REQUEST,
            "X-Restli-Protocol-Version 2.0.0 expected",
        ));
    }
    match FakeLinkedIn::failure(state) {
        Some(Failure::Throttled) => Some(
            (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", "60")],
                axum::Json(
                    json!({"status": 429, "message": "Resource level throttle limit reached"}),
                ),
            )
                .into_response(),
        ),
        Some(Failure::Outage) => Some(error(StatusCode::INTERNAL_SERVER_ERROR, "Internal error")),
        _ => None,
    }
}

fn known_token(headers: &HeaderMap) -> bool {
    matches!(bearer(headers), Some(TOKEN | ANALYTICS_TOKEN))
}

async fn create_post(State(state): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(r) = check_rest(&headers, &state) {
        return r;
    }
    if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json") {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/json expected",
        );
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "body is not JSON");
    };
    if let Err(problem) = validate_post(&v, &state) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, &problem);
    }
    match FakeLinkedIn::failure(&state) {
        Some(Failure::DuplicateContent) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Content is a duplicate of urn:li:share:1",
            );
        }
        Some(Failure::CreatedWithoutId) => return StatusCode::CREATED.into_response(),
        _ => {}
    }
    let (urn, hang) = {
        let mut s = state.lock().unwrap();
        let urn = format!("urn:li:share:70123456789012345{:02}", s.posts.len() + 1);
        let rendered = render(v["commentary"].as_str().unwrap_or_default());
        s.posts.push(StoredPost {
            urn: urn.clone(),
            body: v,
            rendered,
        });
        (urn, s.failure == Some(Failure::AnswerHangs))
    };
    if hang {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
    (StatusCode::CREATED, [("x-restli-id", urn)]).into_response()
}

fn validate_post(v: &Value, state: &Shared) -> Result<(), String> {
    if v["author"] != json!(format!("urn:li:person:{SUB}")) {
        return Err("author must be the token's member".into());
    }
    if !v["commentary"].is_string() {
        return Err("commentary must be a string".into());
    }
    if !["PUBLIC", "CONNECTIONS", "LOGGED_IN"].contains(&v["visibility"].as_str().unwrap_or("")) {
        return Err("visibility".into());
    }
    let d = &v["distribution"];
    if d["feedDistribution"] != "MAIN_FEED"
        || !d["targetEntities"].is_array()
        || !d["thirdPartyDistributionChannels"].is_array()
    {
        return Err("distribution".into());
    }
    if v["lifecycleState"] != "PUBLISHED" || !v["isReshareDisabledByAuthor"].is_boolean() {
        return Err("lifecycleState".into());
    }
    if let Some(media) = v.get("content").map(|c| &c["media"]) {
        let id = media["id"].as_str().unwrap_or_default();
        let uploaded = state
            .lock()
            .unwrap()
            .images
            .get(id)
            .is_some_and(Option::is_some);
        if !uploaded {
            return Err(format!("image {id} was not uploaded"));
        }
        if media["altText"].as_str().is_none_or(str::is_empty) {
            return Err("altText missing".into());
        }
    }
    Ok(())
}

async fn read_post(
    State(state): State<Shared>,
    Path(urn): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = check_rest(&headers, &state) {
        return r;
    }
    let s = state.lock().unwrap();
    match s.posts.iter().find(|p| p.urn == urn) {
        Some(p) => axum::Json(p.body.clone()).into_response(),
        None => error(StatusCode::NOT_FOUND, "Not found"),
    }
}

async fn delete_post(
    State(state): State<Shared>,
    Path(urn): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = check_rest(&headers, &state) {
        return r;
    }
    let mut s = state.lock().unwrap();
    let before = s.posts.len();
    s.posts.retain(|p| p.urn != urn);
    s.figures.remove(&urn);
    if s.posts.len() < before {
        StatusCode::NO_CONTENT.into_response()
    } else {
        error(StatusCode::NOT_FOUND, "Not found")
    }
}
