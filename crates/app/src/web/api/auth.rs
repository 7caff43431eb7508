//! Who calls the API: a personal token's owner in the token's authority, or the signed-in
//! user (in the authority named by `?tenant=` or their only one).

use amtfluencer_domain::permissions::{Permission, allows};
use axum::extract::FromRequestParts;
use axum::http::{Method, header, request::Parts};
use serde::Deserialize;

use crate::db::{self, api_tokens::Scope};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::{Member, TenantId};
use crate::web::session::Viewer;

pub struct ApiMember {
    pub member: Member,
    /// Session callers may do what their role allows; token callers also need a write scope.
    pub scope: Scope,
    pub token_id: Option<i64>,
}

impl ApiMember {
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        self.member.require(permission)
    }

    pub fn require_write(&self) -> Result<(), AppError> {
        if self.scope == Scope::Write {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The bearer token of a request, if it has one.
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

#[derive(Deserialize)]
struct TenantQuery {
    tenant: Option<String>,
}

impl FromRequestParts<AppState> for ApiMember {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let at = db::now();
        if let Some(secret) = bearer(parts) {
            let token = db::api_tokens::authenticate(&state.db, secret, at)
                .await?
                .ok_or(AppError::Unauthorized)?;
            let member = member_of(state, token.user_id, TenantId(token.tenant_id)).await?;
            let scope = token.scope.parse().unwrap_or(Scope::Read);
            // A read token never changes anything, whatever the method.
            if scope == Scope::Read && !matches!(parts.method, Method::GET | Method::HEAD) {
                return Err(AppError::Forbidden);
            }
            return Ok(Self {
                member,
                scope,
                token_id: Some(token.id),
            });
        }
        let viewer = parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or(AppError::Unauthorized)?;
        let q = axum::extract::Query::<TenantQuery>::try_from_uri(&parts.uri)
            .map(|q| q.0.tenant)
            .unwrap_or(None);
        let memberships = db::users::memberships_of(&state.db, viewer.user.id).await?;
        let (tenant, role) = match (q, memberships.as_slice()) {
            (Some(slug), all) => all.iter().find(|(t, _)| t.slug == slug).cloned(),
            (None, [only]) => Some(only.clone()),
            (None, _) => None,
        }
        .ok_or(AppError::NotFound)?;
        if tenant.suspended_at.is_some() {
            return Err(AppError::NotFound);
        }
        Ok(Self {
            member: Member {
                user: viewer.user,
                tenant,
                role,
            },
            scope: Scope::Write,
            token_id: None,
        })
    }
}

async fn member_of(state: &AppState, user_id: i64, tenant: TenantId) -> Result<Member, AppError> {
    let user = db::users::by_id(&state.db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if user.disabled_at.is_some() {
        return Err(AppError::Unauthorized);
    }
    let (tenant, role) = db::users::memberships_of(&state.db, user_id)
        .await?
        .into_iter()
        .find(|(t, _)| t.id == tenant.0)
        .ok_or(AppError::Unauthorized)?;
    if tenant.suspended_at.is_some() || !allows(role, Permission::ViewStart) {
        return Err(AppError::Unauthorized);
    }
    Ok(Member { user, tenant, role })
}
