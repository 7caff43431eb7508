//! The fake's `/rest/images?action=initializeUpload` and the upload URL it hands out.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Failure, FakeLinkedIn, SUB, Shared, check_rest, error, known_token};

pub(super) async fn initialize_upload(
    State(state): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(r) = check_rest(&headers, &state) {
        return r;
    }
    if q.get("action").map(String::as_str) != Some("initializeUpload") {
        return error(StatusCode::BAD_REQUEST, "action=initializeUpload expected");
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "body is not JSON");
    };
    if v["initializeUploadRequest"]["owner"] != json!(format!("urn:li:person:{SUB}")) {
        return error(StatusCode::FORBIDDEN, "owner must be the token's member");
    }
    let mut s = state.lock().unwrap();
    let n = s.images.len() + 1;
    let urn = format!("urn:li:image:C4E10AQFake{n}");
    s.images.insert(urn.clone(), None);
    axum::Json(json!({"value": {
        "uploadUrlExpiresAt": 1_650_567_510_704_u64,
        "uploadUrl": format!("{}/dms-uploads/{n}", s.base),
        "image": urn
    }}))
    .into_response()
}

pub(super) async fn upload(
    State(state): State<Shared>,
    Path(n): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !known_token(&headers) {
        return error(StatusCode::UNAUTHORIZED, "Invalid access token");
    }
    if FakeLinkedIn::failure(&state) == Some(Failure::RejectImage) {
        return error(StatusCode::BAD_REQUEST, "Image could not be processed");
    }
    let urn = format!("urn:li:image:C4E10AQFake{n}");
    let mut s = state.lock().unwrap();
    match s.images.get_mut(&urn) {
        Some(slot) if !body.is_empty() => {
            *slot = Some(body.to_vec());
            StatusCode::CREATED.into_response()
        }
        Some(_) => error(StatusCode::BAD_REQUEST, "empty upload"),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
