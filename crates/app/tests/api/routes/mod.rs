//! Every route for every role against the permission matrix, and a probe from one authority
//! into another's objects that must find nothing.

mod tenants;

use amtfluencer_domain::permissions::{Permission, Role, allows};
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
