//! The balance of the selection, and candidates of another authority.

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::programme::Track;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use axum::http::StatusCode;

use super::{ADMIN, LIST, candidate_id, candidates_with_email, nominate, set_status};
use crate::support::TestApp;

#[tokio::test]
async fn the_balance_view_hides_groups_smaller_than_three() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let mut ids = Vec::new();
        for (i, name) in ["Eins", "Zwei", "Drei"].iter().enumerate() {
            let email = format!("archiv{i}@musterstadt.example");
            assert_eq!(
                nominate(&mut app, &[("last_name", name), ("email", &email)]).await,
                StatusCode::SEE_OTHER
            );
            ids.push(candidate_id(&app, &email).await);
        }
        for id in &ids[..2] {
            for s in ["invited", "attended", "applied"] {
                assert_eq!(set_status(&mut app, *id, s).await, StatusCode::SEE_OTHER);
            }
        }
        let path = format!("{LIST}/balance");
        let two = app.get(&path).await;
        assert_eq!(two.status, StatusCode::OK);
        assert!(two.body.contains("weniger als 3 Personen") && two.body.contains("<caption"));
        assert!(
            !two.body.contains("Stadtarchiv"),
            "two people are not shown on their own"
        );
        // The demo's two selected people: every group of them is too small.
        assert!(
            two.body
                .contains("<th scope=\"row\">nicht angezeigt</th><td>2 (100 %)</td>")
        );
        for s in ["invited", "attended", "applied"] {
            assert_eq!(set_status(&mut app, ids[2], s).await, StatusCode::SEE_OTHER);
        }
        let three = app.get(&path).await.body;
        assert!(
            three.contains(
                "<th scope=\"row\">Stadtarchiv</th><td>–</td><td>3 (43 %)</td><td>–</td>"
            ),
            "{three}"
        );
    }
}

#[tokio::test]
async fn another_authoritys_candidate_is_not_found() {
    for mut app in TestApp::demo_all().await {
        let db = app.tdb.db.clone();
        let b = db::tenants::create(
            &db,
            db::tenants::NewTenant {
                slug: Slug::parse("nachbarstadt").unwrap(),
                name: "Nachbarstadt".into(),
                federal_state: FederalState::BY,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap();
        let c = db::candidates::create(
            &db,
            TenantId(b.id),
            db::candidates::NewCandidate {
                first_name: "Berta".into(),
                last_name: "Nachbarin".into(),
                email: Email::parse("berta@nachbarstadt.example").unwrap(),
                department: "Bauamt".into(),
                job_title: "Sachbearbeiterin".into(),
                track: Track::Employee,
                gender: None,
                birth_year: None,
                self_nominated: false,
            },
        )
        .await
        .unwrap();
        app.login(ADMIN).await;
        let page = format!("{LIST}/{}", c.id);
        let res = app.get(&page).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert!(!res.body.contains("Berta"));
        let status = app
            .post_form(LIST, &format!("{page}/status"), &[("status", "invited")])
            .await;
        assert_eq!(status.status, StatusCode::NOT_FOUND);
        let note = app
            .post_form(LIST, &format!("{page}/note"), &[("note", "von A")])
            .await;
        assert_eq!(note.status, StatusCode::NOT_FOUND);
        assert!(!app.get(LIST).await.body.contains("Berta"));
        let after = db::candidates::get(&db, TenantId(b.id), c.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (after.status.as_str(), after.team_note.as_str()),
            ("interested", "")
        );
        // The same address in A is a different person: nominating it creates A's own entry.
        assert_eq!(
            nominate(&mut app, &[("email", "berta@nachbarstadt.example")]).await,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            candidates_with_email(&app, "berta@nachbarstadt.example")
                .await
                .len(),
            2
        );
    }
}
