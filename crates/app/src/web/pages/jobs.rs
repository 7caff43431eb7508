//! The programme team's view of background jobs that gave up, with a retry.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/jobs", get(list_dead_jobs))
        .route("/t/{slug}/jobs/{id}/retry", post(retry_job))
}

pub struct DeadJob {
    pub id: i64,
    pub kind: String,
    pub attempts: i32,
    pub error: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "jobs/dead.html")]
struct DeadJobsPage {
    ctx: PageCtx,
    base: String,
    jobs: Vec<DeadJob>,
    retried: bool,
}

#[derive(Deserialize)]
struct Flash {
    retried: Option<String>,
}

async fn list_dead_jobs(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageJobs)?;
    let jobs = db::jobs::list_dead_for(&state.db, member.tenant_id(), 200)
        .await?
        .into_iter()
        .map(|j| DeadJob {
            id: j.id,
            kind: j.kind,
            attempts: j.attempts,
            error: j.last_error.unwrap_or_default(),
            since: j.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect();
    let base = format!("/t/{}/jobs", member.tenant.slug);
    let ctx = ctx.for_member(&member);
    Ok(page(&DeadJobsPage {
        ctx,
        base,
        jobs,
        retried: flash.retried.is_some(),
    }))
}

#[derive(Deserialize)]
struct JobPath {
    slug: String,
    id: i64,
}

async fn retry_job(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<JobPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageJobs)?;
    if !db::jobs::retry_dead_for(&state.db, member.tenant_id(), p.id).await? {
        return Err(AppError::NotFound);
    }
    db::audit::record(
        &state.db,
        Some(member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action: "job.retried",
            object_type: "job",
            object_id: Some(p.id.to_string()),
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/t/{}/jobs?retried=1", p.slug)).into_response())
}
