//! Signing in: the whole way from the settings to a session, and the refusals for a bad
//! token, a wrong, replayed or expired state, a switched-off authority and a cancel.

use amtfluencer::db::{self, entities};
use amtfluencer_domain::permissions::Role;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::provider::Idp;
use super::{
    CLIENT_ID, CLIENT_SECRET, SETTINGS, START, apps, audit, configure, signed_in, sso_login,
    tenant, user,
};

#[tokio::test]
async fn an_admin_sets_up_sso_and_a_new_person_signs_in_with_the_mapped_role() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post", "client_secret_basic"]).await;
        let b = app.tdb.backend;
        app.login("admin@musterstadt.example").await;
        let page = app.get(SETTINGS).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        assert!(
            page.body
                .contains("http://127.0.0.1:8080/auth/oidc/callback")
        );
        let saved = app
            .post_form(
                SETTINGS,
                SETTINGS,
                &[
                    ("issuer", &idp.issuer),
                    ("client_id", CLIENT_ID),
                    ("client_secret", CLIENT_SECRET),
                    ("allowed_domains", "musterstadt.example\n"),
                    ("role_claim", "groups"),
                    (
                        "role_mapping",
                        "amtfluencer-team = admin\n/Amtfluencer = ambassador",
                    ),
                    ("default_role", ""),
                    ("enabled", "on"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{b}: {}", saved.body);
        let again = app.get(saved.location.as_deref().unwrap()).await;
        assert!(again.body.contains("Die Einstellungen sind gespeichert."));
        assert!(again.body.contains("amtfluencer-team = admin"));
        assert!(
            !again.body.contains(CLIENT_SECRET),
            "the secret is never shown"
        );
        let stored = entities::oidc_provider::Entity::find()
            .one(&app.tdb.db)
            .await
            .unwrap()
            .unwrap();
        let clear = CLIENT_SECRET.as_bytes();
        assert!(
            !stored
                .client_secret_enc
                .windows(clear.len())
                .any(|w| w == clear)
        );
        let changed = audit(&app, "sso.settings_changed").await;
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0]["client_secret_changed"], json!(true));
        assert!(!changed[0].to_string().contains(CLIENT_SECRET));
        app.post_form("/t/musterstadt/", "/logout", &[]).await;

        // The login page offers the authority; the start goes to the provider with PKCE.
        let login = app.get("/login").await;
        assert!(login.body.contains(START), "{b}");
        idp.claims(json!({ "groups": ["/Amtfluencer", "amtfluencer-team", "other"] }));
        let start = app.get(&format!("{START}?next=/t/musterstadt/jobs")).await;
        let location = start.location.clone().unwrap();
        let state = url::Url::parse(&location)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "state")
            .unwrap()
            .1
            .into_owned();
        let flow = entities::oidc_flow::Entity::find()
            .one(&app.tdb.db)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(flow.state_hash, state, "only a hash of the state is stored");
        let binding = app.cookies["amtf_sso"].clone();
        assert!(start.set_cookies[0].contains("HttpOnly"));
        assert_eq!(
            flow.state_hash,
            amtfluencer::auth::oidc::flow_key(&state, &binding)
        );
        let done = app.get(&idp.authorize(&location)).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{b}: {}", done.body);
        assert_eq!(done.location.as_deref(), Some("/t/musterstadt/jobs"));
        assert!(signed_in(&done));
        assert!(done.set_cookies[0].contains("HttpOnly"));
        let start_page = app.get("/t/musterstadt/").await;
        assert!(start_page.body.contains("Willkommen, Neu Person."), "{b}");
        let u = user(&app, "neu.person@musterstadt.example").await.unwrap();
        assert!(u.password_hash.is_none());
        let role = db::users::role_in(&app.tdb.db, tenant(&app).await, u.id)
            .await
            .unwrap();
        assert_eq!(role, Some(Role::Admin), "the most privileged mapped role");
        assert_eq!(idp.exchanges(), vec!["client_secret_post"]);
        let logins = audit(&app, "login.sso").await;
        assert_eq!(logins[0]["created"], json!(true));
        assert_eq!(logins[0]["role"], json!("admin"));

        // The second sign-in reuses the account and its linked identity.
        app.post_form("/t/musterstadt/", "/logout", &[]).await;
        idp.claims(json!({ "groups": ["/Amtfluencer"] }));
        let second = sso_login(&mut app, &idp).await;
        assert!(signed_in(&second), "{b}");
        assert_eq!(second.location.as_deref(), Some("/t/musterstadt/"));
        let same = user(&app, "neu.person@musterstadt.example").await.unwrap();
        assert_eq!(same.id, u.id);
        let ids = db::oidc::identities_of(&app.tdb.db, u.id).await.unwrap();
        assert_eq!(ids, vec![(idp.issuer.clone(), "f2c1a7e0-0001".to_owned())]);
        let role = db::users::role_in(&app.tdb.db, tenant(&app).await, u.id)
            .await
            .unwrap();
        assert_eq!(
            role,
            Some(Role::Ambassador),
            "the provider's groups decide the role"
        );
        let logins = audit(&app, "login.sso").await;
        assert_eq!(logins.len(), 2);
        assert_eq!(logins[1]["created"], json!(false));
        assert_eq!(logins[1]["previous_role"], json!("admin"));
    }
}

