//! The RSVP link of an invitation mail: it works without an account (candidates have none),
//! the secret in the link is the proof. The answer can be changed until the event is over.

use amtfluencer_domain::programme::Rsvp;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{rsvp_label, when};
use crate::auth::tokens::hash_token;
use crate::db::{
    self,
    entities::{attendance, event, tenant},
};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(Template)]
#[template(path = "events/rsvp.html")]
struct RsvpPage {
    ctx: PageCtx,
    action: String,
    intro: String,
    title: String,
    when: String,
    location: String,
    answer: String,
    /// "yes" or "no" right after answering.
    thanks: Option<String>,
    open: bool,
    cancelled: bool,
}

#[derive(Template)]
#[template(path = "events/rsvp_invalid.html")]
struct InvalidPage {
    ctx: PageCtx,
}

struct Found {
    invitation: attendance::Model,
    event: event::Model,
    tenant: tenant::Model,
    name: String,
}

async fn find(state: &AppState, token: &str) -> Result<Option<Found>, AppError> {
    let Some(invitation) = db::events::by_token_hash(&state.db, &hash_token(token)).await? else {
        return Ok(None);
    };
    let Some(tenant) = db::tenants::get(&state.db, invitation.tenant_id).await? else {
        return Ok(None);
    };
    if tenant.suspended_at.is_some() {
        return Err(AppError::Suspended);
    }
    let tid = TenantId(tenant.id);
    let Some(event) = db::events::get(&state.db, tid, invitation.event_id).await? else {
        return Ok(None);
    };
    let name = match (invitation.ambassador_id, invitation.candidate_id) {
        (Some(id), _) => db::ambassadors::get(&state.db, tid, id)
            .await?
            .map(|a| format!("{} {}", a.first_name, a.last_name)),
        (None, Some(id)) => db::candidates::get(&state.db, tid, id)
            .await?
            .map(|c| format!("{} {}", c.first_name, c.last_name)),
        (None, None) => None,
    };
    Ok(name.map(|name| Found {
        invitation,
        event,
        tenant,
        name,
    }))
}

fn invalid(ctx: PageCtx) -> Response {
    let mut res = page(&InvalidPage { ctx });
    *res.status_mut() = StatusCode::NOT_FOUND;
    res
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

pub async fn show_rsvp(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let Some(f) = find(&state, &token).await? else {
        return Ok(invalid(ctx));
    };
    let tz = localtime::zone(&f.tenant.time_zone);
    Ok(page(&RsvpPage {
        action: format!("/rsvp/{token}"),
        intro: ctx.i18n.tr_args(
            ctx.lang,
            "rsvp-intro",
            &[("name", &f.name), ("authority", &f.tenant.name)],
        ),
        title: f.event.title.clone(),
        when: when(&ctx, tz, &f.event),
        location: f.event.location.clone(),
        answer: rsvp_label(&ctx, f.invitation.rsvp.as_deref()),
        thanks: done.done.filter(|d| d == "yes" || d == "no"),
        open: f.event.cancelled_at.is_none() && f.event.ends_at >= db::now(),
        cancelled: f.event.cancelled_at.is_some(),
        ctx,
    }))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    answer: String,
}

pub async fn answer_rsvp(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let Some(f) = find(&state, &token).await? else {
        return Ok(invalid(ctx));
    };
    let rsvp: Rsvp = form
        .answer
        .parse()
        .map_err(|_| AppError::BadRequest("answer must be yes or no".into()))?;
    if f.event.cancelled_at.is_some() || f.event.ends_at < db::now() {
        return Ok(Redirect::to(&format!("/rsvp/{token}")).into_response());
    }
    db::events::set_rsvp(&state.db, TenantId(f.tenant.id), f.invitation.id, rsvp).await?;
    Ok(Redirect::to(&format!("/rsvp/{token}?done={}", rsvp.as_str())).into_response())
}
