//! Proposing a topic (Amtfluencer; it waits for the team) and creating or changing one (team).

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;

use super::{TopicInput, TopicPath, check_topic};
use crate::db::{self, topics::TopicStatus, topics::entity::Model};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(Template)]
#[template(path = "topics/form.html")]
struct TopicFormView {
    ctx: PageCtx,
    action: String,
    back: String,
    title: String,
    intro: String,
    form: TopicInput,
    errors: FieldErrors,
}

fn input_of(t: &Model) -> TopicInput {
    TopicInput {
        title: t.title.clone(),
        description: t.description.clone(),
        prompt: t.prompt.clone(),
        photo_idea: t.photo_idea.clone(),
        category: t.category.clone(),
        tags: t.tag_list().join(", "),
    }
}

fn form_page(
    ctx: PageCtx,
    member: &Member,
    existing: Option<&Model>,
    form: TopicInput,
    errors: FieldErrors,
) -> Response {
    let base = format!("/t/{}/topics", member.tenant.slug);
    let team = member.can(Permission::EditTopics);
    let (action, back, title, intro) = match existing {
        Some(t) => (
            format!("{base}/{}/edit", t.id),
            format!("{base}/{}", t.id),
            ctx.t1("topic-edit-title", "title", &t.title),
            String::new(),
        ),
        None if team => (
            format!("{base}/new"),
            base,
            ctx.t("topic-new-title"),
            String::new(),
        ),
        None => (
            format!("{base}/new"),
            base,
            ctx.t("topic-propose-title"),
            ctx.t("topic-propose-intro"),
        ),
    };
    let status = errors.status();
    let mut res = page(&TopicFormView {
        ctx: ctx.for_member(member),
        action,
        back,
        title,
        intro,
        form,
        errors,
    });
    *res.status_mut() = status;
    res
}

fn to_errors(list: Vec<(&'static str, String)>) -> FieldErrors {
    let mut e = FieldErrors::default();
    for (f, m) in list {
        e.add(f, m);
    }
    e
}

pub async fn new_topic(ctx: PageCtx, member: Member) -> Result<Response, AppError> {
    member.require(Permission::ProposeTopics)?;
    Ok(form_page(
        ctx,
        &member,
        None,
        TopicInput::default(),
        FieldErrors::default(),
    ))
}

pub async fn create_topic(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<TopicInput>,
) -> Result<Response, AppError> {
    member.require(Permission::ProposeTopics)?;
    let new = match check_topic(&form, |k| ctx.t(k)) {
        Ok(n) => n,
        Err(e) => return Ok(form_page(ctx, &member, None, form, to_errors(e))),
    };
    let status = if member.can(Permission::EditTopics) {
        TopicStatus::Active
    } else {
        TopicStatus::Proposed
    };
    let txn = state.db.begin().await?;
    let t = db::topics::create(&txn, member.tenant_id(), new, status, Some(member.user.id)).await?;
    let details = serde_json::json!({ "title": t.title, "status": t.status });
    db::audit::by_member(&txn, &member, "topic.created", "topic", t.id, details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/topics/{}", member.tenant.slug, t.id);
    Ok(Redirect::to(&to).into_response())
}

pub async fn find_for_team(state: &AppState, member: &Member, id: i64) -> Result<Model, AppError> {
    member.require(Permission::EditTopics)?;
    db::topics::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn edit_topic(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<TopicPath>,
) -> Result<Response, AppError> {
    let t = find_for_team(&state, &member, p.id).await?;
    let form = input_of(&t);
    Ok(form_page(
        ctx,
        &member,
        Some(&t),
        form,
        FieldErrors::default(),
    ))
}

pub async fn update_topic(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<TopicPath>,
    Form(form): Form<TopicInput>,
) -> Result<Response, AppError> {
    let t = find_for_team(&state, &member, p.id).await?;
    let new = match check_topic(&form, |k| ctx.t(k)) {
        Ok(n) => n,
        Err(e) => return Ok(form_page(ctx, &member, Some(&t), form, to_errors(e))),
    };
    let txn = state.db.begin().await?;
    let updated = db::topics::update(&txn, &t, new).await?;
    let details = serde_json::json!({ "title": updated.title });
    db::audit::by_member(&txn, &member, "topic.updated", "topic", t.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/topics/{}", p.slug, t.id)).into_response())
}
