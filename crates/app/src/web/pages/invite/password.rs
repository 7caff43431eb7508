//! Forgotten passwords: a link by mail (valid one hour, single use) to set a new one.
//!
//! The request answers the same way, in about the same time, whether an account exists or
//! not, so the form cannot be used to find out who has an account. Setting the new password
//! ends every session of the account.

use std::time::Duration;

use amtfluencer_domain::types::Email;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{FieldErrors, FieldProblem, check_new_password, invalid_link, unprocessable};
use crate::auth::password;
use crate::auth::tokens::{hash_token, random_token};
use crate::db::auth_tokens::{TokenKind, Unusable};
use crate::db::entities::{auth_token, user};
use crate::db::{self};
use crate::error::AppError;
use crate::jobs;
use crate::mail::{OutgoingMail, compose};
use crate::state::AppState;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::session::{SESSION_COOKIE, set_cookie};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/password/forgot", get(show_forgot).post(request_reset))
        .route("/password/forgot/sent", get(show_forgot_sent))
        .route(
            "/password/reset/{token}",
            get(show_reset).post(reset_password),
        )
        .route("/password/changed", get(show_changed))
}

/// Every answer to a reset request takes at least this long, account or not.
const FORGOT_MIN_TIME: Duration = Duration::from_millis(250);
/// Reset mails per account and hour; more requests are answered the same but send nothing.
const RESETS_PER_HOUR: u64 = 3;

#[derive(Template)]
#[template(path = "invite/forgot.html")]
struct ForgotPage {
    ctx: PageCtx,
    email: String,
    error: Option<String>,
}

async fn show_forgot(ctx: PageCtx) -> Response {
    page(&ForgotPage {
        ctx,
        email: String::new(),
        error: None,
    })
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn request_reset(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let started = tokio::time::Instant::now();
    let Ok(email) = Email::parse(&form.email) else {
        let error = Some(ctx.t("forgot-error-email"));
        let email = form.email;
        return Ok(unprocessable(page(&ForgotPage { ctx, email, error })));
    };
    let outcome = send_reset(&state, &email).await;
    tokio::time::sleep_until(started + FORGOT_MIN_TIME).await;
    outcome?;
    Ok(Redirect::to("/password/forgot/sent").into_response())
}

/// Sends a reset link if the address belongs to an active account with a password.
async fn send_reset(state: &AppState, email: &Email) -> Result<(), AppError> {
    let user = db::users::by_email(&state.db, email)
        .await?
        .filter(|u| u.disabled_at.is_none() && u.password_hash.is_some());
    let Some(user) = user else {
        // The token work of a real request, so that this path is not measurably shorter.
        std::hint::black_box(hash_token(&random_token()));
        return Ok(());
    };
    let since = db::now() - chrono::Duration::hours(1);
    if db::auth_tokens::resets_since(&state.db, user.id, since).await? >= RESETS_PER_HOUR {
        tracing::info!(
            user = user.id,
            "password reset requested too often; no mail sent"
        );
        return Ok(());
    }
    let txn = state.db.begin().await?;
    let (token, _) = db::auth_tokens::create_reset(&txn, user.id, &user.email).await?;
    let link = format!("{}/password/reset/{token}", state.config.base_url);
    let text = compose::password_reset(
        &state.i18n,
        &compose::PasswordReset {
            name: &user.display_name,
            email: &user.email,
            link: &link,
        },
    )?;
    let mail = OutgoingMail {
        // An account's own mail: not shown in any authority's outbox.
        tenant_id: None,
        to: user.email.clone(),
        to_name: Some(user.display_name.clone()),
        subject: text.subject,
        text: text.text,
        attachments: Vec::new(),
    };
    jobs::mail::enqueue(&txn, &mail).await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "invite/forgot_sent.html")]
struct ForgotSentPage {
    ctx: PageCtx,
}

async fn show_forgot_sent(ctx: PageCtx) -> Response {
    page(&ForgotSentPage { ctx })
}

#[derive(Template)]
#[template(path = "invite/reset.html")]
struct ResetPage {
    ctx: PageCtx,
    action: String,
    email: String,
    errors: FieldErrors,
}

fn reset_page(
    ctx: PageCtx,
    token: &str,
    user: &user::Model,
    problems: &[FieldProblem],
) -> ResetPage {
    ResetPage {
        action: format!("/password/reset/{token}"),
        email: user.email.clone(),
        errors: FieldErrors::new(&ctx, problems),
        ctx,
    }
}

async fn load(
    state: &AppState,
    token: &str,
) -> Result<Result<(auth_token::Model, user::Model), Unusable>, AppError> {
    let found =
        db::auth_tokens::find_usable(&state.db, TokenKind::PasswordReset, token, db::now()).await?;
    let token = match found {
        Ok(t) => t,
        Err(why) => return Ok(Err(why)),
    };
    let user = match token.user_id {
        Some(id) => db::users::by_id(&state.db, id).await?,
        None => None,
    };
    match user {
        Some(u) if u.disabled_at.is_none() => Ok(Ok((token, u))),
        _ => Ok(Err(Unusable::Spent)),
    }
}

async fn show_reset(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match load(&state, &token).await? {
        Ok((_, user)) => Ok(page(&reset_page(ctx, &token, &user, &[]))),
        Err(why) => Ok(invalid_link(ctx, why, true)),
    }
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn reset_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let (found, user) = match load(&state, &token).await? {
        Ok(loaded) => loaded,
        Err(why) => return Ok(invalid_link(ctx, why, true)),
    };
    if let Some(problem) = check_new_password(&form.password, &form.password2) {
        let view = reset_page(ctx, &token, &user, &[problem]);
        return Ok(unprocessable(page(&view)));
    }
    let hash = password::hash(form.password).await?;
    let at = db::now();
    let txn = state.db.begin().await?;
    if !db::auth_tokens::mark_used(&txn, found.id, at).await? {
        txn.rollback().await?;
        return Ok(invalid_link(ctx, Unusable::Spent, true));
    }
    db::auth_tokens::complete_reset(&txn, user.id, hash, at).await?;
    let ended = db::sessions::delete_all_for_user(&txn, user.id).await?;
    db::audit::record(
        &txn,
        None,
        db::audit::Entry {
            actor_user_id: Some(user.id),
            action: "password.reset",
            object_type: "user",
            object_id: Some(user.id.to_string()),
            details: serde_json::json!({ "sessions_ended": ended }),
        },
    )
    .await?;
    txn.commit().await?;
    let cookie = set_cookie(SESSION_COOKIE, "", Some(0), state.secure_cookies());
    Ok((
        [(header::SET_COOKIE, cookie)],
        Redirect::to("/password/changed"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "invite/changed.html")]
struct ChangedPage {
    ctx: PageCtx,
}

async fn show_changed(ctx: PageCtx) -> Response {
    page(&ChangedPage { ctx })
}
