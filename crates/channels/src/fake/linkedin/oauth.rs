//! The fake's OAuth: the token exchange and the member's userinfo.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{
    ANALYTICS_CODE, ANALYTICS_TOKEN, CLIENT_ID, CLIENT_SECRET, CODE, REDIRECT, SUB, TOKEN, error,
    json_error, known_token,
};

pub(super) async fn access_token(body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let get = |k: &str| form.get(k).map(String::as_str);
    let analytics = get("code") == Some(ANALYTICS_CODE);
    let valid = get("grant_type") == Some("authorization_code")
        && (get("code") == Some(CODE) || analytics)
        && get("redirect_uri") == Some(REDIRECT)
        && get("client_id") == Some(CLIENT_ID)
        && get("client_secret") == Some(CLIENT_SECRET);
    if !valid {
        return json_error(
            StatusCode::BAD_REQUEST,
            json!({"error": "invalid_request",
                   "error_description": "Unable to retrieve access token: authorization code not found"}),
        );
    }
    let (token, scope) = if analytics {
        (
            ANALYTICS_TOKEN,
            "email,openid,profile,r_member_postAnalytics,w_member_social",
        )
    } else {
        (TOKEN, "email,openid,profile,w_member_social")
    };
    axum::Json(json!({
        "access_token": token, "expires_in": 5_183_999, "scope": scope,
        "token_type": "Bearer", "id_token": "eyJ.fake.jwt"
    }))
    .into_response()
}

pub(super) async fn userinfo(headers: HeaderMap) -> Response {
    if !known_token(&headers) {
        return error(StatusCode::UNAUTHORIZED, "Invalid access token");
    }
    axum::Json(json!({
        "sub": SUB, "name": "Erika Mustermann", "given_name": "Erika", "family_name": "Mustermann",
        "picture": "https://media.licdn.com/x.jpg", "email": "erika@musterstadt.example",
        "email_verified": true, "locale": {"country": "DE", "language": "de"}
    }))
    .into_response()
}
