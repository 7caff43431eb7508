//! Signing in through the authority's OpenID Connect provider: the start at
//! `/t/{slug}/login/sso` and the callback, which any instance can take since the sign-in in
//! progress lives in the database.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::failure::{Failure, Refusal, audit_failure, failed_page};
use crate::auth::oidc::{self, OidcError};
use crate::auth::tokens::random_token;
use crate::crypto;
use crate::db::{self, entities::oidc_flow, entities::tenant, oidc::ProviderSettings};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::layout::PageCtx;
use crate::web::render::local_path;
use crate::web::session::{SESSION_COOKIE, Viewer, cookie, set_cookie};

#[derive(Deserialize)]
pub(super) struct StartQuery {
    next: Option<String>,
}

/// Ties sign-ins to the browser that started them: the flow is found by the hash of the
/// state together with this cookie, so an answer of the provider replayed in another
/// browser (login CSRF) finds nothing.
const BINDING_COOKIE: &str = "amtf_sso";

fn binding(headers: &HeaderMap) -> Option<String> {
    cookie(headers, BINDING_COOKIE)
        .filter(|b| b.len() == 64 && b.chars().all(|c| c.is_ascii_hexdigit()))
}

pub(super) async fn start_login(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<StartQuery>,
) -> Result<Response, AppError> {
    let tenant = db::tenants::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let tid = TenantId(tenant.id);
    let provider = db::oidc::provider(&state.db, tid).await?;
    let Some(p) = provider.filter(|p| p.settings.enabled) else {
        return Ok(failed_page(ctx, Refusal::NotConfigured, None));
    };
    if tenant.suspended_at.is_some() {
        return Ok(failed_page(ctx, Refusal::Suspended, None));
    }
    let d = match oidc::discover(&p.settings.issuer).await {
        Ok(d) => d,
        Err(e) => {
            let f = Failure::from_oidc(&e);
            audit_failure(&state, tid, Some(&p.settings.issuer), &f).await?;
            return Ok(failed_page(ctx, f.refusal, Some(&slug)));
        }
    };
    let (st, nonce, verifier) = (random_token(), random_token(), random_token());
    let bind = binding(&headers).unwrap_or_else(random_token);
    let next = match q.next.as_deref() {
        Some(n) => local_path(Some(n)),
        None => format!("/t/{slug}/"),
    };
    let flow = db::oidc::NewFlow {
        state_hash: oidc::flow_key(&st, &bind),
        nonce: &nonce,
        pkce_verifier: &verifier,
        next: &next,
    };
    db::oidc::start_flow(&state.db, tid, flow).await?;
    let redirect_uri = format!("{}{}", state.config.base_url, oidc::CALLBACK_PATH);
    let url = oidc::authorization_url(
        &d,
        &oidc::AuthRequest {
            client_id: &p.settings.client_id,
            redirect_uri: &redirect_uri,
            state: &st,
            nonce: &nonce,
            pkce_verifier: &verifier,
        },
    );
    match url {
        Ok(url) => {
            let age = oidc::FLOW_LIFETIME.num_seconds();
            let c = set_cookie(BINDING_COOKIE, &bind, Some(age), state.secure_cookies());
            Ok(([(header::SET_COOKIE, c)], Redirect::to(&url)).into_response())
        }
        Err(e) => Ok(failed_page(
            ctx,
            Failure::from_oidc(&e).refusal,
            Some(&slug),
        )),
    }
}

