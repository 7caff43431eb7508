//! The background worker: claims jobs from the database queue and runs their handlers.
//! Runs inside `serve` (switch off per instance with `worker = false`); several instances
//! share one queue. On shutdown the running job finishes before the worker stops.

pub mod housekeeping;
pub mod mail;
pub mod publishing;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use amtfluencer_domain::jobs::JobStatus;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use crate::config::Config;
use crate::db::{self, entities::job};
use crate::web::metrics::Metrics;

pub type JobFuture<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// One kind of job.
pub trait JobHandler: Send + Sync {
    fn run<'a>(&'a self, db: &'a DatabaseConnection, job: &'a job::Model) -> JobFuture<'a>;
}

/// The handlers a worker knows, by job kind.
#[derive(Clone, Default)]
pub struct Registry(HashMap<&'static str, Arc<dyn JobHandler>>);

impl Registry {
    pub fn with(mut self, kind: &'static str, handler: impl JobHandler + 'static) -> Self {
        self.0.insert(kind, Arc::new(handler));
        self
    }

    /// The handlers of the product's own jobs.
    pub fn standard(config: &Config) -> anyhow::Result<Self> {
        let r = mail::register(housekeeping::register(Self::default()), config)?;
        publishing::register(r, config)
    }
}

pub struct Worker {
    pub db: DatabaseConnection,
    pub id: String,
    pub registry: Registry,
    pub metrics: Arc<Metrics>,
    /// How long a claimed job stays locked; a worker that dies releases it after this.
    pub lock_for: Duration,
    /// How long to wait when the queue is empty.
    pub idle_wait: Duration,
}

impl Worker {
    pub fn new(db: DatabaseConnection, registry: Registry, metrics: Arc<Metrics>) -> Self {
        let id = format!(
            "{}-{}",
            std::process::id(),
            &crate::auth::tokens::random_token()[..8]
        );
        Self {
            db,
            id,
            registry,
            metrics,
            lock_for: Duration::from_secs(300),
            idle_wait: Duration::from_millis(500),
        }
    }

    /// Runs until `shutdown` turns true; a job in progress is finished first.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(worker = %self.id, "job worker started");
        let mut last_bury = std::time::Instant::now();
        let mut next: Option<job::Model> = None;
        while !*shutdown.borrow() {
            if last_bury.elapsed() > Duration::from_secs(30) {
                last_bury = std::time::Instant::now();
                if let Err(e) = db::jobs::bury_expired(&self.db).await {
                    tracing::warn!(error = %e, "could not check for abandoned jobs");
                }
            }
            let claimed = match next.take() {
                Some(j) => Ok(Some(j)),
                None => db::jobs::claim(&self.db, &self.id, self.lock_for).await,
            };
            match claimed {
                Ok(Some(job)) => {
                    let claim_next = !*shutdown.borrow();
                    match self.process(job, claim_next).await {
                        Ok(n) => next = n,
                        Err(e) => tracing::warn!(error = %e, "could not record a job's outcome"),
                    }
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "job queue unavailable, waiting"),
            }
            tokio::select! {
                _ = tokio::time::sleep(self.idle_wait) => {}
                _ = shutdown.changed() => {}
            }
        }
        // A job claimed together with the last completion goes back to the queue untouched.
        if let Some(j) = next {
            let _ = db::jobs::release(&self.db, j.id, &self.id).await;
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }

    /// Claims and runs one job; false when the queue had nothing due.
    pub async fn run_one(&self) -> Result<bool, sea_orm::DbErr> {
        let Some(job) = db::jobs::claim(&self.db, &self.id, self.lock_for).await? else {
            return Ok(false);
        };
        self.process(job, false).await?;
        Ok(true)
    }

    /// Runs a claimed job and records the outcome; on success the next job is claimed in the
    /// same transaction when `claim_next`.
    async fn process(
        &self,
        job: job::Model,
        claim_next: bool,
    ) -> Result<Option<job::Model>, sea_orm::DbErr> {
        let result = match self.registry.0.get(job.kind.as_str()) {
            Some(h) => h.run(&self.db, &job).await,
            None => Err(anyhow::anyhow!("no handler for job kind {:?}", job.kind)),
        };
        match result {
            Ok(()) => {
                let lock = claim_next.then_some(self.lock_for);
                let (completed, next) =
                    db::jobs::complete_and_claim(&self.db, job.id, &self.id, lock).await?;
                if completed {
                    self.metrics.jobs_completed.fetch_add(1, Ordering::Relaxed);
                } else {
                    tracing::warn!(job = job.id, "job finished after its lock was taken over");
                }
                Ok(next)
            }
            Err(e) => {
                self.metrics.jobs_failed.fetch_add(1, Ordering::Relaxed);
                let status = db::jobs::fail(&self.db, &job, &self.id, &format!("{e:#}")).await?;
                if status == JobStatus::Dead {
                    self.metrics.jobs_dead.fetch_add(1, Ordering::Relaxed);
                    tracing::error!(job = job.id, kind = %job.kind, error = %format!("{e:#}"), "job gave up after its last attempt");
                } else {
                    tracing::warn!(job = job.id, kind = %job.kind, error = %format!("{e:#}"), "job failed, will retry");
                }
                Ok(None)
            }
        }
    }
}
