//! The password reset: one answer for every address, a single-use link by mail, a new
//! password of at least 12 characters, and every other session of the account ends.

use std::time::{Duration, Instant};

use amtfluencer::demo::PASSWORD;
use axum::http::StatusCode;

use super::{SmtpServer, audit_actions, body_text, mail_apps, mail_jobs, run_jobs, token_after};

const COUNCIL: &str = "council@musterstadt.example";
const NEW_PASSWORD: &str = "ein ganz neues passwort";

#[tokio::test]
async fn a_reset_by_mail_sets_a_new_password_and_ends_the_other_sessions() {
    let smtp = SmtpServer::start().await;
    for (mut app, _outbox) in mail_apps(Some(&smtp.url())).await {
        let before = smtp.received().len();
        // A session on another device.
        app.login(COUNCIL).await;
        assert_eq!(app.get("/t/musterstadt/").await.status, StatusCode::OK);
        let other_device = app.cookies.clone();
        app.cookies.clear();

        let login = app.get("/login").await;
        assert!(
            login.body.contains("href=\"/password/forgot\""),
            "the login page links the reset"
        );
        let asked = app
            .post_form(
                "/password/forgot",
                "/password/forgot",
                &[("email", COUNCIL)],
            )
            .await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER);
        assert_eq!(asked.location.as_deref(), Some("/password/forgot/sent"));
        let sent = app.get("/password/forgot/sent").await;
        assert!(sent.body.contains("eine Stunde gültig"));

        assert_eq!(run_jobs(&app).await, 1, "{}", app.tdb.backend);
        let got = smtp.received();
        assert_eq!(got[before].rcpt, [format!("<{COUNCIL}>")]);
        let text = body_text(&got[before].data);
        let prefix = format!("{}/password/reset/", app.state.config.base_url);
        let link = format!("/password/reset/{}", token_after(&text, &prefix));

        let form = app.get(&link).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains(COUNCIL));
        let short = app
            .post_form(&link, &link, &[("password", "kurz"), ("password2", "kurz")])
            .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            short.body.contains("mindestens 12 Zeichen"),
            "{}",
            short.body
        );
        assert!(
            short
                .body
                .contains("<form method=\"post\" action=\"/password/reset/")
        );
        let done = app
            .post_form(
                &link,
                &link,
                &[("password", NEW_PASSWORD), ("password2", NEW_PASSWORD)],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(done.location.as_deref(), Some("/password/changed"));
        let changed = app.get("/password/changed").await;
        assert!(changed.body.contains("Ihr Passwort ist geändert"));
        assert!(changed.body.contains("href=\"/login\""));
        assert!(
            audit_actions(&app)
                .await
                .contains(&"password.reset".to_owned())
        );

        // The other device is signed out.
        let mut me = std::mem::replace(&mut app.cookies, other_device);
        let gone = app.get("/t/musterstadt/").await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER, "the old session ended");
        assert!(gone.location.unwrap().starts_with("/login"));
        std::mem::swap(&mut app.cookies, &mut me);

        // The old password no longer works, the new one does.
        let old = app.login(COUNCIL).await;
        assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
        let new = app
            .post_form(
                "/login",
                "/login",
                &[("email", COUNCIL), ("password", NEW_PASSWORD)],
            )
            .await;
        assert_eq!(new.status, StatusCode::SEE_OTHER);

        // The link was for one use.
        app.cookies.clear();
        let again = app.get(&link).await;
        assert_eq!(again.status, StatusCode::GONE);
        assert!(
            again.body.contains("href=\"/password/forgot\""),
            "offers a new link"
        );
        assert_ne!(PASSWORD, NEW_PASSWORD);
    }
}

#[tokio::test]
async fn an_unknown_address_gets_the_identical_answer_in_similar_time() {
    for (mut app, _outbox) in mail_apps(None).await {
        let ask = |email: &'static str| ("email", email);
        let t = Instant::now();
        let known = app
            .post_form("/password/forgot", "/password/forgot", &[ask(COUNCIL)])
            .await;
        let known_time = t.elapsed();
        let t = Instant::now();
        let unknown = app
            .post_form(
                "/password/forgot",
                "/password/forgot",
                &[ask("niemand@musterstadt.example")],
            )
            .await;
        let unknown_time = t.elapsed();
        assert_eq!(known.status, unknown.status);
        assert_eq!(known.location, unknown.location);
        assert_eq!(known.body, unknown.body);
        assert_eq!(known.set_cookies, unknown.set_cookies);
        // Both wait for the same floor; neither is answered right away.
        assert!(known_time >= Duration::from_millis(250), "{known_time:?}");
        assert!(
            unknown_time >= Duration::from_millis(250),
            "{unknown_time:?}"
        );
        assert_eq!(
            mail_jobs(&app).await.len(),
            1,
            "a mail for the account only"
        );

        // Asking again and again sends at most three mails an hour.
        for _ in 0..4 {
            app.post_form("/password/forgot", "/password/forgot", &[ask(COUNCIL)])
                .await;
        }
        assert_eq!(mail_jobs(&app).await.len(), 3);

        // A malformed address is a mistake to fix, not a secret.
        let bad = app
            .post_form("/password/forgot", "/password/forgot", &[ask("kein-at")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("value=\"kein-at\""));
        assert!(bad.body.contains("aria-describedby=\"email-error\""));
    }
}

#[tokio::test]
async fn a_reset_link_is_refused_after_an_hour() {
    for (mut app, _outbox) in mail_apps(None).await {
        app.post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", COUNCIL)],
        )
        .await;
        run_jobs(&app).await;
        let entries = amtfluencer::mail::outbox::list(
            &app.state.config.outbox_dir,
            amtfluencer::mail::outbox::Scope::All,
            10,
        )
        .await
        .unwrap();
        let prefix = format!("{}/password/reset/", app.state.config.base_url);
        let token = token_after(&entries[0].text, &prefix);
        use amtfluencer::db::entities::auth_token::{Column, Entity};
        use sea_orm::EntityTrait;
        use sea_orm::sea_query::Expr;
        Entity::update_many()
            .col_expr(
                Column::ExpiresAt,
                Expr::value(amtfluencer::db::now() - chrono::Duration::seconds(1)),
            )
            .exec(&app.state.db)
            .await
            .unwrap();
        let link = format!("/password/reset/{token}");
        assert_eq!(app.get(&link).await.status, StatusCode::GONE);
        let post = app
            .post_form(
                "/login",
                &link,
                &[("password", NEW_PASSWORD), ("password2", NEW_PASSWORD)],
            )
            .await;
        assert_eq!(post.status, StatusCode::GONE);
        assert_eq!(
            app.login(COUNCIL).await.status,
            StatusCode::SEE_OTHER,
            "unchanged"
        );
    }
}
