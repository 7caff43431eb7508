//! Guidelines: read by everyone, acknowledged per version, a new version asks again.

use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn a_new_version_asks_every_amtfluencer_again() {
    for mut app in TestApp::demo_all().await {
        app.login("katharina.brenner@musterstadt.example").await;
        let page = app.get("/t/musterstadt/guidelines").await;
        assert_eq!(page.status, StatusCode::OK, "{}", app.tdb.backend);
        assert!(page.body.contains("Neutralität") && page.body.contains("Fassung 2026-01"));
        assert!(
            page.body.contains("Sie haben diese Fassung bestätigt."),
            "the demo people acknowledged it"
        );
        assert!(
            !page.body.contains("Neue Fassung veröffentlichen"),
            "only the team publishes"
        );

        app.login("admin@musterstadt.example").await;
        let bad = app
            .post_form(
                "/t/musterstadt/guidelines",
                "/t/musterstadt/guidelines",
                &[("title", ""), ("body", "Neuer Text")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains(">Neuer Text</textarea>"),
            "what was typed stays"
        );
        let ok = app
            .post_form(
                "/t/musterstadt/guidelines",
                "/t/musterstadt/guidelines",
                &[
                    ("title", "Leitlinien 2.0"),
                    ("body", "Erster Absatz.\n\nZweiter Absatz."),
                ],
            )
            .await;
        assert_eq!(
            ok.location.as_deref(),
            Some("/t/musterstadt/guidelines?done=published")
        );

        app.login("katharina.brenner@musterstadt.example").await;
        let me = app.get("/t/musterstadt/me").await.body;
        assert!(me.contains("Social-Media-Leitlinien gelesen und bestätigt"));
        assert!(
            me.contains("○</span> Social-Media-Leitlinien"),
            "the step is open again"
        );
        let page = app.get("/t/musterstadt/guidelines").await.body;
        assert!(page.contains("<p>Zweiter Absatz.</p>") && page.contains("Gelesen und verstanden"));
        let ack = app
            .post_form(
                "/t/musterstadt/guidelines",
                "/t/musterstadt/guidelines/acknowledge",
                &[],
            )
            .await;
        assert_eq!(ack.status, StatusCode::SEE_OTHER);
        assert!(
            app.get("/t/musterstadt/me")
                .await
                .body
                .contains("✓</span> Social-Media-Leitlinien")
        );
        let log = {
            app.login("council@musterstadt.example").await;
            app.get("/t/musterstadt/audit").await.body
        };
        assert!(log.contains("guidelines.published") && log.contains("consent.given"));
    }
}

#[tokio::test]
async fn only_the_team_publishes_and_only_amtfluencer_acknowledge() {
    for mut app in TestApp::demo_all().await {
        app.login("council@musterstadt.example").await;
        assert_eq!(
            app.get("/t/musterstadt/guidelines").await.status,
            StatusCode::OK
        );
        let res = app
            .post_form(
                "/t/musterstadt/guidelines",
                "/t/musterstadt/guidelines",
                &[("title", "x"), ("body", "y")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        app.login("admin@musterstadt.example").await;
        let res = app
            .post_form(
                "/t/musterstadt/guidelines",
                "/t/musterstadt/guidelines/acknowledge",
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
}
