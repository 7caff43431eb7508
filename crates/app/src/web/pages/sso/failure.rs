//! A refused sign-in: why (a `Refusal` with its status and text), the page that explains it,
//! and the entry it leaves in the audit log.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::auth::oidc::OidcError;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// Why a sign-in ended without a session; each has a page text and a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    UnknownState,
    NotConfigured,
    Suspended,
    ProviderError,
    Upstream,
    InvalidToken,
    Unavailable,
    NoEmail,
    Domain,
    NoRole,
    Disabled,
    AccountElsewhere,
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Self::UnknownState | Self::ProviderError | Self::InvalidToken => {
                StatusCode::BAD_REQUEST
            }
            Self::NotConfigured => StatusCode::NOT_FOUND,
            Self::Upstream => StatusCode::BAD_GATEWAY,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::AccountElsewhere => StatusCode::CONFLICT,
            Self::Suspended | Self::NoEmail | Self::Domain | Self::NoRole | Self::Disabled => {
                StatusCode::FORBIDDEN
            }
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::UnknownState => "sso-fail-state",
            Self::NotConfigured => "sso-fail-not-configured",
            Self::Suspended => "sso-fail-suspended",
            Self::ProviderError => "sso-fail-provider-error",
            Self::Upstream => "sso-fail-upstream",
            Self::InvalidToken => "sso-fail-token",
            Self::Unavailable => "sso-fail-unavailable",
            Self::NoEmail => "sso-fail-no-email",
            Self::Domain => "sso-fail-domain",
            Self::NoRole => "sso-fail-no-role",
            Self::Disabled => "sso-fail-disabled",
            Self::AccountElsewhere => "sso-fail-account-elsewhere",
        }
    }
}

/// A refused sign-in: what the person is told, and what the audit log keeps.
pub(super) struct Failure {
    pub(super) refusal: Refusal,
    pub(super) reason: String,
    pub(super) email: Option<String>,
}

impl Failure {
    pub(super) fn new(refusal: Refusal, reason: impl Into<String>) -> Self {
        Self {
            refusal,
            reason: reason.into(),
            email: None,
        }
    }

    pub(super) fn from_oidc(e: &OidcError) -> Self {
        if e.is_upstream() {
            tracing::warn!(error = %e, "SSO: the provider failed");
            Self::new(Refusal::Upstream, e.reason())
        } else {
            Self::new(Refusal::InvalidToken, e.reason())
        }
    }
}

#[derive(Template)]
#[template(path = "sso/failed.html")]
struct FailedPage {
    ctx: PageCtx,
    text: String,
    retry: Option<String>,
}

pub(super) fn failed_page(ctx: PageCtx, refusal: Refusal, slug: Option<&str>) -> Response {
    let retry = slug
        .filter(|_| !matches!(refusal, Refusal::NotConfigured | Refusal::Suspended))
        .map(|s| format!("/t/{s}/login/sso"));
    let view = FailedPage {
        text: ctx.t(refusal.key()),
        retry,
        ctx,
    };
    let mut res = page(&view);
    *res.status_mut() = refusal.status();
    res
}

pub(super) async fn audit_failure(
    state: &AppState,
    tenant: TenantId,
    issuer: Option<&str>,
    f: &Failure,
) -> Result<(), AppError> {
    db::audit::record(
        &state.db,
        Some(tenant),
        db::audit::Entry {
            actor_user_id: None,
            action: "login.sso_failed",
            object_type: "tenant",
            object_id: Some(tenant.0.to_string()),
            details: serde_json::json!({
                "reason": f.reason,
                "issuer": issuer,
                "email": f.email,
            }),
        },
    )
    .await?;
    Ok(())
}
