//! An Amtfluencer's own profile: the next onboarding step, the personal goal, a pause
//! ("Landunter") until a date, the short bio, "ask me about", and the public-profile opt-in.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use serde::Deserialize;

use super::{CheckLine, check_lines};
use crate::db::{self, entities::ambassador};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(Deserialize, Clone, Default)]
pub struct ProfileForm {
    monthly_goal: String,
    paused_until: String,
    bio: String,
    ask_me_about: String,
    #[serde(default)]
    public_profile: Option<String>,
}

#[derive(Template)]
#[template(path = "people/me.html")]
struct ProfilePage {
    ctx: PageCtx,
    base: String,
    person: ambassador::Model,
    next_step: Option<String>,
    checklist: Vec<CheckLine>,
    form: ProfileForm,
    errors: Vec<(&'static str, String)>,
    saved: bool,
}

impl ProfilePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn own(state: &AppState, member: &Member) -> Result<ambassador::Model, AppError> {
    member.require(Permission::EditOwnProfile)?;
    db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .ok_or(AppError::NotFound)
}

fn form_of(p: &ambassador::Model) -> ProfileForm {
    let topics: Vec<String> = serde_json::from_str(&p.ask_me_about).unwrap_or_default();
    ProfileForm {
        monthly_goal: p.monthly_goal.to_string(),
        paused_until: p.paused_until.map(|d| d.to_string()).unwrap_or_default(),
        bio: p.bio.clone(),
        ask_me_about: topics.join(", "),
        public_profile: p.public_profile.then(|| "on".to_owned()),
    }
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    person: ambassador::Model,
    form: ProfileForm,
    errors: Vec<(&'static str, String)>,
    saved: bool,
) -> Result<Response, AppError> {
    let facts = db::ambassadors::onboarding_facts(&state.db, member.tenant_id(), &person).await?;
    let next_step = amtfluencer_domain::onboarding::next_step(&facts).map(|s| ctx.t(s.key()));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = page(&ProfilePage {
        base: format!("/t/{}/me", member.tenant.slug),
        checklist: check_lines(&ctx, &facts),
        ctx: ctx.for_member(member),
        person,
        next_step,
        form,
        errors,
        saved,
    });
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn show_profile(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    axum::extract::Query(q): axum::extract::Query<Saved>,
) -> Result<Response, AppError> {
    let person = own(&state, &member).await?;
    let form = form_of(&person);
    render(
        &state,
        ctx,
        &member,
        person,
        form,
        Vec::new(),
        q.saved.is_some(),
    )
    .await
}

pub async fn update_profile(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<ProfileForm>,
) -> Result<Response, AppError> {
    let person = own(&state, &member).await?;
    let mut errors = Vec::new();
    let goal = super::detail::goal(&form.monthly_goal)
        .ok_or(())
        .map_err(|()| errors.push(("monthly_goal", ctx.t("people-error-goal"))));
    let today = db::now().date_naive();
    let pause = match form.paused_until.trim() {
        "" => Ok(None),
        d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .ok()
            .filter(|d| *d > today)
            .map(Some)
            .ok_or(())
            .map_err(|()| errors.push(("paused_until", ctx.t("people-error-pause")))),
    };
    if form.bio.chars().count() > 600 {
        errors.push(("bio", ctx.t("people-error-bio")));
    }
    let topics: Vec<String> = form
        .ask_me_about
        .split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if topics.len() > 5 || topics.iter().any(|t| t.chars().count() > 60) {
        errors.push(("ask_me_about", ctx.t("people-error-topics")));
    }
    let (Ok(goal), Ok(pause), true) = (goal, pause, errors.is_empty()) else {
        return render(&state, ctx, &member, person, form, errors, false).await;
    };
    let public = form.public_profile.is_some();
    let was_public = person.public_profile;
    let was_paused = person.status == "paused";
    let id = person.id;
    let mut am = db::ambassadors::edit(person);
    am.monthly_goal = Set(goal);
    am.paused_until = Set(pause);
    am.bio = Set(form.bio.trim().to_owned());
    am.ask_me_about = Set(serde_json::to_string(&topics).map_err(anyhow::Error::from)?);
    am.public_profile = Set(public);
    // "Landunter": a pause date pauses an active person, clearing it brings them back.
    if pause.is_some() && !was_paused {
        am.status = Set("paused".to_owned());
    } else if pause.is_none() && was_paused {
        am.status = Set("active".to_owned());
    }
    db::ambassadors::save(&state.db, am).await?;
    if public != was_public {
        db::ambassadors::set_consent(&state.db, member.tenant_id(), id, "public_profile", public)
            .await?;
        db::audit::record(
            &state.db,
            Some(member.tenant_id()),
            db::audit::Entry {
                actor_user_id: Some(member.user.id),
                action: if public {
                    "consent.given"
                } else {
                    "consent.withdrawn"
                },
                object_type: "ambassador",
                object_id: Some(id.to_string()),
                details: serde_json::json!({ "kind": "public_profile" }),
            },
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/t/{}/me?saved=1", member.tenant.slug)).into_response())
}
