//! Job-queue throughput: trivial jobs claimed and completed per second, on SQLite with one
//! and two workers, and on PostgreSQL with two workers when `BENCH_DATABASE_URL` (or
//! `TEST_DATABASE_URL`) is set. Run with `cargo bench -p amtfluencer --bench jobs`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use amtfluencer::db::{self, entities::job, jobs::NewJob};
use amtfluencer::jobs::{JobFuture, JobHandler, Registry, Worker};
use amtfluencer::web::metrics::Metrics;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use tokio::sync::watch;

const JOBS: usize = 2000;

#[derive(Clone, Default)]
struct Count(Arc<AtomicUsize>);

impl JobHandler for Count {
    fn run<'a>(&'a self, _db: &'a DatabaseConnection, _job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            self.0.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
    }
}

async fn fill(url: &str) -> anyhow::Result<()> {
    let db = db::connect(url).await?;
    db::migrate(&db).await?;
    db.execute_unprepared("DELETE FROM jobs").await?;
    let txn = db.begin().await?;
    for i in 0..JOBS {
        db::jobs::enqueue(&txn, NewJob::new("count", serde_json::json!({ "i": i }))).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn drain(url: &str, workers: usize) -> anyhow::Result<f64> {
    fill(url).await?;
    let count = Count::default();
    let (stop, rx) = watch::channel(false);
    let start = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..workers {
        let mut w = Worker::new(
            db::connect(url).await?,
            Registry::default().with("count", count.clone()),
            Arc::new(Metrics::default()),
        );
        w.idle_wait = Duration::from_millis(5);
        handles.push(tokio::spawn(w.run(rx.clone())));
    }
    while count.0.load(Ordering::Relaxed) < JOBS {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let secs = start.elapsed().as_secs_f64();
    stop.send(true)?;
    for h in handles {
        h.await?;
    }
    Ok(JOBS as f64 / secs)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
    for workers in [1, 2] {
        let rate = drain(&sqlite, workers).await?;
        println!("sqlite     workers={workers}  {JOBS} jobs  {rate:>8.0} jobs/s");
    }
    let pg = std::env::var("BENCH_DATABASE_URL").or_else(|_| std::env::var("TEST_DATABASE_URL"));
    match pg {
        Ok(url) if !url.is_empty() => {
            for workers in [1, 2] {
                let rate = drain(&url, workers).await?;
                println!("postgresql workers={workers}  {JOBS} jobs  {rate:>8.0} jobs/s");
            }
        }
        _ => println!("postgresql skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL"),
    }
    Ok(())
}
