//! The way of a cohort: its status steps (the team), the evaluation handed to leadership (the
//! team) and the decision on the continuation (leadership only, once, with a comment).

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{CohortDecision, CohortStatus, can_decide_cohort};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;

use super::detail::{DecisionForm, render};
use super::{CohortPath, FieldErrors, audit, find};
use crate::db::{self, cohorts::Decision};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::transition::{StatusForm, requested};

/// The longest decision comment, in characters.
const MAX_COMMENT: usize = 4000;

fn back(p: &CohortPath) -> Response {
    Redirect::to(&format!("/t/{}/cohorts/{}", p.slug, p.id)).into_response()
}

pub async fn change_status(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let not_allowed = || AppError::Conflict(ctx.t("cohort-error-status"));
    let (from, to) = requested(&c.status, &form, CohortStatus::can_become, not_allowed)?;
    let txn = state.db.begin().await?;
    if !db::cohorts::change_status(&txn, member.tenant_id(), c.id, from, to).await? {
        // Someone else moved it in the meantime.
        return Err(not_allowed());
    }
    let details = serde_json::json!({ "from": from.as_str(), "to": to.as_str() });
    audit(
        &txn,
        &member,
        "cohort",
        c.id,
        "cohort.status_changed",
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(back(&p))
}

pub async fn submit_evaluation(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let refused = || AppError::Conflict(ctx.t("cohort-error-submit"));
    let status: CohortStatus = c.status.parse().map_err(|_| refused())?;
    if !status.can_submit_evaluation(c.evaluation_submitted_at.is_some()) {
        return Err(refused());
    }
    let txn = state.db.begin().await?;
    if !db::cohorts::submit_evaluation(&txn, member.tenant_id(), c.id, db::now()).await? {
        return Err(refused());
    }
    audit(
        &txn,
        &member,
        "cohort",
        c.id,
        "cohort.evaluation_submitted",
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(back(&p))
}

pub async fn decide_cohort(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    member.require(Permission::DecideCohort)?;
    let c = find(&state, &member, p.id).await?;
    let refused = || AppError::Conflict(ctx.t("cohort-error-decide"));
    if !can_decide_cohort(c.evaluation_submitted_at.is_some(), c.decision.is_some()) {
        return Err(refused());
    }
    let mut errors = FieldErrors::default();
    let decision = form.decision.parse::<CohortDecision>().ok();
    if decision.is_none() {
        errors.add("decision", ctx.t("cohort-error-decision"));
    }
    let comment = form.comment.trim().to_owned();
    if comment.is_empty() || comment.chars().count() > MAX_COMMENT {
        errors.add("comment", ctx.t("cohort-error-comment"));
    }
    let (Some(decision), true) = (decision, errors.is_empty()) else {
        return render(&state, ctx, &member, c, form, errors).await;
    };
    let d = Decision {
        decision,
        comment,
        decided_by: member.user.id,
        decided_at: db::now(),
    };
    let txn = state.db.begin().await?;
    if !db::cohorts::decide(&txn, member.tenant_id(), c.id, d).await? {
        // Decided by someone else a moment ago: a decision is made once.
        return Err(refused());
    }
    let details = serde_json::json!({ "decision": decision.as_str() });
    audit(&txn, &member, "cohort", c.id, "cohort.decided", details).await?;
    txn.commit().await?;
    Ok(back(&p))
}
