//! Housekeeping, every hour: expired sessions, old finished jobs, old login attempts, spent or
//! expired invitation and reset tokens, audit-log entries past the retention period, and the
//! dashboards' records of deleted facts older than a day are removed.

use chrono::Timelike;
use sea_orm::DatabaseConnection;

use super::{JobFuture, JobHandler, Registry};
use crate::db::{self, entities::job, jobs::NewJob};

pub const KIND: &str = "housekeeping";

struct Housekeeping;

impl JobHandler for Housekeeping {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            let retention = serde_json::from_str::<serde_json::Value>(&job.payload)?
                .get("audit_retention_days")
                .and_then(serde_json::Value::as_u64)
                .and_then(|d| u32::try_from(d).ok())
                .unwrap_or(DEFAULT_RETENTION_DAYS);
            let sessions = db::sessions::purge_expired(db).await?;
            let jobs = db::jobs::purge_done(db, chrono::Duration::days(7)).await?;
            let attempts = db::throttle::purge_old(db).await?;
            let tokens = db::auth_tokens::purge_expired(db).await?;
            let audit = db::audit::purge_older_than(db, retention).await?;
            let gone_facts = db::analytics::purge_gone(db).await?;
            tracing::info!(
                sessions,
                jobs,
                attempts,
                tokens,
                audit,
                gone_facts,
                "housekeeping done"
            );
            // The next run, once per hour; the key keeps several instances from doubling it.
            schedule_next(db, retention).await?;
            Ok(())
        })
    }
}

pub fn register(r: Registry) -> Registry {
    r.with(KIND, Housekeeping)
}

const DEFAULT_RETENTION_DAYS: u32 = 730;

/// Enqueues the next hourly run (idempotent per hour).
pub async fn schedule_next(
    db: &DatabaseConnection,
    audit_retention_days: u32,
) -> anyhow::Result<()> {
    let next = db::now() + chrono::Duration::hours(1);
    let next = next
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(next);
    let mut job = NewJob::new(
        KIND,
        serde_json::json!({ "audit_retention_days": audit_retention_days }),
    );
    job.run_at = Some(next);
    job.idempotency_key = Some(format!("{KIND}:{}", next.format("%Y-%m-%dT%H")));
    db::jobs::enqueue(db, job).await?;
    Ok(())
}
