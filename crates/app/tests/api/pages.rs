//! The web shell over HTTP: login, sessions, CSRF, languages, errors, isolation.

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn health_endpoints_answer_without_a_session() {
    for mut app in TestApp::demo_all().await {
        let h = app.get("/healthz").await;
        assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
        let r = app.get("/readyz").await;
        assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ready"));
        app.get("/login").await;
        let m = app.get("/metrics").await;
        assert!(
            m.body.contains(
                "amtfluencer_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"
            ),
            "{}",
            m.body
        );
        assert!(m.body.contains("amtfluencer_jobs{status=\"queued\"}"));
    }
}

#[tokio::test]
async fn the_admin_signs_in_and_sees_the_start_page() {
    for mut app in TestApp::demo_all().await {
        let res = app.login("admin@musterstadt.example").await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", app.tdb.backend);
        assert_eq!(res.location.as_deref(), Some("/"));
        let home = app.get("/").await;
        assert_eq!(home.location.as_deref(), Some("/t/musterstadt/"));
        let start = app.get("/t/musterstadt/").await;
        assert_eq!(start.status, StatusCode::OK);
        assert!(start.body.contains("<html lang=\"de\">"));
        assert!(start.body.contains("Stadt Musterstadt am Rhein"));
        assert!(start.body.contains("Willkommen, Sabine Krüger."));
        assert!(start.body.contains("Pilotrunde 2026"));
        assert!(start.body.contains("Programmteam"));
        assert!(start.body.contains("aria-current=\"page\""));
    }
}

