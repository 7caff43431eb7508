//! Where a signed-in person lands: their authority's start page, the choice between
//! authorities, or the operator's overview.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::NaiveDate;

use crate::db::{self, entities::tenant};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::session::Viewer;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/t/{slug}/", get(show_start))
}

#[derive(Template)]
#[template(path = "start/choose.html")]
struct ChoosePage {
    ctx: PageCtx,
    tenants: Vec<tenant::Model>,
}

async fn home(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Option<Viewer>,
) -> Result<Response, AppError> {
    let Some(viewer) = viewer else {
        return Ok(Redirect::to("/login").into_response());
    };
    let tenants: Vec<_> = db::users::memberships_of(&state.db, viewer.user.id)
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    match tenants.as_slice() {
        [only] => Ok(Redirect::to(&format!("/t/{}/", only.slug)).into_response()),
        [] if viewer.user.is_operator => Ok(Redirect::to("/operator").into_response()),
        [] => Err(AppError::NotFound),
        _ => Ok(page(&ChoosePage { ctx, tenants })),
    }
}

pub struct EventLine {
    pub when: String,
    pub kind: String,
    pub title: String,
}

#[derive(Template)]
#[template(path = "start/start.html")]
struct StartPage {
    ctx: PageCtx,
    welcome: String,
    figures: Vec<(String, i64)>,
    cohort: Option<String>,
    events: Vec<EventLine>,
}

async fn show_start(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ViewStart)?;
    let o = db::overview::load(&state.db, member.tenant_id(), db::now()).await?;
    let ctx = ctx.for_member(&member);
    let figures = vec![
        (ctx.t("start-active"), o.active_ambassadors),
        (ctx.t("start-paused"), o.paused_ambassadors),
        (ctx.t("start-published-cohort"), o.published_in_cohort),
        (ctx.t("start-published-total"), o.published_total),
        (ctx.t("start-scheduled"), o.scheduled),
        (ctx.t("start-topics"), o.topics),
    ];
    let cohort = o.current_cohort.map(|c| {
        ctx.i18n.tr_args(
            ctx.lang,
            "start-cohort-dates",
            &[
                ("name", &c.name),
                ("from", &format_date(ctx.lang, c.starts_on)),
                ("to", &format_date(ctx.lang, c.ends_on)),
            ],
        )
    });
    let events = o
        .next_events
        .iter()
        .map(|e| EventLine {
            when: format_date(ctx.lang, e.starts_at.date_naive()),
            kind: ctx.t(&format!("event-{}", e.kind)),
            title: e.title.clone(),
        })
        .collect();
    let welcome = ctx.t1("start-welcome", "name", &member.user.display_name);
    Ok(page(&StartPage {
        ctx,
        welcome,
        figures,
        cohort,
        events,
    }))
}

/// Dates as people write them: 3.12.2026 in German, 2026-12-03 in English.
pub fn format_date(lang: crate::i18n::Lang, d: NaiveDate) -> String {
    crate::numbers::date(lang, d)
}
