//! The programme's JSON API: people with their onboarding, the CSV import as a report and
//! applied, cohorts with budgets and leadership's decision, candidates, events and answers.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

const ADMIN: &str = "admin@musterstadt.example";
const LEADERSHIP: &str = "leadership@musterstadt.example";
const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn the_team_lists_people_with_their_onboarding_and_others_may_not() {
    for mut app in TestApp::demo_all().await {
        let admin = app.token_for(ADMIN).await;
        let res = app.api("GET", "/api/v1/people", Some(&admin)).await;
        assert_eq!(res.status, StatusCode::OK);
        let people = json(&res.body);
        let people = people.as_array().unwrap();
        assert_eq!(people.len(), 18);
        let k = people
            .iter()
            .find(|p| p["first_name"] == "Katharina")
            .unwrap();
        assert_eq!(k["onboarding"].as_array().unwrap().len(), 7);
        assert_eq!(k["onboarding"][6]["step"], "first_post");
        // The list and the single person agree (both derive from the same records).
        let one = app
            .api("GET", &format!("/api/v1/people/{}", k["id"]), Some(&admin))
            .await;
        assert_eq!(json(&one.body)["onboarding"], k["onboarding"]);
        for who in [LEADERSHIP, AMBASSADOR] {
            let token = app.token_for(who).await;
            let res = app.api("GET", "/api/v1/people", Some(&token)).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
        }
    }
}

#[tokio::test]
async fn the_onboarding_of_the_list_equals_the_one_of_each_person() {
    for app in TestApp::demo_all().await {
        let t = crate::cohorts::tenant(&app).await;
        let people = amtfluencer::db::ambassadors::list(&app.tdb.db, t)
            .await
            .unwrap();
        let all = amtfluencer::db::onboarding::facts_all(&app.tdb.db, t, &people)
            .await
            .unwrap();
        for (p, facts) in people.iter().zip(all.iter()) {
            let one = amtfluencer::db::ambassadors::onboarding_facts(&app.tdb.db, t, p)
                .await
                .unwrap();
            assert_eq!(&one, facts, "{} {}", p.first_name, p.last_name);
        }
        assert!(
            all.iter().any(|f| f.first_post_published)
                && all.iter().any(|f| !f.first_post_published)
        );
    }
}

#[tokio::test]
async fn the_import_reports_first_and_applies_only_with_commit() {
    for mut app in TestApp::demo_all().await {
        let admin = app.token_for(ADMIN).await;
        let file =
            "First name,Last name,Email,Department\nMia,Lang,mia.lang@musterstadt.example,Kita\n";
        let send = |commit: bool| {
            let path = if commit {
                "/api/v1/people/import?commit=true"
            } else {
                "/api/v1/people/import"
            };
            path.to_owned()
        };
        let boundary = "xyz";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\n{file}\r\n--{boundary}--\r\n"
        );
        for (commit, created, committed) in [(false, 1, false), (true, 1, true), (true, 0, false)] {
            let req = axum::http::Request::builder()
                .method("POST")
                .uri(send(commit))
                .header("authorization", format!("Bearer {admin}"))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(axum::body::Body::from(body.clone()))
                .unwrap();
            let res = app.send(req).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let report = json(&res.body);
            assert_eq!(report["created"], created, "{report}");
            assert_eq!(report["committed"], committed);
        }
        let t = crate::cohorts::tenant(&app).await;
        let n = amtfluencer::db::ambassadors::list(&app.tdb.db, t)
            .await
            .unwrap()
            .len();
        assert_eq!(n, 19, "created once");
    }
}

