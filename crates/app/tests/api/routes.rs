//! Every route for every role against the permission matrix, and a probe from one authority
//! into another's objects that must find nothing.

use amtfluencer::db::{self, jobs::NewJob};
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::{Permission, Role, allows};
use amtfluencer_domain::programme::Track;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use axum::http::StatusCode;

use crate::support::{Page, TestApp};

#[derive(Clone, Copy, Debug)]
enum Access {
    Public,
    SignedIn,
    Member(Permission),
    /// Members holding any of these permissions.
    AnyOf(&'static [Permission]),
    Operator,
}

/// The route table as users reach it: method, path (`{slug}`, `{id}` and `{cost}` filled in),
/// access.
#[rustfmt::skip]
const ROUTES: &[(&str, &str, Access)] = &[
    ("GET", "/login", Access::Public),
    ("GET", "/password/forgot", Access::Public),
    ("GET", "/healthz", Access::Public),
    ("GET", "/api/v1/openapi.json", Access::Public),
    ("GET", "/t/{slug}/mitmachen", Access::Public),
    ("GET", "/t/{slug}/mitmachen/danke", Access::Public),
    ("GET", "/p/{slug}", Access::Public),
    ("GET", "/p/{slug}/embed", Access::Public),
    ("GET", "/account", Access::SignedIn),
    ("POST", "/account/tokens/{id}/revoke", Access::SignedIn),
    ("GET", "/api/v1/tokens", Access::SignedIn),
    ("GET", "/t/{slug}/", Access::Member(Permission::ViewStart)),
    ("GET", "/api/v1/me", Access::Member(Permission::ViewStart)),
    ("GET", "/api/v1/people", Access::Member(Permission::ManageProgramme)),
    ("GET", "/api/v1/cohorts", Access::Member(Permission::ViewAggregates)),
    ("GET", "/api/v1/candidates", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/jobs", Access::Member(Permission::ManageJobs)),
    ("POST", "/t/{slug}/jobs/{id}/retry", Access::Member(Permission::ManageJobs)),
    ("GET", "/t/{slug}/audit", Access::Member(Permission::ViewAuditLog)),
    ("GET", "/t/{slug}/people", Access::Member(Permission::ViewPeople)),
    ("GET", "/t/{slug}/people?format=csv", Access::Member(Permission::ViewPeople)),
    ("GET", "/t/{slug}/people/import", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/people/import/template.csv", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/people/{id}", Access::Member(Permission::ViewPeople)),
    ("POST", "/t/{slug}/people/{id}/status", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/me", Access::Member(Permission::EditOwnProfile)),
    ("GET", "/t/{slug}/guidelines", Access::Member(Permission::ViewStart)),
    ("POST", "/t/{slug}/guidelines", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/guidelines/acknowledge", Access::Member(Permission::EditOwnProfile)),
    ("GET", "/t/{slug}/invitations", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/invitations/{id}/revoke", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/outbox", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/settings/sso", Access::Member(Permission::ManageSettings)),
    ("GET", "/t/{slug}/recruitment", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/recruitment/balance", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/recruitment/nominate", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/recruitment/{id}", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/recruitment/{id}/status", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/recruitment/{id}/note", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/recruitment/{id}/delete", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/cohorts", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/cohorts/new", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/cohorts/new", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/cohorts/{id}", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/cohorts/{id}/edit", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/cohorts/{id}/edit", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/cohorts/{id}/status", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/cohorts/{id}/submit", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/cohorts/{id}/decision", Access::Member(Permission::DecideCohort)),
    ("GET", "/t/{slug}/cohorts/{id}/report", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/cohorts/{id}/report.pdf", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/cohorts/{id}/report.xlsx", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/cohorts/{id}/costs", Access::Member(Permission::ViewAggregates)),
    ("POST", "/t/{slug}/cohorts/{id}/costs", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/cohorts/{id}/costs/{cost}/delete", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/events", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/events/new", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/events/new", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/events/{id}", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/events/{id}/event.ics", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/events/{id}/edit", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/events/{id}/edit", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/events/{id}/invite", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/events/{id}/attendance", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/events/{id}/rsvp", Access::Member(Permission::ViewStart)),
    ("POST", "/t/{slug}/events/{id}/cancel", Access::Member(Permission::ManageProgramme)),
    ("GET", "/rsvp/{id}", Access::Public),
    ("GET", "/t/{slug}/topics", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/topics/new", Access::Member(Permission::ProposeTopics)),
    ("POST", "/t/{slug}/topics/new", Access::Member(Permission::ProposeTopics)),
    ("GET", "/t/{slug}/topics/{id}", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/topics/{id}/edit", Access::Member(Permission::EditTopics)),
    ("POST", "/t/{slug}/topics/{id}/edit", Access::Member(Permission::EditTopics)),
    ("POST", "/t/{slug}/topics/{id}/status", Access::Member(Permission::EditTopics)),
    ("POST", "/t/{slug}/topics/{id}/merge", Access::Member(Permission::EditTopics)),
    ("GET", "/t/{slug}/calendar", Access::Member(Permission::WritePosts)),
    ("GET", "/t/{slug}/calendar/plan", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/calendar/plan", Access::Member(Permission::WritePosts)),
    ("GET", "/t/{slug}/calendar/posts/{id}", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/calendar/posts/{id}/move", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/calendar/posts/{id}/delete", Access::Member(Permission::WritePosts)),
    ("GET", "/t/{slug}/calendar/feed", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/calendar/feed", Access::Member(Permission::WritePosts)),
    ("GET", "/t/{slug}/settings/working-time", Access::Member(Permission::ManageSettings)),
    ("POST", "/t/{slug}/settings/working-time", Access::Member(Permission::ManageSettings)),
    ("POST", "/t/{slug}/settings/working-time/blackouts", Access::Member(Permission::ManageSettings)),
    ("POST", "/t/{slug}/settings/working-time/blackouts/{id}/delete", Access::Member(Permission::ManageSettings)),
    ("GET", "/feeds/{id}", Access::Public),
    ("GET", "/api/v1/calendar/holidays", Access::Member(Permission::ViewStart)),
    ("GET", "/api/v1/calendar/slots", Access::Member(Permission::WritePosts)),
    ("GET", "/api/v1/calendar/posts", Access::Member(Permission::WritePosts)),
    ("GET", "/api/v1/calendar/posts/{id}", Access::Member(Permission::WritePosts)),
    ("GET", "/api/v1/topics", Access::Member(Permission::ViewStart)),
    ("GET", "/api/v1/topics/{id}", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/studio", Access::Member(Permission::EditOwnProfile)),
    ("GET", "/t/{slug}/studio/{id}", Access::Member(Permission::EditOwnProfile)),
    ("GET", "/t/{slug}/admin", Access::Member(Permission::ViewAuditLog)),
    ("GET", "/t/{slug}/reviews", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/reviews/{id}", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/reviews/{id}", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/settings/studio", Access::Member(Permission::ManageSettings)),
    ("POST", "/t/{slug}/settings/studio", Access::Member(Permission::ManageSettings)),
    ("GET", "/t/{slug}/connections", Access::Member(Permission::EditOwnProfile)),
    ("POST", "/t/{slug}/connections/linkedin", Access::Member(Permission::EditOwnProfile)),
    ("POST", "/t/{slug}/connections/mastodon", Access::Member(Permission::EditOwnProfile)),
    ("POST", "/t/{slug}/connections/{id}/disconnect", Access::Member(Permission::EditOwnProfile)),
    ("GET", "/t/{slug}/connections/team", Access::Member(Permission::ManageProgramme)),
    ("GET", "/oauth/linkedin/callback", Access::SignedIn),
    ("GET", "/oauth/mastodon/callback", Access::SignedIn),
    ("GET", "/t/{slug}/publishing", Access::Member(Permission::WritePosts)),
    ("GET", "/t/{slug}/publishing/posts/{id}", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/publishing/posts/{id}/schedule", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/publishing/posts/{id}/unschedule", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/publishing/posts/{id}/appeared", Access::Member(Permission::WritePosts)),
    ("POST", "/t/{slug}/publishing/posts/{id}/not-appeared", Access::Member(Permission::WritePosts)),
    ("GET", "/t/{slug}/imports", Access::Member(Permission::ImportMetrics)),
    ("POST", "/t/{slug}/imports/unmatched/{id}/assign", Access::Member(Permission::ImportMetrics)),
    ("POST", "/t/{slug}/imports/manual", Access::Member(Permission::ImportMetrics)),
    ("GET", "/t/{slug}/analytics", Access::Member(Permission::ViewStart)),
    ("GET", "/t/{slug}/analytics/programme", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/analytics/topics", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/analytics/page-effect", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/analytics/participation", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/analytics/personal", Access::Member(Permission::ViewOwnFigures)),
    ("GET", "/t/{slug}/analytics/programme?format=csv&table=posts", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/analytics/topics?format=xlsx&table=topic-links", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/analytics/page-effect?format=csv&table=page", Access::Member(Permission::ViewAggregates)),
    ("GET", "/t/{slug}/analytics/participation?format=csv&table=shared", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/analytics/personal?format=xlsx&table=own-posts", Access::Member(Permission::ViewOwnFigures)),
    ("GET", "/t/{slug}/links", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/links?format=xlsx", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/links", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/links/{id}", Access::Member(Permission::ManageProgramme)),
    ("GET", "/t/{slug}/links/{id}?format=csv&table=days", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/links/{id}", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/links/{id}/archive", Access::Member(Permission::ManageProgramme)),
    ("POST", "/t/{slug}/links/{id}/restore", Access::Member(Permission::ManageProgramme)),
    ("GET", "/l/{id}", Access::Public),
    ("GET", "/api/v1/analytics/summary", Access::Member(Permission::ViewAggregates)),
    ("GET", "/api/v1/analytics/topics", Access::Member(Permission::ViewAggregates)),
    ("GET", "/api/v1/analytics/page-effect", Access::Member(Permission::ViewAggregates)),
    ("GET", "/api/v1/analytics/links", Access::AnyOf(&[Permission::ManageProgramme, Permission::ViewOwnFigures])),
    ("GET", "/operator", Access::Operator),
    ("GET", "/operator/tenants/new", Access::Operator),
    ("GET", "/operator/outbox", Access::Operator),
    ("GET", "/operator/tenants/{slug}", Access::Operator),
    ("POST", "/operator/tenants/{slug}/resume", Access::Operator),
];

/// Who asks: a member role, the operator, or nobody signed in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Member(Role, &'static str),
    Operator,
    Anonymous,
}

const PEOPLE: [Who; 6] = [
    Who::Member(Role::Admin, "admin@musterstadt.example"),
    Who::Member(Role::Ambassador, "katharina.brenner@musterstadt.example"),
    Who::Member(Role::Leadership, "leadership@musterstadt.example"),
    Who::Member(Role::Council, "council@musterstadt.example"),
    Who::Operator,
    Who::Anonymous,
];

async fn call(app: &mut TestApp, method: &str, path: &str) -> Page {
    if method == "GET" {
        return app.get(path).await;
    }
    let from = if app.cookies.contains_key("amtf_session") {
        "/account"
    } else {
        "/login"
    };
    app.post_form(from, path, &[]).await
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_matrix_says() {
    for mut app in TestApp::demo_all().await {
        let (pilot, cost) = crate::cohorts::pilot_and_cost(&app).await;
        let event = crate::events::event_titled(&app, "Auftaktworkshop Teil 1")
            .await
            .id;
        for who in PEOPLE {
            app.cookies.remove("amtf_session");
            match who {
                Who::Member(_, email) => {
                    assert_eq!(app.login(email).await.status, StatusCode::SEE_OTHER)
                }
                Who::Operator => assert_eq!(
                    app.login("operator@amtfluencer.example").await.status,
                    StatusCode::SEE_OTHER
                ),
                Who::Anonymous => {}
            }
            for (method, template, access) in ROUTES {
                let id = if template.contains("/cohorts/") {
                    pilot.to_string()
                } else if template.contains("/events/") {
                    event.to_string()
                } else {
                    "999999".to_owned()
                };
                let path = template
                    .replace("{slug}", "musterstadt")
                    .replace("{id}", &id)
                    .replace("{cost}", &cost.to_string());
                let res = call(&mut app, method, &path).await;
                let s = res.status;
                let to_login = s == StatusCode::SEE_OTHER
                    && res
                        .location
                        .as_deref()
                        .is_some_and(|l| l.starts_with("/login"));
                let expect_ok = match (access, who) {
                    (Access::Public, _) => true,
                    (_, Who::Anonymous) => false,
                    (Access::SignedIn, _) => true,
                    (Access::Member(p), Who::Member(role, _)) => allows(role, *p),
                    (Access::AnyOf(ps), Who::Member(role, _)) => {
                        ps.iter().any(|p| allows(role, *p))
                    }
                    (Access::Member(_) | Access::AnyOf(_), Who::Operator) => false,
                    (Access::Operator, who) => who == Who::Operator,
                };
                let ctx = format!("{who:?} {method} {path} → {s} ({})", app.tdb.backend);
                if expect_ok {
                    assert!(
                        s != StatusCode::FORBIDDEN
                            && s != StatusCode::UNAUTHORIZED
                            && !to_login
                            && s.as_u16() < 500,
                        "{ctx}: should be allowed"
                    );
                } else {
                    let denied = match who {
                        Who::Anonymous => to_login || s == StatusCode::UNAUTHORIZED,
                        Who::Operator if matches!(access, Access::Member(_) | Access::AnyOf(_)) => {
                            s == StatusCode::NOT_FOUND
                        }
                        _ if matches!(access, Access::Operator) => s == StatusCode::NOT_FOUND,
                        _ => s == StatusCode::FORBIDDEN,
                    };
                    assert!(denied, "{ctx}: should be denied");
                }
            }
        }
    }
}

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
