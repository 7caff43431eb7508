//! Creating and editing a cohort: name, phase and dates. A form with mistakes comes back with
//! what was typed and a message at each wrong field (422).

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::types::required_text;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{CohortPath, FieldErrors, audit, find, parse_day};
use crate::db::{self, cohorts::CohortFields, entities::cohort};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// What was typed; every field defaults to empty so that a missing one is a message at the
/// field (after the permission check), not a rejected request.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct CohortForm {
    name: String,
    phase: String,
    starts_on: String,
    ends_on: String,
}

impl CohortForm {
    fn of(c: &cohort::Model) -> Self {
        Self {
            name: c.name.clone(),
            phase: c.phase.clone(),
            starts_on: c.starts_on.to_string(),
            ends_on: c.ends_on.to_string(),
        }
    }

    /// The checked fields, or the messages for the wrong ones.
    fn check(&self, ctx: &PageCtx) -> Result<CohortFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&self.name, 200)
            .map_err(|_| errors.add("name", ctx.t("cohort-error-name")));
        let phase = required_text(&self.phase, 60)
            .map_err(|_| errors.add("phase", ctx.t("cohort-error-phase")));
        let starts_on = parse_day(&self.starts_on);
        if starts_on.is_none() {
            errors.add("starts_on", ctx.t("cohort-error-date"));
        }
        let ends_on = parse_day(&self.ends_on);
        if ends_on.is_none() {
            errors.add("ends_on", ctx.t("cohort-error-date"));
        }
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && s > e
        {
            errors.add("ends_on", ctx.t("cohort-error-order"));
        }
        match (name, phase, starts_on, ends_on) {
            (Ok(name), Ok(phase), Some(starts_on), Some(ends_on)) if errors.is_empty() => {
                Ok(CohortFields {
                    name,
                    phase,
                    starts_on,
                    ends_on,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "cohorts/form.html")]
struct CohortFormPage {
    ctx: PageCtx,
    /// Where the form is sent and where "back" leads.
    action: String,
    back: String,
    title: String,
    form: CohortForm,
    errors: FieldErrors,
}

fn form_page(
    ctx: PageCtx,
    member: &Member,
    existing: Option<&cohort::Model>,
    form: CohortForm,
    errors: FieldErrors,
) -> Response {
    let base = format!("/t/{}/cohorts", member.tenant.slug);
    let (action, back, title) = match existing {
        Some(c) => (
            format!("{base}/{}/edit", c.id),
            format!("{base}/{}", c.id),
            ctx.t1("cohort-edit-title", "name", &c.name),
        ),
        None => (format!("{base}/new"), base, ctx.t("cohort-new-title")),
    };
    let status = errors.status();
    let mut res = page(&CohortFormPage {
        ctx: ctx.for_member(member),
        action,
        back,
        title,
        form,
        errors,
    });
    *res.status_mut() = status;
    res
}

pub async fn new_cohort(ctx: PageCtx, member: Member) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    Ok(form_page(
        ctx,
        &member,
        None,
        CohortForm::default(),
        FieldErrors::default(),
    ))
}

pub async fn create_cohort(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<CohortForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let fields = match form.check(&ctx) {
        Ok(f) => f,
        Err(errors) => return Ok(form_page(ctx, &member, None, form, errors)),
    };
    let txn = state.db.begin().await?;
    let c = db::cohorts::create(&txn, member.tenant_id(), fields).await?;
    let details = serde_json::json!({ "name": c.name, "phase": c.phase });
    audit(&txn, &member, "cohort", c.id, "cohort.created", details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/cohorts/{}", member.tenant.slug, c.id);
    Ok(Redirect::to(&to).into_response())
}

pub async fn edit_cohort(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let form = CohortForm::of(&c);
    Ok(form_page(
        ctx,
        &member,
        Some(&c),
        form,
        FieldErrors::default(),
    ))
}

pub async fn update_cohort(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
    Form(form): Form<CohortForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let fields = match form.check(&ctx) {
        Ok(f) => f,
        Err(errors) => return Ok(form_page(ctx, &member, Some(&c), form, errors)),
    };
    let details = serde_json::json!({
        "name": fields.name,
        "phase": fields.phase,
        "starts_on": fields.starts_on,
        "ends_on": fields.ends_on,
    });
    let txn = state.db.begin().await?;
    if !db::cohorts::update(&txn, member.tenant_id(), c.id, fields).await? {
        return Err(AppError::NotFound);
    }
    audit(&txn, &member, "cohort", c.id, "cohort.updated", details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/cohorts/{}", p.slug, c.id)).into_response())
}
