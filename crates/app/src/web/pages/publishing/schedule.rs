//! Scheduling one's own post: the time in the authority's zone, the connection and the
//! network's length limit checked first, and a confirmation for times outside the authority's
//! working time or inside one of its blackout periods (allowed, never suggested). Only the
//! author schedules: nothing is posted that they did not plan themself.

use amtfluencer_domain::calendar::{NotWorkingReason, PlannedPost, ScheduleWarning, check_planned};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use sea_orm::TransactionTrait;

use super::posts::{PostPath, ScheduleForm, own_post, render_post};
use crate::channels::limits::check_length;
use crate::db::{self, connections, entities::planned_post, publishing::kind};
use crate::error::AppError;
use crate::jobs::publishing::{PublishJob, enqueue_publish};
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::cohorts::parse_day;

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(&text.trim().replace('.', ":"), "%H:%M").ok()
}

/// The instant typed, to the minute, or the fields' mistakes.
fn instant(
    ctx: &PageCtx,
    member: &Member,
    form: &ScheduleForm,
) -> Result<DateTime<Utc>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let date = parse_day(&form.date);
    if date.is_none() {
        errors.add("date", ctx.t("schedule-error-date"));
    }
    let time = parse_time(&form.time);
    if time.is_none() {
        errors.add("time", ctx.t("schedule-error-time"));
    }
    let (Some(date), Some(time)) = (date, time) else {
        return Err(errors);
    };
    let tz = localtime::zone(&member.tenant.time_zone);
    let Ok(at) = localtime::from_local(tz, date, time) else {
        errors.add("time", ctx.t("schedule-error-time"));
        return Err(errors);
    };
    if at < db::now() - TimeDelta::minutes(1) {
        errors.add("date", ctx.t("schedule-error-past"));
        return Err(errors);
    }
    Ok(at)
}

/// What speaks against a time: weekend, holiday, closure day, blackout or outside core hours,
/// by the authority's stored rules and blackout periods.
async fn working_time_warnings(
    state: &AppState,
    member: &Member,
    at: DateTime<Utc>,
    topic: Option<i64>,
) -> Result<Vec<ScheduleWarning>, AppError> {
    let rules = db::calendar::settings::rules(&state.db, &member.tenant).await?;
    let tz = localtime::zone(&member.tenant.time_zone);
    let post = PlannedPost { at, topic };
    Ok(
        check_planned(&rules, &tz, &post, None, &[], TimeDelta::zero())
            .into_iter()
            .filter(|w| {
                matches!(
                    w,
                    ScheduleWarning::NotWorkingDay(_) | ScheduleWarning::OutsideCoreHours { .. }
                )
            })
            .collect(),
    )
}

/// A warning's code for the audit log.
fn warning_code(w: &ScheduleWarning) -> &'static str {
    match w {
        ScheduleWarning::NotWorkingDay(NotWorkingReason::Weekend(_)) => "weekend",
        ScheduleWarning::NotWorkingDay(NotWorkingReason::Holiday(_)) => "holiday",
        ScheduleWarning::NotWorkingDay(NotWorkingReason::Closure { .. }) => "closure",
        ScheduleWarning::NotWorkingDay(NotWorkingReason::Blackout { .. }) => "blackout",
        ScheduleWarning::NotWorkingDay(NotWorkingReason::UnknownYear { .. }) => "unknown_year",
        _ => "outside_core_hours",
    }
}

/// Why a time was not kept, shown on the post's page with the form as typed.
enum Refusal {
    Fields(FieldErrors),
    Problem(String),
    /// Outside working time and not confirmed.
    Warnings(Vec<String>),
}

impl Refusal {
    fn field(field: &'static str, message: String) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        Self::Fields(errors)
    }

    fn render(
        self,
        ctx: PageCtx,
        member: &Member,
        post: planned_post::Model,
        form: ScheduleForm,
    ) -> Response {
        let (errors, warnings, problem) = match self {
            Self::Fields(e) => (e, Vec::new(), None),
            Self::Problem(p) => (FieldErrors::default(), Vec::new(), Some(p)),
            Self::Warnings(w) => (FieldErrors::default(), w, None),
        };
        render_post(ctx, member, post, form, errors, warnings, problem)
    }
}

