//! Cohorts: the decision step (leadership only, on a submitted evaluation, once, with reasons),
//! status steps, the cohort form, and the budget in euros — all through the router.

use amtfluencer::db::{self, entities::cohort};
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::support::TestApp;

const ADMIN: &str = "admin@musterstadt.example";
const LEADERSHIP: &str = "leadership@musterstadt.example";
const COUNCIL: &str = "council@musterstadt.example";
const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";

async fn tenant(app: &TestApp) -> TenantId {
    TenantId(
        db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap()
            .id,
    )
}

/// The demo's cohort with this name.
async fn cohort_named(app: &TestApp, name: &str) -> cohort::Model {
    db::cohorts::list(&app.tdb.db, tenant(app).await)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap()
}

async fn reload(app: &TestApp, id: i64) -> cohort::Model {
    db::cohorts::get(&app.tdb.db, tenant(app).await, id)
        .await
        .unwrap()
        .unwrap()
}

async fn audit_count(app: &TestApp, action: &str) -> u64 {
    db::entities::audit_entry::Entity::find()
        .filter(db::entities::audit_entry::Column::Action.eq(action))
        .count(&app.tdb.db)
        .await
        .unwrap()
}

async fn as_user(app: &mut TestApp, email: &str) {
    app.cookies.remove("amtf_session");
    assert_eq!(
        app.login(email).await.status,
        StatusCode::SEE_OTHER,
        "{email}"
    );
}

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
            ("bogus", StatusCode::CONFLICT),
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

#[tokio::test]
async fn the_pilot_budget_adds_up_per_category_overall_and_per_participant() {
    for mut app in TestApp::demo_all().await {
        let pilot = cohort_named(&app, "Pilotrunde 2026").await;
        let next = cohort_named(&app, "Amtfluencer 2.0").await;
        // The seeded amounts: 619,20 + 1.200 + 384,50 + 2.400 + 142,80 + 126 €; 18 people.
        let budget = db::costs::budget(&app.tdb.db, tenant(&app).await, pilot.id)
            .await
            .unwrap();
        assert_eq!(budget.total_cents, 487_250);
        assert_eq!(budget.participants, 18);
        assert_eq!(budget.per_participant_cents, Some(27_069));
        assert_eq!(budget.by_category.len(), 5);

        as_user(&mut app, LEADERSHIP).await;
        let list = app.get("/t/musterstadt/cohorts").await.body;
        assert!(list.contains("4.872,50 €") && list.contains("<td>18</td>"));
        let costs = app
            .get(&format!("/t/musterstadt/cohorts/{}/costs", pilot.id))
            .await;
        assert_eq!(costs.status, StatusCode::OK);
        for text in [
            "4.872,50 €",
            "270,69 €",
            "Bewirtung</th><td>510,50 €",
            "Schulung</th><td>2.400,00 €",
            "Fotografie</th><td>1.200,00 €",
            "Material</th><td>619,20 €",
            "Software</th><td>142,80 €",
            "Externer Fotograf",
        ] {
            assert!(costs.body.contains(text), "{text} ({})", app.tdb.backend);
        }
        assert!(
            !costs.body.contains("Kostenposten speichern"),
            "leadership reads"
        );
        let empty = app
            .get(&format!("/t/musterstadt/cohorts/{}", next.id))
            .await
            .body;
        assert!(
            empty.contains("0,00 €") && empty.contains("<dd>–</dd>"),
            "no participants: –"
        );

        app.accept_language = Some("en".into());
        as_user(&mut app, COUNCIL).await;
        let en = app
            .get(&format!("/t/musterstadt/cohorts/{}/costs", pilot.id))
            .await
            .body;
        assert!(en.contains("€4,872.50") && en.contains("€270.69"));
    }
}