#[tokio::test]
async fn a_wrong_password_keeps_the_email_and_says_what_is_wrong() {
    for mut app in TestApp::demo_all().await {
        let wrong = app
            .post_form(
                "/login",
                "/login",
                &[
                    ("email", "admin@musterstadt.example"),
                    ("password", "falsch"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("role=\"alert\""));
        assert!(wrong.body.contains("value=\"admin@musterstadt.example\""));
        assert!(!app.cookies.contains_key("amtf_session"));
        // An unknown address gets the very same answer.
        let unknown = app
            .post_form(
                "/login",
                "/login",
                &[
                    ("email", "niemand@musterstadt.example"),
                    ("password", "falsch"),
                ],
            )
            .await;
        assert_eq!(unknown.status, wrong.status);
        let msg = |b: &str| {
            b.split("role=\"alert\"")
                .nth(1)
                .map(|s| s.split("</p>").next().unwrap_or("").to_owned())
        };
        assert_eq!(msg(&unknown.body), msg(&wrong.body));
    }
}

#[tokio::test]
async fn a_form_without_the_csrf_token_is_refused() {
    for mut app in TestApp::demo_all().await {
        app.get("/login").await;
        let res = app
            .post_raw(
                "/login",
                &[
                    ("email", "admin@musterstadt.example"),
                    ("password", amtfluencer::demo::PASSWORD),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert!(res.body.contains("Formular abgelaufen"));
        assert!(!app.cookies.contains_key("amtf_session"));
        let forged = app
            .post_raw(
                "/login",
                &[
                    ("csrf", &"0".repeat(64)),
                    ("email", "admin@musterstadt.example"),
                    ("password", amtfluencer::demo::PASSWORD),
                ],
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn signing_in_rotates_the_session_and_signing_out_ends_it() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let first = app.cookies.get("amtf_session").cloned().unwrap();
        app.login("leadership@musterstadt.example").await;
        let second = app.cookies.get("amtf_session").cloned().unwrap();
        assert_ne!(first, second);
        let at = db::now();
        assert!(
            db::sessions::find_live(&app.tdb.db, &first, at)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            db::sessions::find_live(&app.tdb.db, &second, at)
                .await
                .unwrap()
                .is_some()
        );

        let bye = app.post_form("/t/musterstadt/", "/logout", &[]).await;
        assert_eq!(bye.location.as_deref(), Some("/login?bye=1"));
        assert!(
            db::sessions::find_live(&app.tdb.db, &second, at)
                .await
                .unwrap()
                .is_none()
        );
        let after = app.get("/t/musterstadt/").await;
        assert_eq!(after.status, StatusCode::SEE_OTHER);
        assert_eq!(
            after.location.as_deref(),
            Some("/login?next=%2Ft%2Fmusterstadt%2F")
        );
    }
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    for mut app in TestApp::demo_all().await {
        let res = app.login("council@musterstadt.example").await;
        let c = res
            .set_cookies
            .iter()
            .find(|c| c.starts_with("amtf_session="))
            .unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
        assert!(!c.contains("Secure"), "no Secure flag on plain http");
    }
}

#[tokio::test]
async fn another_authority_is_not_found_for_a_member() {
    for mut app in TestApp::demo_all().await {
        let other = db::tenants::create(
            &app.tdb.db,
            db::tenants::NewTenant {
                slug: Slug::parse("nachbarstadt").unwrap(),
                name: "Nachbarstadt".into(),
                federal_state: FederalState::BY,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap();
        let email = Email::parse("team@nachbarstadt.example").unwrap();
        let hash = amtfluencer::auth::password::hash(amtfluencer::demo::PASSWORD.into())
            .await
            .unwrap();
        let u = db::users::create(
            &app.tdb.db,
            db::users::NewUser {
                email: &email,
                display_name: "Team",
                password_hash: Some(hash),
                is_operator: false,
            },
        )
        .await
        .unwrap();
        db::users::add_membership(&app.tdb.db, TenantId(other.id), u.id, Role::Admin)
            .await
            .unwrap();

        app.login("admin@musterstadt.example").await;
        let res = app.get("/t/nachbarstadt/").await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let missing = app.get("/t/gibt-es-nicht/").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            res.body.replace("nachbarstadt", "gibt-es-nicht"),
            missing.body,
            "no hint that it exists"
        );

        app.login("team@nachbarstadt.example").await;
        assert_eq!(
            app.get("/t/musterstadt/").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(app.get("/t/nachbarstadt/").await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn the_language_switch_is_remembered() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let res = app
            .post_form(
                "/t/musterstadt/",
                "/lang",
                &[("lang", "en"), ("back", "/t/musterstadt/")],
            )
            .await;
        assert_eq!(res.location.as_deref(), Some("/t/musterstadt/"));
        let page = app.get("/t/musterstadt/").await;
        assert!(page.body.contains("<html lang=\"en\">"));
        assert!(page.body.contains("Welcome, Sabine Krüger."));
        assert!(page.body.contains(">Deutsch<"));
        // An outside address as the target is not followed.
        let res = app
            .post_form(
                "/t/musterstadt/",
                "/lang",
                &[("lang", "de"), ("back", "https://evil.example/")],
            )
            .await;
        assert_eq!(res.location.as_deref(), Some("/"));
    }
}

#[tokio::test]
async fn the_browser_language_is_used_until_one_is_chosen() {
    for mut app in TestApp::demo_all().await {
        app.accept_language = Some("en-GB,en;q=0.9".into());
        assert!(app.get("/login").await.body.contains("<html lang=\"en\">"));
        app.accept_language = Some("fr-FR".into());
        assert!(app.get("/login").await.body.contains("<html lang=\"de\">"));
    }
}

#[tokio::test]
async fn an_unknown_page_answers_404_in_the_users_language() {
    for mut app in TestApp::demo_all().await {
        let de = app.get("/gibt/es/nicht").await;
        assert_eq!(de.status, StatusCode::NOT_FOUND);
        assert!(de.body.contains("Seite nicht gefunden") && de.body.contains("href=\"/\""));
        app.accept_language = Some("en".into());
        let en = app.get("/gibt/es/nicht").await;
        assert!(en.body.contains("Page not found"));
        assert!(en.body.contains("<html lang=\"en\">"));
    }
}

#[tokio::test]
async fn the_operator_sees_the_authorities_but_nobody_else_does() {
    for mut app in TestApp::demo_all().await {
        app.login("operator@amtfluencer.example").await;
        assert_eq!(app.get("/").await.location.as_deref(), Some("/operator"));
        let page = app.get("/operator").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Stadt Musterstadt am Rhein"));
        assert_eq!(
            app.get("/t/musterstadt/").await.status,
            StatusCode::NOT_FOUND
        );
        app.login("admin@musterstadt.example").await;
        assert_eq!(app.get("/operator").await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn every_role_reaches_its_start_page() {
    for mut app in TestApp::demo_all().await {
        for (email, role) in [
            ("admin@musterstadt.example", "Programmteam"),
            ("leadership@musterstadt.example", "Verwaltungsspitze"),
            ("council@musterstadt.example", "Personalrat"),
            ("katharina.brenner@musterstadt.example", "Amtfluencer"),
        ] {
            app.login(email).await;
            let page = app.get("/t/musterstadt/").await;
            assert_eq!(page.status, StatusCode::OK, "{email}");
            assert!(page.body.contains(role), "{email}");
        }
    }
}

#[tokio::test]
async fn a_first_visit_to_an_error_page_can_still_switch_the_language() {
    for mut app in TestApp::demo_all().await {
        let page = app.get("/gibt/es/nicht").await;
        assert!(
            app.cookies.contains_key("amtf_csrf"),
            "the error page sets the CSRF cookie"
        );
        let res = app
            .post_raw(
                "/lang",
                &[("csrf", &page.csrf()), ("lang", "en"), ("back", "/login")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(app.get("/login").await.body.contains("<html lang=\"en\">"));
    }
}

#[tokio::test]
async fn every_page_has_a_navigation_landmark() {
    for mut app in TestApp::demo_all().await {
        for path in ["/login", "/nirgendwo"] {
            assert!(
                app.get(path)
                    .await
                    .body
                    .contains("<nav aria-label=\"Hauptnavigation\">"),
                "{path}"
            );
        }
        app.login("operator@amtfluencer.example").await;
        let op = app.get("/operator").await.body;
        assert!(
            op.contains("<nav aria-label=\"Hauptnavigation\">")
                && op.contains("href=\"/operator\" aria-current=\"page\"")
        );
    }
}
