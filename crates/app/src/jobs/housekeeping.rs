//! Housekeeping: expired sessions and old finished jobs are removed every hour.

use chrono::Timelike;
use sea_orm::DatabaseConnection;

use super::{JobFuture, JobHandler, Registry};
use crate::db::{self, entities::job, jobs::NewJob};

pub const KIND: &str = "housekeeping";

struct Housekeeping;

impl JobHandler for Housekeeping {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, _job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            let sessions = db::sessions::purge_expired(db).await?;
            let jobs = db::jobs::purge_done(db, chrono::Duration::days(7)).await?;
            tracing::info!(sessions, jobs, "housekeeping done");
            // The next run, once per hour; the key keeps several instances from doubling it.
            schedule_next(db).await?;
            Ok(())
        })
    }
}

pub fn register(r: Registry) -> Registry {
    r.with(KIND, Housekeeping)
}

/// Enqueues the next hourly run (idempotent per hour).
pub async fn schedule_next(db: &DatabaseConnection) -> anyhow::Result<()> {
    let next = db::now() + chrono::Duration::hours(1);
    let next = next
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(next);
    let mut job = NewJob::new(KIND, serde_json::json!({}));
    job.run_at = Some(next);
    job.idempotency_key = Some(format!("{KIND}:{}", next.format("%Y-%m-%dT%H")));
    db::jobs::enqueue(db, job).await?;
    Ok(())
}
