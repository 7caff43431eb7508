//! Import of a 100,000-row page-content export into the demo scaled ×100: the file is written
//! as LinkedIn lays it out (description row, header, one row per post with its link), then
//! read, planned and written in one transaction — what `POST /api/v1/imports?commit=true`
//! does after receiving the upload. Prints each phase's time.
//!
//! `BENCH_DATABASE_URL` names the database (default: a fresh SQLite file); the demo is seeded
//! ×`BENCH_SCALE` (default 100) when the authority `musterstadt` is missing; `BENCH_ROWS` sets
//! the file's rows (default 100,000). Afterwards the
//! imported figures are removed again, so the database can be measured repeatedly.
//! Run with `cargo bench -p amtfluencer --bench import`.

// The file as the reading benchmark of the imports crate writes it.
#[path = "../../imports/benches/support/page_export.rs"]
mod page_export;

use std::time::Instant;

use amtfluencer::db::{self, metrics::figures};
use amtfluencer::imports;
use amtfluencer::tenancy::TenantId;
use chrono::{DateTime, Utc};
use page_export::{ExportPost, page_export};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

/// Rows in the file: `BENCH_ROWS`, 100,000 unless set.
fn rows() -> u64 {
    std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// The newest published posts' links and dates, as many as the file should hold.
async fn posts(db: &DatabaseConnection, tenant: TenantId) -> anyhow::Result<Vec<Post>> {
    let rows = rows();
    let stmt = Query::select()
        .columns(["id", "external_url", "published_at"])
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("status").eq("published"))
        .and_where(Expr::col("external_url").is_not_null())
        .order_by("published_at", Order::Desc)
        .limit(rows)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&stmt).await? {
        out.push(Post {
            id: r.try_get("", "id")?,
            url: r.try_get("", "external_url")?,
            at: r.try_get("", "published_at")?,
        });
    }
    anyhow::ensure!(
        out.len() as u64 == rows,
        "only {} published posts with a link; seed a larger demo",
        out.len()
    );
    Ok(out)
}

struct Post {
    id: i64,
    url: String,
    at: DateTime<Utc>,
}

fn export(posts: &[Post]) -> anyhow::Result<Vec<u8>> {
    let rows: Vec<ExportPost> = posts
        .iter()
        .map(|p| ExportPost {
            id: p.id,
            url: p.url.clone(),
            created: p.at.date_naive(),
        })
        .collect();
    Ok(page_export(&rows)?)
}

async fn run() -> anyhow::Result<()> {
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        let dir = std::env::temp_dir().join("amtfluencer-import-bench");
        let _ = std::fs::create_dir_all(&dir);
        format!("sqlite://{}/scale.db", dir.display())
    });
    // As the server connects: on SQLite the log is copied into the file in the background.
    let db = db::connect_server(&url).await?;
    let (_stop, stop) = tokio::sync::watch::channel(false);
    tokio::spawn(db::checkpoints(db.clone(), stop));
    db::migrate(&db).await?;
    let tenant = match db::tenants::by_slug(&db, "musterstadt").await? {
        Some(t) => t,
        None => {
            let scale = std::env::var("BENCH_SCALE")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(100);
            println!("seeding the demo ×{scale} …");
            amtfluencer::demo::seed(&db, scale).await?;
            db::tenants::by_slug(&db, "musterstadt")
                .await?
                .ok_or_else(|| anyhow::anyhow!("the demo authority is missing"))?
        }
    };
    let tid = TenantId(tenant.id);
    let email = amtfluencer_domain::types::Email::parse("admin@musterstadt.example")?;
    let admin = db::users::by_email(&db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's admin is missing"))?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Autovacuum's work, in case it is off (this benchmark deletes what it imported, and
        // the dead rows of earlier runs would otherwise slow every later one).
        db.execute_unprepared(
            "VACUUM ANALYZE post_metrics, post_figures, post_facts, posts, imports",
        )
        .await?;
    }
    let posts = posts(&db, tid).await?;
    let bytes = export(&posts)?;
    println!(
        "file: {} rows, {:.1} MB XLSX",
        posts.len(),
        bytes.len() as f64 / 1e6
    );

    // The file alone, read once before the measured run, to show its share.
    let t = Instant::now();
    let kind = amtfluencer_imports::detect("updates.xlsx", &bytes)?;
    amtfluencer_imports::parse(kind, &bytes)?;
    println!("reading the file alone: {:.2} s", t.elapsed().as_secs_f64());

    // A new moment each run, so that every run imports (the day after the file's period).
    let today = Utc::now().date_naive();
    let started = Instant::now();
    let plan = imports::plan(&db, tid, "updates.xlsx", &bytes, None, today)
        .await
        .map_err(|e| anyhow::anyhow!("plan: {e:?}"))?;
    let planned = started.elapsed();
    let txn = db.begin().await?;
    let import_id = imports::apply(&txn, tid, &plan, admin.id).await?;
    let applied = started.elapsed();
    txn.commit().await?;
    let total = started.elapsed();
    println!(
        "imported {} / updated {} / skipped {} / unmatched {}",
        plan.count(imports::Outcome::Imported),
        plan.count(imports::Outcome::Updated),
        plan.count(imports::Outcome::Skipped),
        plan.count(imports::Outcome::Unmatched),
    );
    let mut reasons = std::collections::BTreeMap::new();
    for r in &plan.rows {
        if r.action.outcome() == imports::Outcome::Skipped {
            *reasons
                .entry(
                    format!("{:?}", r.action)
                        .chars()
                        .take(24)
                        .collect::<String>(),
                )
                .or_insert(0) += 1;
        }
    }
    if !reasons.is_empty() {
        println!("skipped: {reasons:?}");
        if let Some(r) = plan
            .rows
            .iter()
            .find(|r| matches!(r.action, imports::Action::Skip(_)))
        {
            println!("first: line {} {:?}", r.line, r.action);
        }
    }
    println!(
        "read and plan {:.2} s, write {:.2} s, commit {:.2} s: total {:.2} s",
        planned.as_secs_f64(),
        (applied - planned).as_secs_f64(),
        (total - applied).as_secs_f64(),
        total.as_secs_f64()
    );

    // Leave the database as it was for the next run.
    let txn = db.begin().await?;
    let delete = Query::delete()
        .from_table("post_metrics")
        .and_where(Expr::col("import_id").eq(import_id))
        .to_owned();
    txn.execute(&delete).await?;
    let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    figures::refresh(&txn, tid, &ids).await?;
    let delete = Query::delete()
        .from_table("imports")
        .and_where(Expr::col("id").eq(import_id))
        .to_owned();
    txn.execute(&delete).await?;
    txn.commit().await?;
    // Closing copies SQLite's log into the file, so the next run starts from the same state.
    db.close().await?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    // RUST_LOG=sqlx::query=debug shows each statement's time.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}
