//! Publishing through the queue: `publish_post` sends one scheduled post, `schedule_publishing`
//! (every minute) makes sure every due post has its job, `connection_reminders` (every hour)
//! reminds people before a LinkedIn connection expires, `mastodon_counts` (every six hours)
//! reads the counts of recent Mastodon posts for the metrics, and LinkedIn's post analytics
//! where the authority's app and the author's connection have that access.
//!
//! Nothing is posted twice: the attempt is recorded before sending; a retry after a crash
//! relies on Mastodon's `Idempotency-Key` or asks LinkedIn whether the post exists, and
//! otherwise marks the post "unknown, please check" instead of sending blindly.

mod counts;
mod notify;
mod publish;
mod reminders;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Timelike, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use serde::{Deserialize, Serialize};

use super::{JobFuture, JobHandler, Registry};
use crate::channels::Channels;
use crate::config::Config;
use crate::db::{self, entities::job, jobs::NewJob};
use crate::i18n::I18n;

pub use counts::{
    COUNTS_DAYS, CountsReport, SOURCE as COUNTS_SOURCE, fetch_linkedin_figures,
    fetch_mastodon_counts,
};
pub use reminders::{REMINDER_DAYS, remind_expiring};

pub const PUBLISH: &str = "publish_post";
pub const SCHEDULE: &str = "schedule_publishing";
pub const REMINDERS: &str = "connection_reminders";
/// The figures from the networks' APIs. The name predates LinkedIn's figures; it stays, so
/// that a run queued by an older version is still picked up.
pub const COUNTS: &str = "mastodon_counts";

/// Hours between two readings of the API figures (slots aligned to midnight UTC, so that
/// every instance plans the same next run).
pub const COUNTS_EVERY_HOURS: u32 = 6;

/// How often a throttled or unreachable network is tried again before the post stops.
pub const MAX_ROUNDS: u32 = 8;

/// Where the photo of a post comes from: the media store, by its storage key.
pub trait MediaLoader: Send + Sync {
    fn load<'a>(
        &'a self,
        storage_key: &'a str,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<Vec<u8>>> + Send + 'a>>;
}

/// Photos as files below a folder, named by their storage key.
pub struct FolderMedia(pub PathBuf);

impl MediaLoader for FolderMedia {
    fn load<'a>(
        &'a self,
        storage_key: &'a str,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<Vec<u8>>> + Send + 'a>> {
        Box::pin(async move {
            let safe = !storage_key.is_empty()
                && !storage_key.starts_with('/')
                && storage_key
                    .split('/')
                    .all(|part| !part.is_empty() && part != "." && part != "..");
            anyhow::ensure!(safe, "media key {storage_key:?} is not a plain path");
            Ok(tokio::fs::read(self.0.join(storage_key)).await?)
        })
    }
}

/// What the publishing jobs share.
#[derive(Clone)]
pub struct Publishing {
    pub channels: Arc<Channels>,
    pub media: Arc<dyn MediaLoader>,
    pub i18n: Arc<I18n>,
}

/// The payload of `publish_post`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishJob {
    pub post_id: i64,
    /// The time the post was scheduled for; a post scheduled anew gets a new job.
    pub scheduled_at: DateTime<Utc>,
    /// 1 for the first try, counting up after throttling and outages.
    #[serde(default = "first_round")]
    pub round: u32,
}

fn first_round() -> u32 {
    1
}

impl PublishJob {
    /// The queue's key: one job per post, time and round.
    fn key(&self) -> String {
        format!(
            "{PUBLISH}:{}:{}:{}",
            self.post_id,
            self.scheduled_at.timestamp(),
            self.round
        )
    }
}

/// Puts the publishing of a post on the queue for its time; a second call for the same post
/// and time adds nothing. Call it inside the transaction that schedules the post.
pub async fn enqueue_publish(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    job: PublishJob,
    run_at: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let mut new = NewJob::new(
        PUBLISH,
        serde_json::to_value(&job).map_err(|e| DbErr::Custom(e.to_string()))?,
    );
    new.tenant_id = Some(tenant_id);
    new.run_at = Some(run_at);
    // The handler records every outcome on the post itself; a failing job is a fault of ours
    // (database gone), worth a few tries before it is parked for the team.
    new.max_attempts = 3;
    new.idempotency_key = Some(job.key());
    db::jobs::enqueue(db, new).await
}

struct PublishHandler(Publishing);

impl JobHandler for PublishHandler {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            let payload: PublishJob = serde_json::from_str(&job.payload)?;
            publish::run(&self.0, db, &payload).await
        })
    }
}

struct ScheduleHandler;

impl JobHandler for ScheduleHandler {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, _job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            let n = enqueue_due(db).await?;
            if n > 0 {
                tracing::info!(posts = n, "due posts put on the queue");
            }
            schedule_next_scan(db).await?;
            Ok(())
        })
    }
}

struct RemindersHandler(Publishing);

impl JobHandler for RemindersHandler {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, _job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            let sent = remind_expiring(&self.0, db).await?;
            db::connections::purge_states(db).await?;
            if sent > 0 {
                tracing::info!(sent, "reminders to reconnect sent");
            }
            schedule_next_reminders(db).await?;
            Ok(())
        })
    }
}

struct CountsHandler(Publishing);

