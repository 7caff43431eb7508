//! Calendar feeds: a private subscription link per Amtfluencer (their planned posts and the
//! events they are invited to) and one for the team (all posts and events). The token in
//! the link is the proof, like the RSVP links; it is shown once and can be reset, which
//! makes the old link stop working.

use amtfluencer_domain::ics;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{Planner, planner};
use crate::db::{
    self,
    calendar::feeds::FeedOwner,
    calendar::posts::CalendarPost,
    entities::{event, tenant},
};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::{Member, TenantId};
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// A post takes this long in a subscribed calendar.
const POST_MINUTES: i64 = 30;

#[derive(Template)]
#[template(path = "calendar/feed.html")]
struct FeedView {
    ctx: PageCtx,
    action: String,
    is_team: bool,
    exists: bool,
    /// Right after creating or resetting: the link, shown this once.
    url: Option<String>,
}

fn owner(who: &Planner) -> FeedOwner {
    match who {
        Planner::Team => FeedOwner::Team,
        Planner::Ambassador(a) => FeedOwner::Ambassador(a.id),
    }
}

async fn feed_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    who: &Planner,
    url: Option<String>,
) -> Result<Response, AppError> {
    let exists = db::calendar::feeds::get(&state.db, member.tenant_id(), owner(who))
        .await?
        .is_some();
    Ok(page(&FeedView {
        action: format!("/t/{}/calendar/feed", member.tenant.slug),
        is_team: who.is_team(),
        exists,
        url,
        ctx: ctx.for_member(member),
    }))
}

pub async fn show_feed(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    feed_page(&state, ctx, &member, &who, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {}

pub async fn reset_feed(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(_): Form<ResetForm>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    let txn = state.db.begin().await?;
    let token = db::calendar::feeds::reset(&txn, member.tenant_id(), owner(&who)).await?;
    let details = serde_json::json!({ "team": who.is_team() });
    db::audit::by_member(
        &txn,
        &member,
        "calendar_feed.reset",
        "tenant",
        member.tenant.id,
        details,
    )
    .await?;
    txn.commit().await?;
    let url = format!("{}/feeds/{token}", state.config.base_url);
    feed_page(&state, ctx, &member, &who, Some(url)).await
}

fn host_of(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("amtfluencer")
}

fn post_event(
    base_url: &str,
    t: &tenant::Model,
    p: &CalendarPost,
    with_name: bool,
    stamp: DateTime<Utc>,
) -> ics::Event {
    let topic = p
        .topic_title
        .clone()
        .unwrap_or_else(|| "Beitrag".to_owned());
    let summary = if with_name {
        format!(
            "LinkedIn-Beitrag: {topic} ({} {})",
            p.first_name, p.last_name
        )
    } else {
        format!("LinkedIn-Beitrag: {topic}")
    };
    ics::Event {
        uid: format!("post-{}-{}@{}", p.post.id, t.slug, host_of(base_url)),
        stamp,
        start: p.at,
        end: p.at + TimeDelta::minutes(POST_MINUTES),
        summary,
        description: Some(format!("Status: {}", p.post.status)),
        location: None,
        url: Some(format!(
            "{base_url}/t/{}/calendar/posts/{}",
            t.slug, p.post.id
        )),
        sequence: 0,
        cancelled: false,
    }
}

fn event_event(
    base_url: &str,
    t: &tenant::Model,
    e: &event::Model,
    stamp: DateTime<Utc>,
) -> ics::Event {
    ics::Event {
        uid: format!("event-{}-{}@{}", e.id, t.slug, host_of(base_url)),
        stamp,
        start: e.starts_at,
        end: e.ends_at,
        summary: e.title.clone(),
        description: (!e.description.is_empty()).then(|| e.description.clone()),
        location: Some(e.location.clone()),
        url: Some(format!("{base_url}/t/{}/events/{}", t.slug, e.id)),
        sequence: u32::try_from(e.sequence).unwrap_or(0),
        cancelled: e.cancelled_at.is_some(),
    }
}

/// `/feeds/{token}`: the iCalendar of the feed behind the token; 404 for an unknown or
/// replaced token.
pub async fn show_feed_ics(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let token = token.trim_end_matches(".ics");
    let feed = db::calendar::feeds::by_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = db::tenants::get(&state.db, feed.tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if t.suspended_at.is_some() {
        return Err(AppError::NotFound);
    }
    let tid = TenantId(t.id);
    let now = db::now();
    let base = state.config.base_url.as_str();
    let posts = db::calendar::posts::in_range(
        &state.db,
        tid,
        now - TimeDelta::days(90),
        now + TimeDelta::days(366),
    )
    .await?;
    let (name, events) = match FeedOwner::of(&feed) {
        FeedOwner::Team => {
            let mut events: Vec<ics::Event> = posts
                .iter()
                .map(|p| post_event(base, &t, p, true, now))
                .collect();
            events.extend(
                db::events::list(&state.db, tid)
                    .await?
                    .iter()
                    .map(|(e, _)| event_event(base, &t, e, now)),
            );
            (format!("Amtfluencer – {}", t.name), events)
        }
        FeedOwner::Ambassador(id) => {
            let mut events: Vec<ics::Event> = posts
                .iter()
                .filter(|p| p.post.ambassador_id == id)
                .map(|p| post_event(base, &t, p, false, now))
                .collect();
            events.extend(
                db::events::all_for(&state.db, tid, id)
                    .await?
                    .iter()
                    .map(|(e, _)| event_event(base, &t, e, now)),
            );
            (format!("Amtfluencer – {}", t.name), events)
        }
    };
    let body = ics::Calendar {
        name: Some(name),
        method: Some(ics::Method::Publish),
        events,
    }
    .render();
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}
