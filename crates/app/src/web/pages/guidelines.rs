//! The authority's guidelines: everyone reads the version in force, each Amtfluencer
//! acknowledges it, and the programme team publishes a new version (which asks everyone again).

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::types::required_text;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::{self, guidelines::Guidelines};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/guidelines",
            get(show_guidelines).post(publish_guidelines),
        )
        .route(
            "/t/{slug}/guidelines/acknowledge",
            post(acknowledge_guidelines),
        )
}

#[derive(Template)]
#[template(path = "guidelines/index.html")]
struct GuidelinesPage {
    ctx: PageCtx,
    base: String,
    current: Option<Guidelines>,
    paragraphs: Vec<String>,
    /// `Some(done)` for an Amtfluencer, `None` for other roles.
    acknowledged: Option<bool>,
    can_publish: bool,
    form: GuidelinesForm,
    error: Option<String>,
    flash: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct GuidelinesForm {
    title: String,
    body: String,
}

#[derive(Deserialize)]
pub struct Flash {
    done: Option<String>,
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    form: Option<GuidelinesForm>,
    error: Option<String>,
    flash: Option<String>,
) -> Result<Response, AppError> {
    let current = db::guidelines::current(&state.db, member.tenant_id()).await?;
    let acknowledged = match (&current, member.can(Permission::EditOwnProfile)) {
        (Some(g), true) => {
            match db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id).await? {
                Some(a) => Some(
                    db::ambassadors::acknowledged(&state.db, member.tenant_id(), a.id, &g.version)
                        .await?,
                ),
                None => None,
            }
        }
        _ => None,
    };
    let paragraphs = current
        .as_ref()
        .map(|g| {
            g.body
                .split("\n\n")
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let form = form.unwrap_or_else(|| GuidelinesForm {
        title: current
            .as_ref()
            .map(|g| g.title.clone())
            .unwrap_or_default(),
        body: current.as_ref().map(|g| g.body.clone()).unwrap_or_default(),
    });
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = page(&GuidelinesPage {
        base: format!("/t/{}/guidelines", member.tenant.slug),
        can_publish: member.can(Permission::ManageProgramme),
        ctx: ctx.for_member(member),
        current,
        paragraphs,
        acknowledged,
        form,
        error,
        flash,
    });
    *res.status_mut() = status;
    Ok(res)
}

async fn show_guidelines(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(f): Query<Flash>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewStart)?;
    let flash = f.done.map(|d| {
        ctx.t(if d == "published" {
            "guidelines-published"
        } else {
            "guidelines-acknowledged"
        })
    });
    render(&state, ctx, &member, None, None, flash).await
}

async fn publish_guidelines(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<GuidelinesForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let (Ok(title), Ok(body)) = (
        required_text(&form.title, 200),
        required_text(&form.body, 20_000),
    ) else {
        let error = Some(ctx.t("guidelines-error"));
        return render(&state, ctx, &member, Some(form), error, None).await;
    };
    let version =
        db::guidelines::publish(&state.db, member.tenant_id(), &title, &body, member.user.id)
            .await?;
    db::audit::record(
        &state.db,
        Some(member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action: "guidelines.published",
            object_type: "guidelines",
            object_id: Some(version),
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/t/{}/guidelines?done=published",
        member.tenant.slug
    ))
    .into_response())
}

async fn acknowledge_guidelines(
    State(state): State<AppState>,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::EditOwnProfile)?;
    let person = db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = db::guidelines::current(&state.db, member.tenant_id())
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::ambassadors::acknowledged(&state.db, member.tenant_id(), person.id, &current.version)
        .await?
    {
        db::ambassadors::acknowledge(&state.db, member.tenant_id(), person.id, &current.version)
            .await?;
        db::audit::record(
            &state.db,
            Some(member.tenant_id()),
            db::audit::Entry {
                actor_user_id: Some(member.user.id),
                action: "consent.given",
                object_type: "ambassador",
                object_id: Some(person.id.to_string()),
                details: serde_json::json!({ "kind": "guidelines", "version": current.version }),
            },
        )
        .await?;
    }
    Ok(Redirect::to(&format!(
        "/t/{}/guidelines?done=acknowledged",
        member.tenant.slug
    ))
    .into_response())
}
