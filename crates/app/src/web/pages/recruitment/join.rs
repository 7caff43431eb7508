//! "Ich möchte Amtfluencer werden": the self-nomination form, open to all staff of the
//! authority without an account (CSRF by the pre-session cookie, like the login form).
//!
//! The agreement to the processing is the required checkbox: it is recorded by creating the
//! candidate (`self_nominated`) and an audit entry with the agreement text's version — no
//! consent row, because a candidate's participation consent comes later, with the selection.
//! The answer is the same whether or not the address is already a candidate, and nobody is
//! listed twice.

use amtfluencer_domain::recruitment::AGREEMENT_VERSION;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;

use super::form::{self, Choices, FieldErrors, PersonForm};
use crate::db::{self, entities::tenant};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(Template)]
#[template(path = "recruitment/join.html")]
struct JoinPage {
    ctx: PageCtx,
    action: String,
    authority: String,
    form: PersonForm,
    errors: FieldErrors,
    choices: Choices,
    is_join: bool,
}

impl JoinPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        form::error_for(&self.errors, field)
    }
}

#[derive(Template)]
#[template(path = "recruitment/thanks.html")]
struct ThanksPage {
    ctx: PageCtx,
    back: String,
}

/// The authority of a public page: unknown slugs are 404, suspended ones say so.
async fn authority(state: &AppState, slug: &str) -> Result<tenant::Model, AppError> {
    let t = db::tenants::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if t.suspended_at.is_some() {
        return Err(AppError::Suspended);
    }
    Ok(t)
}

/// The authority's staff email domains (`staff_email_domains` in its settings); none set
/// means any valid address is accepted.
fn staff_domains(t: &tenant::Model) -> Vec<String> {
    let settings: serde_json::Value = serde_json::from_str(&t.settings).unwrap_or_else(|e| {
        tracing::warn!(tenant = %t.slug, error = %e, "the authority's settings are not JSON");
        serde_json::Value::Null
    });
    settings["staff_email_domains"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d.as_str())
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn render(mut ctx: PageCtx, t: &tenant::Model, form: PersonForm, errors: FieldErrors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    ctx.tenant_name = Some(t.name.clone());
    let mut res = page(&JoinPage {
        action: format!("/t/{}/mitmachen", t.slug),
        authority: t.name.clone(),
        choices: Choices::new(&ctx),
        ctx,
        form,
        errors,
        is_join: true,
    });
    *res.status_mut() = status;
    res
}

pub async fn show_join(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let t = authority(&state, &slug).await?;
    Ok(render(ctx, &t, PersonForm::default(), Vec::new()))
}

pub async fn submit_join(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Form(f): Form<PersonForm>,
) -> Result<Response, AppError> {
    let t = authority(&state, &slug).await?;
    let checked = match form::check(&ctx, &f, true, &staff_domains(&t)) {
        Ok(c) => c,
        Err(errors) => return Ok(render(ctx, &t, f, errors)),
    };
    let tid = TenantId(t.id);
    let txn = state.db.begin().await?;
    // A second sign-up changes nothing about the person; the motivation is kept as a
    // nomination so that the team sees it.
    let (id, repeat) = match db::candidates::by_email(&txn, tid, &checked.candidate.email).await? {
        Some(existing) => (existing.id, true),
        None => (
            db::candidates::create(&txn, tid, checked.candidate)
                .await?
                .id,
            false,
        ),
    };
    db::candidates::add_nomination(&txn, tid, id, None, &checked.reason).await?;
    db::audit::record(
        &txn,
        Some(tid),
        db::audit::Entry {
            actor_user_id: None,
            action: "candidate.self_nominated",
            object_type: "candidate",
            object_id: Some(id.to_string()),
            details: serde_json::json!({ "agreement": AGREEMENT_VERSION, "repeat": repeat }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/mitmachen/danke", t.slug)).into_response())
}

pub async fn show_thanks(
    State(state): State<AppState>,
    mut ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let t = authority(&state, &slug).await?;
    ctx.tenant_name = Some(t.name.clone());
    Ok(page(&ThanksPage {
        ctx,
        back: format!("/t/{}/mitmachen", t.slug),
    }))
}
