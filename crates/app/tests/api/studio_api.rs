//! The studio's live checks over the API: the documented JSON shape, characters counted as
//! LinkedIn counts them, German and English messages, and clear errors for bad input.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

#[tokio::test]
async fn a_post_is_checked_with_findings_and_figures() {
    for mut app in TestApp::demo_all().await {
        let token = app.token_for("katharina.brenner@musterstadt.example").await;
        let text = "Liebe Kolleginnen und Kollegen,\nheute möchte ich euch zeigen, wie wir Straßen planen. 🚧\n\nWas würdet ihr fragen? #Bauamt #Öffentlicher";
        let body = serde_json::json!({ "text": text, "language": "de" }).to_string();
        let res = app
            .json_as("POST", "/api/v1/studio/check", &token, &body)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // The server's own time rides along for the benchmark (Server-Timing).
        let timing = res.headers["server-timing"].to_str().unwrap();
        let ms: f64 = timing.strip_prefix("app;dur=").unwrap().parse().unwrap();
        assert!(ms >= 0.0, "{timing}");
        let v: Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["metrics"]["characters"], text.chars().count());
        assert!(
            text.len() > text.chars().count(),
            "the text has multi-byte characters"
        );
        let ids: Vec<&str> = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"hook_greeting"), "{ids:?}");
        assert!(ids.contains(&"hashtag_count"), "{ids:?}");
        assert_eq!(v["metrics"]["hashtags"][1], "Öffentlicher");
        for c in v["checks"].as_array().unwrap() {
            assert!(["info", "warning", "error"].contains(&c["severity"].as_str().unwrap()));
        }
        let en = serde_json::json!({ "text": text, "language": "en" }).to_string();
        let res = app
            .json_as("POST", "/api/v1/studio/check", &token, &en)
            .await;
        assert_ne!(res.body, v.to_string());

        let bad = app
            .json_as(
                "POST",
                "/api/v1/studio/check",
                &token,
                r#"{"text":"x","language":"fr"}"#,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("\"field\":\"language\""));
        let long = serde_json::json!({ "text": "ä".repeat(20_001) }).to_string();
        let res = app
            .json_as("POST", "/api/v1/studio/check", &token, &long)
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let council = app.token_for("council@musterstadt.example").await;
        let res = app
            .json_as("POST", "/api/v1/studio/check", &council, &body)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
}