#[tokio::test]
async fn cost_items_are_typed_in_euros_and_wrong_amounts_are_refused() {
    for mut app in TestApp::demo_all().await {
        let pilot = cohort_named(&app, "Pilotrunde 2026").await;
        let page = format!("/t/musterstadt/cohorts/{}/costs", pilot.id);
        let item = |amount: &'static str| {
            [
                ("category", "photography"),
                ("description", "Fotograf Netzwerktreffen"),
                ("amount", amount),
                ("spent_on", "2026-06-17"),
                ("note", "Nachtrag"),
            ]
        };
        for email in [LEADERSHIP, COUNCIL] {
            as_user(&mut app, email).await;
            let res = app.post_form("/account", &page, &item("10")).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{email}");
        }

        as_user(&mut app, ADMIN).await;
        for (amount, message) in [
            ("-5", "ohne Minuszeichen"),
            ("12,345", "höchstens zwei Nachkommastellen"),
            ("zwölf Euro", "höchstens zwei Nachkommastellen"),
            ("0,00", "über 0 €"),
            ("", "Bitte einen Betrag angeben"),
        ] {
            let res = app.post_form(&page, &page, &item(amount)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{amount}");
            assert!(res.body.contains(message), "{amount}");
            assert!(
                res.body.contains(&format!(r#"value="{amount}""#))
                    && res.body.contains(r#"value="photography" selected"#),
                "{amount}: the form is kept"
            );
        }
        assert_eq!(audit_count(&app, "cost.created").await, 0);

        let res = app.post_form(&page, &page, &item("1.234,56")).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let res = app.post_form(&page, &page, &item("99.5")).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let tid = tenant(&app).await;
        let items = db::costs::list_for_cohort(&app.tdb.db, tid, pilot.id)
            .await
            .unwrap();
        let added: Vec<i64> = items
            .iter()
            .filter(|c| c.description == "Fotograf Netzwerktreffen")
            .map(|c| c.amount_cents)
            .collect();
        assert_eq!(added, vec![123_456, 9_950]);
        // 4.872,50 + 1.234,56 + 99,50 = 6.206,56 €; / 18 = 344,81 €.
        let body = app.get(&page).await.body;
        assert!(body.contains("6.206,56 €") && body.contains("344,81 €"));
        assert_eq!(audit_count(&app, "cost.created").await, 2);

        let first = items.iter().find(|c| c.amount_cents == 123_456).unwrap();
        let delete = format!("{page}/{}/delete", first.id);
        as_user(&mut app, LEADERSHIP).await;
        assert_eq!(
            app.post_form("/account", &delete, &[]).await.status,
            StatusCode::FORBIDDEN
        );
        as_user(&mut app, ADMIN).await;
        let res = app.post_form(&page, &delete, &[]).await;
        assert_eq!(res.location.as_deref(), Some(page.as_str()));
        assert_eq!(
            app.post_form(&page, &delete, &[]).await.status,
            StatusCode::NOT_FOUND,
            "gone"
        );
        let budget = db::costs::budget(&app.tdb.db, tid, pilot.id).await.unwrap();
        assert_eq!(budget.total_cents, 487_250 + 9_950);
        assert_eq!(audit_count(&app, "cost.deleted").await, 1);
    }
}

#[tokio::test]
async fn another_authoritys_cohort_and_cost_are_not_found_and_stay_untouched() {
    for mut app in TestApp::demo_all().await {
        let b = db::tenants::create(
            &app.tdb.db,
            db::tenants::NewTenant {
                slug: amtfluencer_domain::types::Slug::parse("nachbarstadt").unwrap(),
                name: "Nachbarstadt".into(),
                federal_state: amtfluencer_domain::types::FederalState::BY,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap();
        let (b_cohort, b_cost) =
            crate::routes::cohort_and_cost_of(&app.tdb.db, TenantId(b.id)).await;
        let pilot = cohort_named(&app, "Pilotrunde 2026").await;
        as_user(&mut app, ADMIN).await;
        let base = format!("/t/musterstadt/cohorts/{b_cohort}");
        for path in [
            base.clone(),
            format!("{base}/edit"),
            format!("{base}/costs"),
        ] {
            assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        for (path, fields) in [
            (format!("{base}/status"), vec![("status", "running")]),
            (format!("{base}/submit"), vec![]),
            (format!("{base}/costs/{b_cost}/delete"), vec![]),
            (
                format!("/t/musterstadt/cohorts/{}/costs/{b_cost}/delete", pilot.id),
                vec![],
            ),
            (
                format!("{base}/edit"),
                vec![
                    ("name", "Übernommen"),
                    ("phase", "x"),
                    ("starts_on", "2026-01-01"),
                    ("ends_on", "2026-02-01"),
                ],
            ),
        ] {
            let res = app.post_form("/account", &path, &fields).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        }
        as_user(&mut app, LEADERSHIP).await;
        let res = app
            .post_form(
                "/account",
                &format!("{base}/decision"),
                &[("decision", "approved"), ("comment", "x")],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let c = cohort::Entity::find_by_id(b_cohort)
            .one(&app.tdb.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (c.name.as_str(), c.status.as_str(), c.decision),
            ("Nachbar-Pilot", "evaluating", None)
        );
        assert!(
            db::entities::cost::Entity::find_by_id(b_cost)
                .one(&app.tdb.db)
                .await
                .unwrap()
                .is_some()
        );
    }
}
