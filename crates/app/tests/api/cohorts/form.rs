//! Creating and editing a cohort.

use axum::http::StatusCode;

use super::*;
use crate::support::TestApp;

#[tokio::test]
async fn the_team_creates_and_edits_a_cohort_and_a_wrong_form_keeps_what_was_typed() {
    for mut app in TestApp::demo_all().await {
        as_user(&mut app, COUNCIL).await;
        assert_eq!(
            app.get("/t/musterstadt/cohorts/new").await.status,
            StatusCode::FORBIDDEN
        );
        let list = app.get("/t/musterstadt/cohorts").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Pilotrunde 2026") && list.body.contains(">Runden<"));
        assert!(
            !list.body.contains("Neue Runde anlegen"),
            "council reads only"
        );

        as_user(&mut app, ADMIN).await;
        let new = "/t/musterstadt/cohorts/new";
        let bad = app
            .post_form(
                new,
                new,
                &[
                    ("name", " "),
                    ("phase", "3.0"),
                    ("starts_on", "2027-09-01"),
                    ("ends_on", "2027-03-01"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains(r#"value="3.0""#) && bad.body.contains(r#"value="2027-09-01""#));
        assert!(bad.body.contains("Bitte einen Namen angeben"));
        assert!(
            bad.body
                .contains("Das Ende darf nicht vor dem Beginn liegen.")
        );
        let bad = app
            .post_form(
                new,
                new,
                &[
                    ("name", "Azubi-Runde"),
                    ("phase", "3.0"),
                    ("starts_on", "31.02.2027"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains(r#"value="31.02.2027""#));
        assert!(bad.body.contains("Bitte ein Datum wie"));
        assert_eq!(audit_count(&app, "cohort.created").await, 0);

        let ok = app
            .post_form(
                new,
                new,
                &[
                    ("name", "Azubi-Runde"),
                    ("phase", "3.0"),
                    ("starts_on", "1.9.2027"),
                    ("ends_on", "2028-02-29"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let created = cohort_named(&app, "Azubi-Runde").await;
        assert_eq!(
            ok.location,
            Some(format!("/t/musterstadt/cohorts/{}", created.id))
        );
        assert_eq!(
            (created.status.as_str(), created.starts_on.to_string()),
            ("planned", "2027-09-01".to_owned())
        );
        assert_eq!(audit_count(&app, "cohort.created").await, 1);

        let edit = format!("/t/musterstadt/cohorts/{}/edit", created.id);
        let form = app.get(&edit).await;
        assert!(form.body.contains(r#"value="Azubi-Runde""#));
        let bad = app
            .post_form(
                &edit,
                &edit,
                &[
                    ("name", "Azubi-Runde 2027"),
                    ("phase", ""),
                    ("starts_on", "2027-09-01"),
                    ("ends_on", "2028-02-29"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains(r#"value="Azubi-Runde 2027""#));
        let ok = app
            .post_form(
                &edit,
                &edit,
                &[
                    ("name", "Azubi-Runde 2027"),
                    ("phase", "3.0"),
                    ("starts_on", "2027-09-01"),
                    ("ends_on", "2028-01-31"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let c = reload(&app, created.id).await;
        assert_eq!(
            (c.name.as_str(), c.ends_on.to_string()),
            ("Azubi-Runde 2027", "2028-01-31".to_owned())
        );
        assert_eq!(audit_count(&app, "cohort.updated").await, 1);
    }
}
