//! One planned post: its hints, and moving it to another day and time (the form that works
//! without JavaScript; the calendar's drag and drop sends the same form) or removing it.

use amtfluencer_domain::programme::PostStatus;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::plan::checked_time;
use super::{IdPath, find_own_post, planner, warning_text, warnings, zone};
use crate::db::{self, calendar::post as post_entity};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;
use crate::web::render::page;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Flash {
    planned: Option<String>,
    moved: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct MoveForm {
    pub date: String,
    pub time: String,
}

#[derive(Template)]
#[template(path = "calendar/post.html")]
struct PostView {
    ctx: PageCtx,
    base: String,
    id: i64,
    topic: String,
    person: String,
    when: String,
    status: String,
    published: bool,
    hints: Vec<String>,
    note: Option<String>,
    form: MoveForm,
    errors: FieldErrors,
    zone: String,
}

async fn post_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    p: &post_entity::Model,
    form: Option<MoveForm>,
    errors: FieldErrors,
    note: Option<String>,
) -> Result<Response, AppError> {
    let tz = zone(member);
    let tenant = member.tenant_id();
    let at = db::calendar::posts::when(p).unwrap_or(p.created_at);
    let local = localtime::to_local(tz, at);
    let topic = match p.topic_id {
        Some(id) => db::topics::get(&state.db, tenant, id)
            .await?
            .map(|t| t.title),
        None => None,
    }
    .unwrap_or_else(|| ctx.t("calendar-no-topic"));
    let person = db::ambassadors::get(&state.db, tenant, p.ambassador_id)
        .await?
        .map(|a| format!("{} {}", a.first_name, a.last_name))
        .unwrap_or_default();
    let published = p.status == PostStatus::Published.as_str();
    let hints = if published {
        Vec::new()
    } else {
        warnings(state, member, p.ambassador_id, p.topic_id, at, Some(p.id))
            .await?
            .iter()
            .map(|w| warning_text(ctx.lang, w))
            .collect()
    };
    let status = errors.status();
    let mut res = page(&PostView {
        base: format!("/t/{}/calendar", member.tenant.slug),
        id: p.id,
        topic,
        person,
        when: format!(
            "{}, {}",
            format_date(ctx.lang, local.date()),
            local.format("%H:%M")
        ),
        status: ctx.t(&format!("post-status-{}", p.status)),
        published,
        hints,
        note,
        form: form.unwrap_or(MoveForm {
            date: local.date().to_string(),
            time: local.format("%H:%M").to_string(),
        }),
        errors,
        zone: member.tenant.time_zone.clone(),
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show_post(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<IdPath>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    let p = find_own_post(&state, &member, &who, path.id).await?;
    let note = if flash.planned.is_some() {
        Some(ctx.t("calendar-planned-note"))
    } else if flash.moved.is_some() {
        Some(ctx.t("calendar-moved-note"))
    } else {
        None
    };
    post_page(&state, ctx, &member, &p, None, FieldErrors::default(), note).await
}

pub async fn move_post(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<IdPath>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    let p = find_own_post(&state, &member, &who, path.id).await?;
    if p.status == PostStatus::Published.as_str() {
        return Err(AppError::Conflict(ctx.t("calendar-error-published")));
    }
    let mut errors = FieldErrors::default();
    let Some(at) = checked_time(&ctx, &member, &form.date, &form.time, &mut errors) else {
        return post_page(&state, ctx, &member, &p, Some(form), errors, None).await;
    };
    let status = p.status.parse().unwrap_or(PostStatus::Idea);
    let txn = state.db.begin().await?;
    db::calendar::posts::update(&txn, &p, p.topic_id, at, status).await?;
    let details = serde_json::json!({ "from": db::calendar::posts::when(&p), "to": at });
    db::audit::by_member(&txn, &member, "post.moved", "post", p.id, details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/calendar/posts/{}?moved=1", path.slug, p.id);
    Ok(Redirect::to(&to).into_response())
}

pub async fn delete_post(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<IdPath>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    let p = find_own_post(&state, &member, &who, path.id).await?;
    if p.status == PostStatus::Published.as_str() {
        return Err(AppError::Conflict(ctx.t("calendar-error-published")));
    }
    let txn = state.db.begin().await?;
    db::calendar::posts::delete(&txn, member.tenant_id(), p.id).await?;
    db::audit::by_member(
        &txn,
        &member,
        "post.deleted",
        "post",
        p.id,
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/calendar?view=list", path.slug)).into_response())
}
