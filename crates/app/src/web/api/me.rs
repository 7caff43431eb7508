//! `/api/v1/me` and the caller's own tokens.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::ApiMember;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::Json as JsonBody;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(show_me).patch(update_me))
        .route("/api/v1/tokens", get(list_tokens))
        .route("/api/v1/tokens/{id}", delete(revoke_token))
}

/// Who is calling, in which authority, with which role.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub email: String,
    pub name: String,
    /// The authority's slug, e.g. `musterstadt`.
    pub authority: String,
    pub authority_name: String,
    /// admin, ambassador, leadership or council.
    pub role: String,
    /// read or write.
    pub scope: String,
    /// The interface language: de or en.
    pub locale: String,
}

/// What a person may change about themselves.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeChanges {
    /// de or en.
    pub locale: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show_me(api: ApiMember) -> Json<Me> {
    Json(Me {
        email: api.member.user.email.clone(),
        name: api.member.user.display_name.clone(),
        authority: api.member.tenant.slug.clone(),
        authority_name: api.member.tenant.name.clone(),
        role: api.member.role.as_str().to_owned(),
        scope: api.scope.as_str().to_owned(),
        locale: api
            .member
            .user
            .locale
            .clone()
            .unwrap_or_else(|| "de".to_owned()),
    })
}

#[utoipa::path(patch, path = "/api/v1/me", tag = "account", request_body = MeChanges,
    responses((status = 200, body = Me), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn update_me(
    State(state): State<AppState>,
    mut api: ApiMember,
    JsonBody(changes): JsonBody<MeChanges>,
) -> Result<Json<Me>, AppError> {
    api.require_write()?;
    let Some(lang) =
        crate::i18n::Lang::parse(&changes.locale).filter(|l| l.code() == changes.locale)
    else {
        return Err(AppError::Validation(vec![crate::error::FieldError {
            field: Some("locale".to_owned()),
            detail: "must be de or en".to_owned(),
        }]));
    };
    db::users::set_locale(&state.db, api.member.user.id, lang.code()).await?;
    api.member.user.locale = Some(lang.code().to_owned());
    Ok(show_me(api).await)
}

/// A personal token as listed (never the secret).
#[derive(Serialize, ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    /// The first characters, to recognise it.
    pub prefix: String,
    pub scope: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "account",
    responses((status = 200, body = Vec<TokenInfo>), (status = 401, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_tokens(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Vec<TokenInfo>>, AppError> {
    let tokens = db::api_tokens::list_for_user(&state.db, api.member.user.id).await?;
    Ok(Json(
        tokens
            .into_iter()
            .filter(|t| t.tenant_id == api.member.tenant.id)
            .map(|t| TokenInfo {
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                scope: t.scope,
                expires_at: t.expires_at,
                last_used_at: t.last_used_at,
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
    ))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn revoke_token(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    api.require_write()?;
    if !db::api_tokens::revoke(&state.db, api.member.user.id, id).await? {
        return Err(AppError::NotFound);
    }
    db::audit::record(
        &state.db,
        Some(api.member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(api.member.user.id),
            action: "api_token.revoked",
            object_type: "api_token",
            object_id: Some(id.to_string()),
            details: serde_json::json!({ "via": "api" }),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
