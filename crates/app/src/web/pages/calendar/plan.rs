//! Planning a post: "topic X on day Y at Z" for oneself (or, for the team, for anyone), with
//! suggested slots from the working-time rules and the authority's figures.

use amtfluencer_domain::calendar::{SlotRequest, suggest_slots};
use amtfluencer_domain::programme::PostStatus;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{MIN_SPACING, Planner, planner, zone};
use crate::db::{self, calendar::posts::NewPlan};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::cohorts::parse_day;
use crate::web::pages::start::format_date;
use crate::web::render::page;

/// What was typed (or given in the link of a suggestion).
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct PlanForm {
    pub topic: String,
    pub date: String,
    pub time: String,
    pub status: String,
    pub ambassador: String,
}

pub struct Suggestion {
    pub label: String,
    pub date: String,
    pub time: String,
    pub reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "calendar/plan.html")]
struct PlanView {
    ctx: PageCtx,
    base: String,
    form: PlanForm,
    errors: FieldErrors,
    topics: Vec<(i64, String)>,
    people: Vec<(i64, String)>,
    statuses: Vec<(&'static str, String)>,
    suggestions: Vec<Suggestion>,
    zone: String,
}

/// "10:00", "9:30" or "10.00".
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(&text.trim().replace('.', ":"), "%H:%M").ok()
}

/// Date and time in the authority's zone, or the field errors.
pub fn checked_time(
    ctx: &PageCtx,
    member: &Member,
    date: &str,
    time: &str,
    errors: &mut FieldErrors,
) -> Option<DateTime<Utc>> {
    let d = parse_day(date);
    if d.is_none() {
        errors.add("date", ctx.t("calendar-error-date"));
    }
    let t = parse_time(time);
    if t.is_none() {
        errors.add("time", ctx.t("calendar-error-time"));
    }
    localtime::from_local(zone(member), d?, t?)
        .map_err(|_| errors.add("time", ctx.t("calendar-error-time-gap")))
        .ok()
}

async fn choices(
    state: &AppState,
    member: &Member,
    who: &Planner,
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), AppError> {
    let tenant = member.tenant_id();
    let topics = db::topics::list(&state.db, tenant)
        .await?
        .into_iter()
        .filter(|t| t.status == "active")
        .map(|t| (t.id, t.title))
        .collect();
    let people = if who.is_team() {
        db::ambassadors::list(&state.db, tenant)
            .await?
            .into_iter()
            .filter(|a| a.status == "active")
            .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
            .collect()
    } else {
        Vec::new()
    };
    Ok((topics, people))
}

async fn suggestions(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    who: &Planner,
) -> Result<Vec<Suggestion>, AppError> {
    let tz = zone(member);
    let now = db::now();
    let from = localtime::to_local(tz, now).date();
    let to = from + TimeDelta::days(20);
    let tenant = member.tenant_id();
    let rules = db::calendar::settings::rules(&state.db, &member.tenant).await?;
    let planned: Vec<DateTime<Utc>> = db::calendar::posts::in_range(
        &state.db,
        tenant,
        now - TimeDelta::days(1),
        now + TimeDelta::days(23),
    )
    .await?
    .into_iter()
    .map(|p| p.at)
    .collect();
    let performance = db::calendar::posts::performance(&state.db, tenant, tz).await?;
    let pause = match who {
        Planner::Ambassador(a) => a.paused_until,
        Planner::Team => None,
    };
    let slots = suggest_slots(&SlotRequest {
        rules: &rules,
        tz,
        pause_until: pause,
        from,
        to,
        not_before: Some(now),
        planned: &planned,
        performance: &performance,
        count: 3,
        min_spacing: MIN_SPACING,
    });
    Ok(slots
        .into_iter()
        .map(|s| Suggestion {
            label: format!(
                "{}, {}",
                format_date(ctx.lang, s.local.date()),
                s.local.format("%H:%M")
            ),
            date: s.local.date().to_string(),
            time: s.local.format("%H:%M").to_string(),
            reasons: s
                .reasons
                .iter()
                .map(|r| match ctx.lang {
                    crate::i18n::Lang::De => r.text_de(),
                    crate::i18n::Lang::En => r.text_en(),
                })
                .collect(),
        })
        .collect())
}

async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    who: &Planner,
    form: PlanForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let (topics, people) = choices(state, member, who).await?;
    let suggestions = suggestions(state, &ctx, member, who).await?;
    let status = errors.status();
    let mut res = page(&PlanView {
        base: format!("/t/{}/calendar", member.tenant.slug),
        statuses: [PostStatus::Idea, PostStatus::Draft]
            .into_iter()
            .map(|s| (s.as_str(), ctx.t(&format!("post-status-{}", s.as_str()))))
            .collect(),
        zone: member.tenant.time_zone.clone(),
        ctx: ctx.for_member(member),
        form,
        errors,
        topics,
        people,
        suggestions,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn new_plan(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(mut form): Query<PlanForm>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    if form.time.is_empty() {
        form.time = "10:00".to_owned();
    }
    form_page(&state, ctx, &member, &who, form, FieldErrors::default()).await
}

pub async fn create_plan(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    let (topics, people) = choices(&state, &member, &who).await?;
    let mut errors = FieldErrors::default();
    let topic_id = match form.topic.trim() {
        "" => None,
        t => match t
            .parse::<i64>()
            .ok()
            .filter(|id| topics.iter().any(|(tid, _)| tid == id))
        {
            Some(id) => Some(id),
            None => {
                errors.add("topic", ctx.t("calendar-error-topic"));
                None
            }
        },
    };
    let ambassador_id = match &who {
        Planner::Ambassador(a) => Some(a.id),
        Planner::Team => {
            let id = form
                .ambassador
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| people.iter().any(|(pid, _)| pid == id));
            if id.is_none() {
                errors.add("ambassador", ctx.t("calendar-error-person"));
            }
            id
        }
    };
    let at = checked_time(&ctx, &member, &form.date, &form.time, &mut errors);
    let status = match form.status.as_str() {
        "draft" => PostStatus::Draft,
        "idea" | "" => PostStatus::Idea,
        _ => {
            errors.add("status", ctx.t("calendar-error-status"));
            PostStatus::Idea
        }
    };
    let (Some(ambassador_id), Some(at), true) = (ambassador_id, at, errors.is_empty()) else {
        return form_page(&state, ctx, &member, &who, form, errors).await;
    };
    let txn = state.db.begin().await?;
    let p = db::calendar::posts::plan(
        &txn,
        member.tenant_id(),
        NewPlan {
            ambassador_id,
            topic_id,
            at,
            status,
        },
    )
    .await?;
    let details =
        serde_json::json!({ "at": at, "topic_id": topic_id, "ambassador_id": ambassador_id });
    db::audit::by_member(&txn, &member, "post.planned", "post", p.id, details).await?;
    txn.commit().await?;
    let to = format!(
        "/t/{}/calendar/posts/{}?planned=1",
        member.tenant.slug, p.id
    );
    Ok(Redirect::to(&to).into_response())
}
