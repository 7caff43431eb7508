//! One person, for the programme team: data, onboarding checklist, changes and status.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{AmbassadorStatus, Track};
use amtfluencer_domain::types::{LinkedInUrl, required_text};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::ActiveValue::Set;
use serde::Deserialize;

use super::{CheckLine, check_lines, status_label, track_label};
use crate::db::{self, entities::ambassador};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::transition::{StatusForm, requested};

#[derive(Deserialize)]
pub struct PersonPath {
    slug: String,
    id: i64,
}

#[derive(Deserialize, Clone, Default)]
pub struct PersonForm {
    department: String,
    job_title: String,
    track: String,
    linkedin_url: String,
    monthly_goal: String,
}

#[derive(Template)]
#[template(path = "people/detail.html")]
struct PersonPage {
    ctx: PageCtx,
    base: String,
    person: ambassador::Model,
    status: String,
    track: String,
    checklist: Vec<CheckLine>,
    next_statuses: Vec<(&'static str, String)>,
    tracks: Vec<(&'static str, String)>,
    form: PersonForm,
    errors: Vec<(&'static str, String)>,
}

impl PersonPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    person: ambassador::Model,
    form: PersonForm,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let facts = db::ambassadors::onboarding_facts(&state.db, member.tenant_id(), &person).await?;
    let current: AmbassadorStatus = person.status.parse().unwrap_or(AmbassadorStatus::Active);
    let next_statuses = AmbassadorStatus::ALL
        .iter()
        .filter(|s| current.can_become(**s))
        .map(|s| (s.as_str(), status_label(&ctx, s.as_str())))
        .collect();
    let tracks = Track::ALL
        .iter()
        .map(|t| (t.as_str(), track_label(&ctx, t.as_str())))
        .collect();
    let status_code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = page(&PersonPage {
        base: format!("/t/{}/people/{}", member.tenant.slug, person.id),
        status: status_label(&ctx, &person.status),
        track: track_label(&ctx, &person.track),
        checklist: check_lines(&ctx, &facts),
        ctx: ctx.for_member(member),
        person,
        next_statuses,
        tracks,
        form,
        errors,
    });
    *res.status_mut() = status_code;
    Ok(res)
}

async fn find(state: &AppState, member: &Member, id: i64) -> Result<ambassador::Model, AppError> {
    db::ambassadors::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show_person(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PersonPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewPeople)?;
    let person = find(&state, &member, p.id).await?;
    let form = PersonForm {
        department: person.department.clone(),
        job_title: person.job_title.clone(),
        track: person.track.clone(),
        linkedin_url: person.linkedin_url.clone().unwrap_or_default(),
        monthly_goal: person.monthly_goal.to_string(),
    };
    render(&state, ctx, &member, person, form, Vec::new()).await
}

pub async fn update_person(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PersonPath>,
    Form(form): Form<PersonForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let person = find(&state, &member, p.id).await?;
    let mut errors = Vec::new();
    let department = required_text(&form.department, 120)
        .map_err(|_| errors.push(("department", ctx.t("people-error-required"))));
    let job_title = required_text(&form.job_title, 120)
        .map_err(|_| errors.push(("job_title", ctx.t("people-error-required"))));
    let track = form
        .track
        .parse::<Track>()
        .map_err(|_| errors.push(("track", ctx.t("people-error-track"))));
    let linkedin = match form.linkedin_url.trim() {
        "" => Ok(None),
        url => LinkedInUrl::parse(url)
            .map(|u| Some(u.as_str().to_owned()))
            .map_err(|_| errors.push(("linkedin_url", ctx.t("people-error-linkedin")))),
    };
    let goal = goal(&form.monthly_goal)
        .ok_or(())
        .map_err(|()| errors.push(("monthly_goal", ctx.t("people-error-goal"))));
    let (Ok(department), Ok(job_title), Ok(track), Ok(linkedin), Ok(goal)) =
        (department, job_title, track, linkedin, goal)
    else {
        return render(&state, ctx, &member, person, form, errors).await;
    };
    let mut am = db::ambassadors::edit(person);
    am.department = Set(department);
    am.job_title = Set(job_title);
    am.track = Set(track.as_str().to_owned());
    am.linkedin_url = Set(linkedin);
    am.monthly_goal = Set(goal);
    let saved = db::ambassadors::save(&state.db, am).await?;
    audit(
        &state,
        &member,
        saved.id,
        "person.updated",
        serde_json::json!({}),
    )
    .await?;
    Ok(Redirect::to(&format!("/t/{}/people/{}", p.slug, p.id)).into_response())
}

/// A monthly orientation goal: 0 to 10 posts.
pub fn goal(text: &str) -> Option<i32> {
    text.trim().parse().ok().filter(|g| (0..=10).contains(g))
}

pub async fn change_status(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<PersonPath>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let person = find(&state, &member, p.id).await?;
    let (from, to) = requested(&person.status, &form, AmbassadorStatus::can_become, || {
        AppError::Conflict("this status change is not allowed".into())
    })?;
    let mut am = db::ambassadors::edit(person);
    am.status = Set(to.as_str().to_owned());
    if to != AmbassadorStatus::Paused {
        am.paused_until = Set(None);
    }
    db::ambassadors::save(&state.db, am).await?;
    audit(
        &state,
        &member,
        p.id,
        "person.status_changed",
        serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
    )
    .await?;
    Ok(Redirect::to(&format!("/t/{}/people/{}", p.slug, p.id)).into_response())
}

async fn audit(
    state: &AppState,
    member: &Member,
    id: i64,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    Ok(db::audit::by_member(&state.db, member, action, "ambassador", id, details).await?)
}
