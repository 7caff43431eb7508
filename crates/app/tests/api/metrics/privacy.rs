use axum::http::StatusCode;
use sea_orm::ConnectionTrait;

use super::{ADMIN, sharing_and_not};
use crate::support::TestApp;

const LEADERSHIP: &str = "leadership@musterstadt.example";
const COUNCIL: &str = "council@musterstadt.example";
const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";

const DASHBOARDS: [&str; 5] = [
    "/t/musterstadt/analytics/programme",
    "/t/musterstadt/analytics/topics",
    "/t/musterstadt/analytics/page-effect",
    "/t/musterstadt/analytics/participation",
    "/t/musterstadt/analytics/personal",
];
const API: [&str; 3] = [
    "/api/v1/analytics/summary",
    "/api/v1/analytics/topics",
    "/api/v1/analytics/page-effect",
];

/// The text of a page's section with this id.
fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("id=\"{id}\"")).expect("the section");
    let rest = &body[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[tokio::test]
async fn nobody_sees_a_non_consenting_persons_figures_through_any_page_or_the_api() {
    for mut app in TestApp::demo_all().await {
        let (sharing, private) = sharing_and_not(&app).await;
        assert!(
            !sharing.is_empty() && !private.is_empty(),
            "the demo has both"
        );
        for who in [ADMIN, LEADERSHIP, COUNCIL] {
            app.cookies.remove("amtf_session");
            app.login(who).await;
            for path in DASHBOARDS {
                let res = app.get(path).await;
                for (_, name) in &private {
                    assert!(
                        !res.body.contains(name.as_str()),
                        "{who} {path} shows {name}"
                    );
                }
            }
            let token = app.token_for(who).await;
            for path in API {
                let res = app.api("GET", path, Some(&token)).await;
                assert_eq!(res.status, StatusCode::OK, "{who} {path}");
                for (_, name) in &private {
                    assert!(
                        !res.body.contains(name.as_str()),
                        "{who} {path} shows {name}"
                    );
                }
                assert!(
                    !res.body.contains("ambassador"),
                    "{who} {path}: no person ids"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_team_sees_the_figures_people_shared_and_leadership_and_council_see_none() {
    for mut app in TestApp::demo_all().await {
        let (sharing, private) = sharing_and_not(&app).await;
        app.login(ADMIN).await;
        let page = app.get("/t/musterstadt/analytics/participation").await;
        assert_eq!(page.status, StatusCode::OK);
        let shared = section(&page.body, "shared");
        for (_, name) in &sharing {
            assert!(
                shared.contains(name.as_str()),
                "{name} shares their figures"
            );
        }
        for (_, name) in &private {
            assert!(!shared.contains(name.as_str()), "{name} does not");
        }
        // Exactly the active and onboarding people without a published post, counted here
        // from the posts themselves.
        let not_posted = section(&page.body, "not-posted");
        let sql = "SELECT a.first_name || ' ' || a.last_name, \
                   (a.status IN ('active', 'onboarding') AND NOT EXISTS (SELECT 1 FROM posts p \
                    WHERE p.ambassador_id = a.id AND p.status = 'published' \
                    AND p.published_at IS NOT NULL)) FROM ambassadors a";
        let db = app.tdb.db.clone();
        let mut expected = 0;
        for r in db
            .query_all_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                sql,
            ))
            .await
            .unwrap()
        {
            let name: String = r.try_get_by_index(0).unwrap();
            let missing: bool = r.try_get_by_index(1).unwrap();
            let html_name = name.replace('&', "&amp;");
            assert_eq!(not_posted.contains(&html_name), missing, "{name}");
            expected += usize::from(missing);
        }
        assert!(expected > 0, "the demo has people who did not post yet");
        assert_eq!(
            not_posted.matches("<tr").count(),
            expected + 1,
            "one row each"
        );
        assert_eq!(
            app.get("/t/musterstadt/analytics/personal").await.status,
            StatusCode::FORBIDDEN
        );
        for who in [LEADERSHIP, COUNCIL] {
            app.cookies.remove("amtf_session");
            app.login(who).await;
            assert_eq!(
                app.get("/t/musterstadt/analytics/participation")
                    .await
                    .status,
                StatusCode::FORBIDDEN,
                "{who}"
            );
            assert_eq!(
                app.get("/t/musterstadt/analytics/personal").await.status,
                StatusCode::FORBIDDEN
            );
        }
    }
}

#[tokio::test]
async fn an_ambassador_sees_their_own_figures_and_no_aggregates() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        let own = app.get("/t/musterstadt/analytics/personal").await;
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
        assert!(own.body.contains("Meine Beiträge") && own.body.contains("<svg"));
        assert!(
            own.body.contains("Keine Daten seit"),
            "the demo's figures end in July"
        );
        for path in &DASHBOARDS[..4] {
            assert_eq!(app.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
        }
        let token = app.token_for(AMBASSADOR).await;
        for path in API {
            assert_eq!(
                app.api("GET", path, Some(&token)).await.status,
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn groups_of_fewer_than_five_people_are_suppressed_in_the_topic_ranking() {
    for mut app in TestApp::demo_all().await {
        let token = app.token_for(COUNCIL).await;
        let res = app
            .api(
                "GET",
                "/api/v1/analytics/topics?from=2026-02-01&to=2026-07-31",
                Some(&token),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        let topics = v["topics"].as_array().unwrap();
        let suppressed: Vec<&serde_json::Value> = topics
            .iter()
            .filter(|t| t["figures"]["suppressed"] == true)
            .collect();
        assert!(!suppressed.is_empty(), "the demo has small topics");
        for t in suppressed {
            assert!(
                t["figures"]["median_impressions"].is_null() && t["figures"]["people"].is_null(),
                "{t}"
            );
            assert!(
                t["posts"].as_u64().unwrap() > 0,
                "the number of posts stays visible"
            );
        }
        for t in topics
            .iter()
            .filter(|t| t["figures"]["suppressed"] == false)
        {
            assert!(t["figures"]["people"].as_u64().unwrap() >= 5, "{t}");
        }
        let categories = v["categories"].as_array().unwrap();
        assert_eq!(
            categories[0]["title"], "Bauen",
            "construction works best in the demo"
        );
        app.login(COUNCIL).await;
        let page = app
            .get("/t/musterstadt/analytics/topics?from=2026-02-01&to=2026-07-31")
            .await;
        assert!(page.body.contains("weniger als fünf Personen"));
    }
}

#[tokio::test]
async fn the_page_effect_is_stated_in_words_with_its_interval_and_no_money_value() {
    for mut app in TestApp::demo_all().await {
        let token = app.token_for(LEADERSHIP).await;
        let res = app
            .api(
                "GET",
                "/api/v1/analytics/page-effect?from=2026-02-01&to=2026-07-31",
                Some(&token),
            )
            .await;
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        let f = &v["followers"];
        assert!(f["difference"].as_f64().unwrap() > 0.0, "{f}");
        assert!(f["low"].as_f64().unwrap() < f["difference"].as_f64().unwrap());
        assert_eq!(f["certainty"], "clear", "the demo's page grows after posts");
        let words = v["statement"].to_string();
        assert!(
            words.contains("95-%-Intervall") && words.contains("kein Beweis"),
            "{words}"
        );
        app.login(LEADERSHIP).await;
        let page = app
            .get("/t/musterstadt/analytics/page-effect?from=2026-02-01&to=2026-07-31")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Intervall schließt null aus"));
        assert!(
            page.body.contains("aria-describedby=\"page-summary\"")
                && page.body.contains("<table>")
        );
    }
}

#[tokio::test]
async fn the_programme_dashboard_shows_where_figures_come_from_and_when_they_stopped() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let page = app
            .get("/t/musterstadt/analytics/programme?from=2026-02-01&to=2026-07-31")
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for text in [
            "Quelle: LinkedIn-Exporte",
            "Keine Daten seit",
            "Beiträge je Monat und Orientierung",
            "Daten als Tabelle",
            "<svg",
        ] {
            assert!(page.body.contains(text), "{text}");
        }
        let bad = app
            .get("/t/musterstadt/analytics/programme?from=2026-08-01&to=2026-02-01")
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
