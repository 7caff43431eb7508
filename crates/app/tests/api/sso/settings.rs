//! The settings page: who may reach it, how wrong settings are explained, and how the
//! client secret is kept and needs a key for secrets at rest.

use amtfluencer::db::{self, entities};
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{FederalState, Slug};
use axum::http::StatusCode;
use sea_orm::EntityTrait;
use serde_json::json;

use super::provider::Idp;
use super::{CLIENT_ID, SETTINGS, apps, audit, configure, signed_in, sso_login};
use crate::support::TestApp;

#[tokio::test]
async fn only_admins_reach_the_settings_page() {
    for mut app in apps().await {
        for who in [
            "council@musterstadt.example",
            "katharina.brenner@musterstadt.example",
        ] {
            app.login(who).await;
            assert_eq!(
                app.get(SETTINGS).await.status,
                StatusCode::FORBIDDEN,
                "{who}"
            );
            let posted = app
                .post_form(
                    "/t/musterstadt/",
                    SETTINGS,
                    &[("issuer", "https://x.example")],
                )
                .await;
            assert_eq!(posted.status, StatusCode::FORBIDDEN, "{who}");
            assert!(!app.get("/t/musterstadt/").await.body.contains(SETTINGS));
        }
        app.login("admin@musterstadt.example").await;
        assert!(
            app.get("/t/musterstadt/admin")
                .await
                .body
                .contains(SETTINGS),
            "the administration page links it"
        );
        app.post_form("/t/musterstadt/", "/logout", &[]).await;
        let anonymous = app.get(SETTINGS).await;
        assert!(anonymous.location.unwrap().starts_with("/login?next="));

        let other = db::tenants::create(
            &app.tdb.db,
            db::tenants::NewTenant {
                slug: Slug::parse("nachbarstadt").unwrap(),
                name: "Nachbarstadt".into(),
                federal_state: FederalState::NW,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap();
        assert!(other.id > 0);
        app.login("admin@musterstadt.example").await;
        let res = app.get("/t/nachbarstadt/settings/sso").await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "another authority");
    }
}

#[tokio::test]
async fn wrong_settings_are_explained_next_to_the_fields_and_keep_what_was_typed() {
    for mut app in apps().await {
        app.login("admin@musterstadt.example").await;
        let res = app
            .post_form(
                SETTINGS,
                SETTINGS,
                &[
                    ("issuer", "http://login.example/realms/amt"),
                    ("client_id", "amt-client"),
                    ("client_secret", "tippte-ich-ein"),
                    ("allowed_domains", "  "),
                    ("role_claim", "groups"),
                    ("role_mapping", "amtfluencer-team = chef"),
                    ("default_role", "operator"),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.tdb.backend
        );
        let b = &res.body;
        assert!(b.contains("role=\"alert\""));
        assert!(b.contains("id=\"issuer-error\""));
        assert!(b.contains("aria-describedby=\"issuer-hint issuer-error\" aria-invalid=\"true\""));
        assert!(b.contains("muss mit https:// beginnen"));
        assert!(b.contains("mindestens eine erlaubte E-Mail-Domain"));
        assert!(b.contains("Zeile 1 nennt keine gültige Rolle"));
        assert!(b.contains("id=\"default_role-error\""));
        assert!(b.contains("value=\"http://login.example/realms/amt\""));
        assert!(b.contains("value=\"amt-client\""));
        assert!(b.contains("amtfluencer-team = chef</textarea>"));
        assert!(
            !b.contains("tippte-ich-ein"),
            "a typed secret is not sent back"
        );
        assert_eq!(b.matches("<h1>").count(), 1);
        assert!(
            entities::oidc_provider::Entity::find()
                .all(&app.tdb.db)
                .await
                .unwrap()
                .is_empty()
        );
        // Without any provider, a secret is required.
        let res = app
            .post_form(
                SETTINGS,
                SETTINGS,
                &[
                    ("issuer", "https://login.example/realms/amt"),
                    ("client_id", "amt-client"),
                    ("allowed_domains", "musterstadt.example"),
                    ("role_claim", "groups"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("id=\"client_secret-error\""));
    }
}

#[tokio::test]
async fn a_stored_secret_is_kept_when_the_field_stays_empty() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        app.login("admin@musterstadt.example").await;
        let page = app.get(SETTINGS).await;
        assert!(page.body.contains("Ein Geheimnis ist gespeichert"));
        assert!(page.body.contains(
            "name=\"client_secret\" type=\"password\" autocomplete=\"new-password\" value=\"\""
        ));
        let res = app
            .post_form(
                SETTINGS,
                SETTINGS,
                &[
                    ("issuer", &idp.issuer),
                    ("client_id", CLIENT_ID),
                    ("client_secret", ""),
                    ("allowed_domains", "musterstadt.example"),
                    ("role_claim", "groups"),
                    ("default_role", "ambassador"),
                    ("enabled", "on"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", app.tdb.backend);
        assert_eq!(
            audit(&app, "sso.settings_changed").await[0]["client_secret_changed"],
            json!(false)
        );
        // The connection check reaches the provider.
        let checked = app
            .post_form(SETTINGS, &format!("{SETTINGS}/check"), &[])
            .await;
        assert_eq!(
            checked.location.as_deref(),
            Some("/t/musterstadt/settings/sso?check=ok")
        );
        app.post_form("/t/musterstadt/", "/logout", &[]).await;
        assert!(
            signed_in(&sso_login(&mut app, &idp).await),
            "the kept secret still works"
        );
    }
}

#[tokio::test]
async fn without_a_secret_key_the_settings_page_says_so() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        let page = app.get(SETTINGS).await;
        assert!(
            page.body.contains("AMTFLUENCER_SECRET_KEY"),
            "{}",
            app.tdb.backend
        );
        let res = app
            .post_form(
                SETTINGS,
                SETTINGS,
                &[
                    ("issuer", "https://login.example/realms/amt"),
                    ("client_id", "amt"),
                    ("client_secret", "x"),
                    ("allowed_domains", "musterstadt.example"),
                    ("role_claim", "groups"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("kein Schlüssel eingerichtet"));
    }
}