#[tokio::test]
async fn only_leadership_decides_a_cohort_through_the_api_and_only_once() {
    for mut app in TestApp::demo_all().await {
        let pilot = crate::cohorts::cohort_named(&app, "Pilotrunde 2026").await;
        let path = format!("/api/v1/cohorts/{}/decision", pilot.id);
        let body = r#"{"decision":"approved","comment":"Weiter mit Runde 2.0."}"#;
        let admin = app.token_for(ADMIN).await;
        let res = app.json_as("POST", &path, &admin, body).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let lead = app.token_for(LEADERSHIP).await;
        let bad = app
            .json_as(
                "POST",
                &path,
                &lead,
                r#"{"decision":"vielleicht","comment":"x"}"#,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("\"field\":\"decision\""));
        let ok = app.json_as("POST", &path, &lead, body).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let c = json(&ok.body);
        assert_eq!(c["decision"], "approved");
        assert_eq!(c["total_cents"], 487_250);
        assert!(c["costs"].as_array().unwrap().len() >= 5);
        let again = app.json_as("POST", &path, &lead, body).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let list = app.api("GET", "/api/v1/cohorts", Some(&lead)).await;
        assert_eq!(json(&list.body).as_array().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn an_ambassador_sees_own_events_and_answers_while_the_team_sees_counts() {
    for mut app in TestApp::demo_all().await {
        let me = app.token_for(AMBASSADOR).await;
        let res = app.api("GET", "/api/v1/events", Some(&me)).await;
        let events = json(&res.body);
        let events = events.as_array().unwrap();
        assert!(
            events.iter().all(|e| e["invited"].is_null()),
            "no counts for an ambassador"
        );
        let kickoff = events
            .iter()
            .find(|e| e["kind"] == "kickoff_photo")
            .unwrap();
        assert_eq!(kickoff["my_answer"], "yes");
        // Past events take no answers; the future info event is not hers.
        let past = app
            .json_as(
                "POST",
                &format!("/api/v1/events/{}/answer", kickoff["id"]),
                &me,
                r#"{"answer":"no"}"#,
            )
            .await;
        assert_eq!(past.status, StatusCode::CONFLICT);
        let admin = app.token_for(ADMIN).await;
        let all = json(&app.api("GET", "/api/v1/events", Some(&admin)).await.body);
        let info = all
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == "Infoveranstaltung: Amtfluencer 2.0")
            .unwrap()
            .clone();
        assert!(info["invited"].as_u64().unwrap() > 0);
        let not_mine = app
            .json_as(
                "POST",
                &format!("/api/v1/events/{}/answer", info["id"]),
                &me,
                r#"{"answer":"yes"}"#,
            )
            .await;
        assert_eq!(not_mine.status, StatusCode::NOT_FOUND);
        let candidates = json(
            &app.api("GET", "/api/v1/candidates", Some(&admin))
                .await
                .body,
        );
        let candidates = candidates.as_array().unwrap();
        assert!(!candidates.is_empty());
        assert!(candidates.iter().all(|c| c.get("team_note").is_none()));
    }
}

#[tokio::test]
async fn the_guidelines_in_force_say_whether_the_ambassador_acknowledged_them() {
    for mut app in TestApp::demo_all().await {
        let me = app.token_for(AMBASSADOR).await;
        let res = app.api("GET", "/api/v1/guidelines", Some(&me)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let g = json(&res.body);
        assert!(g["acknowledged"].is_boolean());
        assert!(!g["body"].as_str().unwrap().is_empty());
        let lead = app.token_for(LEADERSHIP).await;
        let g = json(&app.api("GET", "/api/v1/guidelines", Some(&lead)).await.body);
        assert!(g["acknowledged"].is_null());
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_programme_endpoints() {
    for mut app in TestApp::demo_all().await {
        let doc = json(&app.get("/api/v1/openapi.json").await.body);
        for path in [
            "/api/v1/people",
            "/api/v1/people/{id}",
            "/api/v1/people/import",
            "/api/v1/cohorts",
            "/api/v1/cohorts/{id}/decision",
            "/api/v1/candidates",
            "/api/v1/events",
            "/api/v1/events/{id}/answer",
            "/api/v1/me",
            "/api/v1/guidelines",
            "/api/v1/studio/check",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
        assert!(doc["components"]["schemas"].get("Cohort").is_some());
    }
}
