//! "Meine Beiträge": an Amtfluencer's posts by status, and starting a new one, blank, from a
//! template or from a topic of the catalogue (its prompt and photo idea come along).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{TEMPLATES, me};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;
use crate::web::render::page;

pub struct PostRow {
    pub id: i64,
    pub start: String,
    pub status: String,
    pub changed: String,
    pub url: Option<String>,
}

#[derive(Template)]
#[template(path = "studio/list.html")]
struct ListPage {
    ctx: PageCtx,
    base: String,
    posts: Vec<PostRow>,
    templates: Vec<(&'static str, String)>,
    topics: Vec<(i64, String)>,
}

/// The first words of a text, for a list.
pub fn start_of(body: &str) -> String {
    let line = body
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let short: String = line.chars().take(80).collect();
    if short.chars().count() < line.chars().count() {
        format!("{short}…")
    } else {
        short
    }
}

pub async fn list_posts(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let me = me(&state, &member).await?;
    let tenant = member.tenant_id();
    let posts = db::studio::own_posts(&state.db, tenant, me.id)
        .await?
        .into_iter()
        .map(|p| PostRow {
            id: p.id,
            start: if p.body.trim().is_empty() {
                ctx.t("studio-empty")
            } else {
                start_of(&p.body)
            },
            status: ctx.t(&format!("studio-status-{}", p.status)),
            changed: format_date(ctx.lang, p.updated_at.date_naive()),
            url: p.external_url,
        })
        .collect();
    let topics = db::topics::list(&state.db, tenant)
        .await?
        .into_iter()
        .filter(|t| t.status == "active")
        .map(|t| (t.id, t.title))
        .collect();
    Ok(page(&ListPage {
        base: format!("/t/{slug}/studio"),
        posts,
        templates: TEMPLATES
            .iter()
            .map(|t| (t.id, ctx.t(t.name_key)))
            .collect(),
        topics,
        ctx: ctx.for_member(&member),
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewForm {
    template: String,
    topic_id: String,
}

pub async fn create_post(
    State(state): State<AppState>,
    member: Member,
    Path(slug): Path<String>,
    Form(form): Form<NewForm>,
) -> Result<Response, AppError> {
    let me = me(&state, &member).await?;
    let tenant = member.tenant_id();
    let topic = match form.topic_id.trim().parse::<i64>() {
        Ok(id) => db::topics::get(&state.db, tenant, id).await?,
        Err(_) => None,
    };
    let template = TEMPLATES.iter().find(|t| t.id == form.template);
    let body = match (template, &topic) {
        (Some(t), _) => t.text.to_owned(),
        (None, Some(t)) if !t.prompt.is_empty() => format!("[{}]\n\n", t.prompt),
        _ => String::new(),
    };
    let p = db::studio::create_draft(&state.db, tenant, me.id, topic.map(|t| t.id), body).await?;
    Ok(Redirect::to(&format!("/t/{slug}/studio/{}", p.id)).into_response())
}
