//! The budget: cost items of a cohort, in cents, and the sums the cohort pages and the
//! evaluation report show (per category, overall, per participant).

use std::collections::HashMap;

use amtfluencer_domain::money::per_head;
use amtfluencer_domain::programme::CostCategory;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entities::cost::{self, Column as C, Entity as Costs};
use super::now;
use crate::tenancy::TenantId;

/// A checked cost item.
#[derive(Debug, Clone)]
pub struct NewCost {
    pub category: CostCategory,
    pub description: String,
    pub amount_cents: i64,
    pub spent_on: NaiveDate,
    pub note: String,
}

/// A cohort's budget in figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budget {
    pub total_cents: i64,
    /// Categories with costs, in the order of [`CostCategory::ALL`].
    pub by_category: Vec<(CostCategory, i64)>,
    pub participants: u64,
    /// `None` while the cohort has no participants.
    pub per_participant_cents: Option<i64>,
}

/// The cost items of a cohort, by date.
pub async fn list_for_cohort(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort_id: i64,
) -> Result<Vec<cost::Model>, DbErr> {
    Costs::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::CohortId.eq(cohort_id))
        .order_by_asc(C::SpentOn)
        .order_by_asc(C::Id)
        .all(db)
        .await
}

/// One cost item of this authority's cohort; anything else is not found.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort_id: i64,
    id: i64,
) -> Result<Option<cost::Model>, DbErr> {
    Costs::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::CohortId.eq(cohort_id))
        .one(db)
        .await
}

/// Adds a cost item to a cohort (the caller has found the cohort in this authority).
pub async fn add(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort_id: i64,
    c: NewCost,
) -> Result<cost::Model, DbErr> {
    let t = now();
    let model = cost::ActiveModel {
        tenant_id: Set(tenant.0),
        cohort_id: Set(Some(cohort_id)),
        category: Set(c.category.as_str().to_owned()),
        description: Set(c.description),
        amount_cents: Set(c.amount_cents),
        spent_on: Set(c.spent_on),
        note: Set(c.note),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Costs::insert(model).exec_with_returning(db).await
}

/// Removes a cost item; false when it is not this cohort's.
pub async fn delete(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort_id: i64,
    id: i64,
) -> Result<bool, DbErr> {
    let res = Costs::delete_many()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::CohortId.eq(cohort_id))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The sum of the amounts as a BIGINT on both backends (PostgreSQL's SUM of a bigint is a
/// numeric).
fn sum_cents() -> Expr {
    Expr::col(C::AmountCents).sum().cast_as("bigint")
}

/// The total of each cohort's cost items.
pub async fn totals_by_cohort(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, i64>, DbErr> {
    let rows: Vec<(Option<i64>, Option<i64>)> = Costs::find()
        .select_only()
        .column(C::CohortId)
        .expr(sum_cents())
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::CohortId.is_not_null())
        .group_by(C::CohortId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, s)| Some((c?, s.unwrap_or(0))))
        .collect())
}

/// A cohort's budget: totals per category and overall, and the cost per participant.
pub async fn budget(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort_id: i64,
) -> Result<Budget, DbErr> {
    let rows: Vec<(String, Option<i64>)> = Costs::find()
        .select_only()
        .column(C::Category)
        .expr(sum_cents())
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::CohortId.eq(cohort_id))
        .group_by(C::Category)
        .into_tuple()
        .all(db)
        .await?;
    let sums: HashMap<String, i64> = rows.into_iter().map(|(c, s)| (c, s.unwrap_or(0))).collect();
    // Categories are stored as text; one that this version does not know still counts.
    let mut by_category: Vec<(CostCategory, i64)> = Vec::new();
    for (text, sum) in &sums {
        let category = text.parse().unwrap_or(CostCategory::Other);
        match by_category.iter_mut().find(|(c, _)| *c == category) {
            Some((_, s)) => *s += sum,
            None => by_category.push((category, *sum)),
        }
    }
    by_category.sort_by_key(|(c, _)| *c);
    let total_cents = sums.values().sum();
    let participants = super::cohorts::participants(db, tenant, cohort_id).await?;
    Ok(Budget {
        total_cents,
        by_category,
        participants,
        per_participant_cents: per_head(total_cents, participants),
    })
}
