//! Candidates for the next cohort and who nominated them. Every function takes the
//! authority's `TenantId` first; another authority's id is simply not found.

use amtfluencer_domain::programme::{CandidateStatus, Track};
use amtfluencer_domain::recruitment::Gender;
use amtfluencer_domain::types::Email;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Value,
};

use super::entities::candidate::{self, Column as C, Entity as Candidates};
use super::entities::cohort;
use super::now;
use crate::tenancy::TenantId;

/// What the team's list filters by; `None` means all.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListFilter {
    pub status: Option<CandidateStatus>,
    pub track: Option<Track>,
}

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    f: ListFilter,
) -> Result<Vec<candidate::Model>, DbErr> {
    let mut q = Candidates::find().filter(C::TenantId.eq(tenant.0));
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(t) = f.track {
        q = q.filter(C::Track.eq(t.as_str()));
    }
    q.order_by_asc(C::LastName)
        .order_by_asc(C::FirstName)
        .order_by_asc(C::Id)
        .all(db)
        .await
}

/// The candidates in any of these statuses (for the balance view).
pub async fn with_statuses(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    statuses: &[CandidateStatus],
) -> Result<Vec<candidate::Model>, DbErr> {
    Candidates::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .all(db)
        .await
}

pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<candidate::Model>, DbErr> {
    Candidates::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await
}

/// The candidate with this (normalised) address, so that nobody is listed twice.
pub async fn by_email(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    email: &Email,
) -> Result<Option<candidate::Model>, DbErr> {
    Candidates::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Email.eq(email.as_str()))
        .order_by_asc(C::Id)
        .one(db)
        .await
}

/// A new candidate, checked at the edge.
pub struct NewCandidate {
    pub first_name: String,
    pub last_name: String,
    pub email: Email,
    pub department: String,
    pub job_title: String,
    pub track: Track,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    pub self_nominated: bool,
}

/// Adds a candidate as `interested`, for the authority's next planned cohort (if any).
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewCandidate,
) -> Result<candidate::Model, DbErr> {
    let t = now();
    let cohort = planned_cohort(db, tenant).await?.map(|c| c.id);
    let model = candidate::ActiveModel {
        tenant_id: Set(tenant.0),
        first_name: Set(new.first_name),
        last_name: Set(new.last_name),
        email: Set(Some(new.email.as_str().to_owned())),
        department: Set(new.department),
        job_title: Set(new.job_title),
        track: Set(new.track.as_str().to_owned()),
        gender: Set(new.gender.map(|g| g.as_str().to_owned())),
        birth_year: Set(new.birth_year),
        cohort_id: Set(cohort),
        status: Set(CandidateStatus::Interested.as_str().to_owned()),
        self_nominated: Set(new.self_nominated),
        team_note: Set(String::new()),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Candidates::insert(model).exec_with_returning(db).await
}

/// The next cohort being planned: the earliest one with status `planned`.
pub async fn planned_cohort(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Option<cohort::Model>, DbErr> {
    cohort::Entity::find()
        .filter(cohort::Column::TenantId.eq(tenant.0))
        .filter(cohort::Column::Status.eq("planned"))
        .order_by_asc(cohort::Column::StartsOn)
        .one(db)
        .await
}

/// The name of one of this authority's cohorts.
pub async fn cohort_name(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<String>, DbErr> {
    Ok(cohort::Entity::find_by_id(id)
        .filter(cohort::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .map(|c| c.name))
}

/// Moves a candidate from `from` to `to`; false when the candidate is not (or no longer) in
/// `from`, e.g. because someone else changed it meanwhile.
pub async fn set_status(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    from: CandidateStatus,
    to: CandidateStatus,
) -> Result<bool, DbErr> {
    let res = Candidates::update_many()
        .col_expr(C::Status, Expr::value(to.as_str()))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Replaces the team's note on a candidate.
pub async fn set_note(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    note: &str,
) -> Result<(), DbErr> {
    Candidates::update_many()
        .col_expr(C::TeamNote, Expr::value(note))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes a candidate; their nominations (and any attendance or consent rows) go with them.
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), DbErr> {
    Candidates::delete_many()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// One nomination: who proposed the candidate (none for a self-nomination or a removed
/// account) and why.
#[derive(Debug, Clone)]
pub struct Nomination {
    pub nominated_by: Option<String>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// Records why a candidate was proposed; `by` is the team member, `None` for the candidate
/// themselves.
pub async fn add_nomination(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    candidate_id: i64,
    by: Option<i64>,
    reason: &str,
) -> Result<(), DbErr> {
    let stmt = Query::insert()
        .into_table("nominations")
        .columns([
            "tenant_id",
            "candidate_id",
            "nominated_by",
            "reason",
            "created_at",
        ])
        .values([
            tenant.0.into(),
            candidate_id.into(),
            Value::from(by).into(),
            reason.into(),
            now().into(),
        ])
        .map_err(|e| DbErr::Custom(format!("nomination: {e}")))?
        .to_owned();
    db.execute(&stmt).await.map(|_| ())
}

/// The nominations of a candidate, oldest first, with the nominating person's name.
pub async fn nominations(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    candidate_id: i64,
) -> Result<Vec<Nomination>, DbErr> {
    let stmt = Query::select()
        .column(("users", "display_name"))
        .column(("nominations", "reason"))
        .column(("nominations", "created_at"))
        .from("nominations")
        .left_join(
            "users",
            Expr::col(("users", "id")).equals(("nominations", "nominated_by")),
        )
        .and_where(Expr::col(("nominations", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("nominations", "candidate_id")).eq(candidate_id))
        .order_by(("nominations", "created_at"), sea_orm::Order::Asc)
        .order_by(("nominations", "id"), sea_orm::Order::Asc)
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(Nomination {
                nominated_by: r.try_get("", "display_name")?,
                reason: r.try_get("", "reason")?,
                created_at: r.try_get("", "created_at")?,
            })
        })
        .collect()
}
