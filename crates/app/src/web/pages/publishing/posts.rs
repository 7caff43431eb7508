//! The Amtfluencer's posts on their way out: when each goes, where it went, what stopped it.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{me_with, network};
use crate::db::{self, entities::planned_post};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub use super::schedule::{schedule_post, unschedule_post};

pub struct PostRow {
    pub id: i64,
    pub excerpt: String,
    pub network: String,
    pub status: String,
    pub when: String,
    pub problem: bool,
}

#[derive(Template)]
#[template(path = "publishing/posts.html")]
struct PostsPage {
    ctx: PageCtx,
    base: String,
    rows: Vec<PostRow>,
    /// Connections that expire soon or have expired: reconnect before the next post.
    reminders: Vec<String>,
}

/// The in-app side of the reminders to reconnect (the mails go out 14, 7 and 2 days before).
async fn reminders(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    ambassador_id: i64,
) -> Result<Vec<String>, AppError> {
    let tz = localtime::zone(&member.tenant.time_zone);
    let now = db::now();
    let accounts =
        db::connections::of_ambassador(&state.db, member.tenant_id(), ambassador_id).await?;
    Ok(accounts
        .iter()
        .filter_map(|a| {
            let net = network(ctx, &a.channel);
            match super::Health::of(&a.status, a.token_expires_at, now) {
                super::Health::Ok => None,
                super::Health::Expired => Some(ctx.t1("reminder-expired", "network", net.as_str())),
                super::Health::Expiring => {
                    let when = super::expiry_text(ctx, tz, a.token_expires_at, now);
                    let args = [("network", net.as_str()), ("when", when.as_str())];
                    Some(ctx.i18n.tr_args(ctx.lang, "reminder-expiring", &args))
                }
            }
        })
        .collect())
}

fn local_when(member: &Member, at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    let tz = localtime::zone(&member.tenant.time_zone);
    at.map(|t| {
        localtime::to_local(tz, t)
            .format("%d.%m.%Y %H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

fn status_label(ctx: &PageCtx, p: &planned_post::Model) -> String {
    match (p.status.as_str(), p.failure_kind.as_deref()) {
        ("published", _) if p.remote_deleted_at.is_some() => ctx.t("post-status-deleted"),
        ("failed", Some("unconfirmed")) => ctx.t("post-status-unconfirmed"),
        ("scheduled", Some("retrying")) => ctx.t("post-status-retrying"),
        (s, _) => ctx.t(&format!("post-status-{s}")),
    }
}

pub async fn list_posts(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::WritePosts)?;
    let me = db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id).await?;
    let (posts, reminders) = match &me {
        Some(a) => (
            db::publishing::of_ambassador(&state.db, member.tenant_id(), a.id).await?,
            reminders(&state, &ctx, &member, a.id).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let rows = posts
        .iter()
        .map(|p| PostRow {
            id: p.id,
            // A post planned in the calendar may have no text yet; the link still needs a name.
            excerpt: if p.body.trim().is_empty() {
                ctx.t("studio-empty")
            } else {
                p.body.chars().take(80).collect()
            },
            network: network(&ctx, &p.channel),
            status: status_label(&ctx, p),
            when: local_when(&member, p.published_at.or(p.scheduled_at)),
            problem: p.status == "failed" || p.failure_kind.is_some(),
        })
        .collect();
    Ok(page(&PostsPage {
        base: format!("/t/{}/publishing/posts", member.tenant.slug),
        rows,
        reminders,
        ctx: ctx.for_member(&member),
    }))
}

/// What was typed into the scheduling form.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct ScheduleForm {
    pub date: String,
    pub time: String,
    /// Ticked to keep a time outside working hours.
    pub confirm: String,
    /// Ticked after looking: the post did not appear, so it may be sent again.
    pub checked: String,
    /// The post's address, when it appeared after all.
    pub url: String,
}

#[derive(Template)]
#[template(path = "publishing/post.html")]
pub(super) struct PostPage {
    pub ctx: PageCtx,
    pub base: String,
    pub post: planned_post::Model,
    pub network: String,
    pub status: String,
    pub scheduled: String,
    pub published: String,
    pub can_schedule: bool,
    pub can_unschedule: bool,
    pub unconfirmed: bool,
    pub form: ScheduleForm,
    pub errors: FieldErrors,
    pub warnings: Vec<String>,
    pub problem: Option<String>,
    pub zone: String,
    /// When the network's counts were last read, if ever.
    pub counts_checked: String,
    /// The example address for "it appeared", fitting the network.
    pub url_hint: String,
}

/// The member's own post, or 404.
pub(super) async fn own_post(
    state: &AppState,
    member: &Member,
    id: i64,
) -> Result<planned_post::Model, AppError> {
    let me = me_with(state, member, Permission::WritePosts).await?;
    db::publishing::get(&state.db, member.tenant_id(), id)
        .await?
        .filter(|p| p.ambassador_id == me.id)
        .ok_or(AppError::NotFound)
}

pub(super) fn render_post(
    ctx: PageCtx,
    member: &Member,
    post: planned_post::Model,
    form: ScheduleForm,
    errors: FieldErrors,
    warnings: Vec<String>,
    problem: Option<String>,
) -> Response {
    let status = if errors.is_empty() && warnings.is_empty() && problem.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let schedulable = matches!(
        post.status.as_str(),
        "draft" | "in_review" | "failed" | "scheduled"
    );
    let view = PostPage {
        base: format!("/t/{}/publishing/posts/{}", member.tenant.slug, post.id),
        network: network(&ctx, &post.channel),
        status: status_label(&ctx, &post),
        scheduled: local_when(member, post.scheduled_at),
        published: local_when(member, post.published_at),
        can_schedule: schedulable && post.publish_started_at.is_none(),
        can_unschedule: post.status == "scheduled" && post.publish_started_at.is_none(),
        unconfirmed: post.status == "failed" && post.failure_kind.as_deref() == Some("unconfirmed"),
        zone: member.tenant.time_zone.clone(),
        counts_checked: local_when(member, post.counts_checked_at),
        url_hint: ctx.t(&format!("post-appeared-hint-{}", post.channel)),
        post,
        form,
        errors,
        warnings,
        problem,
        ctx: ctx.for_member(member),
    };
    (status, page(&view)).into_response()
}

#[derive(Deserialize)]
pub struct PostPath {
    pub slug: String,
    pub id: i64,
}

pub async fn show_post(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PostPath>,
) -> Result<Response, AppError> {
    let post = own_post(&state, &member, p.id).await?;
    let tz = localtime::zone(&member.tenant.time_zone);
    let form = match post.scheduled_at {
        Some(at) => {
            let local = localtime::to_local(tz, at);
            ScheduleForm {
                date: local.date().to_string(),
                time: local.format("%H:%M").to_string(),
                ..Default::default()
            }
        }
        None => ScheduleForm::default(),
    };
    Ok(render_post(
        ctx,
        &member,
        post,
        form,
        FieldErrors::default(),
        Vec::new(),
        None,
    ))
}
