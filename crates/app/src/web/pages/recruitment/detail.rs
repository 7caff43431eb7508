//! One candidate, for the programme team: the data, the nominations, the status along the
//! pipeline and the team-only note.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::CandidateStatus;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{gender_label, minor_text, status_label, track_label};
use crate::db::{self, entities::candidate};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::transition::{StatusForm, requested};

const NOTE_MAX: usize = 2000;

#[derive(Deserialize)]
pub struct CandidatePath {
    slug: String,
    id: i64,
}

pub struct NominationLine {
    pub by: String,
    pub date: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "recruitment/detail.html")]
struct CandidatePage {
    ctx: PageCtx,
    base: String,
    list: String,
    c: candidate::Model,
    status: String,
    track: String,
    gender: String,
    minor: String,
    flagged: bool,
    cohort: String,
    nominations: Vec<NominationLine>,
    next_statuses: Vec<(&'static str, String)>,
    extras: Extras,
}

/// What the page shows besides the stored candidate.
#[derive(Default)]
struct Extras {
    /// The note as typed, when it could not be saved; else the stored one.
    note: Option<String>,
    note_error: Option<String>,
    delete_error: Option<String>,
    notice: Option<String>,
}

impl CandidatePage {
    fn note(&self) -> &str {
        self.extras.note.as_deref().unwrap_or(&self.c.team_note)
    }
}

async fn find(state: &AppState, member: &Member, id: i64) -> Result<candidate::Model, AppError> {
    db::candidates::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    c: candidate::Model,
    extras: Extras,
) -> Result<Response, AppError> {
    let tid = member.tenant_id();
    let date_format = if ctx.lang == Lang::De {
        "%d.%m.%Y"
    } else {
        "%Y-%m-%d"
    };
    let nominations = db::candidates::nominations(&state.db, tid, c.id)
        .await?
        .into_iter()
        .map(|n| NominationLine {
            by: match n.nominated_by {
                Some(name) => name,
                None if c.self_nominated => ctx.t("recruitment-nominated-by-self"),
                None => ctx.t("recruitment-nominated-by-unknown"),
            },
            date: ctx.t1(
                "recruitment-nominated-on",
                "date",
                &n.created_at.format(date_format).to_string(),
            ),
            reason: n.reason,
        })
        .collect();
    let cohort = match c.cohort_id {
        Some(id) => db::candidates::cohort_name(&state.db, tid, id).await?,
        None => None,
    }
    .unwrap_or_else(|| ctx.t("recruitment-cohort-none"));
    let current = c.status.parse::<CandidateStatus>().ok();
    let next_statuses = CandidateStatus::ALL
        .iter()
        .filter(|s| current.is_some_and(|c| c.can_become(**s)))
        .map(|s| (s.as_str(), status_label(&ctx, s.as_str())))
        .collect();
    let (minor, flagged) = minor_text(&ctx, c.birth_year);
    let status_code = if extras.note_error.is_some() || extras.delete_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = page(&CandidatePage {
        base: format!("/t/{}/recruitment/{}", member.tenant.slug, c.id),
        list: format!("/t/{}/recruitment", member.tenant.slug),
        status: status_label(&ctx, &c.status),
        track: track_label(&ctx, &c.track),
        gender: c
            .gender
            .as_deref()
            .map_or_else(|| ctx.t("recruitment-not-given"), |g| gender_label(&ctx, g)),
        minor,
        flagged,
        cohort,
        nominations,
        next_statuses,
        extras,
        ctx: ctx.for_member(member),
        c,
    });
    *res.status_mut() = status_code;
    Ok(res)
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn show_candidate(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CandidatePath>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let notice = match q.done.as_deref() {
        Some("nominated") => Some(ctx.t("recruitment-nominated")),
        Some("existing") => Some(ctx.t("recruitment-nominate-existing")),
        Some("status") => Some(ctx.t("recruitment-status-saved")),
        Some("note") => Some(ctx.t("recruitment-note-saved")),
        _ => None,
    };
    render(
        &state,
        ctx,
        &member,
        c,
        Extras {
            notice,
            ..Default::default()
        },
    )
    .await
}

pub async fn change_status(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<CandidatePath>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let (from, to) = requested(&c.status, &form, CandidateStatus::can_become, || {
        AppError::Conflict("this status change is not allowed".into())
    })?;
    let tid = member.tenant_id();
    if !db::candidates::set_status(&state.db, tid, c.id, from, to).await? {
        return Err(AppError::Conflict(
            "the status was changed meanwhile".into(),
        ));
    }
    audit(
        &state,
        &member,
        c.id,
        "candidate.status_changed",
        serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
    )
    .await?;
    let to = format!("/t/{}/recruitment/{}?done=status", p.slug, c.id);
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoteForm {
    note: String,
}

pub async fn update_note(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CandidatePath>,
    Form(form): Form<NoteForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let note = form.note.trim().to_owned();
    if note.chars().count() > NOTE_MAX {
        let extras = Extras {
            note_error: Some(ctx.t("recruitment-note-error")),
            note: Some(form.note),
            ..Default::default()
        };
        return render(&state, ctx, &member, c, extras).await;
    }
    db::candidates::set_note(&state.db, member.tenant_id(), c.id, &note).await?;
    // The note itself never goes to the audit log: the staff council reads the log.
    audit(
        &state,
        &member,
        c.id,
        "candidate.note_changed",
        serde_json::json!({}),
    )
    .await?;
    let to = format!("/t/{}/recruitment/{}?done=note", p.slug, c.id);
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    confirm: Option<String>,
}

/// Deletes a candidate with their nominations, e.g. after they withdrew their agreement; the
/// audit log keeps only that (and by whom) it happened.
pub async fn delete_candidate(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CandidatePath>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    if form.confirm.is_none() {
        let extras = Extras {
            delete_error: Some(ctx.t("recruitment-delete-confirm-error")),
            ..Default::default()
        };
        return render(&state, ctx, &member, c, extras).await;
    }
    db::candidates::delete(&state.db, member.tenant_id(), c.id).await?;
    audit(
        &state,
        &member,
        c.id,
        "candidate.deleted",
        serde_json::json!({}),
    )
    .await?;
    Ok(Redirect::to(&format!("/t/{}/recruitment?done=deleted", p.slug)).into_response())
}

async fn audit(
    state: &AppState,
    member: &Member,
    id: i64,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    Ok(db::audit::by_member(&state.db, member, action, "candidate", id, details).await?)
}
