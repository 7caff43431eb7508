//! Cohorts and programme phases: their dates, their status and leadership's decision on the
//! continuation. Every change that follows a rule ("only from this status", "only once") is a
//! conditional update, so that two people clicking at once cannot both succeed.

use std::collections::HashMap;

use amtfluencer_domain::programme::{CohortDecision, CohortStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entities::ambassador;
use super::entities::cohort::{self, Column as C, Entity as Cohorts};
use super::now;
use crate::tenancy::TenantId;

/// The checked fields of the cohort form.
#[derive(Debug, Clone)]
pub struct CohortFields {
    pub name: String,
    pub phase: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// Leadership's decision as it is recorded.
#[derive(Debug, Clone)]
pub struct Decision {
    pub decision: CohortDecision,
    pub comment: String,
    pub decided_by: i64,
    pub decided_at: DateTime<Utc>,
}

/// The authority's cohorts, the earliest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<cohort::Model>, DbErr> {
    Cohorts::find()
        .filter(C::TenantId.eq(tenant.0))
        .order_by_asc(C::StartsOn)
        .order_by_asc(C::Id)
        .all(db)
        .await
}

/// One cohort of this authority; another authority's id is simply not found.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<cohort::Model>, DbErr> {
    Cohorts::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await
}

/// A new cohort starts as planned.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    f: CohortFields,
) -> Result<cohort::Model, DbErr> {
    let t = now();
    let model = cohort::ActiveModel {
        tenant_id: Set(tenant.0),
        name: Set(f.name),
        phase: Set(f.phase),
        starts_on: Set(f.starts_on),
        ends_on: Set(f.ends_on),
        status: Set(CohortStatus::Planned.as_str().to_owned()),
        evaluation_submitted_at: Set(None),
        decision: Set(None),
        decision_comment: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Cohorts::insert(model).exec_with_returning(db).await
}

/// Changes name, phase and dates; false when the cohort is not this authority's.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    f: CohortFields,
) -> Result<bool, DbErr> {
    let res = Cohorts::update_many()
        .col_expr(C::Name, Expr::value(f.name))
        .col_expr(C::Phase, Expr::value(f.phase))
        .col_expr(C::StartsOn, Expr::value(f.starts_on))
        .col_expr(C::EndsOn, Expr::value(f.ends_on))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves the cohort from `from` to `to`; false when it is no longer in `from`.
pub async fn change_status(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    from: CohortStatus,
    to: CohortStatus,
) -> Result<bool, DbErr> {
    let res = Cohorts::update_many()
        .col_expr(C::Status, Expr::value(to.as_str()))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Hands the evaluation to leadership; false unless the cohort is being evaluated and was not
/// submitted before.
pub async fn submit_evaluation(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = Cohorts::update_many()
        .col_expr(C::EvaluationSubmittedAt, Expr::value(at))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(CohortStatus::Evaluating.as_str()))
        .filter(C::EvaluationSubmittedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Records leadership's decision; false unless the evaluation was submitted and nobody has
/// decided yet (a decision is made once).
pub async fn decide(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    d: Decision,
) -> Result<bool, DbErr> {
    let res = Cohorts::update_many()
        .col_expr(C::Decision, Expr::value(d.decision.as_str()))
        .col_expr(C::DecisionComment, Expr::value(d.comment))
        .col_expr(C::DecidedBy, Expr::value(d.decided_by))
        .col_expr(C::DecidedAt, Expr::value(d.decided_at))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::EvaluationSubmittedAt.is_not_null())
        .filter(C::Decision.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The participants of each cohort: the Amtfluencer assigned to it, whatever their status
/// now (someone who left half-way took part, and their training was paid for).
pub async fn participant_counts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, u64>, DbErr> {
    use ambassador::Column as A;
    let rows: Vec<(Option<i64>, i64)> = ambassador::Entity::find()
        .select_only()
        .column(A::CohortId)
        .expr(Expr::col(A::Id).count())
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::CohortId.is_not_null())
        .group_by(A::CohortId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, n)| Some((c?, u64::try_from(n).unwrap_or(0))))
        .collect())
}

/// The participants of one cohort (see [`participant_counts`]).
pub async fn participants(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<u64, DbErr> {
    use ambassador::Column as A;
    let n: Option<i64> = ambassador::Entity::find()
        .select_only()
        .expr(Expr::col(A::Id).count())
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::CohortId.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
}
