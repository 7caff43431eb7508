//! `/api/v1/calendar/posts`: planned posts — create, read, update (move), delete. The team
//! plans for anyone; an Amtfluencer for themself, and sees the others' posts only as
//! "planned" with their topic.

use amtfluencer_domain::programme::PostStatus;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{api_lang, bad_request, parse_date, say};
use crate::db::{self, calendar::post as post_entity, calendar::posts::NewPlan};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::api::auth::ApiMember;
use crate::web::extract::Json as JsonBody;
use crate::web::pages::calendar::{Planner, find_own_post, planner, warning_text, warnings, zone};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/calendar/posts", get(list_posts).post(create_post))
        .route(
            "/api/v1/calendar/posts/{id}",
            get(show_post).patch(update_post).delete(delete_post),
        )
}

/// A post in the calendar. Someone else's post (for an Amtfluencer) carries no person.
#[derive(Serialize, ToSchema)]
pub struct CalendarPost {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// idea, draft, in_review, scheduled, published or failed.
    pub status: String,
    pub topic_id: Option<i64>,
    pub topic: Option<String>,
    /// Whether the caller may see and change it in full.
    pub mine: bool,
    pub ambassador_id: Option<i64>,
    pub first_name: Option<String>,
    /// Hints about the time (weekend, holiday, pause, same slot, same topic in the week).
    pub warnings: Vec<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct RangeQuery {
    /// First day, `YYYY-MM-DD` (default: today).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (default: four weeks after `from`).
    to: Option<String>,
}

/// A new plan.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanIn {
    pub topic_id: Option<i64>,
    /// RFC 3339, or `YYYY-MM-DDTHH:MM` in the authority's time.
    pub at: String,
    /// Team only; an Amtfluencer always plans for themself.
    pub ambassador_id: Option<i64>,
    /// idea (default) or draft.
    pub status: Option<String>,
    /// de or en, for the warnings.
    pub lang: Option<String>,
}

/// Changes to a planned post.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanChanges {
    pub topic_id: Option<i64>,
    pub at: Option<String>,
    pub status: Option<String>,
    pub lang: Option<String>,
}

