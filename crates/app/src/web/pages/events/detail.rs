//! One event: its details for everyone who may see it, the own answer for an invited
//! Amtfluencer, and for the team the invitations, the attendance list and the invitation form.

use std::collections::HashSet;

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{AmbassadorStatus, CandidateStatus, EventKind, Rsvp};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{
    Access, EventPath, find_for_team, find_visible, ics_file, kind_label, rsvp_label, when, zone,
};
use crate::db::{self, events::Guest};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// Notes after a redirect: how many invitations went out, whether attendance was saved.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Flash {
    invited: Option<u32>,
    invite: Option<String>,
    saved: Option<String>,
}

pub struct InviteeRow {
    pub invitation_id: i64,
    pub name: String,
    pub group: String,
    pub answer: String,
    pub attended: bool,
    pub has_email: bool,
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "events/detail.html")]
struct EventPage {
    ctx: PageCtx,
    base: String,
    title: String,
    kind: String,
    when: String,
    location: String,
    video_url: Option<String>,
    seats: Option<String>,
    cohort: Option<String>,
    paragraphs: Vec<String>,
    cancelled: bool,
    is_past: bool,
    access_team: bool,
    access_guest: bool,
    counts_text: String,
    own_answer: Option<String>,
    own_rsvp: Option<String>,
    invitees: Vec<InviteeRow>,
    /// Who could still be invited, by group; groups without anyone left are not shown.
    invite_groups: Vec<(String, Vec<Choice>)>,
    flash_invited: Option<String>,
    flash_none: bool,
    flash_saved: bool,
}

pub async fn show_event(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<EventPath>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let (e, access) = find_visible(&state, &member, p.id).await?;
    let tenant = member.tenant_id();
    let invitees = db::events::invitees(&state.db, tenant, e.id).await?;
    let counts = db::events::counts(&invitees);
    let own = match access {
        Access::Guest { ambassador_id } => invitees
            .iter()
            .find(|i| i.guest == Guest::Ambassador(ambassador_id))
            .map(|i| i.invitation.rsvp.clone()),
        _ => None,
    };
    let mut rows = Vec::new();
    let mut choices = (Vec::new(), Vec::new());
    if access == Access::Team {
        let invited: HashSet<Guest> = invitees.iter().map(|i| i.guest).collect();
        rows = invitees
            .iter()
            .map(|i| InviteeRow {
                invitation_id: i.invitation.id,
                name: format!("{} {}", i.first_name, i.last_name),
                group: ctx.t(match i.guest {
                    Guest::Ambassador(_) => "event-group-ambassador",
                    Guest::Candidate(_) => "event-group-candidate",
                }),
                answer: rsvp_label(&ctx, i.invitation.rsvp.as_deref()),
                attended: i.invitation.attended,
                has_email: i.email.is_some(),
            })
            .collect();
        choices = invite_choices(&state, &member, &ctx, &invited).await?;
    }
    let cohort = match e.cohort_id {
        Some(id) => db::cohorts::get(&state.db, tenant, id)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let flash_invited = flash
        .invited
        .map(|n| ctx.t1("event-invited-flash", "count", &n.to_string()));
    let seats = e.capacity.map(|c| {
        let left = i64::from(c) - i64::try_from(counts.yes).unwrap_or(i64::MAX);
        let c = c.to_string();
        if left > 0 {
            let args = [("left", left.to_string()), ("capacity", c)];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            ctx.i18n.tr_args(ctx.lang, "event-seats-left", &args)
        } else {
            ctx.t1("event-full", "capacity", &c)
        }
    });
    let counts_text = {
        let n = [counts.invited, counts.yes, counts.no, counts.attended].map(|v| v.to_string());
        let args = [
            ("invited", n[0].as_str()),
            ("yes", n[1].as_str()),
            ("no", n[2].as_str()),
            ("attended", n[3].as_str()),
        ];
        ctx.i18n.tr_args(ctx.lang, "event-counts", &args)
    };
    let invite_groups = [
        (ctx.t("event-invite-ambassadors"), choices.0),
        (ctx.t("event-invite-candidates"), choices.1),
    ]
    .into_iter()
    .filter(|(_, c)| !c.is_empty())
    .collect();
    Ok(page(&EventPage {
        base: format!("/t/{}/events/{}", p.slug, e.id),
        title: e.title.clone(),
        kind: kind_label(&ctx, &e.kind),
        when: when(&ctx, zone(&member), &e),
        location: e.location.clone(),
        video_url: e.video_url.clone(),
        seats,
        cohort,
        paragraphs: e
            .description
            .split("\n\n")
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect(),
        cancelled: e.cancelled_at.is_some(),
        is_past: e.ends_at < db::now(),
        access_team: access == Access::Team,
        access_guest: matches!(access, Access::Guest { .. }),
        counts_text,
        own_answer: own.as_ref().map(|r| rsvp_label(&ctx, r.as_deref())),
        own_rsvp: own.flatten(),
        invitees: rows,
        invite_groups,
        flash_invited,
        flash_none: flash.invite.as_deref() == Some("none"),
        flash_saved: flash.saved.is_some(),
        ctx: ctx.for_member(&member),
    }))
}

/// People who could still be invited: active Amtfluencer (not alumni) and open candidates.
async fn invite_choices(
    state: &AppState,
    member: &Member,
    ctx: &PageCtx,
    invited: &HashSet<Guest>,
) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    let tenant = member.tenant_id();
    let no_email = ctx.t("event-invite-no-email");
    let label = |first: &str, last: &str, detail: &str, email: bool| {
        let mut l = format!("{first} {last} ({detail})");
        if !email {
            l.push_str(&format!(" – {no_email}"));
        }
        l
    };
    let ambassadors = db::ambassadors::list(&state.db, tenant)
        .await?
        .into_iter()
        .filter(|a| a.status != AmbassadorStatus::Alumni.as_str())
        .filter(|a| !invited.contains(&Guest::Ambassador(a.id)))
        .map(|a| Choice {
            value: format!("a:{}", a.id),
            label: label(
                &a.first_name,
                &a.last_name,
                &a.department,
                a.email.is_some(),
            ),
        })
        .collect();
    let candidates = db::candidates::list(&state.db, tenant, Default::default())
        .await?
        .into_iter()
        .filter(|c| {
            c.status
                .parse::<CandidateStatus>()
                .is_ok_and(CandidateStatus::is_open)
        })
        .filter(|c| !invited.contains(&Guest::Candidate(c.id)))
        .map(|c| Choice {
            value: format!("c:{}", c.id),
            label: label(
                &c.first_name,
                &c.last_name,
                &c.department,
                c.email.is_some(),
            ),
        })
        .collect();
    Ok((ambassadors, candidates))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    answer: String,
}

