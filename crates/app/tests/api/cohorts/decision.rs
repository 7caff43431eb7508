//! The status steps, the evaluation handed to leadership and leadership's decision.

use amtfluencer::db;
use axum::http::StatusCode;

use super::*;
use crate::support::TestApp;

#[tokio::test]
async fn only_leadership_can_decide_on_a_cohort() {
    for mut app in TestApp::demo_all().await {
        let pilot = cohort_named(&app, "Pilotrunde 2026").await;
        let path = format!("/t/musterstadt/cohorts/{}/decision", pilot.id);
        let fields = [("decision", "approved"), ("comment", "Weiter so.")];
        for email in [ADMIN, COUNCIL, AMBASSADOR] {
            as_user(&mut app, email).await;
            let res = app.post_form("/account", &path, &fields).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{email}");
            let c = reload(&app, pilot.id).await;
            assert!(c.decision.is_none() && c.decided_by.is_none(), "{email}");
        }
        assert_eq!(audit_count(&app, "cohort.decided").await, 0);

        as_user(&mut app, LEADERSHIP).await;
        let page = app
            .get(&format!("/t/musterstadt/cohorts/{}", pilot.id))
            .await;
        assert!(page.body.contains("Entscheidung speichern"), "the form");
        let res = app.post_form("/account", &path, &fields).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let c = reload(&app, pilot.id).await;
        let leader = db::users::by_email(
            &app.tdb.db,
            &amtfluencer_domain::types::Email::parse(LEADERSHIP).unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(c.decision.as_deref(), Some("approved"));
        assert_eq!(c.decision_comment.as_deref(), Some("Weiter so."));
        assert_eq!(c.decided_by, Some(leader.id));
        assert!(c.decided_at.is_some());
        assert_eq!(audit_count(&app, "cohort.decided").await, 1);

        // Everyone who sees the cohort sees who decided, and no form any more.
        for email in [LEADERSHIP, ADMIN, COUNCIL] {
            as_user(&mut app, email).await;
            let page = app
                .get(&format!("/t/musterstadt/cohorts/{}", pilot.id))
                .await;
            assert!(
                page.body.contains("Fortsetzung beschlossen")
                    && page.body.contains("Entschieden von Dr. Frank Albers am")
                    && page.body.contains("Weiter so."),
                "{email}"
            );
            assert!(!page.body.contains("Entscheidung speichern"), "{email}");
        }
    }
}

#[tokio::test]
async fn a_decision_needs_a_submitted_evaluation_and_reasons_and_is_made_once() {
    for mut app in TestApp::demo_all().await {
        as_user(&mut app, LEADERSHIP).await;
        let next = cohort_named(&app, "Amtfluencer 2.0").await;
        let res = app
            .post_form(
                "/account",
                &format!("/t/musterstadt/cohorts/{}/decision", next.id),
                &[("decision", "approved"), ("comment", "Zu früh.")],
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "nothing submitted yet");
        assert!(reload(&app, next.id).await.decision.is_none());

        let pilot = cohort_named(&app, "Pilotrunde 2026").await;
        let page = format!("/t/musterstadt/cohorts/{}", pilot.id);
        let path = format!("{page}/decision");
        let res = app
            .post_form(&page, &path, &[("decision", "declined"), ("comment", "  ")])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Bitte begründen Sie die Entscheidung"));
        assert!(
            res.body.contains(r#"value="declined" checked"#),
            "the choice is kept"
        );
        let res = app
            .post_form(&page, &path, &[("decision", "maybe"), ("comment", "Hm.")])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains(">Hm.</textarea>"), "the reasons are kept");
        assert!(reload(&app, pilot.id).await.decision.is_none());

        let res = app
            .post_form(
                &page,
                &path,
                &[
                    ("decision", "declined"),
                    ("comment", "Budget 2027 reicht nicht."),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let res = app
            .post_form(
                "/account",
                &path,
                &[("decision", "approved"), ("comment", "Doch!")],
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "decided once");
        let c = reload(&app, pilot.id).await;
        assert_eq!(c.decision.as_deref(), Some("declined"));
        assert_eq!(
            c.decision_comment.as_deref(),
            Some("Budget 2027 reicht nicht.")
        );
        assert_eq!(audit_count(&app, "cohort.decided").await, 1);
    }
}

#[tokio::test]
async fn a_cohort_moves_forward_only_and_its_evaluation_is_submitted_once() {
    for mut app in TestApp::demo_all().await {
        let next = cohort_named(&app, "Amtfluencer 2.0").await;
        let page = format!("/t/musterstadt/cohorts/{}", next.id);
        let status = format!("{page}/status");
        let submit = format!("{page}/submit");
        as_user(&mut app, LEADERSHIP).await;
        let res = app
            .post_form("/account", &status, &[("status", "running")])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.post_form("/account", &submit, &[]).await.status,
            StatusCode::FORBIDDEN
        );

        as_user(&mut app, ADMIN).await;
        let step = |to: &'static str| [("status", to)];
        assert_eq!(
            app.post_form(&page, &submit, &[]).await.status,
            StatusCode::CONFLICT,
            "a planned cohort has nothing to evaluate"
        );
        for (to, expected) in [
            ("evaluating", StatusCode::CONFLICT),
            ("running", StatusCode::SEE_OTHER),
            ("planned", StatusCode::CONFLICT),
            ("evaluating", StatusCode::SEE_OTHER),
        ] {
            let res = app.post_form(&page, &status, &step(to)).await;
            assert_eq!(res.status, expected, "→ {to} ({})", app.tdb.backend);
        }
        assert!(
            reload(&app, next.id)
                .await
                .evaluation_submitted_at
                .is_none()
        );
        assert!(
            app.get(&page)
                .await
                .body
                .contains("Auswertung der Leitung vorlegen")
        );
        assert_eq!(
            app.post_form(&page, &submit, &[]).await.status,
            StatusCode::SEE_OTHER
        );
        assert!(
            reload(&app, next.id)
                .await
                .evaluation_submitted_at
                .is_some()
        );
        assert_eq!(
            app.post_form(&page, &submit, &[]).await.status,
            StatusCode::CONFLICT,
            "submitted once"
        );
        for (to, expected) in [
            ("closed", StatusCode::SEE_OTHER),
            ("running", StatusCode::CONFLICT),
            // Not a status at all: the request is wrong, not the lifecycle.
            ("bogus", StatusCode::BAD_REQUEST),
        ] {
            let res = app.post_form(&page, &status, &step(to)).await;
            assert_eq!(res.status, expected, "→ {to}");
        }
        assert_eq!(reload(&app, next.id).await.status, "closed");
        assert_eq!(audit_count(&app, "cohort.status_changed").await, 3);
        assert_eq!(audit_count(&app, "cohort.evaluation_submitted").await, 1);
        let log = app
            .get("/t/musterstadt/audit?action=cohort.status_changed")
            .await
            .body;
        assert!(log.contains("3 Einträge") && log.contains("evaluating"));
    }
}
