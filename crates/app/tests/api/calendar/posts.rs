//! `/api/v1/calendar/posts`: planning, reading, moving and deleting planned posts, with the
//! hints; what an Amtfluencer sees of the others' posts.

use axum::http::StatusCode;
use serde_json::Value;

use super::{ADMIN, AMBASSADOR, OTHER_AMBASSADOR, ambassador_id, json, token};
use crate::support::TestApp;

fn body(res: &crate::support::Page) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|_| panic!("{}", res.body))
}

#[tokio::test]
async fn an_ambassador_plans_moves_and_deletes_a_post_and_hears_the_hints() {
    for app in TestApp::demo_all().await {
        let t = token(&app, AMBASSADOR).await;
        // Saturday, 5 June 2027.
        let res = json(
            &app,
            "POST",
            "/api/v1/calendar/posts",
            &t,
            r#"{"at":"2027-06-05T10:00","topic_id":1}"#,
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let p = body(&res);
        let id = p["id"].as_i64().unwrap();
        assert_eq!(p["status"], "idea");
        assert_eq!(p["at"], "2027-06-05T08:00:00Z");
        assert!(
            p["warnings"][0].as_str().unwrap().contains("Samstag"),
            "{p}"
        );
        // Moved to Tuesday at 7:00: before the core hours.
        let res = json(
            &app,
            "PATCH",
            &format!("/api/v1/calendar/posts/{id}"),
            &t,
            r#"{"at":"2027-06-08T07:00","lang":"en"}"#,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let w = body(&res)["warnings"].to_string();
        assert!(w.contains("core hours"), "{w}");
        // Inside the core hours: no hints.
        let res = json(
            &app,
            "PATCH",
            &format!("/api/v1/calendar/posts/{id}"),
            &t,
            r#"{"at":"2027-06-08T10:00"}"#,
        )
        .await;
        assert_eq!(body(&res)["warnings"], serde_json::json!([]));
        // The same topic two days later and the same slot: two hints.
        let res = json(
            &app,
            "POST",
            "/api/v1/calendar/posts",
            &t,
            r#"{"at":"2027-06-08T10:00","topic_id":1}"#,
        )
        .await;
        let w = body(&res)["warnings"].to_string();
        assert!(
            w.contains("schon ein anderer Beitrag geplant") && w.contains("Dasselbe Thema"),
            "{w}"
        );
        assert_eq!(
            json(
                &app,
                "DELETE",
                &format!("/api/v1/calendar/posts/{id}"),
                &t,
                ""
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            json(&app, "GET", &format!("/api/v1/calendar/posts/{id}"), &t, "")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn wrong_input_names_its_field() {
    let app = TestApp::demo_all().await.remove(0);
    let t = token(&app, AMBASSADOR).await;
    for (input, field) in [
        (r#"{"at":"morgen"}"#, "at"),
        (r#"{"at":"2027-06-08T10:00","topic_id":999999}"#, "topic_id"),
        (
            r#"{"at":"2027-06-08T10:00","status":"published"}"#,
            "status",
        ),
        (r#"{"at":"2027-03-28T02:30"}"#, "at"),
    ] {
        let res = json(&app, "POST", "/api/v1/calendar/posts", &t, input).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{input}");
        assert_eq!(body(&res)["errors"][0]["field"], field, "{input}");
    }
    let team = token(&app, ADMIN).await;
    let res = json(
        &app,
        "POST",
        "/api/v1/calendar/posts",
        &team,
        r#"{"at":"2027-06-08T10:00"}"#,
    )
    .await;
    assert_eq!(body(&res)["errors"][0]["field"], "ambassador_id");
}

#[tokio::test]
async fn others_posts_show_only_as_planned_with_their_topic() {
    for app in TestApp::demo_all().await {
        let other = token(&app, OTHER_AMBASSADOR).await;
        let res = json(
            &app,
            "POST",
            "/api/v1/calendar/posts",
            &other,
            r#"{"at":"2027-06-09T11:00","topic_id":2}"#,
        )
        .await;
        let id = body(&res)["id"].as_i64().unwrap();
        let mine = token(&app, AMBASSADOR).await;
        let list = body(
            &json(
                &app,
                "GET",
                "/api/v1/calendar/posts?from=2027-06-07&to=2027-06-13",
                &mine,
                "",
            )
            .await,
        );
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone();
        assert_eq!(row["mine"], false);
        assert!(row["first_name"].is_null() && row["ambassador_id"].is_null());
        assert!(row["topic"].is_string());
        for (method, b) in [
            ("GET", ""),
            ("PATCH", r#"{"at":"2027-06-09T12:00"}"#),
            ("DELETE", ""),
        ] {
            let res = json(
                &app,
                method,
                &format!("/api/v1/calendar/posts/{id}"),
                &mine,
                b,
            )
            .await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{method}");
        }
        // The team sees the name and may plan for anyone.
        let team = token(&app, ADMIN).await;
        let list = body(
            &json(
                &app,
                "GET",
                "/api/v1/calendar/posts?from=2027-06-07&to=2027-06-13",
                &team,
                "",
            )
            .await,
        );
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone();
        assert_eq!(row["first_name"], "Mehmet");
        let me = ambassador_id(&app, AMBASSADOR).await;
        let res = json(
            &app,
            "POST",
            "/api/v1/calendar/posts",
            &team,
            &format!(r#"{{"at":"2027-06-10T09:00","ambassador_id":{me}}}"#),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        // Leadership has no calendar.
        let lead = token(&app, "leadership@musterstadt.example").await;
        assert_eq!(
            json(&app, "GET", "/api/v1/calendar/posts", &lead, "")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_published_post_cannot_be_moved() {
    let app = TestApp::demo_all().await.remove(0);
    let team = token(&app, ADMIN).await;
    let list = body(
        &json(
            &app,
            "GET",
            "/api/v1/calendar/posts?from=2026-06-01&to=2026-07-31",
            &team,
            "",
        )
        .await,
    );
    let published = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == "published")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = json(
        &app,
        "PATCH",
        &format!("/api/v1/calendar/posts/{published}"),
        &team,
        r#"{"at":"2027-06-10T09:00"}"#,
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
}
