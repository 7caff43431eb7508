//! `/api/v1/cohorts`, `/api/v1/candidates`, `/api/v1/events`: the programme's cohorts with
//! their budget and decision, the candidates of the next round, and the events with their
//! counts; leadership records its decision on a cohort, an invited Amtfluencer answers.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{CohortDecision, Rsvp, can_decide_cohort};
use amtfluencer_domain::recruitment::{AgeFlag, age_flag};
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::db::{self, cohorts::Decision, entities::cohort};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::web::extract::Json as JsonBody;

#[derive(OpenApi)]
#[openapi(
    paths(
        list_cohorts,
        show_cohort,
        decide_cohort,
        list_candidates,
        list_events,
        answer_event
    ),
    components(schemas(Cohort, CostLine, DecisionBody, Candidate, Event, AnswerBody))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cohorts", get(list_cohorts))
        .route("/api/v1/cohorts/{id}", get(show_cohort))
        .route("/api/v1/cohorts/{id}/decision", post(decide_cohort))
        .route("/api/v1/candidates", get(list_candidates))
        .route("/api/v1/events", get(list_events))
        .route("/api/v1/events/{id}/answer", post(answer_event))
}

/// A cohort with its budget in cents and leadership's decision.
#[derive(Serialize, ToSchema)]
pub struct Cohort {
    pub id: i64,
    pub name: String,
    pub phase: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// planned, running, evaluating or closed.
    pub status: String,
    pub participants: u64,
    pub total_cents: i64,
    pub per_participant_cents: Option<i64>,
    pub evaluation_submitted_at: Option<DateTime<Utc>>,
    /// approved or declined, once decided.
    pub decision: Option<String>,
    pub decision_comment: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The cost items (only in the single cohort's answer).
    pub costs: Option<Vec<CostLine>>,
}

#[derive(Serialize, ToSchema)]
pub struct CostLine {
    pub id: i64,
    pub category: String,
    pub description: String,
    pub amount_cents: i64,
    pub spent_on: NaiveDate,
    pub note: String,
}

async fn cohort_json(
    state: &AppState,
    api: &ApiMember,
    c: cohort::Model,
) -> Result<Cohort, AppError> {
    let budget = db::costs::budget(&state.db, api.member.tenant_id(), c.id).await?;
    Ok(Cohort {
        id: c.id,
        name: c.name,
        phase: c.phase,
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        status: c.status,
        participants: budget.participants,
        total_cents: budget.total_cents,
        per_participant_cents: budget.per_participant_cents,
        evaluation_submitted_at: c.evaluation_submitted_at,
        decision: c.decision,
        decision_comment: c.decision_comment,
        decided_at: c.decided_at,
        costs: None,
    })
}

#[utoipa::path(get, path = "/api/v1/cohorts", tag = "programme",
    responses((status = 200, body = Vec<Cohort>), (status = 403, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_cohorts(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Vec<Cohort>>, AppError> {
    api.require(Permission::ViewAggregates)?;
    let mut out = Vec::new();
    for c in db::cohorts::list(&state.db, api.member.tenant_id()).await? {
        out.push(cohort_json(&state, &api, c).await?);
    }
    Ok(Json(out))
}

async fn find(state: &AppState, api: &ApiMember, id: i64) -> Result<cohort::Model, AppError> {
    db::cohorts::get(&state.db, api.member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

#[utoipa::path(get, path = "/api/v1/cohorts/{id}", tag = "programme",
    params(("id" = i64, Path, description = "The cohort's id")),
    responses((status = 200, body = Cohort), (status = 404, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show_cohort(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
) -> Result<Json<Cohort>, AppError> {
    api.require(Permission::ViewAggregates)?;
    let c = find(&state, &api, id).await?;
    let items = db::costs::list_for_cohort(&state.db, api.member.tenant_id(), c.id).await?;
    let mut out = cohort_json(&state, &api, c).await?;
    out.costs = Some(
        items
            .into_iter()
            .map(|i| CostLine {
                id: i.id,
                category: i.category,
                description: i.description,
                amount_cents: i.amount_cents,
                spent_on: i.spent_on,
                note: i.note,
            })
            .collect(),
    );
    Ok(Json(out))
}

/// Leadership's decision on the continuation.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// approved or declined.
    pub decision: String,
    /// The reasons, 1 to 4000 characters.
    pub comment: String,
}

fn invalid(field: &str, detail: &str) -> AppError {
    AppError::Validation(vec![FieldError {
        field: Some(field.to_owned()),
        detail: detail.to_owned(),
    }])
}

#[utoipa::path(post, path = "/api/v1/cohorts/{id}/decision", tag = "programme",
    params(("id" = i64, Path, description = "The cohort's id")), request_body = DecisionBody,
    responses((status = 200, body = Cohort), (status = 403, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn decide_cohort(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<DecisionBody>,
) -> Result<Json<Cohort>, AppError> {
    api.require(Permission::DecideCohort)?;
    api.require_write()?;
    let c = find(&state, &api, id).await?;
    let refused = || AppError::Conflict("no evaluation submitted, or already decided".into());
    if !can_decide_cohort(c.evaluation_submitted_at.is_some(), c.decision.is_some()) {
        return Err(refused());
    }
    let decision: CohortDecision = body
        .decision
        .parse()
        .map_err(|_| invalid("decision", "must be approved or declined"))?;
    let comment = body.comment.trim().to_owned();
    if comment.is_empty() || comment.chars().count() > 4000 {
        return Err(invalid("comment", "must be 1 to 4000 characters"));
    }
    let d = Decision {
        decision,
        comment,
        decided_by: api.member.user.id,
        decided_at: db::now(),
    };
    let txn = state.db.begin().await?;
    if !db::cohorts::decide(&txn, api.member.tenant_id(), c.id, d).await? {
        return Err(refused());
    }
    let details = serde_json::json!({ "decision": decision.as_str(), "via": "api" });
    db::audit::by_member(&txn, &api.member, "cohort.decided", "cohort", c.id, details).await?;
    txn.commit().await?;
    show_cohort(State(state), api, Path(id)).await
}

/// A candidate for the next round (the team's note is not part of the API).
#[derive(Serialize, ToSchema)]
pub struct Candidate {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub department: String,
    pub job_title: String,
    pub track: String,
    /// interested, invited, attended, applied, selected or declined.
    pub status: String,
    pub self_nominated: bool,
    /// An apprentice under 18: consents need a guardian.
    pub needs_guardian: bool,
}

#[utoipa::path(get, path = "/api/v1/candidates", tag = "programme",
    responses((status = 200, body = Vec<Candidate>), (status = 403, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_candidates(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Vec<Candidate>>, AppError> {
    api.require(Permission::ManageProgramme)?;
    let year = chrono::Datelike::year(&db::now().date_naive());
    let list = db::candidates::list(&state.db, api.member.tenant_id(), Default::default()).await?;
    Ok(Json(
        list.into_iter()
            .map(|c| Candidate {
                needs_guardian: age_flag(c.birth_year, year) == AgeFlag::MayBeMinor,
                id: c.id,
                first_name: c.first_name,
                last_name: c.last_name,
                email: c.email,
                department: c.department,
                job_title: c.job_title,
                track: c.track,
                status: c.status,
                self_nominated: c.self_nominated,
            })
            .collect(),
    ))
}

/// An event with its counts (the team and leadership), or with the caller's own answer.
#[derive(Serialize, ToSchema)]
pub struct Event {
    pub id: i64,
    /// info_event, kickoff_photo, kickoff_text, webinar or network_meeting.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub video_url: Option<String>,
    pub capacity: Option<i32>,
    pub cancelled: bool,
    pub invited: Option<u64>,
    pub accepted: Option<u64>,
    pub declined: Option<u64>,
    pub attended: Option<u64>,
    /// yes, no or null (no answer yet): the caller's own answer, for an invited Amtfluencer.
    pub my_answer: Option<String>,
}

fn event_json(e: crate::db::entities::event::Model) -> Event {
    Event {
        id: e.id,
        kind: e.kind,
        title: e.title,
        description: e.description,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        location: e.location,
        video_url: e.video_url,
        capacity: e.capacity,
        cancelled: e.cancelled_at.is_some(),
        invited: None,
        accepted: None,
        declined: None,
        attended: None,
        my_answer: None,
    }
}

#[utoipa::path(get, path = "/api/v1/events", tag = "programme",
    responses((status = 200, body = Vec<Event>), (status = 401, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_events(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Vec<Event>>, AppError> {
    let tenant = api.member.tenant_id();
    if api.member.can(Permission::ViewAggregates) {
        let list = db::events::list(&state.db, tenant).await?;
        return Ok(Json(
            list.into_iter()
                .map(|(e, c)| Event {
                    invited: Some(c.invited),
                    accepted: Some(c.yes),
                    declined: Some(c.no),
                    attended: Some(c.attended),
                    ..event_json(e)
                })
                .collect(),
        ));
    }
    api.require(Permission::EditOwnProfile)?;
    let me = db::ambassadors::of_user(&state.db, tenant, api.member.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let list = db::events::all_for(&state.db, tenant, me.id).await?;
    Ok(Json(
        list.into_iter()
            .map(|(e, a)| Event {
                my_answer: a.rsvp,
                ..event_json(e)
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// yes or no.
    pub answer: String,
}

#[utoipa::path(post, path = "/api/v1/events/{id}/answer", tag = "programme",
    params(("id" = i64, Path, description = "The event's id")), request_body = AnswerBody,
    responses((status = 200, body = Event), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn answer_event(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<AnswerBody>,
) -> Result<Json<Event>, AppError> {
    api.require(Permission::EditOwnProfile)?;
    api.require_write()?;
    let tenant = api.member.tenant_id();
    let rsvp: Rsvp = body
        .answer
        .parse()
        .map_err(|_| invalid("answer", "must be yes or no"))?;
    let me = db::ambassadors::of_user(&state.db, tenant, api.member.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = db::events::get(&state.db, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let inv = db::events::invitation_of(&state.db, tenant, e.id, me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if e.cancelled_at.is_some() || e.ends_at < db::now() {
        return Err(AppError::Conflict("the event is over or cancelled".into()));
    }
    db::events::set_rsvp(&state.db, tenant, inv.id, rsvp).await?;
    Ok(Json(Event {
        my_answer: Some(rsvp.as_str().to_owned()),
        ..event_json(e)
    }))
}
