//! The own account over HTTP: ending all sessions, personal API tokens and the API they open.

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

use crate::support::TestApp;

/// Creates a token through the account page and returns the secret shown once.
async fn token_via_page(app: &mut TestApp, scope: &str) -> String {
    let page = app
        .post_form(
            "/account",
            "/account/tokens",
            &[
                ("name", "Skript"),
                ("tenant", "musterstadt"),
                ("scope", scope),
                ("days", "30"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let marker = "id=\"new-token\" type=\"text\" readonly value=\"";
    let start = page.body.find(marker).expect("the new token is shown") + marker.len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_token_is_shown_once_stored_hashed_and_opens_the_api() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let secret = token_via_page(&mut app, "read").await;
        assert!(secret.starts_with("amtf_") && secret.len() > 40);
        let rows = db::entities::api_token::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_ne!(rows[0].token_hash, secret);
        assert!(secret.starts_with(&rows[0].prefix));
        let again = app.get("/account").await;
        assert!(!again.body.contains(&secret), "never shown again");
        assert!(again.body.contains(&rows[0].prefix));

        let mut anon = TestApp::with_db_shared(&app).await;
        let me = anon.api("GET", "/api/v1/me", Some(&secret)).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
        let json: serde_json::Value = serde_json::from_str(&me.body).unwrap();
        assert_eq!(json["role"], "admin");
        assert_eq!(json["authority"], "musterstadt");
        assert_eq!(json["scope"], "read");
        let used = db::entities::api_token::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap();
        assert!(used[0].last_used_at.is_some(), "the last use is noted");
    }
}

#[tokio::test]
async fn a_read_token_cannot_change_anything_and_a_write_token_can() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let read = token_via_page(&mut app, "read").await;
        let write = token_via_page(&mut app, "write").await;
        let ids: Vec<i64> = db::entities::api_token::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap()
            .iter()
            .map(|t| t.id)
            .collect();
        let mut api = TestApp::with_db_shared(&app).await;
        let res = api
            .api("DELETE", &format!("/api/v1/tokens/{}", ids[1]), Some(&read))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert!(res.body.starts_with("{\"errors\":["), "{}", res.body);
        let res = api
            .api(
                "DELETE",
                &format!("/api/v1/tokens/{}", ids[0]),
                Some(&write),
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        // The revoked token no longer works.
        assert_eq!(
            api.api("GET", "/api/v1/me", Some(&read)).await.status,
            StatusCode::UNAUTHORIZED
        );
        let list = api.api("GET", "/api/v1/tokens", Some(&write)).await;
        let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert!(
            !list.body.contains(&write),
            "secrets never leave the server"
        );
    }
}

#[tokio::test]
async fn expired_unknown_and_missing_tokens_are_refused_as_json() {
    for mut app in TestApp::demo_all().await {
        let tenant = db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        let admin = db::users::by_email(
            &app.tdb.db,
            &amtfluencer_domain::types::Email::parse("admin@musterstadt.example").unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let (expired, _) = db::api_tokens::create(
            &app.tdb.db,
            TenantId(tenant.id),
            db::api_tokens::NewToken {
                user_id: admin.id,
                name: "alt",
                scope: db::api_tokens::Scope::Write,
                valid_for: chrono::Duration::seconds(-1),
            },
        )
        .await
        .unwrap();
        for token in [Some(expired.as_str()), Some("amtf_gibtsnicht"), None] {
            let res = app.api("GET", "/api/v1/me", token).await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{token:?}");
            assert_eq!(res.body, r#"{"errors":[{"detail":"not signed in"}]}"#);
        }
    }
}

#[tokio::test]
async fn the_session_can_use_the_api_but_changes_need_the_csrf_header() {
    for mut app in TestApp::demo_all().await {
        app.login("council@musterstadt.example").await;
        let me = app.api("GET", "/api/v1/me", None).await;
        assert_eq!(me.status, StatusCode::OK);
        assert!(me.body.contains("\"role\":\"council\""));
        let res = app.api("DELETE", "/api/v1/tokens/1", None).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert!(res.body.contains("CSRF"));
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    for mut app in TestApp::demo_all().await {
        let doc = app.get("/api/v1/openapi.json").await;
        assert_eq!(doc.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
        assert!(json["openapi"].as_str().unwrap().starts_with("3."));
        for path in ["/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/{id}"] {
            assert!(json["paths"][path].is_object(), "{path}");
        }
        assert!(json["components"]["securitySchemes"]["bearer"].is_object());
    }
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let admin = db::users::by_email(
            &app.tdb.db,
            &amtfluencer_domain::types::Email::parse("admin@musterstadt.example").unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let (other, _) = db::sessions::create(&app.tdb.db, admin.id, None, Some("Telefon".into()))
            .await
            .unwrap();
        let res = app
            .post_form("/account", "/account/sessions/end-all", &[])
            .await;
        assert_eq!(res.location.as_deref(), Some("/login?bye=1"));
        assert!(
            db::sessions::find_live(&app.tdb.db, &other, db::now())
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(app.get("/account").await.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn a_bad_token_form_keeps_what_was_typed() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let res = app
            .post_form(
                "/account",
                "/account/tokens",
                &[
                    ("name", "Mein Skript"),
                    ("tenant", "musterstadt"),
                    ("scope", "write"),
                    ("days", "9999"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("value=\"Mein Skript\""));
        assert!(res.body.contains("value=\"write\" checked"));
        assert!(res.body.contains("role=\"alert\""));
        assert!(
            db::entities::api_token::Entity::find()
                .all(&app.tdb.db)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn the_language_is_changed_through_the_api_with_clear_errors() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let secret = token_via_page(&mut app, "write").await;
        let mut api = TestApp::with_db_shared(&app).await;
        let ok = api
            .json("PATCH", "/api/v1/me", &secret, r#"{"locale":"en"}"#)
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert!(ok.body.contains("\"locale\":\"en\""));
        let bad = api
            .json("PATCH", "/api/v1/me", &secret, r#"{"locale":"fr"}"#)
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            bad.body,
            r#"{"errors":[{"detail":"must be de or en","field":"locale"}]}"#
        );
        let missing = api
            .json("PATCH", "/api/v1/me", &secret, r#"{"sprache":"en"}"#)
            .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("sprache"), "{}", missing.body);
        let broken = api
            .json("PATCH", "/api/v1/me", &secret, r#"{"locale":"#)
            .await;
        assert_eq!(broken.status, StatusCode::BAD_REQUEST);
        assert!(
            broken.body.starts_with(r#"{"errors":[{"detail":"#),
            "{}",
            broken.body
        );
        // The remembered language applies to pages without a language cookie.
        app.cookies.remove("amtf_lang");
        assert!(
            app.get("/t/musterstadt/")
                .await
                .body
                .contains("<html lang=\"en\">")
        );
    }
}
