//! The editor of one post: the text, the checks, the preview as LinkedIn shows it on a
//! desktop and on a phone, earlier versions, and "Ich habe es gepostet".

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::view::{Flash, Returned, render};
use super::{PostPath, own_post};
use crate::channels::links::linkedin_post;
use crate::db::{self, calendar::post as post_entity};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::{Form, Json as JsonBody};
use crate::web::layout::PageCtx;

/// Far above LinkedIn's 3,000 characters, so a long draft is kept (the checks say it is too
/// long), but bounded.
const MAX_BODY_CHARS: usize = 20_000;

pub async fn show_editor(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    render(&state, ctx, &member, p, flash, Returned::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BodyForm {
    body: String,
}

fn checked_body(text: &str) -> Result<String, AppError> {
    // Browsers send CRLF from a textarea; the post keeps LF as LinkedIn does.
    let body = text.replace("\r\n", "\n");
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(AppError::Validation(vec![FieldError {
            field: Some("body".into()),
            detail: "at most 20000 characters".into(),
        }]));
    }
    Ok(body)
}

fn editable(p: &post_entity::Model) -> Result<(), AppError> {
    if db::studio::EDITABLE.contains(&p.status.as_str()) {
        Ok(())
    } else {
        Err(AppError::Conflict("the post is no longer a draft".into()))
    }
}

/// "Speichern und prüfen": keeps the previous text as a version.
pub async fn save_post(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<BodyForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let body = checked_body(&form.body)?;
    db::studio::save_body(
        &state.db,
        member.tenant_id(),
        &p,
        &body,
        member.user.id,
        true,
    )
    .await?;
    let to = format!("/t/{}/studio/{}?saved=1", path.slug, p.id);
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
pub struct AutosaveBody {
    body: String,
}

#[derive(Serialize)]
pub struct Autosaved {
    saved: bool,
}

/// Saving while typing (from `studio.js`, with the CSRF token in the header).
pub async fn autosave(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    JsonBody(req): JsonBody<AutosaveBody>,
) -> Result<Json<Autosaved>, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let body = checked_body(&req.body)?;
    let saved = db::studio::save_body(
        &state.db,
        member.tenant_id(),
        &p,
        &body,
        member.user.id,
        false,
    )
    .await?;
    Ok(Json(Autosaved { saved }))
}

#[derive(Deserialize)]
pub struct RestoreForm {
    version: i64,
}

pub async fn restore_version(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let tenant = member.tenant_id();
    let v = db::studio::versions(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .find(|v| v.id == form.version)
        .ok_or(AppError::NotFound)?;
    db::studio::save_body(&state.db, tenant, &p, &v.body, member.user.id, true).await?;
    let to = format!("/t/{}/studio/{}?saved=1", path.slug, p.id);
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PublishedForm {
    url: String,
}

/// "Ich habe es gepostet": the post is marked published with its LinkedIn address.
pub async fn mark_published(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<PublishedForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let tenant = member.tenant_id();
    let facts = db::readiness::PostFacts {
        id: p.id,
        topic_id: p.topic_id,
        body: &p.body,
    };
    let blocked = !db::readiness::blockers(&state.db, &member.tenant, facts)
        .await?
        .is_empty();
    let problem = if blocked {
        Some("studio-error-not-ready")
    } else if linkedin_post(&form.url).is_none() {
        Some("studio-error-url")
    } else {
        None
    };
    let (Some(key), None) = (linkedin_post(&form.url), problem) else {
        let back = Returned {
            url: (form.url, problem.map(|k| ctx.t(k))),
            ..Returned::default()
        };
        return render(&state, ctx, &member, p, Flash::default(), back).await;
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !db::studio::mark_published(&txn, tenant, p.id, &key.url(), &key.urn()).await? {
        return Err(AppError::Conflict("the post is no longer a draft".into()));
    }
    let details = serde_json::json!({ "urn": key.urn(), "manual": true });
    db::audit::by_member(&txn, &member, "post.published", "post", p.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/studio/{}", path.slug, p.id)).into_response())
}