#[derive(Deserialize)]
pub(super) struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub(super) async fn finish_login(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    viewer: Option<Viewer>,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, AppError> {
    let flow = match (
        q.state.as_deref().filter(|s| !s.is_empty()),
        binding(&headers),
    ) {
        (Some(s), Some(bind)) => db::oidc::take_flow(&state.db, &oidc::flow_key(s, &bind)).await?,
        _ => None,
    };
    let Some(flow) = flow else {
        tracing::info!("SSO callback with an unknown, used or expired state");
        return Ok(failed_page(ctx, Refusal::UnknownState, None));
    };
    let tid = TenantId(flow.tenant_id);
    let Some(tenant) = db::oidc::tenant_by_id(&state.db, flow.tenant_id).await? else {
        return Ok(failed_page(ctx, Refusal::NotConfigured, None));
    };
    let issuer = db::oidc::provider(&state.db, tid)
        .await?
        .map(|p| p.settings.issuer);
    let done = match complete_sign_in(&state, &tenant, &flow, &q).await? {
        Ok(done) => done,
        Err(f) => {
            audit_failure(&state, tid, issuer.as_deref(), &f).await?;
            return Ok(failed_page(ctx, f.refusal, Some(&tenant.slug)));
        }
    };
    // A new session id at every sign-in; the old one ends.
    if let Some(old) = viewer {
        db::sessions::delete(&state.db, &old.session.id).await?;
    }
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (token, _) = db::sessions::create(&state.db, done.user_id, Some(tenant.id), ua).await?;
    db::audit::record(&state.db, Some(tid), done.audit_entry()).await?;
    let cookie = set_cookie(SESSION_COOKIE, &token, None, state.secure_cookies());
    let next = local_path(Some(&flow.next));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

/// A completed sign-in.
struct Done {
    user_id: i64,
    details: serde_json::Value,
}

impl Done {
    fn audit_entry(&self) -> db::audit::Entry<'static> {
        db::audit::Entry {
            actor_user_id: Some(self.user_id),
            action: "login.sso",
            object_type: "user",
            object_id: Some(self.user_id.to_string()),
            details: self.details.clone(),
        }
    }
}

/// Everything between the provider's answer and a member: the code exchange, the token's
/// checks, the address and its domain, the role, and the account.
async fn complete_sign_in(
    state: &AppState,
    tenant: &tenant::Model,
    flow: &oidc_flow::Model,
    q: &CallbackQuery,
) -> Result<Result<Done, Failure>, AppError> {
    let tid = TenantId(tenant.id);
    let Some(p) = db::oidc::provider(&state.db, tid)
        .await?
        .filter(|p| p.settings.enabled)
    else {
        return Ok(Err(Failure::new(Refusal::NotConfigured, "not_configured")));
    };
    if tenant.suspended_at.is_some() {
        return Ok(Err(Failure::new(Refusal::Suspended, "tenant_suspended")));
    }
    if let Some(err) = &q.error {
        let code: String = err
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        return Ok(Err(Failure::new(
            Refusal::ProviderError,
            format!("provider_error:{code}"),
        )));
    }
    let Some(code) = q.code.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(Err(Failure::new(Refusal::ProviderError, "no_code")));
    };
    let Some(secret) = client_secret(state, &p.client_secret_enc) else {
        return Ok(Err(Failure::new(
            Refusal::Unavailable,
            "secret_unavailable",
        )));
    };
    let s = &p.settings;
    let claims = match verified_claims(state, s, flow, code, &secret).await {
        Ok(c) => c,
        Err(e) => return Ok(Err(Failure::from_oidc(&e))),
    };
    let subject = match oidc::subject(&claims) {
        Ok(sub) => sub,
        Err(e) => return Ok(Err(Failure::from_oidc(&e))),
    };
    let Some(email) = oidc::email_from(&claims) else {
        return Ok(Err(Failure::new(Refusal::NoEmail, "no_email")));
    };
    let with_email = |r: Refusal, reason: &str| Failure {
        email: Some(email.to_string()),
        ..Failure::new(r, reason)
    };
    if !oidc::domain_allowed(&email, &s.allowed_domains) {
        return Ok(Err(with_email(Refusal::Domain, "domain_not_allowed")));
    }
    let values = oidc::claim_values(&claims, &s.role_claim);
    let Some(role) = oidc::pick_role(&values, &s.role_mapping, s.default_role) else {
        return Ok(Err(with_email(Refusal::NoRole, "no_role")));
    };
    let name = oidc::display_name(&claims, &email);
    let person = db::oidc::SsoPerson {
        issuer: &s.issuer,
        subject: &subject,
        email: &email,
        display_name: &name,
        role,
    };
    Ok(match db::oidc::sign_in(&state.db, tid, person).await? {
        db::oidc::SignIn::Member {
            user,
            created,
            previous_role,
        } => Ok(Done {
            user_id: user.id,
            details: serde_json::json!({
                "issuer": s.issuer,
                "email": email.as_str(),
                "role": role.as_str(),
                "previous_role": previous_role.map(|r| r.as_str()),
                "created": created,
            }),
        }),
        db::oidc::SignIn::Disabled => Err(with_email(Refusal::Disabled, "account_disabled")),
        db::oidc::SignIn::AccountElsewhere => Err(with_email(
            Refusal::AccountElsewhere,
            "account_in_other_authority",
        )),
    })
}

/// The stored client secret in clear, or None (logged) when it cannot be decrypted.
fn client_secret(state: &AppState, stored: &[u8]) -> Option<String> {
    let secret = crypto::key(&state.config)
        .and_then(|k| crypto::decrypt(&k, stored))
        .map_err(|e| tracing::error!(error = %e, "SSO client secret unavailable"))
        .ok()?;
    String::from_utf8(secret).ok()
}

async fn verified_claims(
    state: &AppState,
    s: &ProviderSettings,
    flow: &oidc_flow::Model,
    code: &str,
    secret: &str,
) -> Result<serde_json::Value, OidcError> {
    let d = oidc::discover(&s.issuer).await?;
    let redirect_uri = format!("{}{}", state.config.base_url, oidc::CALLBACK_PATH);
    let exchange = oidc::CodeExchange {
        client_id: &s.client_id,
        client_secret: secret,
        code,
        pkce_verifier: &flow.pkce_verifier,
        redirect_uri: &redirect_uri,
    };
    let id_token = oidc::exchange_code(&d, &exchange).await?;
    oidc::verify_id_token(&d, &s.client_id, &flow.nonce, &id_token).await
}