/// Everything checked before a post is scheduled: the time, a look after an unconfirmed
/// attempt, the connection, the network's limit, working time. The time and the codes of what
/// lies outside working time (confirmed).
async fn check(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    post: &planned_post::Model,
    form: &ScheduleForm,
) -> Result<Result<(DateTime<Utc>, Vec<&'static str>), Refusal>, AppError> {
    let at = match instant(ctx, member, form) {
        Ok(at) => at,
        Err(errors) => return Ok(Err(Refusal::Fields(errors))),
    };
    // A post whose fate is unknown is sent again only after the person looked.
    if post.failure_kind.as_deref() == Some(kind::UNCONFIRMED) && form.checked != "yes" {
        return Ok(Err(Refusal::field(
            "checked",
            ctx.t("schedule-error-checked"),
        )));
    }
    let facts = db::readiness::PostFacts {
        id: post.id,
        topic_id: post.topic_id,
        body: &post.body,
    };
    let blockers = db::readiness::blockers(&state.db, &member.tenant, facts).await?;
    if !blockers.is_empty() {
        let why: Vec<String> = blockers
            .iter()
            .map(|b| match ctx.lang {
                crate::i18n::Lang::De => b.text_de(),
                crate::i18n::Lang::En => b.text_en(),
            })
            .collect();
        return Ok(Err(Refusal::Problem(why.join(" "))));
    }
    let account = connections::for_channel(
        &state.db,
        member.tenant_id(),
        post.ambassador_id,
        &post.channel,
    )
    .await?
    .filter(|a| a.status == connections::CONNECTED);
    let Some(account) = account else {
        return Ok(Err(Refusal::Problem(ctx.t("schedule-error-no-connection"))));
    };
    let too_long = check_length(&state.channels, &account, &post.body)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if let Err(t) = too_long {
        let (length, max) = (t.length.to_string(), t.max.to_string());
        let args = [("length", length.as_str()), ("max", max.as_str())];
        let msg = ctx.i18n.tr_args(ctx.lang, "schedule-error-too-long", &args);
        return Ok(Err(Refusal::Problem(msg)));
    }
    let warnings = working_time_warnings(state, member, at, post.topic_id).await?;
    if !warnings.is_empty() && form.confirm != "yes" {
        let texts = warnings
            .iter()
            .map(|w| match ctx.lang {
                crate::i18n::Lang::De => w.text_de(),
                crate::i18n::Lang::En => w.text_en(),
            })
            .collect();
        return Ok(Err(Refusal::Warnings(texts)));
    }
    Ok(Ok((at, warnings.iter().map(warning_code).collect())))
}

pub async fn schedule_post(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PostPath>,
    Form(form): Form<ScheduleForm>,
) -> Result<Response, AppError> {
    let post = own_post(&state, &member, p.id).await?;
    let schedulable = matches!(
        post.status.as_str(),
        "draft" | "in_review" | "failed" | "scheduled"
    );
    if !schedulable || post.publish_started_at.is_some() {
        return Err(AppError::Conflict(ctx.t("schedule-error-state")));
    }
    let (at, confirmed) = match check(&state, &ctx, &member, &post, &form).await? {
        Ok(checked) => checked,
        Err(refusal) => return Ok(refusal.render(ctx, &member, post, form)),
    };
    let txn = state.db.begin().await?;
    if !db::publishing::schedule(&txn, member.tenant_id(), post.id, at).await? {
        return Err(AppError::Conflict(ctx.t("schedule-error-state")));
    }
    let job = PublishJob {
        post_id: post.id,
        scheduled_at: at,
        round: 1,
    };
    enqueue_publish(&txn, member.tenant_id().0, job, at).await?;
    let details = serde_json::json!({
        "at": at.to_rfc3339(),
        "outside_working_time": !confirmed.is_empty(),
        "confirmed": confirmed,
    });
    db::audit::by_member(&txn, &member, "post.schedule", "post", post.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/publishing/posts/{}", p.slug, post.id)).into_response())
}

pub async fn unschedule_post(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PostPath>,
) -> Result<Response, AppError> {
    let post = own_post(&state, &member, p.id).await?;
    let txn = state.db.begin().await?;
    if !db::publishing::unschedule(&txn, member.tenant_id(), post.id).await? {
        return Err(AppError::Conflict(ctx.t("schedule-error-state")));
    }
    db::audit::by_member(
        &txn,
        &member,
        "post.unschedule",
        "post",
        post.id,
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/publishing/posts/{}", p.slug, post.id)).into_response())
}
