//! Delivery through the queue: an SMTP server that refuses leaves the mail queued, and the
//! same job delivers it once the server is back.

use amtfluencer::db;
use sea_orm::EntityTrait;
use sea_orm::sea_query::Expr;

use super::{SmtpServer, closed_port, invite, mail_apps, mail_jobs, run_jobs};

const NEW: &str = "nora.neu@musterstadt.example";

#[tokio::test]
async fn a_refusing_smtp_server_leaves_the_mail_queued_for_a_later_attempt() {
    let port = closed_port();
    let url = format!("smtp://amt:postgeheim@127.0.0.1:{port}");
    for (mut app, _outbox) in mail_apps(Some(&url)).await {
        app.login("admin@musterstadt.example").await;
        invite(&mut app, NEW, "Nora Neu", "ambassador").await;
        assert_eq!(run_jobs(&app).await, 1);
        let jobs = mail_jobs(&app).await;
        assert_eq!(jobs.len(), 1);
        let job = &jobs[0];
        assert_eq!(
            (job.status.as_str(), job.attempts),
            ("queued", 1),
            "{job:?}"
        );
        assert!(job.run_at > db::now(), "retried later, with backoff");
        assert!(job.max_attempts >= 10);
        let error = job.last_error.clone().unwrap_or_default();
        assert!(error.contains("amt:***@127.0.0.1"), "{error}");
        assert!(!error.contains("postgeheim"), "{error}");
        assert_eq!(
            job.tenant_id,
            db::tenants::by_slug(&app.state.db, "musterstadt")
                .await
                .unwrap()
                .map(|t| t.id)
        );

        // The server is back: the same job delivers the mail.
        let smtp = SmtpServer::start().await;
        let mut config = (*app.state.config).clone();
        config.smtp_url = Some(smtp.url());
        app.state.config = std::sync::Arc::new(config);
        amtfluencer::db::entities::job::Entity::update_many()
            .col_expr(
                amtfluencer::db::entities::job::Column::RunAt,
                Expr::value(db::now()),
            )
            .exec(&app.state.db)
            .await
            .unwrap();
        assert_eq!(run_jobs(&app).await, 1);
        assert_eq!(smtp.received().len(), 1);
        assert_eq!(mail_jobs(&app).await[0].status, "done");
    }
}
