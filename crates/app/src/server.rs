//! `serve`: opens the database, migrates, seeds the demo if asked, listens, runs the worker,
//! and shuts down gracefully on SIGTERM or Ctrl-C (in-flight requests and the running job
//! finish first).

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::{Config, mask_url};
use crate::jobs::{Registry, Worker};
use crate::state::AppState;
use crate::{db, demo, web};

pub async fn serve(config: Config) -> anyhow::Result<()> {
    let db = db::connect_server(&config.database_url).await?;
    let applied = db::migrate(&db).await?;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    if config.demo {
        let r = demo::seed(&db, 1).await?;
        if !r.skipped {
            tracing::info!(
                ambassadors = r.ambassadors,
                posts = r.posts,
                "demo authority seeded"
            );
        }
    }
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    // Connected accounts' tokens are sealed with this key; without it none can be kept.
    crate::crypto::key(&config)?;
    let addr = listener.local_addr()?;
    let state = AppState::new(db.clone(), config.clone())?;

    println!("Amtfluencer läuft auf / is running on http://{addr}/");
    println!("Datenbank / database: {}", mask_url(&config.database_url));
    if config.demo {
        println!(
            "Demo-Zugänge / demo logins (Passwort / password: {}):",
            demo::PASSWORD
        );
        for (role, email) in demo::logins() {
            println!("  {role:<32} {email}");
        }
    }

    let (stop_tx, stop_rx) = watch::channel(false);
    let checkpoints = tokio::spawn(db::checkpoints(db.clone(), stop_rx.clone()));
    let worker = if config.worker {
        crate::jobs::housekeeping::schedule_next(&db, config.audit_retention_days).await?;
        crate::jobs::publishing::schedule_periodic(&db).await?;
        let w = Worker::new(
            db.clone(),
            Registry::standard(&config)?,
            state.metrics.clone(),
        );
        Some(tokio::spawn(w.run(stop_rx.clone())))
    } else {
        None
    };

    let app = web::router(state);
    let mut http_stop = stop_rx.clone();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = http_stop.wait_for(|s| *s).await;
    });
    let signal = tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests and the running job");
        let _ = stop_tx.send(true);
    });
    server.await.context("the HTTP server failed")?;
    signal.abort();
    if let Some(w) = worker {
        let _ = w.await;
    }
    let _ = checkpoints.await;
    // Closing the last connection also copies what is left of SQLite's log.
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
