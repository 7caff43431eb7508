//! The programme team's single sign-on settings page: show the form, save it (the client
//! secret encrypted at rest) and check the connection to the provider.

use amtfluencer_domain::permissions::{MEMBER_ROLES, Permission};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::oidc;
use crate::crypto;
use crate::db::{self, oidc::ProviderSettings};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::{PageCtx, role_key};
use crate::web::render::page;

/// The form as typed; every field optional so that a missing one is a message, not a 400.
/// (No `Debug`: it holds the client secret.)
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct SettingsForm {
    issuer: String,
    client_id: String,
    client_secret: String,
    allowed_domains: String,
    role_claim: String,
    role_mapping: String,
    default_role: String,
    enabled: Option<String>,
}

impl SettingsForm {
    fn from_settings(s: &ProviderSettings) -> Self {
        Self {
            issuer: s.issuer.clone(),
            client_id: s.client_id.clone(),
            client_secret: String::new(),
            allowed_domains: s.allowed_domains.join("\n"),
            role_claim: s.role_claim.clone(),
            role_mapping: oidc::mapping_text(&s.role_mapping),
            default_role: s.default_role.map(|r| r.to_string()).unwrap_or_default(),
            enabled: s.enabled.then(|| "on".to_owned()),
        }
    }

    fn blank() -> Self {
        Self {
            role_claim: "groups".to_owned(),
            enabled: Some("on".to_owned()),
            ..Self::default()
        }
    }
}

pub struct FieldMsg {
    pub field: &'static str,
    pub text: String,
}

#[derive(Template)]
#[template(path = "sso/settings.html")]
struct SettingsPage {
    ctx: PageCtx,
    base: String,
    redirect_uri: String,
    form: SettingsForm,
    has_secret: bool,
    key_missing: bool,
    errors: Vec<FieldMsg>,
    notice: Option<String>,
    problem: Option<String>,
    /// (stored name, label) of the roles a default can be.
    roles: Vec<(String, String)>,
}

impl SettingsPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.text.as_str())
    }

    /// The ids that describe a field: its hint, and its error when it has one.
    fn described_by(&self, field: &str) -> String {
        let mut ids = format!("{field}-hint");
        if self.error_for(field).is_some() {
            ids.push_str(&format!(" {field}-error"));
        }
        ids
    }
}

#[derive(Deserialize)]
pub(super) struct SettingsFlash {
    saved: Option<String>,
    check: Option<String>,
}

fn settings_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    form: SettingsForm,
    has_secret: bool,
) -> SettingsPage {
    let roles = MEMBER_ROLES
        .iter()
        .map(|r| (r.to_string(), ctx.t(role_key(*r))))
        .collect();
    SettingsPage {
        ctx: ctx.for_member(member),
        base: format!("/t/{}/settings/sso", member.tenant.slug),
        redirect_uri: format!("{}{}", state.config.base_url, oidc::CALLBACK_PATH),
        form,
        has_secret,
        key_missing: crypto::key(&state.config).is_err(),
        errors: Vec::new(),
        notice: None,
        problem: None,
        roles,
    }
}

pub(super) async fn show_settings(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(flash): Query<SettingsFlash>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let stored = db::oidc::provider(&state.db, member.tenant_id()).await?;
    let form = stored.as_ref().map_or_else(SettingsForm::blank, |p| {
        SettingsForm::from_settings(&p.settings)
    });
    let mut view = settings_page(&state, ctx, &member, form, stored.is_some());
    view.notice = flash.saved.map(|_| view.ctx.t("sso-saved"));
    match flash.check.as_deref() {
        Some("ok") => view.notice = Some(view.ctx.t("sso-check-ok")),
        Some(reason) => view.problem = Some(view.ctx.t(check_key(reason))),
        None => {}
    }
    Ok(page(&view))
}

/// The message for a failed connection check, by the reason in the address.
fn check_key(reason: &str) -> &'static str {
    match reason {
        "issuer_mismatch" => "sso-check-issuer",
        "provider_invalid" => "sso-check-invalid",
        _ => "sso-check-unreachable",
    }
}

/// Parses the form into settings, or the messages (in the page's language) for its fields.
fn parse_settings(ctx: &PageCtx, form: &SettingsForm) -> Result<ProviderSettings, Vec<FieldMsg>> {
    let mut errors = Vec::new();
    let client_id = form.client_id.trim();
    let client_id = if client_id.is_empty() || client_id.len() > 255 {
        Err(settings_error("client_id", "sso-err-client-id"))
    } else {
        Ok(client_id.to_owned())
    };
    let default_role = match form.default_role.trim() {
        "" => Ok(None),
        r => oidc::member_role(r)
            .map(Some)
            .ok_or_else(|| settings_error("default_role", "sso-err-default-role")),
    };
    let settings = (
        keep(&mut errors, ctx, oidc::parse_issuer(&form.issuer)),
        keep(&mut errors, ctx, client_id),
        keep(&mut errors, ctx, oidc::parse_domains(&form.allowed_domains)),
        keep(&mut errors, ctx, oidc::parse_role_claim(&form.role_claim)),
        keep(&mut errors, ctx, oidc::parse_mapping(&form.role_mapping)),
        keep(&mut errors, ctx, default_role),
    );
    match settings {
        (
            Some(issuer),
            Some(client_id),
            Some(domains),
            Some(claim),
            Some(mapping),
            Some(default),
        ) => Ok(ProviderSettings {
            issuer,
            client_id,
            allowed_domains: domains,
            role_claim: claim,
            role_mapping: mapping,
            default_role: default,
            enabled: form.enabled.is_some(),
        }),
        _ => Err(errors),
    }
}

