//! The audit log page and its retention.

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};

use crate::support::TestApp;

#[tokio::test]
async fn the_team_and_the_council_read_the_log_with_filters() {
    for mut app in TestApp::demo_all().await {
        app.login("leadership@musterstadt.example").await;
        app.post_form(
            "/login",
            "/login",
            &[
                ("email", "admin@musterstadt.example"),
                ("password", "falsch"),
            ],
        )
        .await;
        app.login("council@musterstadt.example").await;
        let page = app.get("/t/musterstadt/audit").await;
        assert_eq!(page.status, StatusCode::OK, "{}", app.tdb.backend);
        assert!(page.body.contains("login.failed") && page.body.contains("Petra Vogt"));
        let only_failed = app
            .get("/t/musterstadt/audit?action=login.failed")
            .await
            .body;
        assert!(only_failed.contains("1 Einträge"), "{only_failed}");
        let by_actor = app
            .get("/t/musterstadt/audit?actor=leadership%40musterstadt.example")
            .await
            .body;
        assert!(by_actor.contains("Dr. Frank Albers") && !by_actor.contains("Petra Vogt &lt;"));
        let future = app.get("/t/musterstadt/audit?from=2099-01-01").await.body;
        assert!(future.contains("0 Einträge"));
        let bad_date = app.get("/t/musterstadt/audit?from=gestern").await;
        assert_eq!(
            bad_date.status,
            StatusCode::OK,
            "an unreadable date is ignored, not an error"
        );

        for email in [
            "katharina.brenner@musterstadt.example",
            "leadership@musterstadt.example",
        ] {
            app.login(email).await;
            assert_eq!(
                app.get("/t/musterstadt/audit").await.status,
                StatusCode::FORBIDDEN,
                "{email}"
            );
        }
    }
}

#[tokio::test]
async fn another_authoritys_entries_stay_out_of_the_log() {
    for mut app in TestApp::demo_all().await {
        let other = db::tenants::create(
            &app.tdb.db,
            db::tenants::NewTenant {
                slug: amtfluencer_domain::types::Slug::parse("nachbarstadt").unwrap(),
                name: "Nachbarstadt".into(),
                federal_state: amtfluencer_domain::types::FederalState::HE,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap();
        db::audit::record(
            &app.tdb.db,
            Some(TenantId(other.id)),
            db::audit::Entry {
                actor_user_id: None,
                action: "cohort.decided",
                object_type: "cohort",
                object_id: Some("geheim-42".into()),
                details: serde_json::json!({}),
            },
        )
        .await
        .unwrap();
        app.login("admin@musterstadt.example").await;
        let page = app.get("/t/musterstadt/audit").await.body;
        assert!(!page.contains("geheim-42") && !page.contains("cohort.decided"));
    }
}

#[tokio::test]
async fn entries_past_the_retention_period_are_removed_by_housekeeping() {
    for app in TestApp::demo_all().await {
        let tenant = db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        for (action, age_days) in [("old", 800), ("recent", 10)] {
            db::audit::record(
                &app.tdb.db,
                Some(TenantId(tenant.id)),
                db::audit::Entry {
                    actor_user_id: None,
                    action,
                    object_type: "x",
                    object_id: None,
                    details: serde_json::json!({}),
                },
            )
            .await
            .unwrap();
            let rows = db::entities::audit_entry::Entity::find()
                .all(&app.tdb.db)
                .await
                .unwrap();
            let mut row = rows
                .into_iter()
                .find(|r| r.action == action)
                .unwrap()
                .into_active_model();
            row.created_at = Set(db::now() - chrono::Duration::days(age_days));
            row.update(&app.tdb.db).await.unwrap();
        }
        amtfluencer::jobs::housekeeping::schedule_next(&app.tdb.db, 730)
            .await
            .unwrap();
        // Make the hourly run due now and run it.
        db::entities::job::Entity::update_many()
            .col_expr(
                db::entities::job::Column::RunAt,
                sea_orm::sea_query::Expr::value(db::now()),
            )
            .exec(&app.tdb.db)
            .await
            .unwrap();
        let w = amtfluencer::jobs::Worker::new(
            app.tdb.db.clone(),
            amtfluencer::jobs::Registry::standard(&app.state.config).unwrap(),
            app.state.metrics.clone(),
        );
        assert!(w.run_one().await.unwrap());
        let left: Vec<String> = db::entities::audit_entry::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert!(
            left.contains(&"recent".to_owned()) && !left.contains(&"old".to_owned()),
            "{left:?}"
        );
    }
}
