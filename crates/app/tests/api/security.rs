//! The security baseline over HTTP: headers, limits, malformed input, brute-force delays.

use amtfluencer::db;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

use crate::support::TestApp;

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for mut app in TestApp::demo_all().await {
        for path in ["/login", "/healthz", "/nirgendwo", "/static/app.css"] {
            let res = app.get_full(path).await;
            let h = &res.headers;
            let csp = h
                .get("content-security-policy")
                .map(|v| v.to_str().unwrap())
                .unwrap_or_default();
            assert!(
                csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
                "{path}: {csp}"
            );
            assert!(csp.contains("frame-ancestors 'none'"), "{path}");
            assert_eq!(
                h.get("x-content-type-options").unwrap(),
                "nosniff",
                "{path}"
            );
            assert_eq!(h.get("referrer-policy").unwrap(), "same-origin", "{path}");
            assert!(
                h.get("strict-transport-security").is_none(),
                "no HSTS on plain http"
            );
        }
    }
}

#[tokio::test]
async fn hsts_is_sent_when_configured() {
    let tdb = crate::support::TestDb::sqlite().await;
    let mut config = crate::support::test_config(&tdb.url);
    config.hsts = true;
    let mut app = TestApp::with_config(tdb, config).await;
    let res = app.get_full("/login").await;
    assert!(
        res.headers
            .get("strict-transport-security")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
}

#[tokio::test]
async fn a_malformed_form_names_the_field_in_the_users_language() {
    for mut app in TestApp::demo_all().await {
        let res = app
            .post_form("/login", "/login", &[("password", "x")])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Das Feld „email“ fehlt"), "{}", res.body);
        app.accept_language = Some("en".into());
        app.cookies.remove("amtf_lang");
        let res = app
            .post_form("/login", "/login", &[("password", "x")])
            .await;
        assert!(
            res.body.contains("The field “email” is missing"),
            "{}",
            res.body
        );
    }
}

#[tokio::test]
async fn an_oversized_form_is_refused_without_a_server_error() {
    for mut app in TestApp::demo_all().await {
        let csrf = app.get("/login").await.csrf();
        let big = "x".repeat(amtfluencer::web::MAX_BODY_BYTES + 10);
        let res = app
            .post_raw(
                "/login",
                &[("csrf", &csrf), ("email", &big), ("password", "x")],
            )
            .await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(res.body.contains("Zu viele Daten"));
    }
}

#[tokio::test]
async fn repeated_wrong_passwords_slow_down_the_account_not_others() {
    for mut app in TestApp::demo_all().await {
        for _ in 0..amtfluencer_domain::throttle::FREE_PER_ACCOUNT {
            let res = app
                .post_form(
                    "/login",
                    "/login",
                    &[
                        ("email", "admin@musterstadt.example"),
                        ("password", "falsch"),
                    ],
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                app.tdb.backend
            );
        }
        // Now even the right password has to wait, and says so.
        let res = app.login("admin@musterstadt.example").await;
        assert_eq!(
            res.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            app.tdb.backend
        );
        assert!(res.body.contains("Zu viele fehlgeschlagene Versuche"));
        assert!(res.headers_retry_after().is_some_and(|s| s >= 1));
        assert!(!app.cookies.contains_key("amtf_session"));
        // An unknown address is throttled the same way (no enumeration).
        for _ in 0..amtfluencer_domain::throttle::FREE_PER_ACCOUNT {
            app.post_form(
                "/login",
                "/login",
                &[("email", "niemand@musterstadt.example"), ("password", "x")],
            )
            .await;
        }
        let res = app
            .post_form(
                "/login",
                "/login",
                &[("email", "niemand@musterstadt.example"), ("password", "x")],
            )
            .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
        // Another account is not affected.
        assert_eq!(
            app.login("council@musterstadt.example").await.status,
            StatusCode::SEE_OTHER
        );
        let log = db::entities::audit_entry::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap();
        let count = |a: &str| log.iter().filter(|e| e.action == a).count();
        assert_eq!(
            count("login.failed"),
            2 * amtfluencer_domain::throttle::FREE_PER_ACCOUNT as usize
        );
        assert_eq!(count("login.throttled"), 2);
        assert_eq!(count("login"), 1);
    }
}

#[tokio::test]
async fn many_failures_from_one_address_slow_that_address_down() {
    let mut app = TestApp::demo_all().await.remove(0);
    app.peer = Some("203.0.113.9:5000".parse().unwrap());
    for i in 0..amtfluencer_domain::throttle::FREE_PER_IP {
        let email = format!("probe{i}@musterstadt.example");
        app.post_form("/login", "/login", &[("email", &email), ("password", "x")])
            .await;
    }
    let res = app.login("admin@musterstadt.example").await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    app.peer = Some("198.51.100.7:5000".parse().unwrap());
    assert_eq!(
        app.login("admin@musterstadt.example").await.status,
        StatusCode::SEE_OTHER
    );
}
