//! The events: coming ones first, then past ones; the team sees all with their counts, an
//! Amtfluencer the ones they are invited to with their answer.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use super::{Access, access, kind_label, rsvp_label, when, zone};
use crate::db::{self, events::Counts};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub struct EventRow {
    pub id: i64,
    pub when: String,
    pub title: String,
    pub kind: String,
    pub place: String,
    pub cancelled: bool,
    pub counts: Counts,
    /// The member's own answer (Amtfluencer only).
    pub answer: String,
}

/// Coming or past events.
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub none: String,
    pub rows: Vec<EventRow>,
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct EventsPage {
    ctx: PageCtx,
    base: String,
    sections: Vec<Section>,
    can_manage: bool,
    is_guest: bool,
}

pub async fn list_events(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    member.require(amtfluencer_domain::permissions::Permission::ViewStart)?;
    let access = access(&state, &member).await?;
    let tenant = member.tenant_id();
    let tz = zone(&member);
    let now = db::now();
    let row = |e: &crate::db::entities::event::Model, counts: Counts, answer: String| {
        let r = EventRow {
            id: e.id,
            when: when(&ctx, tz, e),
            title: e.title.clone(),
            kind: kind_label(&ctx, &e.kind),
            place: e.location.clone(),
            cancelled: e.cancelled_at.is_some(),
            counts,
            answer,
        };
        (r, e.ends_at >= now)
    };
    let rows: Vec<(EventRow, bool)> = match access {
        Access::Team | Access::Aggregates => db::events::list(&state.db, tenant)
            .await?
            .into_iter()
            .map(|(e, counts)| row(&e, counts, String::new()))
            .collect(),
        Access::Guest { ambassador_id } => db::events::all_for(&state.db, tenant, ambassador_id)
            .await?
            .into_iter()
            .map(|(e, inv)| row(&e, Counts::default(), rsvp_label(&ctx, inv.rsvp.as_deref())))
            .collect(),
    };
    let (mut upcoming, past): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(_, up)| *up);
    // The next event first; past events the latest first.
    upcoming.reverse();
    Ok(page(&EventsPage {
        base: format!("/t/{slug}/events"),
        sections: vec![
            Section {
                id: "upcoming-h",
                heading: ctx.t("events-upcoming"),
                none: ctx.t("events-none-upcoming"),
                rows: upcoming.into_iter().map(|(r, _)| r).collect(),
            },
            Section {
                id: "past-h",
                heading: ctx.t("events-past"),
                none: ctx.t("events-none-past"),
                rows: past.into_iter().map(|(r, _)| r).collect(),
            },
        ],
        can_manage: access == Access::Team,
        is_guest: matches!(access, Access::Guest { .. }),
        ctx: ctx.for_member(&member),
    }))
}
