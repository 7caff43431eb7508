//! All cohorts of the authority with dates, status, decision, participants and costs.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{date, decision_label, money, status_label};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub struct Row {
    pub id: i64,
    pub name: String,
    pub phase: String,
    pub dates: String,
    pub status: String,
    pub decision: String,
    pub participants: u64,
    pub costs: String,
}

#[derive(Template)]
#[template(path = "cohorts/list.html")]
struct CohortsPage {
    ctx: PageCtx,
    base: String,
    rows: Vec<Row>,
    can_manage: bool,
}

pub async fn list_cohorts(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ViewAggregates)?;
    let tenant = member.tenant_id();
    let cohorts = db::cohorts::list(&state.db, tenant).await?;
    let participants = db::cohorts::participant_counts(&state.db, tenant).await?;
    let totals = db::costs::totals_by_cohort(&state.db, tenant).await?;
    let rows = cohorts
        .into_iter()
        .map(|c| Row {
            dates: format!("{} – {}", date(&ctx, c.starts_on), date(&ctx, c.ends_on)),
            status: status_label(&ctx, &c.status),
            decision: match (&c.decision, c.evaluation_submitted_at) {
                (Some(d), _) => decision_label(&ctx, d),
                (None, Some(_)) => ctx.t("cohort-decision-pending"),
                (None, None) => "–".to_owned(),
            },
            participants: participants.get(&c.id).copied().unwrap_or(0),
            costs: money(&ctx, totals.get(&c.id).copied().unwrap_or(0)),
            id: c.id,
            name: c.name,
            phase: c.phase,
        })
        .collect();
    Ok(page(&CohortsPage {
        base: format!("/t/{}/cohorts", member.tenant.slug),
        can_manage: member.can(Permission::ManageProgramme),
        ctx: ctx.for_member(&member),
        rows,
    }))
}