/// An invited Amtfluencer answers in the app.
pub async fn answer_invitation(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<EventPath>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let (e, access) = find_visible(&state, &member, p.id).await?;
    let Access::Guest { ambassador_id } = access else {
        return Err(AppError::NotFound);
    };
    let rsvp: Rsvp = form
        .answer
        .parse()
        .map_err(|_| AppError::BadRequest("answer must be yes or no".into()))?;
    if e.cancelled_at.is_some() || e.ends_at < db::now() {
        return Err(AppError::Conflict("the event is over or cancelled".into()));
    }
    let tenant = member.tenant_id();
    let inv = db::events::invitation_of(&state.db, tenant, e.id, ambassador_id)
        .await?
        .ok_or(AppError::NotFound)?;
    db::events::set_rsvp(&state.db, tenant, inv.id, rsvp).await?;
    Ok(Redirect::to(&format!("/t/{}/events/{}", p.slug, e.id)).into_response())
}

/// The team records who came: ticked invitations attended, the others did not.
pub async fn record_attendance(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<EventPath>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let e = find_for_team(&state, &member, p.id).await?;
    member.require(Permission::ManageProgramme)?;
    let present: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "present")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let tenant = member.tenant_id();
    let txn = state.db.begin().await?;
    let changed = db::events::record_attendance(&txn, tenant, e.id, &present).await?;
    if e.kind == EventKind::InfoEvent.as_str() {
        // Attending the info event is a step of the recruitment.
        for c in changed.iter().filter(|c| c.attended) {
            if let Some(id) = c.candidate_id {
                db::candidates::set_status(
                    &txn,
                    tenant,
                    id,
                    CandidateStatus::Invited,
                    CandidateStatus::Attended,
                )
                .await?;
            }
        }
    }
    let details = serde_json::json!({
        "present": present.len(),
        "changed": changed.len(),
    });
    db::audit::by_member(&txn, &member, "event.attendance", "event", e.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/events/{}?saved=1#attendance-h",
        p.slug, e.id
    ))
    .into_response())
}

/// The event as a calendar file.
pub async fn download_ics(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<EventPath>,
) -> Result<Response, AppError> {
    let (e, _) = find_visible(&state, &member, p.id).await?;
    let body = ics_file(&state.config.base_url, &p.slug, &e);
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"termin.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}
