//! The persistent job queue: enqueue inside the business transaction, claim with one
//! `UPDATE … RETURNING` (with `FOR UPDATE SKIP LOCKED` on PostgreSQL), retry with backoff,
//! park in `dead` when the attempts are used up. A crashed worker's lock expires and the job
//! is claimed again.

use std::time::Duration;

use amtfluencer_domain::jobs::{JobStatus, retry_delay, should_retry};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Statement,
    TransactionTrait,
};

use super::entities::job::{self, Column as C, Entity as Jobs};
use super::now;
use crate::tenancy::TenantId;

/// A job to put on the queue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub tenant_id: Option<i64>,
    pub kind: &'static str,
    pub payload: serde_json::Value,
    pub run_at: Option<DateTime<Utc>>,
    pub max_attempts: i32,
    /// A second job with the same key is not added while the first exists.
    pub idempotency_key: Option<String>,
}

impl NewJob {
    pub fn new(kind: &'static str, payload: serde_json::Value) -> Self {
        Self {
            tenant_id: None,
            kind,
            payload,
            run_at: None,
            max_attempts: 5,
            idempotency_key: None,
        }
    }
}

/// Adds a job; returns its id, or `None` when a job with the same idempotency key exists.
pub async fn enqueue(db: &impl ConnectionTrait, new: NewJob) -> Result<Option<i64>, DbErr> {
    let t = now();
    let model = job::ActiveModel {
        tenant_id: Set(new.tenant_id),
        kind: Set(new.kind.to_owned()),
        payload: Set(new.payload.to_string()),
        status: Set(JobStatus::Queued.as_str().to_owned()),
        attempts: Set(0),
        max_attempts: Set(std::cmp::Ord::max(new.max_attempts, 1)),
        run_at: Set(new.run_at.unwrap_or(t)),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        idempotency_key: Set(new.idempotency_key),
        finished_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    let res = Jobs::insert(model)
        .on_conflict(
            OnConflict::column(C::IdempotencyKey)
                .do_nothing()
                .to_owned(),
        )
        .exec(db)
        .await;
    match res {
        Ok(r) => Ok(Some(r.last_insert_id)),
        Err(DbErr::RecordNotInserted) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Claims the next due job for `worker`, locking it for `lock_for`. Also takes over jobs whose
/// worker's lock has expired (it crashed or was killed).
pub async fn claim(
    db: &impl ConnectionTrait,
    worker: &str,
    lock_for: Duration,
) -> Result<Option<job::Model>, DbErr> {
    let t = now();
    let until = t + chrono::Duration::from_std(lock_for).unwrap_or(chrono::Duration::minutes(5));
    let backend = db.get_database_backend();
    let sql = match backend {
        // Two index scans instead of one OR: each finds its row through the (status, run_at,
        // id) index and skips dead index entries, which a busy queue leaves many of.
        DbBackend::Postgres => {
            "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, \
             attempts = attempts + 1, updated_at = $3 \
             WHERE id = COALESCE( \
               (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= $3 \
                ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED), \
               (SELECT id FROM jobs WHERE status = 'running' AND locked_until < $3 \
                AND attempts < max_attempts ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)) \
             RETURNING *"
        }
        _ => {
            "UPDATE jobs SET status = 'running', locked_by = ?1, locked_until = ?2, \
             attempts = attempts + 1, updated_at = ?3 \
             WHERE id = COALESCE( \
               (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ?3 \
                ORDER BY run_at, id LIMIT 1), \
               (SELECT id FROM jobs WHERE status = 'running' AND locked_until < ?3 \
                AND attempts < max_attempts ORDER BY run_at, id LIMIT 1)) \
             RETURNING *"
        }
    };
    let stmt =
        Statement::from_sql_and_values(backend, sql, [worker.into(), until.into(), t.into()]);
    match db.query_one_raw(stmt).await? {
        Some(row) => Ok(Some(job::Model::from_query_result(&row, "")?)),
        None => Ok(None),
    }
}

/// Marks a claimed job done. Returns false when the lock was lost to another worker.
pub async fn complete(db: &impl ConnectionTrait, id: i64, worker: &str) -> Result<bool, DbErr> {
    let t = now();
    let res = Jobs::update_many()
        .col_expr(C::Status, Expr::value(JobStatus::Done.as_str()))
        .col_expr(C::FinishedAt, Expr::value(t))
        .col_expr(C::UpdatedAt, Expr::value(t))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(C::Id.eq(id))
        .filter(C::LockedBy.eq(worker))
        .filter(C::Status.eq(JobStatus::Running.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Completes a job and claims the next one in the same transaction: one commit per job
/// instead of two, which is what limits throughput on PostgreSQL. Returns whether the
/// completion took (false: the lock was lost) and the next job, if one is due.
pub async fn complete_and_claim(
    db: &DatabaseConnection,
    id: i64,
    worker: &str,
    lock_for: Option<Duration>,
) -> Result<(bool, Option<job::Model>), DbErr> {
    let txn = db.begin().await?;
    let completed = complete(&txn, id, worker).await?;
    let next = match lock_for {
        Some(d) => claim(&txn, worker, d).await?,
        None => None,
    };
    txn.commit().await?;
    Ok((completed, next))
}

/// Records a failed attempt: back to the queue with a growing delay, or `dead`.
/// Returns the status the job is now in.
pub async fn fail(
    db: &impl ConnectionTrait,
    job: &job::Model,
    worker: &str,
    error: &str,
) -> Result<JobStatus, DbErr> {
    let t = now();
    let attempts = u32::try_from(job.attempts).unwrap_or(0);
    let max = u32::try_from(job.max_attempts).unwrap_or(1);
    let (status, run_at) = if should_retry(attempts, max) {
        let delay = chrono::Duration::from_std(retry_delay(attempts)).unwrap_or_default();
        (JobStatus::Queued, t + delay)
    } else {
        (JobStatus::Dead, job.run_at)
    };
    let error: String = error.chars().take(2000).collect();
    Jobs::update_many()
        .col_expr(C::Status, Expr::value(status.as_str()))
        .col_expr(C::RunAt, Expr::value(run_at))
        .col_expr(C::LastError, Expr::value(error))
        .col_expr(C::UpdatedAt, Expr::value(t))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(C::Id.eq(job.id))
        .filter(C::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(status)
}

/// Gives a claimed but unstarted job back to the queue (on shutdown), undoing the attempt.
pub async fn release(db: &impl ConnectionTrait, id: i64, worker: &str) -> Result<bool, DbErr> {
    let res = Jobs::update_many()
        .col_expr(C::Status, Expr::value(JobStatus::Queued.as_str()))
        .col_expr(C::Attempts, Expr::col(C::Attempts).sub(1))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::Id.eq(id))
        .filter(C::LockedBy.eq(worker))
        .filter(C::Status.eq(JobStatus::Running.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Parks jobs whose worker died on their last attempt, so they show up for an admin.
pub async fn bury_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let t = now();
    let res = Jobs::update_many()
        .col_expr(C::Status, Expr::value(JobStatus::Dead.as_str()))
        .col_expr(
            C::LastError,
            Expr::value("the worker stopped while running this job on its last attempt"),
        )
        .col_expr(C::UpdatedAt, Expr::value(t))
        .filter(C::Status.eq(JobStatus::Running.as_str()))
        .filter(C::LockedUntil.lt(t))
        .filter(Expr::col(C::Attempts).gte(Expr::col(C::MaxAttempts)))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// An authority's dead jobs, newest first, for its programme team.
pub async fn list_dead_for(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    limit: u64,
) -> Result<Vec<job::Model>, DbErr> {
    Jobs::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Status.eq(JobStatus::Dead.as_str()))
        .order_by_desc(C::UpdatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Puts one of an authority's dead jobs back on the queue; false when there is no such dead
/// job in this authority.
pub async fn retry_dead_for(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<bool, DbErr> {
    let owned = Jobs::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .is_some();
    Ok(owned && retry_dead(db, id).await?)
}

/// Puts a dead job back on the queue with fresh attempts (an admin's decision).
pub async fn retry_dead(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let t = now();
    let res = Jobs::update_many()
        .col_expr(C::Status, Expr::value(JobStatus::Queued.as_str()))
        .col_expr(C::Attempts, Expr::value(0))
        .col_expr(C::RunAt, Expr::value(t))
        .col_expr(C::UpdatedAt, Expr::value(t))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(JobStatus::Dead.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Dead jobs, newest first, for the admins.
pub async fn list_dead(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<job::Model>, DbErr> {
    Jobs::find()
        .filter(C::Status.eq(JobStatus::Dead.as_str()))
        .order_by_desc(C::UpdatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// How many jobs are in each status (for `/metrics`).
pub async fn count_by_status(db: &impl ConnectionTrait) -> Result<Vec<(String, i64)>, DbErr> {
    let stmt = Query::select()
        .column(C::Status)
        .expr(Expr::col(C::Id).count())
        .from(Jobs)
        .group_by_col(C::Status)
        .to_owned();
    let rows = db.query_all(&stmt).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get_by_index::<String>(0)?,
                r.try_get_by_index::<i64>(1)?,
            ))
        })
        .collect()
}

/// Removes finished jobs older than `keep`.
pub async fn purge_done(db: &impl ConnectionTrait, keep: chrono::Duration) -> Result<u64, DbErr> {
    let res = Jobs::delete_many()
        .filter(C::Status.eq(JobStatus::Done.as_str()))
        .filter(C::FinishedAt.lt(now() - keep))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
