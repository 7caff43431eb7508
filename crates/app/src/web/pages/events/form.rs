//! Planning an event: creating, changing and calling it off. Times are typed in the
//! authority's local time. A change of time or place, and a cancellation, reach everyone
//! invited by mail with an updated calendar file.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::EventKind;
use amtfluencer_domain::types::required_text;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveTime;
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::invite::{Notice, notify_invitees};
use super::{EventPath, find_for_team, kind_label, zone};
use crate::db::{self, entities::event, events::NewEvent};
use crate::error::AppError;
use crate::localtime::{self, LocalTimeError};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::cohorts::parse_day;
use crate::web::render::page;

const MAX_DESCRIPTION_CHARS: usize = 4000;
const MAX_CAPACITY: i32 = 10_000;

/// What was typed; all text so that a wrong value comes back as typed.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct EventForm {
    kind: String,
    title: String,
    description: String,
    date: String,
    start: String,
    end: String,
    location: String,
    video_url: String,
    capacity: String,
    cohort_id: String,
}

impl EventForm {
    fn of(e: &event::Model, tz: chrono_tz::Tz) -> Self {
        let start = localtime::to_local(tz, e.starts_at);
        let end = localtime::to_local(tz, e.ends_at);
        Self {
            kind: e.kind.clone(),
            title: e.title.clone(),
            description: e.description.clone(),
            date: start.date().to_string(),
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
            location: e.location.clone(),
            video_url: e.video_url.clone().unwrap_or_default(),
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
            cohort_id: e.cohort_id.map(|c| c.to_string()).unwrap_or_default(),
        }
    }

    fn check(
        &self,
        ctx: &PageCtx,
        tz: chrono_tz::Tz,
        cohorts: &[(i64, String)],
    ) -> Result<NewEvent, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = self.kind.parse::<EventKind>().ok();
        if kind.is_none() {
            errors.add("kind", ctx.t("event-error-kind"));
        }
        let title = required_text(&self.title, 200)
            .map_err(|_| errors.add("title", ctx.t("event-error-title")))
            .ok();
        let description = self.description.trim().to_owned();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            errors.add("description", ctx.t("event-error-description"));
        }
        let date = parse_day(&self.date);
        if date.is_none() {
            errors.add("date", ctx.t("event-error-date"));
        }
        let mut time = |field: &'static str, text: &str| {
            let t = parse_time(text);
            if t.is_none() {
                errors.add(field, ctx.t("event-error-time"));
            }
            t
        };
        let (start, end) = (time("start", &self.start), time("end", &self.end));
        let mut instant = |field: &'static str, t: Option<NaiveTime>| {
            let (d, t) = (date?, t?);
            localtime::from_local(tz, d, t)
                .map_err(|LocalTimeError::DoesNotExist| {
                    errors.add(field, ctx.t("event-error-time-gap"));
                })
                .ok()
        };
        let (starts_at, ends_at) = (instant("start", start), instant("end", end));
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            errors.add("end", ctx.t("event-error-order"));
        }
        let location = required_text(&self.location, 200)
            .map_err(|_| errors.add("location", ctx.t("event-error-location")))
            .ok();
        let video_url = match self.video_url.trim() {
            "" => None,
            v if is_web_address(v) => Some(v.to_owned()),
            _ => {
                errors.add("video_url", ctx.t("event-error-video"));
                None
            }
        };
        let capacity = match self.capacity.trim() {
            "" => None,
            c => match c.parse::<i32>() {
                Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
                _ => {
                    errors.add("capacity", ctx.t("event-error-capacity"));
                    None
                }
            },
        };
        let cohort_id = match self.cohort_id.trim() {
            "" => None,
            c => match c.parse::<i64>() {
                Ok(id) if cohorts.iter().any(|(cid, _)| *cid == id) => Some(id),
                _ => {
                    errors.add("cohort_id", ctx.t("event-error-cohort"));
                    None
                }
            },
        };
        match (kind, title, starts_at, ends_at, location) {
            (Some(kind), Some(title), Some(starts_at), Some(ends_at), Some(location))
                if errors.is_empty() =>
            {
                Ok(NewEvent {
                    kind,
                    title,
                    description,
                    starts_at,
                    ends_at,
                    location,
                    video_url,
                    capacity,
                    cohort_id,
                })
            }
            _ => Err(errors),
        }
    }
}

/// "10:00", "9:30" or "10.00" (as people type it in Germany).
fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('.', ":");
    NaiveTime::parse_from_str(&t, "%H:%M").ok()
}

