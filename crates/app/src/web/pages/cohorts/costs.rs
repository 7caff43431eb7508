//! The budget of a cohort: its cost items, totals per category and overall, the cost per
//! participant; the team adds and removes items, leadership and the council read.

use amtfluencer_domain::money::{MoneyError, parse_euros};
use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::CostCategory;
use amtfluencer_domain::types::required_text;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{CohortPath, FieldErrors, audit, category_label, date, find, money, parse_day};
use crate::db::{self, costs::NewCost, entities::cohort};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// `/t/{slug}/cohorts/{id}/costs/{cost}…`
#[derive(Deserialize)]
pub struct CostPath {
    slug: String,
    id: i64,
    cost: i64,
}

/// A cost item as typed.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct CostForm {
    category: String,
    description: String,
    amount: String,
    spent_on: String,
    note: String,
}

impl CostForm {
    fn check(&self, ctx: &PageCtx) -> Result<NewCost, FieldErrors> {
        let mut errors = FieldErrors::default();
        let category = self.category.parse::<CostCategory>().ok();
        if category.is_none() {
            errors.add("category", ctx.t("cost-error-category"));
        }
        let description = required_text(&self.description, 200).ok();
        if description.is_none() {
            errors.add("description", ctx.t("cost-error-description"));
        }
        let amount = match parse_euros(&self.amount) {
            Ok(0) => Err("cost-error-amount-zero"),
            Ok(cents) => Ok(cents),
            Err(MoneyError::Empty) => Err("cost-error-amount-empty"),
            Err(MoneyError::Negative) => Err("cost-error-amount-negative"),
            Err(MoneyError::TooLarge) => Err("cost-error-amount-large"),
            Err(MoneyError::Invalid) => Err("cost-error-amount-invalid"),
        }
        .map_err(|key| errors.add("amount", ctx.t(key)))
        .ok();
        let spent_on = parse_day(&self.spent_on);
        if spent_on.is_none() {
            errors.add("spent_on", ctx.t("cohort-error-date"));
        }
        let note = self.note.trim().to_owned();
        if note.chars().count() > 1000 {
            errors.add("note", ctx.t("cost-error-note"));
        }
        match (category, description, amount, spent_on) {
            (Some(category), Some(description), Some(amount_cents), Some(spent_on))
                if errors.is_empty() =>
            {
                Ok(NewCost {
                    category,
                    description,
                    amount_cents,
                    spent_on,
                    note,
                })
            }
            _ => Err(errors),
        }
    }
}

pub struct CostLine {
    pub id: i64,
    pub date: String,
    pub category: String,
    pub description: String,
    pub amount: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "cohorts/costs.html")]
struct CostsPage {
    ctx: PageCtx,
    base: String,
    cohort: cohort::Model,
    items: Vec<CostLine>,
    by_category: Vec<(String, String)>,
    total: String,
    participants: u64,
    per_participant: String,
    can_manage: bool,
    categories: Vec<(&'static str, String)>,
    form: CostForm,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    c: cohort::Model,
    form: CostForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let tenant = member.tenant_id();
    let budget = db::costs::budget(&state.db, tenant, c.id).await?;
    let items = db::costs::list_for_cohort(&state.db, tenant, c.id)
        .await?
        .into_iter()
        .map(|i| CostLine {
            id: i.id,
            date: date(&ctx, i.spent_on),
            category: category_label(&ctx, &i.category),
            amount: money(&ctx, i.amount_cents),
            description: i.description,
            note: i.note,
        })
        .collect();
    let status = errors.status();
    let mut res = page(&CostsPage {
        base: format!("/t/{}/cohorts/{}", member.tenant.slug, c.id),
        items,
        by_category: budget
            .by_category
            .iter()
            .map(|(cat, sum)| (category_label(&ctx, cat.as_str()), money(&ctx, *sum)))
            .collect(),
        total: money(&ctx, budget.total_cents),
        participants: budget.participants,
        per_participant: budget
            .per_participant_cents
            .map_or_else(|| "–".to_owned(), |v| money(&ctx, v)),
        can_manage: member.can(Permission::ManageProgramme),
        categories: CostCategory::ALL
            .iter()
            .map(|k| (k.as_str(), category_label(&ctx, k.as_str())))
            .collect(),
        form,
        errors,
        ctx: ctx.for_member(member),
        cohort: c,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show_costs(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewAggregates)?;
    let c = find(&state, &member, p.id).await?;
    let form = CostForm {
        spent_on: db::now().date_naive().to_string(),
        ..Default::default()
    };
    render(&state, ctx, &member, c, form, FieldErrors::default()).await
}

pub async fn add_cost(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
    Form(form): Form<CostForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let new = match form.check(&ctx) {
        Ok(n) => n,
        Err(errors) => return render(&state, ctx, &member, c, form, errors).await,
    };
    let txn = state.db.begin().await?;
    let item = db::costs::add(&txn, member.tenant_id(), c.id, new).await?;
    let details = serde_json::json!({
        "cohort_id": c.id,
        "category": item.category,
        "amount_cents": item.amount_cents,
    });
    audit(&txn, &member, "cost", item.id, "cost.created", details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/cohorts/{}/costs", p.slug, c.id);
    Ok(Redirect::to(&to).into_response())
}

pub async fn delete_cost(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<CostPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let c = find(&state, &member, p.id).await?;
    let tenant = member.tenant_id();
    let item = db::costs::get(&state.db, tenant, c.id, p.cost)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = state.db.begin().await?;
    if !db::costs::delete(&txn, tenant, c.id, item.id).await? {
        return Err(AppError::NotFound);
    }
    let details = serde_json::json!({
        "cohort_id": c.id,
        "category": item.category,
        "description": item.description,
        "amount_cents": item.amount_cents,
    });
    audit(&txn, &member, "cost", item.id, "cost.deleted", details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/cohorts/{}/costs", p.slug, c.id);
    Ok(Redirect::to(&to).into_response())
}
