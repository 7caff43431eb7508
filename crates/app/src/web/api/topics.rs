//! `/api/v1/topics`: the topic catalogue with aggregate figures. Everyone reads; Amtfluencer
//! propose (status `proposed`); the team creates, changes, merges, archives and deletes.

use amtfluencer_domain::permissions::Permission;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use super::calendar::api_lang;
use crate::db::{self, topics::TopicStatus, topics::entity::Model};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::web::extract::Json as JsonBody;
use crate::web::pages::topics::{TopicInput, check_topic};

#[derive(OpenApi)]
#[openapi(
    paths(list_topics, create_topic, show_topic, update_topic, delete_topic),
    components(schemas(Topic, TopicIn, TopicChanges))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/topics", get(list_topics).post(create_topic))
        .route(
            "/api/v1/topics/{id}",
            get(show_topic).patch(update_topic).delete(delete_topic),
        )
}

/// A catalogue topic with how it was used and how it performed (aggregates, no names).
#[derive(Serialize, ToSchema)]
pub struct Topic {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub prompt: String,
    pub photo_idea: String,
    pub category: String,
    pub tags: Vec<String>,
    /// proposed, active, merged or archived.
    pub status: String,
    pub merged_into: Option<i64>,
    /// Published posts on this topic.
    pub uses: u32,
    pub last_used: Option<DateTime<Utc>>,
    pub planned: u32,
    /// Published posts with figures.
    pub measured: u32,
    /// Only from three measured posts on.
    pub median_impressions: Option<u64>,
    /// Interactions per impression in percent; only from three measured posts on.
    pub median_engagement: Option<f64>,
}

/// A new topic (a proposal when an Amtfluencer sends it).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicIn {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub photo_idea: String,
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Changes by the team; only the given fields change.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub prompt: Option<String>,
    pub photo_idea: Option<String>,
    pub category: Option<String>,
    pub tags: Option<Vec<String>>,
    /// proposed, active or archived.
    pub status: Option<String>,
    /// Merge into this topic: its posts move there.
    pub merge_into: Option<i64>,
}

fn to_out(t: Model, s: Option<&db::topics::TopicStats>) -> Topic {
    let s = s.cloned().unwrap_or_default();
    Topic {
        tags: t.tag_list(),
        id: t.id,
        title: t.title,
        description: t.description,
        prompt: t.prompt,
        photo_idea: t.photo_idea,
        category: t.category,
        status: t.status,
        merged_into: t.merged_into,
        uses: s.uses,
        last_used: s.last_used,
        planned: s.planned,
        measured: s.measured,
        median_impressions: s.median_impressions,
        median_engagement: s.median_engagement,
    }
}

async fn one(state: &AppState, api: &ApiMember, t: Model) -> Result<Topic, AppError> {
    let stats = db::topics::stats(&state.db, api.member.tenant_id()).await?;
    let s = stats.get(&t.id);
    Ok(to_out(t, s))
}

fn validation(errors: Vec<(&'static str, String)>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|(f, d)| FieldError {
                field: Some(f.to_owned()),
                detail: d,
            })
            .collect(),
    )
}

#[utoipa::path(get, path = "/api/v1/topics", tag = "topics",
    responses((status = 200, body = Vec<Topic>)), security(("bearer" = [])))]
