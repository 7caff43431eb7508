//! Workers sharing one queue: every job runs exactly once, and a killed worker's job is
//! finished by another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use amtfluencer::db::{self, entities::job, jobs::NewJob};
use amtfluencer::jobs::{JobFuture, JobHandler, Registry, Worker};
use amtfluencer::web::metrics::Metrics;
use sea_orm::{DatabaseConnection, EntityTrait};
use tokio::sync::watch;

use crate::support::TestDb;

/// Counts how often each job ran.
#[derive(Clone, Default)]
struct Counter(Arc<Mutex<HashMap<i64, u32>>>);

impl JobHandler for Counter {
    fn run<'a>(&'a self, _db: &'a DatabaseConnection, job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            *self.0.lock().unwrap().entry(job.id).or_default() += 1;
            Ok(())
        })
    }
}

/// Never finishes: stands for a job whose worker gets killed.
struct Hang;

impl JobHandler for Hang {
    fn run<'a>(&'a self, _db: &'a DatabaseConnection, _job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(std::future::pending())
    }
}

async fn run_two_workers(url: &str, jobs: usize) {
    let setup = db::connect(url).await.unwrap();
    for i in 0..jobs {
        db::jobs::enqueue(&setup, NewJob::new("count", serde_json::json!({ "i": i })))
            .await
            .unwrap();
    }
    let counter = Counter::default();
    let (stop, rx) = watch::channel(false);
    let mut handles = Vec::new();
    for _ in 0..2 {
        // Each worker has its own pool, as separate instances would.
        let pool = db::connect(url).await.unwrap();
        let mut w = Worker::new(
            pool,
            Registry::default().with("count", counter.clone()),
            Arc::new(Metrics::default()),
        );
        w.idle_wait = Duration::from_millis(10);
        handles.push(tokio::spawn(w.run(rx.clone())));
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while counter.0.lock().unwrap().len() < jobs {
        assert!(
            std::time::Instant::now() < deadline,
            "workers did not finish in time"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.send(true).unwrap();
    for h in handles {
        h.await.unwrap();
    }
    let runs = counter.0.lock().unwrap().clone();
    assert_eq!(runs.len(), jobs);
    assert!(runs.values().all(|n| *n == 1), "a job ran twice");
    let rows = job::Entity::find().all(&setup).await.unwrap();
    assert!(rows.iter().all(|j| j.status == "done" && j.attempts == 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_postgres_run_2000_jobs_exactly_once() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    run_two_workers(&t.url, 2000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_sqlite_run_every_job_exactly_once() {
    let t = TestDb::sqlite().await;
    run_two_workers(&t.url, 500).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_job_of_a_killed_worker_is_retried_by_the_other() {
    for t in TestDb::all().await {
        let id = db::jobs::enqueue(&t.db, NewJob::new("work", serde_json::json!({})))
            .await
            .unwrap()
            .unwrap();
        let (_stop, rx) = watch::channel(false);
        let mut doomed = Worker::new(
            db::connect(&t.url).await.unwrap(),
            Registry::default().with("work", Hang),
            Arc::new(Metrics::default()),
        );
        doomed.lock_for = Duration::from_millis(300);
        let doomed = tokio::spawn(doomed.run(rx.clone()));
        // Wait until the doomed worker holds the job, then kill it mid-job.
        loop {
            let j = job::Entity::find_by_id(id)
                .one(&t.db)
                .await
                .unwrap()
                .unwrap();
            if j.status == "running" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        doomed.abort();
        let counter = Counter::default();
        let mut rescuer = Worker::new(
            db::connect(&t.url).await.unwrap(),
            Registry::default().with("work", counter.clone()),
            Arc::new(Metrics::default()),
        );
        rescuer.idle_wait = Duration::from_millis(20);
        let rescuer = tokio::spawn(rescuer.run(rx.clone()));
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let j = loop {
            let j = job::Entity::find_by_id(id)
                .one(&t.db)
                .await
                .unwrap()
                .unwrap();
            if j.status == "done" {
                break j;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{}: the job was not retried",
                t.backend
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        rescuer.abort();
        assert_eq!(counter.0.lock().unwrap().get(&id), Some(&1));
        assert_eq!(
            (j.status.as_str(), j.attempts),
            ("done", 2),
            "{}",
            t.backend
        );
    }
}

#[tokio::test]
async fn an_unknown_job_kind_fails_visibly_instead_of_vanishing() {
    for t in TestDb::all().await {
        let mut j = NewJob::new("no-such-kind", serde_json::json!({}));
        j.max_attempts = 1;
        db::jobs::enqueue(&t.db, j).await.unwrap();
        let w = Worker::new(
            t.db.clone(),
            Registry::default(),
            Arc::new(Metrics::default()),
        );
        assert!(w.run_one().await.unwrap());
        let dead = db::jobs::list_dead(&t.db, 5).await.unwrap();
        assert_eq!(dead.len(), 1);
        assert!(
            dead[0]
                .last_error
                .as_deref()
                .unwrap()
                .contains("no handler")
        );
    }
}
