//! The signed-in person's own account: sessions ("log out everywhere") and personal API
//! tokens.

use amtfluencer_domain::types::required_text;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::{
    self,
    api_tokens::Scope,
    entities::{api_token, tenant},
};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::session::{SESSION_COOKIE, Viewer, set_cookie};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(show_account))
        .route("/account/sessions/end-all", post(end_all_sessions))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
}

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub authority: String,
    pub prefix: String,
    pub scope: String,
    pub expires: String,
    pub last_used: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "account/index.html")]
struct AccountPage {
    ctx: PageCtx,
    email: String,
    tokens: Vec<TokenRow>,
    authorities: Vec<tenant::Model>,
    form: TokenForm,
    error: Option<String>,
    created: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct TokenForm {
    name: String,
    tenant: String,
    scope: String,
    days: String,
}

async fn render_account(
    state: &AppState,
    ctx: PageCtx,
    viewer: &Viewer,
    form: TokenForm,
    error: Option<String>,
    created: Option<String>,
) -> Result<Response, AppError> {
    let authorities: Vec<tenant::Model> = db::users::memberships_of(&state.db, viewer.user.id)
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let fmt = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map_or_else(|| "–".to_owned(), |d| d.format("%Y-%m-%d").to_string())
    };
    let tokens = db::api_tokens::list_for_user(&state.db, viewer.user.id)
        .await?
        .into_iter()
        .map(|t: api_token::Model| TokenRow {
            authority: authorities
                .iter()
                .find(|a| a.id == t.tenant_id)
                .map_or_else(String::new, |a| a.name.clone()),
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            scope: t.scope,
            expires: fmt(t.expires_at),
            last_used: fmt(t.last_used_at),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = page(&AccountPage {
        ctx,
        email: viewer.user.email.clone(),
        tokens,
        authorities,
        form,
        error,
        created,
    });
    *res.status_mut() = status;
    Ok(res)
}

async fn show_account(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Viewer,
) -> Result<Response, AppError> {
    let form = TokenForm {
        scope: "read".into(),
        days: "90".into(),
        ..Default::default()
    };
    render_account(&state, ctx, &viewer, form, None, None).await
}

async fn end_all_sessions(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    let n = db::sessions::delete_all_for_user(&state.db, viewer.user.id).await?;
    db::audit::record(
        &state.db,
        None,
        db::audit::Entry {
            actor_user_id: Some(viewer.user.id),
            action: "sessions.ended_all",
            object_type: "user",
            object_id: Some(viewer.user.id.to_string()),
            details: serde_json::json!({ "sessions": n }),
        },
    )
    .await?;
    let cookie = set_cookie(SESSION_COOKIE, "", Some(0), state.secure_cookies());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/login?bye=1")).into_response())
}

async fn create_token(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Viewer,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let memberships = db::users::memberships_of(&state.db, viewer.user.id).await?;
    let name = required_text(&form.name, 80);
    let tenant = memberships
        .iter()
        .find(|(t, _)| t.slug == form.tenant)
        .map(|(t, _)| t.id);
    let scope = form.scope.parse::<Scope>();
    let days = form
        .days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=365).contains(d));
    let (Ok(name), Some(tenant), Ok(scope), Some(days)) = (name, tenant, scope, days) else {
        let error = Some(ctx.t("account-token-invalid"));
        return render_account(&state, ctx, &viewer, form, error, None).await;
    };
    let (secret, token) = db::api_tokens::create(
        &state.db,
        TenantId(tenant),
        db::api_tokens::NewToken {
            user_id: viewer.user.id,
            name: &name,
            scope,
            valid_for: chrono::Duration::days(days),
        },
    )
    .await?;
    db::audit::record(
        &state.db,
        Some(TenantId(tenant)),
        db::audit::Entry {
            actor_user_id: Some(viewer.user.id),
            action: "api_token.created",
            object_type: "api_token",
            object_id: Some(token.id.to_string()),
            details: serde_json::json!({ "name": name, "scope": scope.as_str(), "days": days }),
        },
    )
    .await?;
    // Shown once, on this response only (it is not stored in clear anywhere).
    let fresh = TokenForm {
        scope: "read".into(),
        days: "90".into(),
        ..Default::default()
    };
    render_account(&state, ctx, &viewer, fresh, None, Some(secret)).await
}

#[derive(Deserialize)]
struct TokenPath {
    id: i64,
}

async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(p): Path<TokenPath>,
) -> Result<Response, AppError> {
    if !db::api_tokens::revoke(&state.db, viewer.user.id, p.id).await? {
        return Err(AppError::NotFound);
    }
    db::audit::record(
        &state.db,
        None,
        db::audit::Entry {
            actor_user_id: Some(viewer.user.id),
            action: "api_token.revoked",
            object_type: "api_token",
            object_id: Some(p.id.to_string()),
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(Redirect::to("/account").into_response())
}
