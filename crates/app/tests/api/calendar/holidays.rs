//! `GET /api/v1/calendar/holidays` for every state, with literal official dates.

use axum::http::StatusCode;
use serde_json::Value;

use super::{ADMIN, AMBASSADOR, json, token};
use crate::support::TestApp;

const STATES: [&str; 16] = [
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
];

fn dates(body: &str) -> Vec<(String, String)> {
    let v: Vec<Value> = serde_json::from_str(body).unwrap();
    v.iter()
        .map(|h| {
            (
                h["date"].as_str().unwrap().to_owned(),
                h["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn every_state_has_new_year_unity_day_and_christmas_and_its_own_feasts() {
    let app = TestApp::demo_all().await.remove(0);
    let t = token(&app, AMBASSADOR).await;
    for state in STATES {
        let res = json(
            &app,
            "GET",
            &format!("/api/v1/calendar/holidays?state={state}&year=2026"),
            &t,
            "",
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{state}");
        let d = dates(&res.body);
        assert_eq!(
            d[0],
            ("2026-01-01".to_owned(), "Neujahr".to_owned()),
            "{state}"
        );
        for day in [
            "2026-04-03",
            "2026-04-06",
            "2026-05-01",
            "2026-05-14",
            "2026-05-25",
            "2026-10-03",
            "2026-12-25",
            "2026-12-26",
        ] {
            assert!(d.iter().any(|(x, _)| x == day), "{state} lacks {day}");
        }
        let corpus_christi = d.iter().any(|(x, _)| x == "2026-06-04");
        assert_eq!(
            corpus_christi,
            ["BW", "BY", "HE", "NW", "RP", "SL"].contains(&state),
            "{state} Fronleichnam"
        );
        let reformation = d.iter().any(|(x, _)| x == "2026-10-31");
        assert_eq!(
            reformation,
            ["BB", "HB", "HH", "MV", "NI", "SN", "ST", "SH", "TH"].contains(&state),
            "{state} Reformationstag"
        );
    }
    let sn = json(
        &app,
        "GET",
        "/api/v1/calendar/holidays?state=SN&year=2026",
        &t,
        "",
    )
    .await;
    assert!(dates(&sn.body).contains(&("2026-11-18".to_owned(), "Buß- und Bettag".to_owned())));
    let be = json(
        &app,
        "GET",
        "/api/v1/calendar/holidays?state=BE&year=2025",
        &t,
        "",
    )
    .await;
    assert!(
        dates(&be.body).iter().any(|(d, _)| d == "2025-05-08"),
        "Tag der Befreiung 2025"
    );
    let th = json(
        &app,
        "GET",
        "/api/v1/calendar/holidays?state=TH&year=2027",
        &t,
        "",
    )
    .await;
    assert!(
        dates(&th.body).iter().any(|(d, _)| d == "2027-09-20"),
        "Weltkindertag"
    );
    let by = json(
        &app,
        "GET",
        "/api/v1/calendar/holidays?state=BY&year=2027",
        &t,
        "",
    )
    .await;
    assert!(
        dates(&by.body).iter().any(|(d, _)| d == "2027-01-06"),
        "Heilige Drei Könige"
    );
}

#[tokio::test]
async fn names_follow_the_language_asked_for() {
    let app = TestApp::demo_all().await.remove(0);
    let t = token(&app, ADMIN).await;
    let res = json(
        &app,
        "GET",
        "/api/v1/calendar/holidays?state=NW&year=2026&lang=en",
        &t,
        "",
    )
    .await;
    assert!(dates(&res.body).contains(&("2026-05-25".to_owned(), "Whit Monday".to_owned())));
}

#[tokio::test]
async fn an_unknown_state_or_a_year_out_of_range_is_refused_with_the_field() {
    let app = TestApp::demo_all().await.remove(0);
    let t = token(&app, AMBASSADOR).await;
    let res = json(
        &app,
        "GET",
        "/api/v1/calendar/holidays?state=XX&year=2026",
        &t,
        "",
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let v: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(v["errors"][0]["field"], "state");
    assert!(
        v["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("Bundesland")
    );
    for year in ["1800", "2101", "zwanzig", ""] {
        let res = json(
            &app,
            "GET",
            &format!("/api/v1/calendar/holidays?state=NW&year={year}"),
            &t,
            "",
        )
        .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{year}");
        let v: Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["errors"][0]["field"], "year");
    }
}

#[tokio::test]
async fn holidays_need_a_sign_in() {
    let mut app = TestApp::demo_all().await.remove(0);
    let res = app
        .api("GET", "/api/v1/calendar/holidays?state=NW&year=2026", None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}