fn parse_at(member: &Member, text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Some(at.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").ok()?;
    crate::localtime::from_local(zone(member), local.date(), local.time()).ok()
}

fn parse_status(text: Option<&str>, default: PostStatus) -> Option<PostStatus> {
    match text {
        None => Some(default),
        Some(s) => s.parse::<PostStatus>().ok().filter(|s| {
            matches!(
                s,
                PostStatus::Idea | PostStatus::Draft | PostStatus::Scheduled
            )
        }),
    }
}

async fn topic_ok(state: &AppState, member: &Member, topic: Option<i64>) -> Result<bool, AppError> {
    Ok(match topic {
        None => true,
        Some(id) => db::topics::get(&state.db, member.tenant_id(), id)
            .await?
            .is_some(),
    })
}

async fn out(
    state: &AppState,
    member: &Member,
    lang: Lang,
    p: &post_entity::Model,
) -> Result<CalendarPost, AppError> {
    let at = db::calendar::posts::when(p).unwrap_or(p.created_at);
    let topic = match p.topic_id {
        Some(id) => db::topics::get(&state.db, member.tenant_id(), id)
            .await?
            .map(|t| t.title),
        None => None,
    };
    let person = db::ambassadors::get(&state.db, member.tenant_id(), p.ambassador_id).await?;
    let w = warnings(state, member, p.ambassador_id, p.topic_id, at, Some(p.id)).await?;
    Ok(CalendarPost {
        id: p.id,
        at,
        status: p.status.clone(),
        topic_id: p.topic_id,
        topic,
        mine: true,
        ambassador_id: Some(p.ambassador_id),
        first_name: person.map(|a| a.first_name),
        warnings: w.iter().map(|w| warning_text(lang, w)).collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/calendar/posts", tag = "calendar", params(RangeQuery),
    responses((status = 200, body = Vec<CalendarPost>), (status = 403, body = crate::web::api::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_posts(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    Query(q): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let who = planner(&state, &api.member).await?;
    let lang = api_lang(None, &headers);
    let from = parse_date(q.from.as_deref()).unwrap_or_else(|| db::now().date_naive());
    let to = parse_date(q.to.as_deref()).unwrap_or(from + TimeDelta::days(27));
    if to < from || to - from > TimeDelta::days(366) {
        let msg = say(
            lang,
            "Das Ende muss nach dem Anfang liegen, höchstens ein Jahr später.",
            "The end must lie after the start, at most a year later.",
        );
        return Ok(bad_request("to", msg));
    }
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - TimeDelta::days(1);
    let end = to.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() + TimeDelta::days(2);
    let posts =
        db::calendar::posts::in_range(&state.db, api.member.tenant_id(), start, end).await?;
    let list: Vec<CalendarPost> = posts
        .into_iter()
        .map(|p| {
            let mine = who.owns(&p.post);
            CalendarPost {
                id: p.post.id,
                at: p.at,
                status: p.post.status.clone(),
                topic_id: p.post.topic_id,
                topic: p.topic_title,
                mine,
                ambassador_id: mine.then_some(p.post.ambassador_id),
                first_name: mine.then_some(p.first_name),
                warnings: Vec::new(),
            }
        })
        .collect();
    Ok(Json(list).into_response())
}

#[utoipa::path(post, path = "/api/v1/calendar/posts", tag = "calendar", request_body = PlanIn,
    responses((status = 201, body = CalendarPost), (status = 422, body = crate::web::api::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_post(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    JsonBody(input): JsonBody<PlanIn>,
) -> Result<Response, AppError> {
    api.require_write()?;
    let member = &api.member;
    let who = planner(&state, member).await?;
    let lang = api_lang(input.lang.as_deref(), &headers);
    let ambassador_id = match (&who, input.ambassador_id) {
        (Planner::Ambassador(me), None) => me.id,
        (Planner::Ambassador(me), Some(id)) if id == me.id => me.id,
        (Planner::Ambassador(_), Some(_)) => return Err(AppError::Forbidden),
        (Planner::Team, Some(id)) => {
            db::ambassadors::get(&state.db, member.tenant_id(), id)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "ambassador_id",
                        say(lang, "Diese Person gibt es nicht.", "No such person."),
                    )
                })?
                .id
        }
        (Planner::Team, None) => {
            return Err(invalid(
                "ambassador_id",
                say(lang, "Für wen ist der Beitrag?", "Whose post is it?"),
            ));
        }
    };
    let at = parse_at(member, &input.at).ok_or_else(|| {
        invalid(
            "at",
            say(
                lang,
                "Bitte eine Zeit wie 2026-03-03T10:00 angeben.",
                "Give a time such as 2026-03-03T10:00.",
            ),
        )
    })?;
    let status = parse_status(input.status.as_deref(), PostStatus::Idea).ok_or_else(|| {
        invalid(
            "status",
            say(
                lang,
                "Status idea, draft oder scheduled.",
                "Status idea, draft or scheduled.",
            ),
        )
    })?;
    if !topic_ok(&state, member, input.topic_id).await? {
        return Err(invalid(
            "topic_id",
            say(lang, "Dieses Thema gibt es nicht.", "No such topic."),
        ));
    }
    let txn = state.db.begin().await?;
    let p = db::calendar::posts::plan(
        &txn,
        member.tenant_id(),
        NewPlan {
            ambassador_id,
            topic_id: input.topic_id,
            at,
            status,
        },
    )
    .await?;
    let details = serde_json::json!({ "at": at, "topic_id": input.topic_id, "via": "api" });
    db::audit::by_member(&txn, member, "post.planned", "post", p.id, details).await?;
    txn.commit().await?;
    let body = out(&state, member, lang, &p).await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn invalid(field: &str, detail: String) -> AppError {
    AppError::Validation(vec![crate::error::FieldError {
        field: Some(field.to_owned()),
        detail,
    }])
}

#[utoipa::path(get, path = "/api/v1/calendar/posts/{id}", tag = "calendar",
    params(("id" = i64, Path, description = "The post's id")),
    responses((status = 200, body = CalendarPost), (status = 404, body = crate::web::api::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show_post(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<CalendarPost>, AppError> {
    let who = planner(&state, &api.member).await?;
    let p = find_own_post(&state, &api.member, &who, id).await?;
    Ok(Json(
        out(&state, &api.member, api_lang(None, &headers), &p).await?,
    ))
}

#[utoipa::path(patch, path = "/api/v1/calendar/posts/{id}", tag = "calendar", request_body = PlanChanges,
    params(("id" = i64, Path, description = "The post's id")),
    responses((status = 200, body = CalendarPost), (status = 404, body = crate::web::api::ErrorBody),
        (status = 409, body = crate::web::api::ErrorBody), (status = 422, body = crate::web::api::ErrorBody)),
    security(("bearer" = [])))]
pub async fn update_post(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    Path(id): Path<i64>,
    JsonBody(input): JsonBody<PlanChanges>,
) -> Result<Json<CalendarPost>, AppError> {
    api.require_write()?;
    let member = &api.member;
    let who = planner(&state, member).await?;
    let p = find_own_post(&state, member, &who, id).await?;
    let lang = api_lang(input.lang.as_deref(), &headers);
    if p.status == PostStatus::Published.as_str() {
        return Err(AppError::Conflict(say(
            lang,
            "Veröffentlichte Beiträge lassen sich nicht verschieben.",
            "Published posts cannot be moved.",
        )));
    }
    let at = match input.at.as_deref() {
        Some(t) => parse_at(member, t).ok_or_else(|| {
            invalid(
                "at",
                say(
                    lang,
                    "Bitte eine Zeit wie 2026-03-03T10:00 angeben.",
                    "Give a time such as 2026-03-03T10:00.",
                ),
            )
        })?,
        None => db::calendar::posts::when(&p).unwrap_or(p.created_at),
    };
    let current = p.status.parse().unwrap_or(PostStatus::Idea);
    let status = parse_status(input.status.as_deref(), current).ok_or_else(|| {
        invalid(
            "status",
            say(
                lang,
                "Status idea, draft oder scheduled.",
                "Status idea, draft or scheduled.",
            ),
        )
    })?;
    let topic = input.topic_id.or(p.topic_id);
    if !topic_ok(&state, member, topic).await? {
        return Err(invalid(
            "topic_id",
            say(lang, "Dieses Thema gibt es nicht.", "No such topic."),
        ));
    }
    let txn = state.db.begin().await?;
    let updated = db::calendar::posts::update(&txn, &p, topic, at, status).await?;
    let details = serde_json::json!({ "at": at, "topic_id": topic, "via": "api" });
    db::audit::by_member(&txn, member, "post.moved", "post", p.id, details).await?;
    txn.commit().await?;
    Ok(Json(out(&state, member, lang, &updated).await?))
}

#[utoipa::path(delete, path = "/api/v1/calendar/posts/{id}", tag = "calendar",
    params(("id" = i64, Path, description = "The post's id")),
    responses((status = 204), (status = 404, body = crate::web::api::ErrorBody), (status = 409, body = crate::web::api::ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete_post(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    api.require_write()?;
    let member = &api.member;
    let who = planner(&state, member).await?;
    let p = find_own_post(&state, member, &who, id).await?;
    if p.status == PostStatus::Published.as_str() {
        return Err(AppError::Conflict(
            "published posts stay in the calendar".to_owned(),
        ));
    }
    let txn = state.db.begin().await?;
    db::calendar::posts::delete(&txn, member.tenant_id(), p.id).await?;
    db::audit::by_member(
        &txn,
        member,
        "post.deleted",
        "post",
        p.id,
        serde_json::json!({ "via": "api" }),
    )
    .await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
