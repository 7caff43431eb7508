//! The author's side of the second look: asking for it (with a note for the reviewer) and
//! taking the request back to keep writing. While a post waits, its text stays as it was asked
//! about; the reviewer's answer appears in the editor.

use amtfluencer_domain::studio::ready::ReviewAction;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{PostPath, own_post};
use crate::db::{self, reviews};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;

/// The longest note or comment kept with a review step.
pub const MAX_COMMENT_CHARS: usize = 2000;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoteForm {
    comment: String,
}

pub async fn request(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<NoteForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    if p.body.trim().is_empty() {
        return Err(AppError::Conflict(ctx.t("review-error-empty")));
    }
    let tenant = member.tenant_id();
    let note: String = form
        .comment
        .trim()
        .chars()
        .take(MAX_COMMENT_CHARS)
        .collect();
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !reviews::move_status(&txn, tenant, p.id, &db::studio::EDITABLE, "in_review").await? {
        return Err(AppError::Conflict(ctx.t("review-error-state")));
    }
    let (uid, action) = (member.user.id, ReviewAction::Requested);
    reviews::add_step(&txn, tenant, p.id, uid, action, &note, &p.body).await?;
    let details = serde_json::json!({});
    db::audit::by_member(
        &txn,
        &member,
        "post.review_requested",
        "post",
        p.id,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/studio/{}#review-h", path.slug, p.id)).into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    let tenant = member.tenant_id();
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !reviews::move_status(&txn, tenant, p.id, &["in_review"], "draft").await? {
        return Err(AppError::Conflict(ctx.t("review-error-state")));
    }
    let (uid, action) = (member.user.id, ReviewAction::Withdrawn);
    reviews::add_step(&txn, tenant, p.id, uid, action, "", &p.body).await?;
    let details = serde_json::json!({});
    db::audit::by_member(
        &txn,
        &member,
        "post.review_withdrawn",
        "post",
        p.id,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/studio/{}#review-h", path.slug, p.id)).into_response())
}
