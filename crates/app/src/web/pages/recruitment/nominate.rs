//! "Nominate a colleague": the programme team proposes someone for the next cohort. An
//! address that is already a candidate gets the nomination added instead of a second entry.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;

use super::form::{self, Choices, FieldErrors, PersonForm};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(Template)]
#[template(path = "recruitment/nominate.html")]
struct NominatePage {
    ctx: PageCtx,
    base: String,
    form: PersonForm,
    errors: FieldErrors,
    choices: Choices,
    is_join: bool,
}

impl NominatePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        form::error_for(&self.errors, field)
    }
}

fn render(ctx: PageCtx, member: &Member, form: PersonForm, errors: FieldErrors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = page(&NominatePage {
        base: format!("/t/{}/recruitment", member.tenant.slug),
        choices: Choices::new(&ctx),
        ctx: ctx.for_member(member),
        form,
        errors,
        is_join: false,
    });
    *res.status_mut() = status;
    res
}

pub async fn new_nomination(ctx: PageCtx, member: Member) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    Ok(render(ctx, &member, PersonForm::default(), Vec::new()))
}

pub async fn create_nomination(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(f): Form<PersonForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let checked = match form::check(&ctx, &f, false, &[]) {
        Ok(c) => c,
        Err(errors) => return Ok(render(ctx, &member, f, errors)),
    };
    let tid = member.tenant_id();
    let txn = state.db.begin().await?;
    let (id, existing) = match db::candidates::by_email(&txn, tid, &checked.candidate.email).await?
    {
        Some(c) => (c.id, true),
        None => (
            db::candidates::create(&txn, tid, checked.candidate)
                .await?
                .id,
            false,
        ),
    };
    db::candidates::add_nomination(&txn, tid, id, Some(member.user.id), &checked.reason).await?;
    db::audit::record(
        &txn,
        Some(tid),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action: "candidate.nominated",
            object_type: "candidate",
            object_id: Some(id.to_string()),
            details: serde_json::json!({ "existing": existing }),
        },
    )
    .await?;
    txn.commit().await?;
    let notice = if existing { "existing" } else { "nominated" };
    let to = format!("/t/{}/recruitment/{id}?done={notice}", member.tenant.slug);
    Ok(Redirect::to(&to).into_response())
}