impl JobHandler for CountsHandler {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, _job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            // Each network's run is tried even when the other one could not finish.
            let runs = [
                (
                    "Mastodon counts read",
                    fetch_mastodon_counts(&self.0, db).await,
                ),
                (
                    "LinkedIn figures read",
                    fetch_linkedin_figures(&self.0, db).await,
                ),
            ];
            let mut failure = None;
            for (what, run) in runs {
                match run {
                    Ok(r) if r != CountsReport::default() => tracing::info!(
                        stored = r.stored,
                        failed = r.failed,
                        deleted = r.deleted,
                        "{what}"
                    ),
                    Ok(_) => {}
                    Err(e) => failure = failure.or(Some(e)),
                }
            }
            schedule_next_counts(db).await?;
            failure.map_or(Ok(()), Err)
        })
    }
}

/// Every post due within the next 30 seconds gets its job (the one made at scheduling, if
/// it is still there: the key is the same). Returns how many jobs were added.
pub async fn enqueue_due(db: &impl ConnectionTrait) -> Result<usize, DbErr> {
    let mut added = 0;
    for post in db::publishing::due(db, db::now() + chrono::Duration::seconds(30)).await? {
        let (Some(at), None) = (post.scheduled_at, post.publish_started_at) else {
            continue;
        };
        let job = PublishJob {
            post_id: post.id,
            scheduled_at: at,
            round: 1,
        };
        if enqueue_publish(db, post.tenant_id, job, at)
            .await?
            .is_some()
        {
            added += 1;
        }
    }
    Ok(added)
}

fn start_of_next(unit: chrono::Duration) -> DateTime<Utc> {
    let next = db::now() + unit;
    let next = next.with_second(0).and_then(|t| t.with_nanosecond(0));
    let next = next.unwrap_or_else(|| db::now() + unit);
    if unit >= chrono::Duration::hours(1) {
        next.with_minute(0).unwrap_or(next)
    } else {
        next
    }
}

/// The next scan for due posts, at the start of the next minute.
pub async fn schedule_next_scan(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let at = start_of_next(chrono::Duration::minutes(1));
    let mut job = NewJob::new(SCHEDULE, serde_json::json!({}));
    job.run_at = Some(at);
    job.idempotency_key = Some(format!("{SCHEDULE}:{}", at.format("%Y-%m-%dT%H:%M")));
    db::jobs::enqueue(db, job).await?;
    Ok(())
}

/// The next round of reminders, at the start of the next hour.
pub async fn schedule_next_reminders(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let at = start_of_next(chrono::Duration::hours(1));
    let mut job = NewJob::new(REMINDERS, serde_json::json!({}));
    job.run_at = Some(at);
    job.idempotency_key = Some(format!("{REMINDERS}:{}", at.format("%Y-%m-%dT%H")));
    db::jobs::enqueue(db, job).await?;
    Ok(())
}

/// The next reading of the API figures, at the start of the next six-hour slot.
pub async fn schedule_next_counts(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let at = next_slot(db::now(), COUNTS_EVERY_HOURS);
    let mut job = NewJob::new(COUNTS, serde_json::json!({}));
    job.run_at = Some(at);
    job.idempotency_key = Some(format!("{COUNTS}:{}", at.format("%Y-%m-%dT%H")));
    db::jobs::enqueue(db, job).await?;
    Ok(())
}

/// The first full hour after `now` that is a multiple of `hours` since midnight UTC.
fn next_slot(now: DateTime<Utc>, hours: u32) -> DateTime<Utc> {
    let hour = now
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let ahead = hours.max(1) - hour.hour() % hours.max(1);
    hour + chrono::Duration::hours(i64::from(ahead))
}

/// Starts the periodic publishing jobs (idempotent; every instance may call it).
pub async fn schedule_periodic(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    schedule_next_scan(db).await?;
    schedule_next_reminders(db).await?;
    schedule_next_counts(db).await
}

impl Registry {
    /// Adds the publishing jobs with these clients and this media store.
    pub fn with_publishing(self, publishing: Publishing) -> Self {
        self.with(PUBLISH, PublishHandler(publishing.clone()))
            .with(SCHEDULE, ScheduleHandler)
            .with(REMINDERS, RemindersHandler(publishing.clone()))
            .with(COUNTS, CountsHandler(publishing))
    }
}

/// Photos from the configured media store (a folder or an S3-compatible bucket), the one the
/// studio writes to.
pub struct StoreMedia(pub Arc<amtfluencer_media::store::MediaStore>);

impl MediaLoader for StoreMedia {
    fn load<'a>(
        &'a self,
        storage_key: &'a str,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<Vec<u8>>> + Send + 'a>> {
        Box::pin(async move {
            let key = amtfluencer_media::store::MediaKey::parse(storage_key)
                .map_err(|e| anyhow::anyhow!("media key {storage_key:?}: {e}"))?;
            let object = self
                .0
                .get(&key)
                .await
                .map_err(|e| anyhow::anyhow!("media store: {e}"))?;
            Ok(object.bytes.to_vec())
        })
    }
}

/// The publishing jobs as `serve` runs them: clients and the media store from the
/// configuration.
pub fn register(r: Registry, config: &Config) -> anyhow::Result<Registry> {
    Ok(r.with_publishing(Publishing {
        channels: Arc::new(Channels::from_config(config)?),
        media: Arc::new(StoreMedia(Arc::new(crate::state::media_store(config)?))),
        i18n: Arc::new(I18n::load()?),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_counts_run_at_the_next_six_hour_slot_whenever_an_instance_starts() {
        assert_eq!(
            next_slot(at("2026-11-25T10:17:03Z"), 6),
            at("2026-11-25T12:00:00Z")
        );
        assert_eq!(
            next_slot(at("2026-11-25T12:00:00Z"), 6),
            at("2026-11-25T18:00:00Z")
        );
        assert_eq!(
            next_slot(at("2026-11-25T23:59:59Z"), 6),
            at("2026-11-26T00:00:00Z")
        );
    }
}
