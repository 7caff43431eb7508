//! Scheduling one's own post: the time in the authority's zone, the connection and the
//! network's length limit checked first, and a confirmation for times outside working hours
//! (allowed, never suggested). Only the author schedules: nothing is posted that they did not
//! plan themself.

use amtfluencer_domain::calendar::{PlannedPost, ScheduleWarning, WorkingTimeRules, check_planned};
use amtfluencer_domain::types::FederalState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use sea_orm::TransactionTrait;

use super::posts::{PostPath, ScheduleForm, own_post, render_post};
use crate::channels::limits::check_length;
use crate::db::{self, connections};
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

/// Weekend, holiday, closure day, blackout or outside core hours, as sentences.
fn working_time_warnings(
    ctx: &PageCtx,
    member: &Member,
    at: DateTime<Utc>,
    topic: Option<i64>,
) -> Vec<String> {
    let state = member
        .tenant
        .federal_state
        .parse::<FederalState>()
        .unwrap_or(FederalState::NW);
    let rules = WorkingTimeRules::new(state);
    let tz = localtime::zone(&member.tenant.time_zone);
    let post = PlannedPost { at, topic };
    check_planned(&rules, &tz, &post, None, &[], TimeDelta::zero())
        .into_iter()
        .filter(|w| {
            matches!(
                w,
                ScheduleWarning::NotWorkingDay(_) | ScheduleWarning::OutsideCoreHours { .. }
            )
        })
        .map(|w| match ctx.lang {
            crate::i18n::Lang::De => w.text_de(),
            crate::i18n::Lang::En => w.text_en(),
        })
        .collect()
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
    let at = match instant(&ctx, &member, &form) {
        Ok(at) => at,
        Err(errors) => {
            return Ok(render_post(
                ctx,
                &member,
                post,
                form,
                errors,
                Vec::new(),
                None,
            ));
        }
    };
    // A post whose fate is unknown is sent again only after the person looked.
    if post.failure_kind.as_deref() == Some("unconfirmed") && form.checked != "yes" {
        let mut errors = FieldErrors::default();
        errors.add("checked", ctx.t("schedule-error-checked"));
        return Ok(render_post(
            ctx,
            &member,
            post,
            form,
            errors,
            Vec::new(),
            None,
        ));
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
        let problem = Some(ctx.t("schedule-error-no-connection"));
        return Ok(render_post(
            ctx,
            &member,
            post,
            form,
            FieldErrors::default(),
            Vec::new(),
            problem,
        ));
    };
    match check_length(&state.channels, &account, &post.body).await {
        Ok(Ok(())) => {}
        Ok(Err(too_long)) => {
            let args = [
                ("length", too_long.length.to_string()),
                ("max", too_long.max.to_string()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let problem = Some(ctx.i18n.tr_args(ctx.lang, "schedule-error-too-long", &args));
            return Ok(render_post(
                ctx,
                &member,
                post,
                form,
                FieldErrors::default(),
                Vec::new(),
                problem,
            ));
        }
        Err(e) => return Err(AppError::Internal(e.into())),
    }
    let warnings = working_time_warnings(&ctx, &member, at, post.topic_id);
    if !warnings.is_empty() && form.confirm != "yes" {
        return Ok(render_post(
            ctx,
            &member,
            post,
            form,
            FieldErrors::default(),
            warnings,
            None,
        ));
    }
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
    db::audit::by_member(
        &txn,
        &member,
        "post.schedule",
        "post",
        post.id,
        serde_json::json!({ "at": at.to_rfc3339(), "outside_working_time": !warnings.is_empty() }),
    )
    .await?;
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
