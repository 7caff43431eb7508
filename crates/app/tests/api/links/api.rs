//! Short-link clicks through the JSON API: the same figures per role as the pages, and the
//! same privacy rules.

use amtfluencer::db;
use axum::http::StatusCode;
use serde_json::Value;

use super::{ADMIN, demo_clicks, post_link, tenant};
use crate::support::TestApp;

const LEADERSHIP: &str = "leadership@musterstadt.example";
const COUNCIL: &str = "council@musterstadt.example";
const KATHARINA: &str = "katharina.brenner@musterstadt.example";
const JANA: &str = "jana.oberkamp@musterstadt.example";
const PILOT: &str = "from=2026-02-01&to=2026-07-31";
const OPEN_DAY: &str = "Tag der offenen Tür im Rathaus";

async fn json(app: &mut TestApp, path: &str, token: &str) -> Value {
    let res = app.api("GET", path, Some(token)).await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

fn link<'a>(answer: &'a Value, label: &str) -> &'a Value {
    answer["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == label)
        .unwrap_or_else(|| panic!("{label} in {answer}"))
}

#[tokio::test]
async fn the_team_leadership_and_council_get_the_dashboards_click_sums() {
    for mut app in TestApp::demo_all().await {
        let (campaign, _, people) = demo_clicks(&app, "2026-03-01", "2026-04-01").await;
        assert!(campaign > 0 && people == 1, "the demo");
        let (all, ..) = demo_clicks(&app, "2026-02-01", "2026-08-01").await;
        let t = tenant(&app).await;
        let job = db::links::list(&app.tdb.db, t)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.label.starts_with("Stellenanzeige Bauingenieurin"))
            .unwrap();
        let topic = db::topics::get(&app.tdb.db, t, job.topic_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        let job_clicks = super::clicks(&app, job.id)
            .await
            .iter()
            .filter(|(at, _)| at.date_naive().to_string().as_str() <= "2026-07-31")
            .count() as i64;
        for who in [ADMIN, LEADERSHIP, COUNCIL] {
            let token = app.token_for(who).await;
            let v = json(
                &mut app,
                &format!("/api/v1/analytics/summary?{PILOT}"),
                &token,
            )
            .await;
            let march = v["months"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["month"] == "2026-03-01")
                .unwrap();
            let clicks = &march["link_clicks"];
            assert_eq!(clicks["campaign"], campaign, "{who}: {clicks}");
            assert!(
                clicks["posts"].is_null() && clicks["posts_suppressed"] == true,
                "{who}: one person's post-link clicks are left out: {clicks}"
            );
            assert_eq!(v["link_clicks"]["shown"], all, "{who}: as the page says");
            assert_eq!(v["link_clicks"]["partial"], true, "{who}");
            let v = json(
                &mut app,
                &format!("/api/v1/analytics/topics?{PILOT}"),
                &token,
            )
            .await;
            let row = v["link_topics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["title"] == topic.title.as_str())
                .unwrap();
            assert_eq!(row["clicks"]["campaign"], job_clicks, "{who}: {row}");
            assert!(row["links"].as_u64().unwrap() >= 1);
        }
        // Per link: the team only; leadership and the council see sums and nothing per link.
        for who in [LEADERSHIP, COUNCIL] {
            let token = app.token_for(who).await;
            let res = app
                .api(
                    "GET",
                    &format!("/api/v1/analytics/links?{PILOT}"),
                    Some(&token),
                )
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
            assert!(!res.body.contains("Stellenanzeige"), "{who}");
        }
        let token = app.token_for(ADMIN).await;
        let v = json(
            &mut app,
            &format!("/api/v1/analytics/links?{PILOT}"),
            &token,
        )
        .await;
        assert_eq!(v["from"], "2026-02-01");
        let job_line = link(&v, &job.label);
        assert_eq!(job_line["clicks"], job_clicks, "{job_line}");
        assert_eq!(job_line["withheld"], false);
        let base = app.state.config.base_url.trim_end_matches('/').to_owned();
        assert_eq!(job_line["short_url"], format!("{base}/l/{}", job.code));
        assert_eq!(
            v["links"].as_array().unwrap().len(),
            db::links::list(&app.tdb.db, t).await.unwrap().len(),
            "every link of the authority, switched off ones too"
        );
    }
}

#[tokio::test]
async fn an_amtfluencer_gets_the_clicks_of_links_in_their_own_posts_only() {
    for mut app in TestApp::demo_all().await {
        let (_, posts, _) = demo_clicks(&app, "2026-02-01", "2026-08-01").await;
        let token = app.token_for(KATHARINA).await;
        for path in ["summary", "topics"] {
            let res = app
                .api("GET", &format!("/api/v1/analytics/{path}"), Some(&token))
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}: no sums");
        }
        let v = json(
            &mut app,
            &format!("/api/v1/analytics/links?{PILOT}"),
            &token,
        )
        .await;
        let links = v["links"].as_array().unwrap();
        assert_eq!(links.len(), 1, "{v}");
        assert_eq!(links[0]["label"], OPEN_DAY);
        assert_eq!(links[0]["clicks"], posts, "her own clicks, without consent");
        assert_eq!(links[0]["withheld"], false);
        let token = app.token_for(JANA).await;
        let v = json(
            &mut app,
            &format!("/api/v1/analytics/links?{PILOT}"),
            &token,
        )
        .await;
        assert_eq!(
            v["links"],
            serde_json::json!([]),
            "a colleague's link is not hers"
        );
    }
}