#[tokio::test]
async fn a_wrong_signature_audience_issuer_expiry_or_nonce_is_refused() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        let past = chrono::Utc::now().timestamp() - 600;
        let cases = [
            ("invalid_signature", json!({}), true),
            ("wrong_audience", json!({ "aud": "someone-else" }), false),
            ("wrong_audience", json!({ "aud": null }), false),
            ("wrong_azp", json!({ "aud": [CLIENT_ID, "other"] }), false),
            (
                "wrong_issuer",
                json!({ "iss": "https://evil.example" }),
                false,
            ),
            ("expired", json!({ "exp": past }), false),
            (
                "wrong_nonce",
                json!({ "nonce": "not-the-one-we-sent" }),
                false,
            ),
            ("wrong_nonce", json!({ "nonce": null }), false),
        ];
        for (reason, claims, other_key) in cases {
            let what = format!("{} {reason} {claims}", app.tdb.backend);
            idp.claims(claims);
            idp.sign_with_other_key(other_key);
            let res = sso_login(&mut app, &idp).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{what}");
            assert!(!signed_in(&res), "{what}");
            assert!(
                res.body
                    .contains("Die Anmeldung konnte nicht bestätigt werden.")
            );
            let failed = audit(&app, "login.sso_failed").await;
            assert_eq!(failed.last().unwrap()["reason"], json!(reason), "{what}");
            assert!(
                !failed.last().unwrap().to_string().contains("eyJ"),
                "no tokens"
            );
        }
        assert!(user(&app, "neu.person@musterstadt.example").await.is_none());
        assert!(
            app.get("/t/musterstadt/")
                .await
                .location
                .unwrap()
                .starts_with("/login")
        );
    }
}

#[tokio::test]
async fn an_unknown_replayed_or_expired_state_is_refused() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        let unknown = app.get("/auth/oidc/callback?code=abc&state=erfunden").await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert!(unknown.body.contains("<h1>Anmeldung nicht möglich</h1>"));
        assert!(
            unknown
                .body
                .contains("abgelaufen oder wurde schon verwendet")
        );
        app.accept_language = Some("en".into());
        let english = app.get("/auth/oidc/callback").await;
        assert_eq!(english.status, StatusCode::BAD_REQUEST);
        assert!(english.body.contains("<h1>Sign-in not possible</h1>"));
        app.accept_language = None;

        // Replayed: the very same answer of the provider a second time.
        let start = app.get(START).await;
        let callback = idp.authorize(start.location.as_deref().unwrap());
        assert!(signed_in(&app.get(&callback).await));
        app.post_form("/t/musterstadt/", "/logout", &[]).await;
        let replay = app.get(&callback).await;
        assert_eq!(
            replay.status,
            StatusCode::BAD_REQUEST,
            "{}",
            app.tdb.backend
        );
        assert!(!signed_in(&replay));

        // Another browser: the provider's answer, but not the cookie of the one that started.
        let start = app.get(START).await;
        let callback = idp.authorize(start.location.as_deref().unwrap());
        let binding = app.cookies.remove("amtf_sso").unwrap();
        let elsewhere = app.get(&callback).await;
        assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);
        assert!(!signed_in(&elsewhere));
        app.cookies.insert("amtf_sso".into(), binding);
        assert!(
            signed_in(&app.get(&callback).await),
            "the right browser still can"
        );
        app.post_form("/t/musterstadt/", "/logout", &[]).await;

        // Expired: the provider answered after the ten minutes.
        let start = app.get(START).await;
        let callback = idp.authorize(start.location.as_deref().unwrap());
        entities::oidc_flow::Entity::update_many()
            .col_expr(
                entities::oidc_flow::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
            )
            .exec(&app.tdb.db)
            .await
            .unwrap();
        let late = app.get(&callback).await;
        assert_eq!(late.status, StatusCode::BAD_REQUEST);
        assert!(!signed_in(&late));
        assert!(
            entities::oidc_flow::Entity::find()
                .all(&app.tdb.db)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_suspended_or_disabled_authority_offers_no_sign_in() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        assert!(app.get("/login").await.body.contains(START));
        let t = tenant(&app).await;
        let mut settings = db::oidc::provider(&app.tdb.db, t)
            .await
            .unwrap()
            .unwrap()
            .settings;
        settings.enabled = false;
        db::oidc::save_provider(&app.tdb.db, t, &settings, None)
            .await
            .unwrap();
        assert!(
            !app.get("/login").await.body.contains(START),
            "switched off"
        );
        let off = app.get(START).await;
        assert_eq!(off.status, StatusCode::NOT_FOUND);
        assert!(off.body.contains("nicht eingerichtet"));
        settings.enabled = true;
        db::oidc::save_provider(&app.tdb.db, t, &settings, None)
            .await
            .unwrap();
        assert!(app.get("/login").await.body.contains(START));
        entities::tenant::Entity::update_many()
            .col_expr(
                entities::tenant::Column::SuspendedAt,
                sea_orm::sea_query::Expr::value(Some(chrono::Utc::now())),
            )
            .filter(entities::tenant::Column::Id.eq(t.0))
            .exec(&app.tdb.db)
            .await
            .unwrap();
        assert!(
            !app.get("/login").await.body.contains(START),
            "{}",
            app.tdb.backend
        );
        assert_eq!(app.get(START).await.status, StatusCode::FORBIDDEN);
        let none = app.get("/t/gibt-es-nicht/login/sso").await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_cancelled_sign_in_at_the_provider_is_explained() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        let start = app.get(START).await;
        let callback = idp.authorize(start.location.as_deref().unwrap());
        let state = callback
            .split("state=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap();
        let res = app
            .get(&format!(
                "/auth/oidc/callback?error=access_denied&state={state}"
            ))
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST);
        assert!(res.body.contains("hat die Anmeldung abgebrochen"));
        assert!(res.body.contains(START), "offers to try again");
        let failed = audit(&app, "login.sso_failed").await;
        assert_eq!(failed[0]["reason"], json!("provider_error:access_denied"));
    }
}
