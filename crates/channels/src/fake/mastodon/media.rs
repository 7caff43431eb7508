//! Media uploads of the fake Mastodon, with processing that takes a given number of polls.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Failure, Media, Shared, check_auth, error};

fn attachment(id: &str, base: &str, m: &Media) -> Value {
    let ready = m.polls_left == 0;
    json!({"id": id, "type": "image", "description": m.description,
           "url": ready.then(|| format!("{base}/media/{id}.jpg")), "preview_url": null})
}

pub(super) async fn upload_media(
    State(state): State<Shared>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    if let Some(r) = check_auth(&headers, &state) {
        return r;
    }
    let (mut file, mut description) = (None, None);
    while let Ok(Some(part)) = multipart.next_field().await {
        match part.name() {
            Some("file") => {
                let mime = part.content_type().unwrap_or_default().to_owned();
                let named = part.file_name().is_some();
                let bytes = part.bytes().await.unwrap_or_default().to_vec();
                file = Some((mime, named, bytes));
            }
            Some("description") => description = part.text().await.ok(),
            _ => {}
        }
    }
    let Some((mime, true, bytes)) = file else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Validation failed: File can't be blank",
        );
    };
    let mut s = state.lock().unwrap();
    if s.failure == Some(Failure::RejectImage) || !mime.starts_with("image/") || bytes.is_empty() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Validation failed: File content type is invalid",
        );
    }
    let id = format!("{}", 22_348_641 + s.media.len());
    let polls = s.processing_polls.unwrap_or(0);
    let m = Media {
        description: description.unwrap_or_default(),
        mime,
        bytes,
        polls_left: polls,
    };
    let body = attachment(&id, &s.base, &m);
    s.media.insert(id, m);
    let status = if polls > 0 {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    (status, axum::Json(body)).into_response()
}

pub(super) async fn get_media(
    State(state): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = check_auth(&headers, &state) {
        return r;
    }
    let mut s = state.lock().unwrap();
    let base = s.base.clone();
    let Some(m) = s.media.get_mut(&id) else {
        return error(StatusCode::NOT_FOUND, "Record not found");
    };
    if m.polls_left > 0 {
        m.polls_left -= 1;
        return (
            StatusCode::PARTIAL_CONTENT,
            axum::Json(attachment(&id, &base, m)),
        )
            .into_response();
    }
    axum::Json(attachment(&id, &base, m)).into_response()
}