#[tokio::test]
async fn a_non_consenting_authors_clicks_per_link_never_appear_and_a_consenting_ones_do() {
    for mut app in TestApp::demo_all().await {
        let (sharing, private) = crate::metrics::sharing_and_not(&app).await;
        post_link(&app, sharing[0].0, "Link Freigabe", None, 2).await;
        post_link(&app, private[0].0, "Link ohne Freigabe", None, 3).await;
        let token = app.token_for(ADMIN).await;
        let v = json(&mut app, "/api/v1/analytics/links", &token).await;
        let open = link(&v, "Link Freigabe");
        assert_eq!(open["clicks"], 2, "{open}");
        assert_eq!(open["withheld"], false);
        let shy = link(&v, "Link ohne Freigabe");
        assert!(shy["clicks"].is_null(), "{shy}");
        assert_eq!(shy["withheld"], true);
        // The demo's own link in a post follows its author's consent too.
        let user = db::users::by_email(
            &app.tdb.db,
            &amtfluencer_domain::types::Email::parse(KATHARINA).unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let katharina = db::ambassadors::of_user(&app.tdb.db, tenant(&app).await, user.id)
            .await
            .unwrap()
            .unwrap();
        let shares = sharing.iter().any(|(id, _)| *id == katharina.id);
        assert_eq!(link(&v, OPEN_DAY)["withheld"], !shares);
        // Leadership and the council never see a link's clicks, consent or not.
        for who in [LEADERSHIP, COUNCIL] {
            let token = app.token_for(who).await;
            let res = app
                .api("GET", "/api/v1/analytics/links", Some(&token))
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
            assert!(!res.body.contains("Link Freigabe"), "{who}");
        }
    }
}

#[tokio::test]
async fn post_link_clicks_in_the_api_sums_appear_once_five_people_are_behind_them() {
    for mut app in TestApp::demo_all().await {
        let t = tenant(&app).await;
        let topic = db::topics::list(&app.tdb.db, t).await.unwrap()[0].clone();
        let mut authors: Vec<i64> = Vec::new();
        for (_, author, ..) in crate::metrics::published_posts(&app, 100_000).await {
            if !authors.contains(&author) && authors.len() < 5 {
                authors.push(author);
            }
        }
        let mut links = Vec::new();
        for (n, author) in authors.iter().enumerate() {
            let label = format!("Beitragslink {n}");
            links.push(post_link(&app, *author, &label, Some(topic.id), 0).await);
        }
        let today = db::now().date_naive();
        let period = format!("from={}&to={today}", today.format("%Y-%m-01"));
        let token = app.token_for(COUNCIL).await;
        for (n, link) in links.iter().enumerate() {
            db::links::record_click(&app.tdb.db, link, db::now(), None)
                .await
                .unwrap();
            let summary = json(
                &mut app,
                &format!("/api/v1/analytics/summary?{period}"),
                &token,
            )
            .await;
            let month = summary["months"]
                .as_array()
                .unwrap()
                .last()
                .unwrap()
                .clone();
            let topics = json(
                &mut app,
                &format!("/api/v1/analytics/topics?{period}"),
                &token,
            )
            .await;
            let row = topics["link_topics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["title"] == topic.title.as_str())
                .unwrap()
                .clone();
            for clicks in [&month["link_clicks"], &row["clicks"]] {
                if n < 4 {
                    assert!(
                        clicks["posts"].is_null() && clicks["posts_suppressed"] == true,
                        "{} people: {clicks}",
                        n + 1
                    );
                } else {
                    assert_eq!(clicks["posts"], 5, "five people: {clicks}");
                    assert_eq!(clicks["posts_suppressed"], false);
                }
            }
            assert_eq!(summary["link_clicks"]["partial"], n < 4);
        }
    }
}

#[tokio::test]
async fn a_wrong_period_is_a_mistake_that_names_its_field() {
    for mut app in TestApp::demo_all().await {
        for (who, paths) in [
            (ADMIN, &["summary", "topics", "page-effect", "links"][..]),
            (COUNCIL, &["summary", "topics", "page-effect"][..]),
            (KATHARINA, &["links"][..]),
        ] {
            let token = app.token_for(who).await;
            for path in paths {
                for (query, field) in [
                    ("from=2026-13-01", "from"),
                    ("from=gestern", "from"),
                    ("to=31.07.2026", "to"),
                    ("from=2026-07-31&to=2026-02-01", "from"),
                    ("from=2016-01-01&to=2026-07-31", "from"),
                ] {
                    let url = format!("/api/v1/analytics/{path}?{query}");
                    let res = app.api("GET", &url, Some(&token)).await;
                    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{who} {url}");
                    let v: Value = serde_json::from_str(&res.body).unwrap();
                    assert_eq!(v["errors"][0]["field"], field, "{who} {url}: {v}");
                }
            }
        }
        // Asking without the permission is refused before the period is read.
        let token = app.token_for(LEADERSHIP).await;
        let res = app
            .api("GET", "/api/v1/analytics/links?from=gestern", Some(&token))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_link_clicks() {
    let doc = serde_json::to_value(amtfluencer::web::api::document()).unwrap();
    let get = &doc["paths"]["/api/v1/analytics/links"]["get"];
    assert!(get.is_object(), "the list of links");
    for status in ["200", "403", "422"] {
        assert!(get["responses"][status].is_object(), "{status}");
    }
    let schemas = &doc["components"]["schemas"];
    for (schema, field) in [
        ("LinksAnswer", "links"),
        ("LinkFigures", "withheld"),
        ("LinkFigures", "clicks"),
        ("ClickFigures", "posts_suppressed"),
        ("ClickTotal", "partial"),
        ("TopicClickFigures", "clicks"),
        ("MonthFigures", "link_clicks"),
        ("Summary", "link_clicks"),
        ("Topics", "link_topics"),
    ] {
        assert!(
            schemas[schema]["properties"][field].is_object(),
            "{schema}.{field}"
        );
    }
}