/// A link people can open: http(s) with a host.
fn is_web_address(text: &str) -> bool {
    url::Url::parse(text)
        .ok()
        .is_some_and(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct EventFormPage {
    ctx: PageCtx,
    action: String,
    back: String,
    title: String,
    zone: String,
    kinds: Vec<(&'static str, String)>,
    cohorts: Vec<(i64, String)>,
    form: EventForm,
    errors: FieldErrors,
}

async fn cohort_choices(state: &AppState, member: &Member) -> Result<Vec<(i64, String)>, AppError> {
    Ok(db::cohorts::list(&state.db, member.tenant_id())
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    existing: Option<&event::Model>,
    form: EventForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let base = format!("/t/{}/events", member.tenant.slug);
    let (action, back, title) = match existing {
        Some(e) => (
            format!("{base}/{}/edit", e.id),
            format!("{base}/{}", e.id),
            ctx.t1("event-form-edit-title", "title", &e.title),
        ),
        None => (format!("{base}/new"), base, ctx.t("event-form-new-title")),
    };
    let status = errors.status();
    let mut res = page(&EventFormPage {
        kinds: EventKind::ALL
            .iter()
            .map(|k| (k.as_str(), kind_label(&ctx, k.as_str())))
            .collect(),
        cohorts: cohort_choices(state, member).await?,
        zone: member.tenant.time_zone.clone(),
        ctx: ctx.for_member(member),
        action,
        back,
        title,
        form,
        errors,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn new_event(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let form = EventForm {
        start: "10:00".into(),
        end: "11:30".into(),
        ..Default::default()
    };
    form_page(&state, ctx, &member, None, form, FieldErrors::default()).await
}

pub async fn create_event(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let cohorts = cohort_choices(&state, &member).await?;
    let new = match form.check(&ctx, zone(&member), &cohorts) {
        Ok(n) => n,
        Err(errors) => return form_page(&state, ctx, &member, None, form, errors).await,
    };
    let txn = state.db.begin().await?;
    let e = db::events::create(&txn, member.tenant_id(), new).await?;
    let details = serde_json::json!({ "kind": e.kind, "title": e.title, "starts_at": e.starts_at });
    db::audit::by_member(&txn, &member, "event.created", "event", e.id, details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/events/{}", member.tenant.slug, e.id);
    Ok(Redirect::to(&to).into_response())
}

pub async fn edit_event(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<EventPath>,
) -> Result<Response, AppError> {
    let e = find_for_team(&state, &member, p.id).await?;
    let form = EventForm::of(&e, zone(&member));
    form_page(&state, ctx, &member, Some(&e), form, FieldErrors::default()).await
}

pub async fn update_event(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<EventPath>,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    let e = find_for_team(&state, &member, p.id).await?;
    let cohorts = cohort_choices(&state, &member).await?;
    let new = match form.check(&ctx, zone(&member), &cohorts) {
        Ok(n) => n,
        Err(errors) => return form_page(&state, ctx, &member, Some(&e), form, errors).await,
    };
    let moved = new.starts_at != e.starts_at
        || new.ends_at != e.ends_at
        || new.location != e.location
        || new.video_url != e.video_url;
    let txn = state.db.begin().await?;
    let updated = db::events::update(&txn, member.tenant_id(), &e, new).await?;
    let details = serde_json::json!({
        "title": updated.title,
        "starts_at": updated.starts_at,
        "moved": moved,
    });
    db::audit::by_member(&txn, &member, "event.updated", "event", e.id, details).await?;
    if moved && updated.cancelled_at.is_none() {
        notify_invitees(&txn, &state, &member, &updated, Notice::Changed).await?;
    }
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/events/{}", p.slug, e.id)).into_response())
}

pub async fn cancel_event(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<EventPath>,
) -> Result<Response, AppError> {
    let e = find_for_team(&state, &member, p.id).await?;
    if e.cancelled_at.is_some() {
        return Ok(Redirect::to(&format!("/t/{}/events/{}", p.slug, e.id)).into_response());
    }
    let txn = state.db.begin().await?;
    let cancelled = db::events::cancel(&txn, member.tenant_id(), &e).await?;
    let details = serde_json::json!({ "title": e.title });
    db::audit::by_member(&txn, &member, "event.cancelled", "event", e.id, details).await?;
    notify_invitees(&txn, &state, &member, &cancelled, Notice::Cancelled).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/events/{}", p.slug, e.id)).into_response())
}
