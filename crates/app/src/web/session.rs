//! The session layer: finds the signed-in user once per request, keeps a pre-session CSRF
//! cookie for anonymous forms, and refuses state-changing requests without the right CSRF
//! token (form field `csrf` or header `X-CSRF-Token`).

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::tokens::{constant_time_eq, random_token};
use crate::db::{
    self,
    entities::{session, user},
};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::{Member, TenantId};

pub const SESSION_COOKIE: &str = "amtf_session";
pub const CSRF_COOKIE: &str = "amtf_csrf";
pub const LANG_COOKIE: &str = "amtf_lang";

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub session: session::Model,
    pub user: user::Model,
}

/// The CSRF token a form on this request's page must carry.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure over TLS.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let viewer = match load_viewer(&state, req.headers()).await {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let (anon, fresh) = match cookie(req.headers(), CSRF_COOKIE).filter(|t| t.len() == 64) {
        Some(t) => (t, false),
        None => (random_token(), true),
    };
    let expected = viewer
        .as_ref()
        .map_or_else(|| anon.clone(), |v| v.session.csrf_token.clone());

    // A bearer token is not sent by browsers on their own, so it needs no CSRF token.
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "));
    if !bearer && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let (ok, rebuilt) = check_csrf(req, &expected, fresh && viewer.is_none()).await;
        let Some(rebuilt) = rebuilt else {
            return AppError::PayloadTooLarge.into_response();
        };
        req = rebuilt;
        if !ok {
            let mut res = AppError::CsrfRejected.into_response();
            res.extensions_mut().insert(CsrfToken(expected));
            if let Some(v) = viewer {
                res.extensions_mut().insert(v);
            }
            return res;
        }
    }

    req.extensions_mut().insert(CsrfToken(expected.clone()));
    if let Some(v) = viewer.clone() {
        req.extensions_mut().insert(v);
    }
    let mut res = next.run(req).await;
    // The error layer outside renders pages with the same context.
    res.extensions_mut().insert(CsrfToken(expected));
    if let Some(v) = viewer {
        res.extensions_mut().insert(v);
    }
    if fresh {
        res.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(CSRF_COOKIE, &anon, None, state.secure_cookies()),
        );
    }
    res
}

async fn load_viewer(state: &AppState, headers: &HeaderMap) -> Result<Option<Viewer>, AppError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let at = db::now();
    let Some(session) = db::sessions::find_live(&state.db, &token, at).await? else {
        return Ok(None);
    };
    let Some(user) = db::users::by_id(&state.db, session.user_id).await? else {
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    db::sessions::touch(&state.db, &session, at).await?;
    Ok(Some(Viewer { session, user }))
}

/// Checks the token from the header or, for form posts, from the `csrf` field; gives the
/// request back with its body intact, or `None` when the body is larger than a form may be.
async fn check_csrf(req: Request, expected: &str, no_cookie: bool) -> (bool, Option<Request>) {
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        let ok = !no_cookie && constant_time_eq(h, expected);
        return (ok, Some(req));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let boundary = multipart_boundary(&content_type);
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form && boundary.is_none() {
        return (false, Some(req));
    }
    let limit = if is_form {
        crate::web::MAX_BODY_BYTES
    } else {
        crate::web::MAX_UPLOAD_BYTES
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return (false, None);
    };
    let sent = match &boundary {
        Some(b) => multipart_text_field(&bytes, b, "csrf"),
        None => url::form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned()),
    };
    let ok = !no_cookie && sent.is_some_and(|v| constant_time_eq(&v, expected));
    (ok, Some(Request::from_parts(parts, Body::from(bytes))))
}

/// The boundary of a `multipart/form-data` body (file uploads).
fn multipart_boundary(content_type: &str) -> Option<String> {
    let (mime, params) = content_type.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.eq_ignore_ascii_case("boundary")
            .then(|| v.trim_matches('"').to_owned())
    })
}

/// The value of a small text field of a multipart body, e.g. the CSRF token sent before the
/// file. Only the part headers are searched, never the file's bytes as text.
fn multipart_text_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let delimiter = format!("--{boundary}");
    let wanted = format!("name=\"{name}\"");
    let mut rest = body;
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        let headers_end = find(rest, b"\r\n\r\n")?;
        let headers = std::str::from_utf8(&rest[..headers_end]).ok()?;
        let value_start = headers_end + 4;
        let next = find(&rest[value_start..], delimiter.as_bytes())?;
        if headers.lines().any(|l| {
            l.to_ascii_lowercase().starts_with("content-disposition") && l.contains(&wanted)
        }) {
            let value = &rest[value_start..value_start + next];
            let value = value.strip_suffix(b"\r\n").unwrap_or(value);
            return std::str::from_utf8(value).ok().map(str::to_owned);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or(AppError::Unauthorized)
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().cloned())
    }
}

#[derive(Deserialize)]
struct SlugParam {
    slug: String,
}

impl FromRequestParts<AppState> for Member {
    type Rejection = AppError;

    /// A member of this authority, or 404 for anyone else (never revealing that it exists).
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let Path(SlugParam { slug }) = Path::<SlugParam>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let tenant = db::tenants::by_slug(&state.db, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = db::users::role_in(&state.db, TenantId(tenant.id), viewer.user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if tenant.suspended_at.is_some() {
            return Err(AppError::Suspended);
        }
        Ok(Member {
            user: viewer.user,
            tenant,
            role,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{multipart_boundary, multipart_text_field};

    #[test]
    fn the_csrf_field_is_found_in_a_multipart_body_and_file_bytes_are_not_read_as_fields() {
        let ct = "multipart/form-data; boundary=----x1";
        let b = multipart_boundary(ct).unwrap();
        assert_eq!(b, "----x1");
        let body = b"------x1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nname=\"csrf\"\r\nfake\r\n------x1\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n------x1--\r\n";
        assert_eq!(
            multipart_text_field(body, &b, "csrf").as_deref(),
            Some("abc123")
        );
        assert_eq!(multipart_text_field(body, &b, "other"), None);
        assert_eq!(multipart_boundary("application/json"), None);
    }
}
