//! The operator's pages: authorities and health, without anyone's personal data.

use amtfluencer::db;
use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn the_operator_sees_health_and_authorities_but_no_personal_data() {
    for mut app in TestApp::demo_all().await {
        app.login("operator@amtfluencer.example").await;
        let page = app.get("/operator").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("erreichbar") && page.body.contains("Stadt Musterstadt am Rhein")
        );
        assert!(
            page.body.contains("<td>22</td>") || page.body.contains("<td>21</td>"),
            "member count"
        );
        for personal in ["katharina", "Brenner", "@musterstadt.example", "Sabine"] {
            assert!(!page.body.contains(personal), "{personal} leaked");
        }
    }
}

#[tokio::test]
async fn the_operator_creates_and_configures_an_authority() {
    for mut app in TestApp::demo_all().await {
        app.login("operator@amtfluencer.example").await;
        let bad = app
            .post_form(
                "/operator/tenants/new",
                "/operator/tenants/new",
                &[
                    ("slug", "Kreis Nord"),
                    ("name", "Kreis Nord"),
                    ("state", "XX"),
                    ("time_zone", "Europe/Berlin"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("value=\"Kreis Nord\""),
            "what was typed stays"
        );
        assert!(
            bad.body.contains("Der Kurzname braucht")
                && bad.body.contains("Bitte wählen Sie ein Bundesland")
        );
        let taken = app
            .post_form(
                "/operator/tenants/new",
                "/operator/tenants/new",
                &[
                    ("slug", "musterstadt"),
                    ("name", "x"),
                    ("state", "NW"),
                    ("time_zone", "Europe/Berlin"),
                ],
            )
            .await;
        assert!(taken.body.contains("Diesen Kurznamen gibt es schon"));
        let ok = app
            .post_form(
                "/operator/tenants/new",
                "/operator/tenants/new",
                &[
                    ("slug", "kreis-nord"),
                    ("name", "Kreis Nord"),
                    ("state", "SH"),
                    ("time_zone", "Europe/Berlin"),
                ],
            )
            .await;
        assert_eq!(ok.location.as_deref(), Some("/operator"));
        let t = db::tenants::by_slug(&app.tdb.db, "kreis-nord")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(t.federal_state, "SH");
        let edit = app
            .post_form(
                "/operator/tenants/kreis-nord",
                "/operator/tenants/kreis-nord",
                &[
                    ("name", "Kreis Nordland"),
                    ("state", "NI"),
                    ("time_zone", "Europe/Berlin"),
                ],
            )
            .await;
        assert_eq!(edit.location.as_deref(), Some("/operator"));
        let t = db::tenants::by_slug(&app.tdb.db, "kreis-nord")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (t.name.as_str(), t.federal_state.as_str()),
            ("Kreis Nordland", "NI")
        );
        assert_eq!(
            app.get("/operator/tenants/gibt-es-nicht").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_suspended_authority_is_closed_to_its_members_until_resumed() {
    for mut app in TestApp::demo_all().await {
        app.login("operator@amtfluencer.example").await;
        let res = app
            .post_form(
                "/operator/tenants/musterstadt",
                "/operator/tenants/musterstadt/suspend",
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        app.login("admin@musterstadt.example").await;
        let page = app.get("/t/musterstadt/").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(page.body.contains("Behörde gesperrt"));
        // The API is closed too.
        assert_eq!(
            app.api("GET", "/api/v1/me", None).await.status,
            StatusCode::NOT_FOUND
        );

        app.login("operator@amtfluencer.example").await;
        app.post_form(
            "/operator/tenants/musterstadt",
            "/operator/tenants/musterstadt/resume",
            &[],
        )
        .await;
        app.login("admin@musterstadt.example").await;
        assert_eq!(app.get("/t/musterstadt/").await.status, StatusCode::OK);
        let log = app.get("/t/musterstadt/audit").await.body;
        assert!(
            log.contains("tenant.suspended") && log.contains("tenant.resumed"),
            "the authority sees what the operator did"
        );
    }
}

#[tokio::test]
async fn nobody_but_the_operator_reaches_the_operator_pages() {
    for mut app in TestApp::demo_all().await {
        app.login("admin@musterstadt.example").await;
        for path in [
            "/operator",
            "/operator/tenants/new",
            "/operator/tenants/musterstadt",
        ] {
            assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let res = app
            .post_form(
                "/t/musterstadt/",
                "/operator/tenants/musterstadt/suspend",
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let t = db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        assert!(t.suspended_at.is_none());
    }
}
