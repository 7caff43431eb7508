//! One cohort: its facts, the budget in short, the status steps for the team, the evaluation
//! handed to leadership and leadership's decision (the form, or who decided what and when).

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{CohortDecision, CohortStatus, can_decide_cohort};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::{
    CohortPath, FieldErrors, category_label, date, decision_label, find, money, status_label,
    timestamp,
};
use crate::db::{self, entities::cohort};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// Leadership's decision as typed.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub comment: String,
}

/// A recorded decision, for display.
pub struct DecisionView {
    pub label: String,
    pub comment: String,
    /// Who decided and when.
    pub line: String,
}

#[derive(Template)]
#[template(path = "cohorts/detail.html")]
struct CohortPage {
    ctx: PageCtx,
    base: String,
    cohort: cohort::Model,
    status: String,
    dates: String,
    participants: u64,
    total: String,
    per_participant: String,
    by_category: Vec<(String, String)>,
    next_statuses: Vec<(&'static str, String)>,
    can_manage: bool,
    can_submit: bool,
    can_decide: bool,
    submitted_at: Option<String>,
    decided: Option<DecisionView>,
    decisions: Vec<(&'static str, String)>,
    form: DecisionForm,
    errors: FieldErrors,
}

pub async fn show_cohort(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewAggregates)?;
    let c = find(&state, &member, p.id).await?;
    render(
        &state,
        ctx,
        &member,
        c,
        DecisionForm::default(),
        FieldErrors::default(),
    )
    .await
}

/// The cohort page, also with a decision form sent back with mistakes.
pub async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    c: cohort::Model,
    form: DecisionForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let budget = db::costs::budget(&state.db, member.tenant_id(), c.id).await?;
    let current: Option<CohortStatus> = c.status.parse().ok();
    let can_manage = member.can(Permission::ManageProgramme);
    let next_statuses = match current {
        Some(cur) if can_manage => CohortStatus::ALL
            .iter()
            .filter(|s| cur.can_become(**s))
            .map(|s| (s.as_str(), status_label(&ctx, s.as_str())))
            .collect(),
        _ => Vec::new(),
    };
    let submitted = c.evaluation_submitted_at.is_some();
    let decided = match (&c.decision, c.decided_at) {
        (Some(d), Some(at)) => Some(decision_view(state, &ctx, &c, d, at).await?),
        _ => None,
    };
    let status_code = errors.status();
    let mut res = page(&CohortPage {
        base: format!("/t/{}/cohorts/{}", member.tenant.slug, c.id),
        status: status_label(&ctx, &c.status),
        dates: format!("{} – {}", date(&ctx, c.starts_on), date(&ctx, c.ends_on)),
        participants: budget.participants,
        total: money(&ctx, budget.total_cents),
        per_participant: budget
            .per_participant_cents
            .map_or_else(|| "–".to_owned(), |v| money(&ctx, v)),
        by_category: budget
            .by_category
            .iter()
            .map(|(cat, sum)| (category_label(&ctx, cat.as_str()), money(&ctx, *sum)))
            .collect(),
        next_statuses,
        can_manage,
        can_submit: can_manage && current.is_some_and(|s| s.can_submit_evaluation(submitted)),
        can_decide: member.can(Permission::DecideCohort)
            && can_decide_cohort(submitted, c.decision.is_some()),
        submitted_at: c.evaluation_submitted_at.map(|t| timestamp(&ctx, t)),
        decided,
        decisions: CohortDecision::ALL
            .iter()
            .map(|d| (d.as_str(), ctx.t(&format!("cohort-decide-{d}"))))
            .collect(),
        form,
        errors,
        ctx: ctx.for_member(member),
        cohort: c,
    });
    *res.status_mut() = status_code;
    Ok(res)
}

async fn decision_view(
    state: &AppState,
    ctx: &PageCtx,
    c: &cohort::Model,
    decision: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<DecisionView, AppError> {
    let by = match c.decided_by {
        Some(id) => db::users::by_id(&state.db, id)
            .await?
            .map(|u| u.display_name),
        None => None,
    };
    let by = by.unwrap_or_else(|| ctx.t("cohort-decided-by-unknown"));
    let line = ctx.i18n.tr_args(
        ctx.lang,
        "cohort-decided-by",
        &[("name", &by), ("at", &timestamp(ctx, at))],
    );
    Ok(DecisionView {
        label: decision_label(ctx, decision),
        comment: c.decision_comment.clone().unwrap_or_default(),
        line,
    })
}
