//! Signing in and out, and the language switch.

use amtfluencer_domain::types::Email;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::auth::{password, throttle};
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::{local_path, page};
use crate::web::session::{LANG_COOKIE, SESSION_COOKIE, Viewer, set_cookie};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show_login).post(login))
        .route("/logout", post(logout))
        .route("/lang", post(switch_lang))
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: PageCtx,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
    /// Authorities offering single sign-on: (name, slug).
    sso: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
    bye: Option<String>,
}

async fn show_login(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let notice = q.bye.map(|_| ctx.t("logout-done"));
    let sso = db::oidc::login_choices(&state.db).await?;
    Ok(page(&LoginPage {
        email: String::new(),
        next: local_path(q.next.as_deref()),
        error: None,
        notice,
        sso,
        ctx,
    }))
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    ext: Extensions,
    viewer: Option<Viewer>,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = local_path(form.next.as_deref());
    let ip = throttle::client_ip(&ext);
    let sso = db::oidc::login_choices(&state.db).await?;
    let again = |ctx: PageCtx, key: &str| {
        let error = Some(ctx.t(key));
        let mut res = page(&LoginPage {
            email: form.email.clone(),
            next: next.clone(),
            error,
            notice: None,
            sso: sso.clone(),
            ctx,
        });
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        res
    };
    if form.email.trim().is_empty() || form.password.is_empty() {
        return Ok(again(ctx, "login-missing"));
    }
    if let Some(wait) = throttle::wait(&state.db, &form.email, &ip).await? {
        throttle::note(&state.db, &form.email, &ip, None, "login.throttled").await?;
        return Ok(throttled(again(ctx, "login-throttled"), wait));
    }
    let user = match Email::parse(&form.email) {
        Ok(email) => db::users::by_email(&state.db, &email).await?,
        Err(_) => None,
    };
    let stored = user
        .as_ref()
        .filter(|u| u.disabled_at.is_none())
        .and_then(|u| u.password_hash.clone());
    // Unknown accounts are checked against a dummy hash: same answer, similar time.
    let user = match user {
        Some(u) if password::verify(form.password.clone(), stored).await => u,
        other => {
            if other.is_none() {
                password::verify(form.password.clone(), None).await;
            }
            // The account tried (if it exists) is recorded, so its authority sees the attempt.
            let tried = other.map(|u| u.id);
            throttle::note(&state.db, &form.email, &ip, tried, "login.failed").await?;
            return Ok(again(ctx, "login-failed"));
        }
    };
    throttle::note(&state.db, &form.email, &ip, Some(user.id), "login").await?;
    // A new session id at every login; the old one ends.
    if let Some(old) = viewer {
        db::sessions::delete(&state.db, &old.session.id).await?;
    }
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (token, _) = db::sessions::create(&state.db, user.id, None, ua).await?;
    let cookie = set_cookie(SESSION_COOKIE, &token, None, state.secure_cookies());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

async fn logout(
    State(state): State<AppState>,
    viewer: Option<Viewer>,
) -> Result<Response, AppError> {
    if let Some(v) = viewer {
        db::sessions::delete(&state.db, &v.session.id).await?;
    }
    let cookie = set_cookie(SESSION_COOKIE, "", Some(0), state.secure_cookies());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/login?bye=1")).into_response())
}

/// A login refused for now: 429 with the wait in `Retry-After`.
fn throttled(mut page: Response, wait: std::time::Duration) -> Response {
    *page.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    if let Ok(v) = axum::http::HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        page.headers_mut().insert(header::RETRY_AFTER, v);
    }
    page
}

#[derive(Deserialize)]
struct LangForm {
    lang: String,
    back: Option<String>,
}

async fn switch_lang(
    State(state): State<AppState>,
    viewer: Option<Viewer>,
    Form(form): Form<LangForm>,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    // Signed in, the choice follows the person to other devices.
    if let Some(v) = viewer {
        db::users::set_locale(&state.db, v.user.id, lang.code()).await?;
    }
    let cookie = set_cookie(
        LANG_COOKIE,
        lang.code(),
        Some(365 * 24 * 3600),
        state.secure_cookies(),
    );
    let back = local_path(form.back.as_deref());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response())
}
