//! One short link: its address to copy, its clicks per day and per referring site over the
//! last 30 days (where the team may see them) and these two tables as files, changing it,
//! switching it off and on.

use amtfluencer_domain::privacy::{AggregateAccess, Viewer};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{Choices, LinkForm, LinkPath, audit, choices, require, short_url};
use crate::db::{self, analytics::Range, entities::short_link::Model as Link};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{self, Cell, Export, ExportQuery, Format};
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::analytics::chart::{self, Kind, Series};
use crate::web::pages::analytics::{de, headers};
use crate::web::render::page;

/// The clicks of the last 30 days, when the team may see them.
pub struct Figures {
    pub range: Range,
    pub summary: String,
    pub svg: String,
    pub days: Vec<Vec<Cell>>,
    pub referrers: Vec<Vec<Cell>>,
}

#[derive(Template)]
#[template(path = "links/detail.html")]
struct LinkPage {
    ctx: PageCtx,
    base: String,
    link: Link,
    short_url: String,
    notice: Option<String>,
    figures: Option<Figures>,
    form: LinkForm,
    errors: FieldErrors,
    choices: Choices,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    created: Option<String>,
    saved: Option<String>,
}

async fn find(state: &AppState, member: &Member, id: i64) -> Result<Link, AppError> {
    db::links::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn figures(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    link: &Link,
) -> Result<Option<Figures>, AppError> {
    let access = AggregateAccess::check(member.role).ok_or(AppError::Forbidden)?;
    let viewer = Viewer {
        role: member.role,
        ambassador_id: None,
    };
    let to = db::now().date_naive();
    let range = Range {
        from: to - Duration::days(29),
        to,
    };
    let tenant = member.tenant_id();
    let Some(d) =
        db::analytics::link_detail(&state.db, tenant, &access, &viewer, link, range).await?
    else {
        return Ok(None);
    };
    let lang = ctx.lang;
    let labels: Vec<String> = d
        .days
        .iter()
        .map(|(day, _)| crate::web::pages::start::format_date(lang, *day))
        .collect();
    let title = ctx.t("links-chart");
    Ok(Some(Figures {
        range,
        summary: ctx.t1(
            "links-chart-summary",
            "clicks",
            &crate::web::pages::analytics::num(lang, d.total),
        ),
        svg: chart::svg(
            "days",
            &title,
            &labels,
            &[Series {
                label: ctx.t("links-clicks"),
                kind: Kind::Bars,
                values: d.days.iter().map(|(_, n)| Some(*n as f64)).collect(),
            }],
        ),
        days: d
            .days
            .iter()
            .map(|(day, n)| vec![Cell::date(lang, *day), Cell::int(lang, *n)])
            .collect(),
        referrers: d
            .referrers
            .iter()
            .map(|(host, n)| {
                vec![
                    Cell::text(host.clone().unwrap_or_else(|| ctx.t("links-no-referrer"))),
                    Cell::int(lang, *n),
                ]
            })
            .collect(),
    }))
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    link: Link,
    form: LinkForm,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let figures = figures(state, &ctx, member, &link).await?;
    let choices = choices(
        state,
        &ctx,
        member,
        form.post_id.parse().ok().or(link.post_id),
    )
    .await?;
    let status = errors.status();
    let mut res = page(&LinkPage {
        base: format!("/t/{}/links", member.tenant.slug),
        short_url: short_url(state, &link.code),
        link,
        notice,
        figures,
        form,
        errors,
        choices,
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show_link(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<LinkPath>,
    Query(n): Query<Notice>,
    Query(x): Query<ExportQuery>,
) -> Result<Response, AppError> {
    require(&member)?;
    let link = find(&state, &member, p.id).await?;
    if let Some(format) = Format::parse(x.format.as_deref())? {
        return download(&state, &ctx, &member, &link, format, x.table.as_deref()).await;
    }
    let notice = if n.created.is_some() {
        Some(ctx.t("links-created-notice"))
    } else {
        n.saved.map(|_| ctx.t("links-saved-notice"))
    };
    let form = LinkForm::of(&link);
    render(
        &state,
        ctx,
        &member,
        link,
        form,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// One of the page's tables as a file (`?format=csv|xlsx&table=days|referrers`), made of the
/// cells the page shows: where the page withholds a link's clicks, there is no file either.
async fn download(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    link: &Link,
    format: Format,
    table: Option<&str>,
) -> Result<Response, AppError> {
    let f = figures(state, ctx, member, link)
        .await?
        .ok_or(AppError::NotFound)?;
    let (title, keys, rows, intro) = match table.unwrap_or_default() {
        "days" => (
            "links-chart",
            ["analytics-col-date", "links-clicks"],
            &f.days,
            f.summary.clone(),
        ),
        "referrers" => (
            "links-referrers",
            ["links-referrer", "links-clicks"],
            &f.referrers,
            ctx.t("links-referrers-intro"),
        ),
        _ => return Err(AppError::NotFound),
    };
    let title = de(ctx, title);
    let e = Export {
        title: &title,
        headers: &headers(ctx, &keys),
        rows,
        notes: vec![
            format!("{}: {}", ctx.t("links-label"), link.label),
            format!(
                "{}: {}",
                ctx.t("links-short-url"),
                short_url(state, &link.code)
            ),
            format!("{}: {}", ctx.t("links-target"), link.target_url),
            intro,
        ],
    };
    let prefix = format!("{}-{}", member.tenant.slug, link.code);
    let period = format!("{} bis {}", f.range.from, f.range.to);
    export::respond(format, &prefix, &period, &e)
}

pub async fn update_link(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<LinkPath>,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    require(&member)?;
    let link = find(&state, &member, p.id).await?;
    let new = match form.check(&state, &ctx, &member).await? {
        Ok(n) => n,
        Err(errors) => return render(&state, ctx, &member, link, form, errors, None).await,
    };
    let txn = state.db.begin().await?;
    let saved = db::links::update(&txn, &link, new).await?;
    let details = serde_json::json!({
        "label": saved.label,
        "target_url": saved.target_url,
        "previous_target_url": link.target_url,
        "post_id": saved.post_id,
        "topic_id": saved.topic_id,
    });
    audit(&txn, &member, link.id, "short_link.updated", details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/links/{}?saved=1", member.tenant.slug, link.id);
    Ok(Redirect::to(&to).into_response())
}

async fn switch(
    state: &AppState,
    member: &Member,
    id: i64,
    archived: bool,
) -> Result<Response, AppError> {
    require(member)?;
    let link = find(state, member, id).await?;
    let txn = state.db.begin().await?;
    db::links::set_archived(&txn, &link, archived).await?;
    let action = if archived {
        "short_link.archived"
    } else {
        "short_link.restored"
    };
    audit(
        &txn,
        member,
        link.id,
        action,
        serde_json::json!({ "code": link.code }),
    )
    .await?;
    txn.commit().await?;
    let to = format!("/t/{}/links/{}", member.tenant.slug, link.id);
    Ok(Redirect::to(&to).into_response())
}

pub async fn archive_link(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<LinkPath>,
) -> Result<Response, AppError> {
    switch(&state, &member, p.id, true).await
}

pub async fn restore_link(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<LinkPath>,
) -> Result<Response, AppError> {
    switch(&state, &member, p.id, false).await
}