/// The value, or None with its message added to `errors`.
fn keep<T>(
    errors: &mut Vec<FieldMsg>,
    ctx: &PageCtx,
    r: Result<T, oidc::SettingsError>,
) -> Option<T> {
    r.map_err(|e| {
        let text = match &e.arg {
            Some((name, value)) => ctx.t1(e.key, name, value),
            None => ctx.t(e.key),
        };
        errors.push(FieldMsg {
            field: e.field,
            text,
        });
    })
    .ok()
}

fn settings_error(field: &'static str, key: &'static str) -> oidc::SettingsError {
    oidc::SettingsError {
        field,
        key,
        arg: None,
    }
}

/// The new client secret, encrypted; `Ok(None)` keeps the stored one.
fn encrypt_secret(
    state: &AppState,
    ctx: &PageCtx,
    secret: &str,
    has_secret: bool,
) -> Result<Option<Vec<u8>>, FieldMsg> {
    let err = |key| FieldMsg {
        field: "client_secret",
        text: ctx.t(key),
    };
    let key = crypto::key(&state.config).map_err(|_| err("sso-err-no-key"))?;
    let secret = secret.trim();
    if secret.is_empty() {
        return if has_secret {
            Ok(None)
        } else {
            Err(err("sso-err-secret-missing"))
        };
    }
    if secret.len() > 1000 {
        return Err(err("sso-err-secret-long"));
    }
    crypto::encrypt(&key, secret.as_bytes())
        .map(Some)
        .map_err(|_| err("sso-err-no-key"))
}

pub(super) async fn save_settings(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let has_secret = db::oidc::provider(&state.db, member.tenant_id())
        .await?
        .is_some();
    let parsed = parse_settings(&ctx, &form);
    let secret = encrypt_secret(&state, &ctx, &form.client_secret, has_secret);
    let (settings, secret) = match (parsed, secret) {
        (Ok(s), Ok(secret)) => (s, secret),
        (parsed, secret) => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.extend(secret.err());
            errors.sort_by_key(|e| FIELDS.iter().position(|f| *f == e.field));
            let form = SettingsForm {
                client_secret: String::new(),
                ..form
            };
            let mut view = settings_page(&state, ctx, &member, form, has_secret);
            view.errors = errors;
            let mut res = page(&view);
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let secret_changed = secret.is_some();
    let created = db::oidc::save_provider(&state.db, member.tenant_id(), &settings, secret).await?;
    db::audit::record(
        &state.db,
        Some(member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action: "sso.settings_changed",
            object_type: "oidc_provider",
            object_id: None,
            details: serde_json::json!({
                "created": created,
                "issuer": settings.issuer,
                "client_id": settings.client_id,
                "client_secret_changed": secret_changed,
                "allowed_domains": settings.allowed_domains,
                "role_claim": settings.role_claim,
                "role_mapping": settings
                    .role_mapping
                    .iter()
                    .map(|(v, r)| (v.clone(), r.as_str()))
                    .collect::<std::collections::BTreeMap<_, _>>(),
                "default_role": settings.default_role.map(|r| r.as_str()),
                "enabled": settings.enabled,
            }),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/t/{}/settings/sso?saved=1", member.tenant.slug)).into_response())
}

/// The fields in the order of the form, for the error summary.
const FIELDS: [&str; 7] = [
    "issuer",
    "client_id",
    "client_secret",
    "allowed_domains",
    "role_claim",
    "role_mapping",
    "default_role",
];

pub(super) async fn check_settings(
    State(state): State<AppState>,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let base = format!("/t/{}/settings/sso", member.tenant.slug);
    let Some(p) = db::oidc::provider(&state.db, member.tenant_id()).await? else {
        return Ok(Redirect::to(&base).into_response());
    };
    let outcome = match oidc::check_connection(&p.settings.issuer).await {
        Ok(()) => "ok",
        Err(e) => {
            tracing::warn!(error = %e, tenant = member.tenant.id, "SSO connection check failed");
            e.reason()
        }
    };
    Ok(Redirect::to(&format!("{base}?check={outcome}")).into_response())
}
