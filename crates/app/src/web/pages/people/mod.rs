//! The people of the programme: the team's list and detail pages, and each Amtfluencer's own
//! profile with their next onboarding step.

mod detail;
mod import;
mod list;
mod me;

use amtfluencer_domain::onboarding::{Facts, checklist, progress};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::layout::PageCtx;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/people", get(list::list_people))
        .route(
            "/t/{slug}/people/import",
            get(import::show_import)
                .post(import::upload_file)
                .layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/t/{slug}/people/import/template.csv",
            get(import::download_template),
        )
        .route(
            "/t/{slug}/people/import/confirm",
            post(import::confirm_import).layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/t/{slug}/people/{id}",
            get(detail::show_person).post(detail::update_person),
        )
        .route("/t/{slug}/people/{id}/status", post(detail::change_status))
        .route(
            "/t/{slug}/me",
            get(me::show_profile).post(me::update_profile),
        )
}

/// A checklist line for a template: label and whether it is done.
pub struct CheckLine {
    pub label: String,
    pub done: bool,
}

pub fn check_lines(ctx: &PageCtx, facts: &Facts) -> Vec<CheckLine> {
    checklist(facts)
        .into_iter()
        .map(|(step, done)| CheckLine {
            label: ctx.t(step.key()),
            done,
        })
        .collect()
}

pub fn progress_text(facts: &Facts) -> String {
    let (done, all) = progress(facts);
    format!("{done}/{all}")
}

/// Labels of the stored values, in the page's language.
pub fn track_label(ctx: &PageCtx, track: &str) -> String {
    ctx.t(&format!("track-{track}"))
}

pub fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("status-{status}"))
}
