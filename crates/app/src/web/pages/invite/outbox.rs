//! The outbox pages: without an SMTP server, mail is kept in a folder. The operator reads all
//! of it; an authority's programme team reads its own authority's mail (in the demo, that is
//! how the team sees an invitation link). Password-reset mail belongs to no authority and is
//! for the operator only, so that no admin can take over a member's account.

use std::path::Path as FsPath;

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::format_time;
use crate::error::AppError;
use crate::mail::outbox::{self, Entry, Scope};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::session::Viewer;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/operator/outbox", get(operator_outbox))
        .route("/operator/outbox/{id}", get(operator_mail))
        .route("/t/{slug}/outbox", get(tenant_outbox))
        .route("/t/{slug}/outbox/{id}", get(tenant_mail))
}

/// How many mails a listing shows.
const LIST_LIMIT: usize = 200;

pub struct MailLine {
    pub id: String,
    pub time: String,
    pub to: String,
    pub subject: String,
}

#[derive(Template)]
#[template(path = "invite/outbox.html")]
struct OutboxPage {
    ctx: PageCtx,
    /// The listing's address; a mail is at `{base}/{id}`.
    base: String,
    intro: String,
    smtp: bool,
    mails: Vec<MailLine>,
}

#[derive(Template)]
#[template(path = "invite/outbox_mail.html")]
struct MailPage {
    ctx: PageCtx,
    base: String,
    time: String,
    to: String,
    subject: String,
    lines: Vec<TextLine>,
    attachments: Vec<String>,
}

/// A line of a mail's text; links to this instance are made clickable.
pub struct TextLine {
    pub text: String,
    pub link: bool,
}

fn text_lines(text: &str, base_url: &str) -> Vec<TextLine> {
    let own = format!("{base_url}/");
    text.lines()
        .map(|l| TextLine {
            link: l.starts_with(&own) && !l.contains(char::is_whitespace),
            text: l.to_owned(),
        })
        .collect()
}

fn operator(viewer: &Viewer) -> Result<(), AppError> {
    // The operator's pages do not exist for anyone else.
    if viewer.user.is_operator {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

async fn operator_outbox(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Viewer,
) -> Result<Response, AppError> {
    operator(&viewer)?;
    let ctx = ctx.for_operator();
    let dir = state.config.outbox_dir.display().to_string();
    let intro = ctx.t1("outbox-intro-operator", "dir", &dir);
    list(
        &state,
        ctx,
        Scope::All,
        "/operator/outbox".to_owned(),
        intro,
    )
    .await
}

async fn operator_mail(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    operator(&viewer)?;
    let ctx = ctx.for_operator();
    show(&state, ctx, Scope::All, "/operator/outbox".to_owned(), &id).await
}

async fn tenant_outbox(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let ctx = ctx.for_member(&member);
    let intro = ctx.t("outbox-intro-tenant");
    let base = format!("/t/{}/outbox", member.tenant.slug);
    list(&state, ctx, Scope::Tenant(member.tenant_id()), base, intro).await
}

#[derive(Deserialize)]
struct MailPath {
    slug: String,
    id: String,
}

async fn tenant_mail(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<MailPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let ctx = ctx.for_member(&member);
    let base = format!("/t/{}/outbox", p.slug);
    show(&state, ctx, Scope::Tenant(member.tenant_id()), base, &p.id).await
}

async fn list(
    state: &AppState,
    ctx: PageCtx,
    scope: Scope,
    base: String,
    intro: String,
) -> Result<Response, AppError> {
    let smtp = state.config.smtp_url.is_some();
    let mails = if smtp {
        Vec::new()
    } else {
        outbox::list(outbox_dir(state), scope, LIST_LIMIT)
            .await?
            .into_iter()
            .map(|e| MailLine {
                time: format_time(ctx.lang, e.created_at),
                id: e.id,
                to: e.to,
                subject: e.subject,
            })
            .collect()
    };
    Ok(page(&OutboxPage {
        ctx,
        base,
        intro,
        smtp,
        mails,
    }))
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    scope: Scope,
    base: String,
    id: &str,
) -> Result<Response, AppError> {
    if state.config.smtp_url.is_some() {
        return Err(AppError::NotFound);
    }
    let Some(Entry {
        created_at,
        to,
        subject,
        text,
        attachments,
        ..
    }) = outbox::read(outbox_dir(state), id, scope).await?
    else {
        return Err(AppError::NotFound);
    };
    Ok(page(&MailPage {
        time: format_time(ctx.lang, created_at),
        ctx,
        base,
        to,
        subject,
        lines: text_lines(&text, &state.config.base_url),
        attachments,
    }))
}

fn outbox_dir(state: &AppState) -> &FsPath {
    &state.config.outbox_dir
}
