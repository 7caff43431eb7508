//! `GET /api/v1/guidelines`: the authority's guidelines in force, and for an Amtfluencer
//! whether they acknowledged this version.

use amtfluencer_domain::permissions::Permission;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(show_guidelines), components(schemas(Guidelines)))]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/guidelines", get(show_guidelines))
}

#[derive(Serialize, ToSchema)]
pub struct Guidelines {
    pub version: String,
    pub title: String,
    /// The text (paragraphs separated by blank lines).
    pub body: String,
    pub published_at: DateTime<Utc>,
    /// For an Amtfluencer: whether they acknowledged this version; null for other roles.
    pub acknowledged: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/guidelines", tag = "programme",
    responses((status = 200, body = Guidelines), (status = 404, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show_guidelines(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Guidelines>, AppError> {
    api.require(Permission::ViewStart)?;
    let tenant = api.member.tenant_id();
    let g = db::guidelines::current(&state.db, tenant)
        .await?
        .ok_or(AppError::NotFound)?;
    let acknowledged = if api.member.can(Permission::EditOwnProfile) {
        match db::ambassadors::of_user(&state.db, tenant, api.member.user.id).await? {
            Some(me) => {
                Some(db::ambassadors::acknowledged(&state.db, tenant, me.id, &g.version).await?)
            }
            None => None,
        }
    } else {
        None
    };
    Ok(Json(Guidelines {
        version: g.version,
        title: g.title,
        body: g.body,
        published_at: g.published_at,
        acknowledged,
    }))
}
