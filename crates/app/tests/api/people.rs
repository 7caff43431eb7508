//! The people pages: the team's list and detail, status changes, and each person's own profile.

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

use crate::support::TestApp;

async fn person_id(app: &TestApp, email: &str) -> i64 {
    db::entities::ambassador::Entity::find()
        .all(&app.tdb.db)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email.as_deref() == Some(email))
        .unwrap()
        .id
}

#[tokio::test]
async fn the_team_lists_and_filters_the_people_with_their_onboarding() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let list = app.get("/t/musterstadt/people").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("18 Personen") && list.body.contains("Katharina Brenner"));
        assert!(
            list.body.contains("Auszubildende") && list.body.contains("7/7"),
            "complete onboardings show"
        );
        let paused = app.get("/t/musterstadt/people?status=paused").await.body;
        assert!(paused.contains("1 Personen"), "{paused}");
        let dept = app
            .get("/t/musterstadt/people?department=Tiefbau")
            .await
            .body;
        assert!(dept.contains("Mehmet") && !dept.contains("Katharina Brenner"));
        for email in [
            "council@musterstadt.example",
            "leadership@musterstadt.example",
            "katharina.brenner@musterstadt.example",
        ] {
            app.login(email).await;
            assert_eq!(
                app.get("/t/musterstadt/people").await.status,
                StatusCode::FORBIDDEN,
                "{email}"
            );
        }
    }
}

#[tokio::test]
async fn the_team_edits_a_person_and_bad_input_keeps_the_form() {
    for mut app in TestApp::demo_all().await {
        let id = person_id(&app, "katharina.brenner@musterstadt.example").await;
        app.login("admin@musterstadt.example").await;
        let path = format!("/t/musterstadt/people/{id}");
        let page = app.get(&path).await;
        assert!(
            page.body.contains("Einstieg") && page.body.contains("Ersten Beitrag veröffentlicht")
        );
        let bad = app
            .post_form(
                &path,
                &path,
                &[
                    ("department", "Hochbau"),
                    ("job_title", "Architektin"),
                    ("track", "employee"),
                    ("linkedin_url", "https://evil.example/in/x"),
                    ("monthly_goal", "12"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("value=\"https://evil.example/in/x\"")
                && bad.body.contains("LinkedIn-Profiladresse")
        );
        assert!(bad.body.contains("eine Zahl von 0 bis 10"));
        let ok = app
            .post_form(
                &path,
                &path,
                &[
                    ("department", "Hochbau"),
                    ("job_title", "Projektleiterin"),
                    ("track", "employee"),
                    ("linkedin_url", "de.linkedin.com/in/k-brenner/"),
                    ("monthly_goal", "3"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let a = db::ambassadors::get(&app.tdb.db, TenantId(a_tenant(&app).await), id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.job_title.as_str(), a.monthly_goal),
            ("Projektleiterin", 3)
        );
        assert_eq!(
            a.linkedin_url.as_deref(),
            Some("https://www.linkedin.com/in/k-brenner")
        );
    }
}

async fn a_tenant(app: &TestApp) -> i64 {
    db::tenants::by_slug(&app.tdb.db, "musterstadt")
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn only_allowed_status_changes_happen_and_are_logged() {
    for mut app in TestApp::demo_all().await {
        let id = person_id(&app, "katharina.brenner@musterstadt.example").await;
        app.login("admin@musterstadt.example").await;
        let path = format!("/t/musterstadt/people/{id}");
        let res = app
            .post_form(
                &path,
                &format!("{path}/status"),
                &[("status", "onboarding")],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::CONFLICT,
            "active → onboarding is not a transition"
        );
        let res = app
            .post_form(&path, &format!("{path}/status"), &[("status", "paused")])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let log = app
            .get("/t/musterstadt/audit?action=person.status_changed")
            .await
            .body;
        assert!(log.contains("1 Einträge"));
        // Another authority's id is not found.
        assert_eq!(
            app.get("/t/musterstadt/people/999999").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn an_ambassador_sets_their_goal_a_pause_and_the_public_profile() {
    for mut app in TestApp::demo_all().await {
        let id = person_id(&app, "katharina.brenner@musterstadt.example").await;
        app.login("katharina.brenner@musterstadt.example").await;
        let me = app.get("/t/musterstadt/me").await;
        assert_eq!(me.status, StatusCode::OK);
        assert!(me.body.contains("Ihr nächster Schritt"));
        let bad = app
            .post_form(
                "/t/musterstadt/me",
                "/t/musterstadt/me",
                &[
                    ("monthly_goal", "2"),
                    ("paused_until", "2020-01-01"),
                    ("bio", "Hallo"),
                    ("ask_me_about", "Bauen"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("Datum in der Zukunft") && bad.body.contains(">Hallo</textarea>")
        );
        let ok = app
            .post_form(
                "/t/musterstadt/me",
                "/t/musterstadt/me",
                &[
                    ("monthly_goal", "1"),
                    ("paused_until", "2099-03-01"),
                    ("bio", "Ich baue Schulen."),
                    ("ask_me_about", "Schulbau, Holzbau"),
                    ("public_profile", "on"),
                ],
            )
            .await;
        assert_eq!(ok.location.as_deref(), Some("/t/musterstadt/me?saved=1"));
        let a = db::ambassadors::get(&app.tdb.db, TenantId(a_tenant(&app).await), id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.status.as_str(), a.monthly_goal, a.public_profile),
            ("paused", 1, true)
        );
        assert_eq!(a.ask_me_about, r#"["Schulbau","Holzbau"]"#);
        // Clearing the pause brings them back; withdrawing the opt-in is recorded.
        app.post_form(
            "/t/musterstadt/me",
            "/t/musterstadt/me",
            &[
                ("monthly_goal", "1"),
                ("paused_until", ""),
                ("bio", ""),
                ("ask_me_about", ""),
            ],
        )
        .await;
        let a = db::ambassadors::get(&app.tdb.db, TenantId(a_tenant(&app).await), id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((a.status.as_str(), a.public_profile), ("active", false));
        let consents = db::entities::audit_entry::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap();
        assert!(consents.iter().any(|e| e.action == "consent.withdrawn"));
        // The team's pages are not the ambassador's.
        assert_eq!(
            app.get(&format!("/t/musterstadt/people/{id}")).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn only_ambassadors_have_an_own_profile() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        assert_eq!(
            app.get("/t/musterstadt/me").await.status,
            StatusCode::FORBIDDEN
        );
    }
}
