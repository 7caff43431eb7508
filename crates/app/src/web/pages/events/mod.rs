//! Events of the programme: the team plans them, invites Amtfluencer and candidates by mail
//! (with an `.ics` file and a personal RSVP link), records who came; attendance completes the
//! onboarding checklist and moves candidates on in the recruitment.
//!
//! Who sees what: the team everything; an Amtfluencer the events they are invited to, with
//! their own answer; leadership and the council the events with counts, never names.

mod detail;
mod form;
mod invite;
mod list;
mod rsvp;

use amtfluencer_domain::ics;
use amtfluencer_domain::permissions::Permission;
use axum::Router;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::db::{self, entities::event};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;

pub use invite::compose_mail;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/events", get(list::list_events))
        .route(
            "/t/{slug}/events/new",
            get(form::new_event).post(form::create_event),
        )
        .route("/t/{slug}/events/{id}", get(detail::show_event))
        .route(
            "/t/{slug}/events/{id}/edit",
            get(form::edit_event).post(form::update_event),
        )
        .route("/t/{slug}/events/{id}/cancel", post(form::cancel_event))
        .route("/t/{slug}/events/{id}/invite", post(invite::invite_people))
        .route(
            "/t/{slug}/events/{id}/rsvp",
            post(detail::answer_invitation),
        )
        .route(
            "/t/{slug}/events/{id}/attendance",
            post(detail::record_attendance),
        )
        .route("/t/{slug}/events/{id}/event.ics", get(detail::download_ics))
        .route(
            "/rsvp/{token}",
            get(rsvp::show_rsvp).post(rsvp::answer_rsvp),
        )
}

/// `/t/{slug}/events/{id}…`
#[derive(serde::Deserialize)]
pub struct EventPath {
    slug: String,
    id: i64,
}

/// How much of an event a member may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// The programme team: everything, including who was invited and who came.
    Team,
    /// An Amtfluencer invited to the event: the event and their own answer.
    Guest { ambassador_id: i64 },
    /// Leadership and council: the event and its counts.
    Aggregates,
}

async fn access(state: &AppState, member: &Member) -> Result<Access, AppError> {
    if member.can(Permission::ManageProgramme) {
        return Ok(Access::Team);
    }
    if member.can(Permission::ViewAggregates) {
        return Ok(Access::Aggregates);
    }
    member.require(Permission::EditOwnProfile)?;
    let me = db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Access::Guest {
        ambassador_id: me.id,
    })
}

/// An event of the member's authority that the member may see, or 404.
async fn find_visible(
    state: &AppState,
    member: &Member,
    id: i64,
) -> Result<(event::Model, Access), AppError> {
    member.require(Permission::ViewStart)?;
    let access = access(state, member).await?;
    let e = db::events::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Access::Guest { ambassador_id } = access
        && db::events::invitation_of(&state.db, member.tenant_id(), e.id, ambassador_id)
            .await?
            .is_none()
    {
        return Err(AppError::NotFound);
    }
    Ok((e, access))
}

/// An event of the member's authority for the team, or 404.
async fn find_for_team(
    state: &AppState,
    member: &Member,
    id: i64,
) -> Result<event::Model, AppError> {
    member.require(Permission::ManageProgramme)?;
    db::events::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

fn zone(member: &Member) -> Tz {
    localtime::zone(&member.tenant.time_zone)
}

/// "3.12.2026, 10:00–11:30" in the authority's time.
fn when(ctx: &PageCtx, tz: Tz, e: &event::Model) -> String {
    let start = localtime::to_local(tz, e.starts_at);
    let end = localtime::to_local(tz, e.ends_at);
    let day = format_date(ctx.lang, start.date());
    if start.date() == end.date() {
        format!("{day}, {}–{}", start.format("%H:%M"), end.format("%H:%M"))
    } else {
        let end_day = format_date(ctx.lang, end.date());
        format!(
            "{day}, {} – {end_day}, {}",
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    }
}

fn kind_label(ctx: &PageCtx, kind: &str) -> String {
    ctx.t(&format!("event-{kind}"))
}

fn rsvp_label(ctx: &PageCtx, rsvp: Option<&str>) -> String {
    match rsvp {
        Some("yes") => ctx.t("rsvp-yes"),
        Some("no") => ctx.t("rsvp-no"),
        _ => ctx.t("rsvp-none"),
    }
}

/// The event as an iCalendar entry; the UID is stable across changes, the sequence rises.
fn ics_event(base_url: &str, slug: &str, e: &event::Model, stamp: DateTime<Utc>) -> ics::Event {
    let mut description = e.description.clone();
    if let Some(v) = &e.video_url {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(v);
    }
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("amtfluencer");
    ics::Event {
        uid: format!("event-{}-{slug}@{host}", e.id),
        stamp,
        start: e.starts_at,
        end: e.ends_at,
        summary: e.title.clone(),
        description: (!description.is_empty()).then_some(description),
        location: Some(e.location.clone()),
        url: Some(format!("{base_url}/t/{slug}/events/{}", e.id)),
        sequence: u32::try_from(e.sequence).unwrap_or(0),
        cancelled: e.cancelled_at.is_some(),
    }
}

/// A one-event calendar file, as attached to mails and offered for download.
fn ics_file(base_url: &str, slug: &str, e: &event::Model) -> String {
    let method = if e.cancelled_at.is_some() {
        ics::Method::Cancel
    } else {
        ics::Method::Publish
    };
    ics::Calendar {
        name: None,
        method: Some(method),
        events: vec![ics_event(base_url, slug, e, db::now())],
    }
    .render()
}
