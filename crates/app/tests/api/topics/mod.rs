//! The topic catalogue: figures, filters, proposals, curation (accept, merge, archive),
//! "ideas for you", the CRUD API and form errors that keep the typed values.

use amtfluencer::db;
use axum::http::StatusCode;
use serde_json::Value;

use crate::calendar::{ADMIN, AMBASSADOR, json, tenant, token};
use crate::support::TestApp;

mod figures;

const TOPICS: &str = "/t/musterstadt/topics";

#[tokio::test]
async fn the_catalogue_shows_the_demo_topics_with_aggregate_figures_and_filters() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        let page = app.get(TOPICS).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Besuch auf der Baustelle"));
        assert!(
            page.body.contains("Ideen für dich"),
            "ideas for an ambassador"
        );
        let bauen = app.get(&format!("{TOPICS}?category=Bauen")).await;
        assert!(bauen.body.contains("Richtfest!") && !bauen.body.contains("Bewegte Pause"));
        let tag = app.get(&format!("{TOPICS}?tag=Azubi")).await;
        assert!(
            tag.body.contains("Azubi-Alltag in der Verwaltung") && !tag.body.contains("Richtfest!")
        );
        // Figures are aggregates: no names of people.
        assert!(!page.body.contains("Yıldırım"));
        let stats = db::topics::stats(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap();
        let construction = db::topics::list(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap();
        let bau = construction
            .iter()
            .find(|t| t.title == "Besuch auf der Baustelle")
            .unwrap();
        let s = &stats[&bau.id];
        assert!(s.uses >= s.measured && s.last_used.is_some());
        if s.measured >= db::topics::MIN_POSTS_FOR_FIGURES {
            assert!(s.median_impressions.unwrap() > 0);
        } else {
            assert!(s.median_impressions.is_none());
        }
    }
}

#[tokio::test]
async fn an_ambassador_proposes_and_the_team_accepts_merges_and_archives() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        let new = format!("{TOPICS}/new");
        let res = app
            .post_form(
                &new,
                &new,
                &[
                    ("title", ""),
                    ("category", "Bauen"),
                    ("tags", "Baustelle"),
                    ("prompt", "Zeig die Kräne"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Zeig die Kräne") && res.body.contains("value=\"Bauen\""));
        let res = app
            .post_form(
                &new,
                &new,
                &[
                    ("title", "Kräne über der Stadt"),
                    ("category", "Bauen"),
                    ("tags", "Baustelle, Einblick"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let topic = res.location.unwrap();
        assert!(app.get(&topic).await.body.contains("vorgeschlagen"));
        // Curation is the team's.
        assert_eq!(
            app.post_form(&topic, &format!("{topic}/status"), &[("status", "active")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        app.cookies.remove("amtf_session");
        app.login(ADMIN).await;
        assert!(
            app.get(TOPICS)
                .await
                .body
                .contains("vorgeschlagene Themen warten")
        );
        let res = app
            .post_form(&topic, &format!("{topic}/status"), &[("status", "active")])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(app.get(&topic).await.body.contains("aktiv"));
        // Merge a demo topic with posts into the new one: the posts move.
        let tid = tenant(&app).await;
        let all = db::topics::list(&app.tdb.db, tid).await.unwrap();
        let from = all
            .iter()
            .find(|t| t.title == "Richtfest!")
            .unwrap()
            .clone();
        let into = all
            .iter()
            .find(|t| t.title == "Kräne über der Stadt")
            .unwrap()
            .clone();
        let before = db::topics::stats(&app.tdb.db, tid).await.unwrap();
        let moved = before.get(&from.id).map_or(0, |s| s.uses + s.planned);
        let res = app
            .post_form(
                &topic,
                &format!("{TOPICS}/{}/merge", from.id),
                &[("into", &into.id.to_string())],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let after = db::topics::stats(&app.tdb.db, tid).await.unwrap();
        assert!(!after.contains_key(&from.id));
        assert_eq!(after.get(&into.id).map_or(0, |s| s.uses + s.planned), moved);
        assert!(
            app.get(&format!("{TOPICS}/{}", from.id))
                .await
                .body
                .contains("zusammengeführt")
        );
        let res = app
            .post_form(
                &topic,
                &format!("{topic}/status"),
                &[("status", "archived")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(!app.get(TOPICS).await.body.contains("Kräne über der Stadt"));
        assert!(
            app.get(&format!("{TOPICS}?status=archived"))
                .await
                .body
                .contains("Kräne über der Stadt")
        );
    }
}

#[tokio::test]
async fn the_topics_api_creates_reads_updates_and_deletes() {
    for app in TestApp::demo_all().await {
        let amb = token(&app, AMBASSADOR).await;
        let res = json(
            &app,
            "POST",
            "/api/v1/topics",
            &amb,
            r#"{"title":"Mein Weg ins Amt","category":"Ausbildung","tags":["Karriere"]}"#,
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let v: Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["status"], "proposed");
        let id = v["id"].as_i64().unwrap();
        assert_eq!(
            json(
                &app,
                "PATCH",
                &format!("/api/v1/topics/{id}"),
                &amb,
                r#"{"status":"active"}"#
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let team = token(&app, ADMIN).await;
        let res = json(
            &app,
            "PATCH",
            &format!("/api/v1/topics/{id}"),
            &team,
            r#"{"status":"active","tags":["Karriere","Azubi"]}"#,
        )
        .await;
        let v: Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["status"], "active");
        assert_eq!(v["tags"], serde_json::json!(["Karriere", "Azubi"]));
        let res = json(
            &app,
            "PATCH",
            &format!("/api/v1/topics/{id}"),
            &team,
            r#"{"title":""}"#,
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("\"field\":\"title\""));
        let list = json(&app, "GET", "/api/v1/topics", &amb, "").await;
        let v: Vec<Value> = serde_json::from_str(&list.body).unwrap();
        assert!(v.len() >= 41);
        let bau = v
            .iter()
            .find(|t| t["title"] == "Besuch auf der Baustelle")
            .unwrap();
        assert!(bau["uses"].as_u64().unwrap() > 0);
        assert_eq!(
            json(&app, "DELETE", &format!("/api/v1/topics/{id}"), &team, "")
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            json(&app, "GET", &format!("/api/v1/topics/{id}"), &team, "")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let council = token(&app, "council@musterstadt.example").await;
        assert_eq!(
            json(
                &app,
                "POST",
                "/api/v1/topics",
                &council,
                r#"{"title":"x","category":"y"}"#
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_openapi_document_lists_the_calendar_and_topics() {
    let mut app = TestApp::demo_all().await.remove(0);
    let doc = app.get("/api/v1/openapi.json").await.body;
    for path in [
        "/api/v1/calendar/holidays",
        "/api/v1/calendar/slots",
        "/api/v1/calendar/posts/{id}",
        "/api/v1/topics/{id}",
    ] {
        assert!(doc.contains(path), "{path}");
    }
}
