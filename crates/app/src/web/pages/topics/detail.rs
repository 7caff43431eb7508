//! One topic: its prompt and photo idea, its figures (aggregates), and for the team the
//! curation: accept, archive, bring back, merge into another topic.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::form::find_for_team as topic_for_team;
use super::{TopicPath, engagement, last_used, status_label};
use crate::db::{self, topics::TopicStatus};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(Template)]
#[template(path = "topics/detail.html")]
struct TopicView {
    ctx: PageCtx,
    base: String,
    t: db::topics::entity::Model,
    tags: String,
    status: String,
    uses: u32,
    planned: u32,
    last_used: String,
    measured: u32,
    median_impressions: Option<u64>,
    median_engagement: Option<String>,
    min_posts: u32,
    merged_into: Option<(i64, String)>,
    is_team: bool,
    can_plan: bool,
    /// Other active topics to merge into.
    targets: Vec<(i64, String)>,
}

pub async fn show_topic(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<TopicPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewStart)?;
    let tenant = member.tenant_id();
    let t = db::topics::get(&state.db, tenant, p.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_team = member.can(Permission::EditTopics);
    let visible = is_team || t.status == "active" || t.proposed_by == Some(member.user.id);
    if !visible {
        return Err(AppError::NotFound);
    }
    let stats = db::topics::stats(&state.db, tenant).await?;
    let s = stats.get(&t.id).cloned().unwrap_or_default();
    let all = db::topics::list(&state.db, tenant).await?;
    let merged_into = t.merged_into.and_then(|id| {
        all.iter()
            .find(|o| o.id == id)
            .map(|o| (o.id, o.title.clone()))
    });
    let targets = all
        .iter()
        .filter(|o| o.id != t.id && o.status == "active")
        .map(|o| (o.id, o.title.clone()))
        .collect();
    Ok(page(&TopicView {
        base: format!("/t/{}/topics", p.slug),
        tags: t.tag_list().join(", "),
        status: status_label(&ctx, &t.status),
        uses: s.uses,
        planned: s.planned,
        last_used: last_used(&ctx, s.last_used),
        measured: s.measured,
        median_impressions: s.median_impressions,
        median_engagement: s.median_engagement.map(|v| engagement(ctx.lang, v)),
        min_posts: db::topics::MIN_POSTS_FOR_FIGURES,
        merged_into,
        is_team,
        can_plan: member.can(Permission::WritePosts) && t.status == "active",
        targets,
        t,
        ctx: ctx.for_member(&member),
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    status: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<TopicPath>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let t = topic_for_team(&state, &member, p.id).await?;
    let status = TopicStatus::parse(&form.status)
        .filter(|s| *s != TopicStatus::Merged)
        .ok_or_else(|| AppError::BadRequest("unknown status".to_owned()))?;
    let txn = state.db.begin().await?;
    db::topics::set_status(&txn, &t, status).await?;
    let details = serde_json::json!({ "title": t.title, "from": t.status, "to": status.as_str() });
    db::audit::by_member(
        &txn,
        &member,
        "topic.status_changed",
        "topic",
        t.id,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/topics/{}", p.slug, t.id)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MergeForm {
    into: String,
}

pub async fn merge_topic(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<TopicPath>,
    Form(form): Form<MergeForm>,
) -> Result<Response, AppError> {
    let t = topic_for_team(&state, &member, p.id).await?;
    let into_id: i64 = form
        .into
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("choose a topic to merge into".to_owned()))?;
    let into = db::topics::get(&state.db, member.tenant_id(), into_id)
        .await?
        .filter(|o| o.id != t.id)
        .ok_or(AppError::NotFound)?;
    let txn = state.db.begin().await?;
    let moved = db::topics::merge(&txn, member.tenant_id(), &t, &into).await?;
    let details = serde_json::json!({ "title": t.title, "into": into.id, "posts_moved": moved });
    db::audit::by_member(&txn, &member, "topic.merged", "topic", t.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/topics/{}", p.slug, into.id)).into_response())
}
