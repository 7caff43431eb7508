//! The programme team's side of the second look (off unless the authority asks for it): the
//! posts waiting, one post with its photo, the people in it and the earlier steps, and the
//! answer: approve this text, or ask for changes with a comment. Audit-logged. The studio
//! settings (inclusive-language style, review policy, topics for review) live in `settings`.

mod settings;

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::studio::ready::ReviewAction;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::db::{self, calendar::posts, reviews};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;
use crate::web::pages::studio::view::{StepLine, step_lines};
use crate::web::render::page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/reviews", get(list))
        .route("/t/{slug}/reviews/{id}", get(detail).post(decide))
        .route(
            "/t/{slug}/settings/studio",
            get(settings::show).post(settings::save),
        )
}

#[derive(Deserialize)]
pub struct IdPath {
    slug: String,
    id: i64,
}

pub struct Row {
    pub id: i64,
    pub author: String,
    pub topic: String,
    pub start: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "reviews/list.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    policy: String,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let rows = reviews::waiting(&state.db, member.tenant_id())
        .await?
        .into_iter()
        .map(|w| Row {
            id: w.post_id,
            author: w.author,
            topic: w.topic.unwrap_or_default(),
            start: crate::web::pages::studio::start_of(&w.body),
            since: format_date(ctx.lang, w.since.date_naive()),
        })
        .collect();
    let settings = reviews::StudioSettings::of(&member.tenant);
    let policy = ctx.t(&format!("review-policy-{}", settings.review.as_str()));
    Ok(page(&ListPage {
        rows,
        policy,
        ctx: ctx.for_member(&member),
    }))
}

pub struct PersonRow {
    pub name: String,
    pub ok: bool,
}

#[derive(Template)]
#[template(path = "reviews/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    id: i64,
    author: String,
    body: String,
    waiting: bool,
    photo: Option<db::media::Photo>,
    people: Vec<PersonRow>,
    steps: Vec<StepLine>,
    comment: String,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    id: i64,
    comment: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let tenant = member.tenant_id();
    let p = posts::get(&state.db, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let author = db::ambassadors::get(&state.db, tenant, p.ambassador_id)
        .await?
        .map(|a| format!("{} {}", a.first_name, a.last_name))
        .unwrap_or_default();
    let photo = db::media::of_post(&state.db, tenant, p.id).await?;
    let people = match &photo {
        Some(ph) => db::consent::list(&state.db, tenant, ph.id)
            .await?
            .iter()
            .map(|x| PersonRow {
                name: x.name.clone(),
                ok: x.facts().consent_valid(),
            })
            .collect(),
        None => Vec::new(),
    };
    let steps = reviews::steps(&state.db, tenant, p.id).await?;
    let status = errors.status();
    let mut res = page(&DetailPage {
        id: p.id,
        author,
        waiting: p.status == "in_review",
        body: p.body,
        photo,
        people,
        steps: step_lines(&ctx, &steps),
        comment,
        errors,
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}

async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<IdPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    render(
        &state,
        ctx,
        &member,
        path.id,
        String::new(),
        FieldErrors::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecideForm {
    decision: String,
    comment: String,
}

async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<IdPath>,
    Form(form): Form<DecideForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let tenant = member.tenant_id();
    let p = posts::get(&state.db, tenant, path.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let comment: String = form
        .comment
        .trim()
        .chars()
        .take(crate::web::pages::studio::MAX_COMMENT_CHARS)
        .collect();
    let action = match form.decision.as_str() {
        "approve" => ReviewAction::Approved,
        "changes" => ReviewAction::Changes,
        _ => return Err(AppError::BadRequest("decision: approve or changes".into())),
    };
    if action == ReviewAction::Changes && comment.is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("comment", ctx.t("review-error-comment"));
        return render(&state, ctx, &member, p.id, form.comment, errors).await;
    }
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !reviews::move_status(&txn, tenant, p.id, &["in_review"], "draft").await? {
        return Err(AppError::Conflict(ctx.t("review-error-state")));
    }
    reviews::add_step(
        &txn,
        tenant,
        p.id,
        member.user.id,
        action,
        &comment,
        &p.body,
    )
    .await?;
    let details = serde_json::json!({ "decision": action.as_str() });
    db::audit::by_member(&txn, &member, "post.reviewed", "post", p.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/reviews", path.slug)).into_response())
}
