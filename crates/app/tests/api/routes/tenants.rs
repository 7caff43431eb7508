//! A member of one authority probes every route with another authority's objects and must
//! find nothing.

use amtfluencer::db::{self, jobs::NewJob};
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::{Role, allows};
use amtfluencer_domain::programme::Track;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use axum::http::StatusCode;

use super::{Access, ROUTES, call};
use crate::support::TestApp;

#[tokio::test]
async fn a_member_of_one_authority_finds_nothing_of_another() {
    for mut app in TestApp::demo_all().await {
        let db = app.tdb.db.clone();
        // Authority B with an admin, a dead job and an API token.
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
        let email = Email::parse("team@nachbarstadt.example").unwrap();
        let u = db::users::create(
            &db,
            db::users::NewUser {
                email: &email,
                display_name: "Team B",
                password_hash: None,
                is_operator: false,
            },
        )
        .await
        .unwrap();
        db::users::add_membership(&db, TenantId(b.id), u.id, Role::Admin)
            .await
            .unwrap();
        let mut j = NewJob::new("publish_post", serde_json::json!({"secret": "B"}));
        j.tenant_id = Some(b.id);
        j.max_attempts = 1;
        let job_id = db::jobs::enqueue(&db, j).await.unwrap().unwrap();
        let c = db::jobs::claim(&db, "w", std::time::Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        db::jobs::fail(&db, &c, "w", "B-Fehler").await.unwrap();
        let (_, token) = db::api_tokens::create(
            &db,
            TenantId(b.id),
            db::api_tokens::NewToken {
                user_id: u.id,
                name: "B",
                scope: db::api_tokens::Scope::Write,
                valid_for: chrono::Duration::days(1),
            },
        )
        .await
        .unwrap();

        // … and a candidate with a team note.
        let candidate = db::candidates::create(
            &db,
            TenantId(b.id),
            db::candidates::NewCandidate {
                first_name: "Team B".into(),
                last_name: "Kandidatin".into(),
                email: Email::parse("kandidatin@nachbarstadt.example").unwrap(),
                department: "Bauamt".into(),
                job_title: "Bauzeichnerin".into(),
                track: Track::Apprentice,
                gender: None,
                birth_year: None,
                self_nominated: true,
            },
        )
        .await
        .unwrap();
        db::candidates::set_note(&db, TenantId(b.id), candidate.id, "B-Fehler im Gespräch")
            .await
            .unwrap();
        let (b_cohort, b_cost) = crate::cohorts::cohort_and_cost_of(&db, TenantId(b.id)).await;
        // … a person …
        let person_b = {
            use amtfluencer::db::bulk::insert_rows;
            let now = db::now();
            #[rustfmt::skip]
            let row = vec![b.id.into(), "Berta".into(), "Beispiel".into(), "Kultur".into(), "Team B".into(), "employee".into(), "active".into(), 2.into(), "".into(), "[]".into(), false.into(), now.into(), now.into()];
            #[rustfmt::skip]
            let cols = ["tenant_id", "first_name", "last_name", "department", "job_title", "track", "status", "monthly_goal", "bio", "ask_me_about", "public_profile", "created_at", "updated_at"];
            insert_rows(&db, "ambassadors", &cols, vec![row])
                .await
                .unwrap();
            db::ambassadors::list(&db, TenantId(b.id)).await.unwrap()[0].id
        };
        // … and an open invitation.
        let (_, invitation_b) = db::auth_tokens::create_invitation(
            &db,
            TenantId(b.id),
            db::auth_tokens::NewInvitation {
                email: &Email::parse("neu@nachbarstadt.example").unwrap(),
                role: Role::Ambassador,
                created_by: u.id,
            },
        )
        .await
        .unwrap();
        let event_b = crate::events::event_of(&db, TenantId(b.id)).await;
        // … a topic, a planned post and a blackout period.
        let (topic_b, post_b, blackout_b) =
            crate::calendar::objects_of(&db, TenantId(b.id), person_b).await;
        let link_b = crate::links::link_of(&db, TenantId(b.id)).await;
        let id_for = |template: &str| {
            if template.contains("/links/") {
                return link_b;
            }
            if template.contains("topics/{id}") {
                return topic_b;
            }
            if template.contains("calendar/posts/{id}") {
                return post_b;
            }
            if template.contains("blackouts/{id}") {
                return blackout_b;
            }
            if template.contains("/events/") {
                event_b
            } else if template.contains("jobs") {
                job_id
            } else if template.contains("recruitment") {
                candidate.id
            } else if template.contains("/cohorts/") {
                b_cohort
            } else if template.contains("people") {
                person_b
            } else if template.contains("invitations") {
                invitation_b.id
            } else {
                token.id
            }
        };

        app.login("admin@musterstadt.example").await;
        for (method, template, _) in ROUTES.iter().filter(|r| !matches!(r.2, Access::Public)) {
            let path = template
                .replace("{slug}", "nachbarstadt")
                .replace("{id}", &id_for(template).to_string())
                .replace("{cost}", &b_cost.to_string());
            let res = call(&mut app, method, &path).await;
            if template.contains("{slug}") || template.contains("{id}") {
                assert_eq!(
                    res.status,
                    StatusCode::NOT_FOUND,
                    "{method} {path} ({})",
                    app.tdb.backend
                );
            }
            assert!(
                !res.body.contains("B-Fehler")
                    && !res.body.contains("Nachbarstadt")
                    && !res.body.contains("Team B")
                    && !res.body.contains("Nachbar-"),
                "{method} {path} leaked"
            );
        }
        // Their own authority's cohort pages with B's cohort and cost ids: still nothing,
        // asked by someone who holds each route's permission.
        for (method, template, access) in ROUTES.iter().filter(|r| r.1.contains("/cohorts/{id}")) {
            let Access::Member(p) = access else { continue };
            let email = if allows(Role::Admin, *p) {
                "admin@musterstadt.example"
            } else {
                "leadership@musterstadt.example"
            };
            app.cookies.remove("amtf_session");
            app.login(email).await;
            let path = template
                .replace("{slug}", "musterstadt")
                .replace("{id}", &b_cohort.to_string())
                .replace("{cost}", &b_cost.to_string());
            let res = call(&mut app, method, &path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{email} {method} {path}");
            assert!(!res.body.contains("Nachbar-"), "{method} {path} leaked");
        }
        let b_after = db::cohorts::get(&db, TenantId(b.id), b_cohort)
            .await
            .unwrap()
            .unwrap();
        assert!(
            b_after.decision.is_none() && b_after.status == "evaluating",
            "B's cohort untouched"
        );
        assert!(
            db::costs::get(&db, TenantId(b.id), b_cohort, b_cost)
                .await
                .unwrap()
                .is_some(),
            "B's cost untouched"
        );
        app.cookies.remove("amtf_session");
        app.login("admin@musterstadt.example").await;
        // Their own authority's job pages with B's job id: still nothing.
        let res = call(
            &mut app,
            "POST",
            &format!("/t/musterstadt/jobs/{job_id}/retry"),
        )
        .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        // Their own authority's pages with B's person and invitation ids: nothing either.
        for (method, path) in [
            ("GET", format!("/t/musterstadt/people/{person_b}")),
            ("POST", format!("/t/musterstadt/people/{person_b}/status")),
            (
                "POST",
                format!("/t/musterstadt/invitations/{}/revoke", invitation_b.id),
            ),
        ] {
            let res = call(&mut app, method, &path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
        }
        assert_eq!(
            db::ambassadors::list(&db, TenantId(b.id)).await.unwrap()[0].status,
            "active"
        );
        // Their own authority's topic, calendar and settings pages with B's ids: nothing.
        for (method, path) in [
            ("GET", format!("/t/musterstadt/topics/{topic_b}")),
            ("POST", format!("/t/musterstadt/topics/{topic_b}/status")),
            ("POST", format!("/t/musterstadt/topics/{topic_b}/merge")),
            ("GET", format!("/t/musterstadt/calendar/posts/{post_b}")),
            (
                "POST",
                format!("/t/musterstadt/calendar/posts/{post_b}/move"),
            ),
            (
                "POST",
                format!("/t/musterstadt/calendar/posts/{post_b}/delete"),
            ),
            (
                "POST",
                format!("/t/musterstadt/settings/working-time/blackouts/{blackout_b}/delete"),
            ),
        ] {
            let res = call(&mut app, method, &path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
            assert!(!res.body.contains("Nachbar-"), "{method} {path} leaked");
        }
        let month = app
            .get("/t/musterstadt/calendar?view=list&date=2027-06-01")
            .await;
        assert!(!month.body.contains("Nachbar-"), "B's post in A's calendar");
        assert!(
            !app.get("/t/musterstadt/topics?status=all")
                .await
                .body
                .contains("Nachbar-")
        );
        crate::calendar::assert_untouched(&db, TenantId(b.id), topic_b, post_b, blackout_b).await;
        // Their own authority's short-link pages with B's link id: nothing either.
        crate::links::assert_unreachable(&mut app, TenantId(b.id), link_b).await;
        // Their own authority's candidate pages with B's candidate id: nothing either.
        for (method, path) in [
            (
                "GET",
                format!("/t/musterstadt/recruitment/{}", candidate.id),
            ),
            (
                "POST",
                format!("/t/musterstadt/recruitment/{}/status", candidate.id),
            ),
            (
                "POST",
                format!("/t/musterstadt/recruitment/{}/note", candidate.id),
            ),
            (
                "POST",
                format!("/t/musterstadt/recruitment/{}/delete", candidate.id),
            ),
        ] {
            let res = call(&mut app, method, &path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
            assert!(!res.body.contains("B-Fehler") && !res.body.contains("Team B"));
        }
        assert!(
            db::candidates::get(&db, TenantId(b.id), candidate.id)
                .await
                .unwrap()
                .is_some_and(|c| c.team_note == "B-Fehler im Gespräch"),
            "B's candidate untouched"
        );
        // The API with the session: B's token cannot be revoked from A.
        let res = app
            .api_with_csrf("DELETE", &format!("/api/v1/tokens/{}", token.id))
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert!(
            db::jobs::list_dead(&db, 5)
                .await
                .unwrap()
                .iter()
                .any(|j| j.id == job_id),
            "B's job untouched"
        );
        let tokens = db::api_tokens::list_for_user(&db, u.id).await.unwrap();
        assert!(tokens[0].revoked_at.is_none(), "B's token untouched");
    }
}
