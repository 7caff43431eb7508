//! The list of short links with their clicks (total and last 30 days), the form for a new
//! one, and the list as a file.

use std::collections::HashMap;

use amtfluencer_domain::privacy::{AggregateAccess, Viewer};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use sea_orm::TransactionTrait;

use super::{Choices, LinkForm, audit, choices, require, short_url};
use crate::db::{
    self,
    analytics::{LinkLine, Range},
};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{self, Cell, Export, ExportQuery, Format};
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::analytics::de;
use crate::web::render::page;

pub struct LinkRow {
    pub id: i64,
    pub label: String,
    pub short_url: String,
    pub target: String,
    pub post: Option<String>,
    pub topic: Option<String>,
    pub total: Cell,
    pub last_30_days: Cell,
    pub created: Cell,
    pub archived: bool,
}

#[derive(Template)]
#[template(path = "links/list.html")]
struct LinksPage {
    ctx: PageCtx,
    base: String,
    active: Vec<LinkRow>,
    archived: Vec<LinkRow>,
    withheld: bool,
    form: LinkForm,
    errors: FieldErrors,
    choices: Choices,
}

/// The rows as the team may see them: clicks of a person's post only with their consent.
async fn rows(state: &AppState, ctx: &PageCtx, member: &Member) -> Result<Vec<LinkRow>, AppError> {
    let tenant = member.tenant_id();
    let access = AggregateAccess::check(member.role).ok_or(AppError::Forbidden)?;
    let viewer = Viewer {
        role: member.role,
        ambassador_id: None,
    };
    let today = db::now().date_naive();
    // The same 30 days as the link's own page: today and the 29 days before.
    let last_30_days = Range {
        from: today - Duration::days(29),
        to: today,
    };
    let lines =
        db::analytics::link_lines(&state.db, tenant, &access, &viewer, last_30_days).await?;
    let topics: HashMap<i64, String> = db::topics::list(&state.db, tenant)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let linked: Vec<i64> = lines.iter().filter_map(|l| l.link.post_id).collect();
    let posts: HashMap<i64, String> = db::links::posts_by_id(&state.db, tenant, &linked)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} – {}", p.author, p.excerpt)))
        .collect();
    let lang = ctx.lang;
    let withheld = || Cell::text(ctx.t("links-withheld"));
    Ok(lines
        .into_iter()
        .map(|LinkLine { link, counts }| LinkRow {
            id: link.id,
            short_url: short_url(state, &link.code),
            post: link
                .post_id
                .map(|id| posts.get(&id).cloned().unwrap_or_default()),
            topic: link.topic_id.and_then(|id| topics.get(&id).cloned()),
            total: counts.map_or_else(withheld, |c| Cell::int(lang, c.total)),
            last_30_days: counts.map_or_else(withheld, |c| Cell::int(lang, c.in_range)),
            created: Cell::date(lang, link.created_at.date_naive()),
            archived: link.archived_at.is_some(),
            label: link.label,
            target: link.target_url,
        })
        .collect())
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    form: LinkForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let all = rows(state, &ctx, member).await?;
    let withheld_text = ctx.t("links-withheld");
    let withheld = all.iter().any(|r| r.total.text == withheld_text);
    let (archived, active): (Vec<LinkRow>, Vec<LinkRow>) =
        all.into_iter().partition(|r| r.archived);
    let choices = choices(state, &ctx, member, form.post_id.parse().ok()).await?;
    let status = errors.status();
    let mut res = page(&LinksPage {
        base: format!("/t/{}/links", member.tenant.slug),
        active,
        archived,
        withheld,
        form,
        errors,
        choices,
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list_links(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(x): Query<ExportQuery>,
) -> Result<Response, AppError> {
    require(&member)?;
    if let Some(format) = Format::parse(x.format.as_deref())? {
        return download(&state, &ctx, &member, format).await;
    }
    render(
        &state,
        ctx,
        &member,
        LinkForm::default(),
        FieldErrors::default(),
    )
    .await
}

/// The list as a file: the cells of the page, archived links included.
async fn download(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    format: Format,
) -> Result<Response, AppError> {
    let headers: Vec<String> = [
        "links-label",
        "links-short-url",
        "links-target",
        "links-post",
        "links-topic",
        "links-total",
        "links-last-30-days",
        "links-created",
        "links-status",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let rows: Vec<Vec<Cell>> = rows(state, ctx, member)
        .await?
        .into_iter()
        .map(|r| {
            let status = if r.archived {
                "links-archived-status"
            } else {
                "links-active-status"
            };
            vec![
                Cell::text(r.label),
                Cell::text(r.short_url),
                Cell::text(r.target),
                Cell::text(r.post.unwrap_or_default()),
                Cell::text(r.topic.unwrap_or_default()),
                r.total,
                r.last_30_days,
                r.created,
                Cell::text(ctx.t(status)),
            ]
        })
        .collect();
    let title = de(ctx, "links-title");
    let today = db::now().date_naive().to_string();
    let e = Export {
        title: &title,
        headers: &headers,
        rows: &rows,
        notes: vec![ctx.t("links-intro"), ctx.t("links-withheld-note")],
    };
    export::respond(format, &member.tenant.slug, &today, &e)
}

pub async fn create_link(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    require(&member)?;
    let new = match form.check(&state, &ctx, &member).await? {
        Ok(n) => n,
        Err(errors) => return render(&state, ctx, &member, form, errors).await,
    };
    let txn = state.db.begin().await?;
    let link = db::links::create(&txn, member.tenant_id(), new).await?;
    let details = serde_json::json!({
        "code": link.code,
        "label": link.label,
        "target_url": link.target_url,
        "post_id": link.post_id,
        "topic_id": link.topic_id,
    });
    audit(&txn, &member, link.id, "short_link.created", details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/links/{}?created=1", member.tenant.slug, link.id);
    Ok(Redirect::to(&to).into_response())
}
