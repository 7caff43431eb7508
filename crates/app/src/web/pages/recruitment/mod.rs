//! Recruitment for the next cohort: the programme team's candidate list, candidate pages with
//! nominations, statuses and the team-only note, the balance of the selection, and the
//! self-nomination form open to all staff of the authority (no account needed).

mod balance;
mod detail;
mod form;
mod join;
mod list;
mod nominate;

use amtfluencer_domain::recruitment::{AgeFlag, age_flag};
use axum::Router;
use axum::routing::{get, post};
use chrono::Datelike;

use crate::state::AppState;
use crate::web::layout::PageCtx;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/recruitment", get(list::list_candidates))
        .route("/t/{slug}/recruitment/balance", get(balance::show_balance))
        .route(
            "/t/{slug}/recruitment/nominate",
            get(nominate::new_nomination).post(nominate::create_nomination),
        )
        .route("/t/{slug}/recruitment/{id}", get(detail::show_candidate))
        .route(
            "/t/{slug}/recruitment/{id}/status",
            post(detail::change_status),
        )
        .route("/t/{slug}/recruitment/{id}/note", post(detail::update_note))
        .route(
            "/t/{slug}/recruitment/{id}/delete",
            post(detail::delete_candidate),
        )
        .route(
            "/t/{slug}/mitmachen",
            get(join::show_join).post(join::submit_join),
        )
        .route("/t/{slug}/mitmachen/danke", get(join::show_thanks))
}

/// The calendar year the age flag and the age bands are computed for.
pub fn this_year() -> i32 {
    crate::db::now().year()
}

pub fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("recruitment-status-{status}"))
}

pub fn track_label(ctx: &PageCtx, track: &str) -> String {
    ctx.t(&format!("track-{track}"))
}

pub fn gender_label(ctx: &PageCtx, gender: &str) -> String {
    ctx.t(&format!("recruitment-gender-{gender}"))
}

/// The under-18 flag as words (never colour alone) and whether it is raised.
pub fn minor_text(ctx: &PageCtx, birth_year: Option<i32>) -> (String, bool) {
    match age_flag(birth_year, this_year()) {
        AgeFlag::MayBeMinor => (ctx.t("recruitment-minor-yes"), true),
        AgeFlag::Adult => (ctx.t("recruitment-minor-no"), false),
        AgeFlag::Unknown => (ctx.t("recruitment-minor-unknown"), false),
    }
}
