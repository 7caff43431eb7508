//! The failed-jobs page of the programme team.

use amtfluencer::db;
use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn the_programme_team_sees_dead_jobs_and_can_retry_them() {
    use amtfluencer::db::jobs::NewJob;
    for mut app in TestApp::demo_all().await {
        let tenant = db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        let mut j = NewJob::new("publish_post", serde_json::json!({"post": 1}));
        j.tenant_id = Some(tenant.id);
        j.max_attempts = 1;
        let id = db::jobs::enqueue(&app.tdb.db, j).await.unwrap().unwrap();
        let c = db::jobs::claim(&app.tdb.db, "w", std::time::Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        db::jobs::fail(
            &app.tdb.db,
            &c,
            "w",
            "LinkedIn: Verbindung abgelaufen (401)",
        )
        .await
        .unwrap();

        app.login("admin@musterstadt.example").await;
        let page = app.get("/t/musterstadt/jobs").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("LinkedIn: Verbindung abgelaufen (401)"));
        let retry = app
            .post_form(
                "/t/musterstadt/jobs",
                &format!("/t/musterstadt/jobs/{id}/retry"),
                &[],
            )
            .await;
        assert_eq!(
            retry.location.as_deref(),
            Some("/t/musterstadt/jobs?retried=1")
        );
        assert!(
            app.get("/t/musterstadt/jobs?retried=1")
                .await
                .body
                .contains("wieder in der Warteschlange")
        );
        assert!(
            db::jobs::list_dead(&app.tdb.db, 5)
                .await
                .unwrap()
                .is_empty()
        );
        // Retrying again, or a job that is not dead, is not found.
        let again = app
            .post_form(
                "/t/musterstadt/jobs",
                &format!("/t/musterstadt/jobs/{id}/retry"),
                &[],
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);

        app.login("council@musterstadt.example").await;
        assert_eq!(
            app.get("/t/musterstadt/jobs").await.status,
            StatusCode::FORBIDDEN
        );
        let nav = app.get("/t/musterstadt/").await.body;
        assert!(
            !nav.contains("/t/musterstadt/jobs"),
            "no link to a page the role may not see"
        );
    }
}

#[tokio::test]
async fn a_job_of_another_authority_cannot_be_retried() {
    use amtfluencer::db::jobs::NewJob;
    for mut app in TestApp::demo_all().await {
        let mut j = NewJob::new("x", serde_json::json!({}));
        j.max_attempts = 1;
        let id = db::jobs::enqueue(&app.tdb.db, j).await.unwrap().unwrap();
        let c = db::jobs::claim(&app.tdb.db, "w", std::time::Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        db::jobs::fail(&app.tdb.db, &c, "w", "kaputt")
            .await
            .unwrap();
        app.login("admin@musterstadt.example").await;
        assert!(!app.get("/t/musterstadt/jobs").await.body.contains("kaputt"));
        let res = app
            .post_form(
                "/t/musterstadt/jobs",
                &format!("/t/musterstadt/jobs/{id}/retry"),
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert_eq!(db::jobs::list_dead(&app.tdb.db, 5).await.unwrap().len(), 1);
    }
}
