//! Turns error responses into pages in the user's language (or JSON under `/api`), and sends
//! anyone who is not signed in to the login page.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::{AppError, ErrorInfo};
use crate::state::AppState;
use crate::web::layout::PageCtx;
use crate::web::render;
use crate::web::session::{CsrfToken, Viewer};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    ctx: PageCtx,
    title: String,
    text: String,
    details: Vec<String>,
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let uri = req.uri().clone();
    let headers = req.headers().clone();
    let res = next.run(req).await;
    let Some(info) = res.extensions().get::<ErrorInfo>().cloned() else {
        return res;
    };
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    // The page's context, with what the session layer found (it runs inside this one).
    let (mut parts, ()) = Request::new(()).into_parts();
    parts.uri = uri;
    parts.headers = headers;
    if let Some(v) = res.extensions().get::<Viewer>() {
        parts.extensions.insert(v.clone());
    }
    if let Some(c) = res.extensions().get::<CsrfToken>() {
        parts.extensions.insert(c.clone());
    }
    let ctx = PageCtx::from_parts(&parts, &state);
    if api {
        return api_error(&info);
    }
    if info.unauthorized {
        // (No cookies to carry over: the login page sets its own.)
        let next =
            url::form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }
    let (title, text) = match info.status {
        StatusCode::NOT_FOUND => ("error-404-title", "error-404-text"),
        StatusCode::FORBIDDEN if info.csrf => ("error-csrf-title", "error-csrf-text"),
        StatusCode::FORBIDDEN if info.suspended => {
            ("error-suspended-title", "error-suspended-text")
        }
        StatusCode::FORBIDDEN => ("error-403-title", "error-403-text"),
        StatusCode::BAD_REQUEST => ("error-400-title", "error-400-text"),
        StatusCode::PAYLOAD_TOO_LARGE => ("error-413-title", "error-413-text"),
        StatusCode::CONFLICT => ("error-409-title", ""),
        StatusCode::UNPROCESSABLE_ENTITY => ("error-422-title", ""),
        _ => ("error-500-title", "error-500-text"),
    };
    let page = ErrorPage {
        title: ctx.t(title),
        text: if text.is_empty() {
            String::new()
        } else {
            ctx.t(text)
        },
        // Named fields in the user's language; the parser's own words only without a field.
        details: info
            .details
            .iter()
            .map(|d| match &d.field {
                Some(f) if info.status == StatusCode::UNPROCESSABLE_ENTITY => {
                    ctx.t1("error-field", "field", f)
                }
                _ => d.detail.clone(),
            })
            .collect(),
        ctx,
    };
    let mut out = render::page(&page);
    *out.status_mut() = info.status;
    // Cookies set further in (e.g. the first CSRF cookie) must survive the new page.
    for c in res.headers().get_all(header::SET_COOKIE) {
        out.headers_mut().append(header::SET_COOKIE, c.clone());
    }
    out
}

fn api_error(info: &ErrorInfo) -> Response {
    let detail = match info.status {
        StatusCode::NOT_FOUND => "not found",
        StatusCode::UNAUTHORIZED => "not signed in",
        StatusCode::FORBIDDEN if info.csrf => "the CSRF token is missing or wrong",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is too large",
        s if s.is_server_error() => "internal error",
        _ => "invalid request",
    };
    let errors: Vec<serde_json::Value> = if info.details.is_empty() {
        vec![serde_json::json!({ "detail": detail })]
    } else {
        info.details
            .iter()
            .map(|d| serde_json::json!({ "detail": d.detail, "field": d.field }))
            .collect()
    };
    (
        info.status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "errors": errors }).to_string(),
    )
        .into_response()
}

/// Every unknown path.
pub async fn fallback() -> AppError {
    AppError::NotFound
}
