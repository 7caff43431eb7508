//! The budget: sums of the seeded pilot, cost items in euros, another authority's ids.

use amtfluencer::db;
use axum::http::StatusCode;

use super::*;
use crate::support::TestApp;

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
        let (b_cohort, b_cost) = super::cohort_and_cost_of(&app.tdb.db, TenantId(b.id)).await;
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