pub async fn list_topics(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Vec<Topic>>, AppError> {
    api.require(Permission::ViewStart)?;
    let tenant = api.member.tenant_id();
    let stats = db::topics::stats(&state.db, tenant).await?;
    let list = db::topics::list(&state.db, tenant).await?;
    Ok(Json(
        list.into_iter()
            .map(|t| {
                let s = stats.get(&t.id);
                to_out(t, s)
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/topics", tag = "topics", request_body = TopicIn,
    responses((status = 201, body = Topic), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_topic(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    JsonBody(input): JsonBody<TopicIn>,
) -> Result<(StatusCode, Json<Topic>), AppError> {
    api.require_write()?;
    let team = api.member.can(Permission::EditTopics);
    if !team {
        api.require(Permission::ProposeTopics)?;
    }
    let i18n = state.i18n.clone();
    let lang = api_lang(None, &headers);
    let form = TopicInput {
        title: input.title,
        description: input.description,
        prompt: input.prompt,
        photo_idea: input.photo_idea,
        category: input.category,
        tags: input.tags.join(", "),
    };
    let new = check_topic(&form, |k| i18n.tr(lang, k)).map_err(validation)?;
    let status = if team {
        TopicStatus::Active
    } else {
        TopicStatus::Proposed
    };
    let txn = state.db.begin().await?;
    let t = db::topics::create(
        &txn,
        api.member.tenant_id(),
        new,
        status,
        Some(api.member.user.id),
    )
    .await?;
    let details = serde_json::json!({ "title": t.title, "status": t.status, "via": "api" });
    db::audit::by_member(&txn, &api.member, "topic.created", "topic", t.id, details).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(one(&state, &api, t).await?)))
}

async fn find(state: &AppState, api: &ApiMember, id: i64) -> Result<Model, AppError> {
    db::topics::get(&state.db, api.member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

#[utoipa::path(get, path = "/api/v1/topics/{id}", tag = "topics",
    params(("id" = i64, Path, description = "The topic's id")),
    responses((status = 200, body = Topic), (status = 404, body = super::ErrorBody)), security(("bearer" = [])))]
pub async fn show_topic(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
) -> Result<Json<Topic>, AppError> {
    api.require(Permission::ViewStart)?;
    let t = find(&state, &api, id).await?;
    Ok(Json(one(&state, &api, t).await?))
}

#[utoipa::path(patch, path = "/api/v1/topics/{id}", tag = "topics", request_body = TopicChanges,
    params(("id" = i64, Path, description = "The topic's id")),
    responses((status = 200, body = Topic), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn update_topic(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    Path(id): Path<i64>,
    JsonBody(c): JsonBody<TopicChanges>,
) -> Result<Json<Topic>, AppError> {
    api.require_write()?;
    api.require(Permission::EditTopics)?;
    let t = find(&state, &api, id).await?;
    let lang = api_lang(None, &headers);
    let i18n = state.i18n.clone();
    let tenant = api.member.tenant_id();
    let form = TopicInput {
        title: c.title.unwrap_or_else(|| t.title.clone()),
        description: c.description.unwrap_or_else(|| t.description.clone()),
        prompt: c.prompt.unwrap_or_else(|| t.prompt.clone()),
        photo_idea: c.photo_idea.unwrap_or_else(|| t.photo_idea.clone()),
        category: c.category.unwrap_or_else(|| t.category.clone()),
        tags: c.tags.unwrap_or_else(|| t.tag_list()).join(", "),
    };
    let new = check_topic(&form, |k| i18n.tr(lang, k)).map_err(validation)?;
    let status = match c.status.as_deref() {
        None => None,
        Some(s) => match TopicStatus::parse(s).filter(|s| *s != TopicStatus::Merged) {
            Some(s) => Some(s),
            None => {
                return Err(validation(vec![(
                    "status",
                    i18n.tr(lang, "topic-error-status"),
                )]));
            }
        },
    };
    let target =
        match c.merge_into {
            Some(into) if into != t.id => Some(find(&state, &api, into).await.map_err(|_| {
                validation(vec![("merge_into", i18n.tr(lang, "topic-error-merge"))])
            })?),
            Some(_) => {
                return Err(validation(vec![(
                    "merge_into",
                    i18n.tr(lang, "topic-error-merge"),
                )]));
            }
            None => None,
        };
    let txn = state.db.begin().await?;
    let mut updated = db::topics::update(&txn, &t, new).await?;
    if let Some(s) = status {
        updated = db::topics::set_status(&txn, &updated, s).await?;
    }
    if let Some(into) = &target {
        db::topics::merge(&txn, tenant, &updated, into).await?;
        updated = db::topics::get(&txn, tenant, t.id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let details =
        serde_json::json!({ "title": updated.title, "status": updated.status, "via": "api" });
    db::audit::by_member(&txn, &api.member, "topic.updated", "topic", t.id, details).await?;
    txn.commit().await?;
    Ok(Json(one(&state, &api, updated).await?))
}

#[utoipa::path(delete, path = "/api/v1/topics/{id}", tag = "topics",
    params(("id" = i64, Path, description = "The topic's id")),
    responses((status = 204), (status = 404, body = super::ErrorBody)), security(("bearer" = [])))]
pub async fn delete_topic(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    api.require_write()?;
    api.require(Permission::EditTopics)?;
    let t = find(&state, &api, id).await?;
    let txn = state.db.begin().await?;
    db::topics::delete(&txn, api.member.tenant_id(), t.id).await?;
    db::audit::by_member(
        &txn,
        &api.member,
        "topic.deleted",
        "topic",
        t.id,
        serde_json::json!({ "title": t.title }),
    )
    .await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
