//! Cohorts and programme phases ("Runden"): the list with participants and costs, creating and
//! editing a cohort, its status, the evaluation handed to leadership and leadership's decision
//! on the continuation, the budget of each cohort and its evaluation report.

mod costs;
mod detail;
mod form;
mod lifecycle;
mod list;
mod report;

use amtfluencer_domain::money::{format_de, format_en};
use axum::Router;
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{self, entities::cohort};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/cohorts", get(list::list_cohorts))
        .route(
            "/t/{slug}/cohorts/new",
            get(form::new_cohort).post(form::create_cohort),
        )
        .route("/t/{slug}/cohorts/{id}", get(detail::show_cohort))
        .route(
            "/t/{slug}/cohorts/{id}/edit",
            get(form::edit_cohort).post(form::update_cohort),
        )
        .route(
            "/t/{slug}/cohorts/{id}/status",
            post(lifecycle::change_status),
        )
        .route(
            "/t/{slug}/cohorts/{id}/submit",
            post(lifecycle::submit_evaluation),
        )
        .route(
            "/t/{slug}/cohorts/{id}/decision",
            post(lifecycle::decide_cohort),
        )
        .route("/t/{slug}/cohorts/{id}/report", get(report::show_report))
        .route(
            "/t/{slug}/cohorts/{id}/report.pdf",
            get(report::download_pdf),
        )
        .route(
            "/t/{slug}/cohorts/{id}/report.xlsx",
            get(report::download_xlsx),
        )
        .route(
            "/t/{slug}/cohorts/{id}/costs",
            get(costs::show_costs).post(costs::add_cost),
        )
        .route(
            "/t/{slug}/cohorts/{id}/costs/{cost}/delete",
            post(costs::delete_cost),
        )
}

/// `/t/{slug}/cohorts/{id}…`
#[derive(serde::Deserialize)]
pub struct CohortPath {
    slug: String,
    id: i64,
}

pub use crate::web::fields::FieldErrors;

/// A cohort of the member's authority, or 404.
async fn find(state: &AppState, member: &Member, id: i64) -> Result<cohort::Model, AppError> {
    db::cohorts::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Writes an audit entry of this area (in the caller's transaction).
async fn audit(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    object_type: &'static str,
    id: i64,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    db::audit::record(
        db,
        Some(member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action,
            object_type,
            object_id: Some(id.to_string()),
            details,
        },
    )
    .await?;
    Ok(())
}

/// Labels of stored values, in the page's language.
fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("cohort-status-{status}"))
}

fn decision_label(ctx: &PageCtx, decision: &str) -> String {
    ctx.t(&format!("cohort-decision-{decision}"))
}

fn category_label(ctx: &PageCtx, category: &str) -> String {
    ctx.t(&format!("cost-category-{category}"))
}

/// An amount in the page's language.
fn money(ctx: &PageCtx, cents: i64) -> String {
    match ctx.lang {
        Lang::De => format_de(cents),
        Lang::En => format_en(cents),
    }
}

fn date(ctx: &PageCtx, d: NaiveDate) -> String {
    format_date(ctx.lang, d)
}

fn timestamp(ctx: &PageCtx, t: DateTime<Utc>) -> String {
    format!("{}, {} UTC", date(ctx, t.date_naive()), t.format("%H:%M"))
}

/// A date from a form: the ISO form a date field sends, or typed the German way (3.12.2026).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn dates_are_read_in_iso_and_german_form_and_nonsense_is_not() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 3);
        assert_eq!(parse_day("2026-12-03"), d);
        assert_eq!(parse_day(" 3.12.2026 "), d);
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("morgen"), None);
    }
}
