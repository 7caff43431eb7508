//! `GET /api/v1/calendar/slots`: working days, core hours, pause, blackouts, the authority's
//! time zone across the change to summer time, and who may ask for whom.

use amtfluencer::db;
use amtfluencer_domain::calendar::Blackout;
use axum::http::StatusCode;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc, Weekday};
use sea_orm::ConnectionTrait;
use serde_json::Value;

use super::{ADMIN, AMBASSADOR, OTHER_AMBASSADOR, ambassador_id, json, tenant, token};
use crate::support::TestApp;

struct S {
    start: DateTime<Utc>,
    local: NaiveDateTime,
    codes: Vec<String>,
}

fn slots(body: &str) -> Vec<S> {
    let v: Vec<Value> = serde_json::from_str(body).unwrap();
    v.iter()
        .map(|s| S {
            start: s["start"].as_str().unwrap().parse().unwrap(),
            local: s["local"].as_str().unwrap().parse().unwrap(),
            codes: s["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["code"].as_str().unwrap().to_owned())
                .collect(),
        })
        .collect()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

// Easter Sunday 2027 falls on 28 March, the night the clocks go forward: Good Friday
// (26 March) and Easter Monday (29 March) are holidays, and 9:00 is 08:00 UTC before the
// change and 07:00 UTC after it.
#[tokio::test]
async fn slots_across_the_summer_time_change_stay_inside_core_hours_on_working_days() {
    for app in TestApp::demo_all().await {
        let t = token(&app, AMBASSADOR).await;
        let res = json(
            &app,
            "GET",
            "/api/v1/calendar/slots?from=2027-03-22&to=2027-04-02&count=20",
            &t,
            "",
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let list = slots(&res.body);
        assert!(list.len() >= 8, "{} slots", list.len());
        for s in &list {
            assert!(
                !matches!(s.local.weekday(), Weekday::Sat | Weekday::Sun),
                "{}",
                s.local
            );
            assert!(
                ![d("2027-03-26"), d("2027-03-29")].contains(&s.local.date()),
                "holiday {}",
                s.local
            );
            assert!((9..=15).contains(&s.local.hour()), "core hours {}", s.local);
            let offset = if s.local.date() < d("2027-03-28") {
                1
            } else {
                2
            };
            assert_eq!(
                s.start.naive_utc() + chrono::TimeDelta::hours(offset),
                s.local,
                "zone"
            );
            assert!(
                s.codes.contains(&"working_day".to_owned())
                    && s.codes.contains(&"core_hours".to_owned())
            );
        }
        assert!(list.iter().any(|s| s.local.date() < d("2027-03-28")));
        assert!(list.iter().any(|s| s.local.date() > d("2027-03-28")));
        // The demo has six months of figures: the authority's own hours count.
        assert!(
            list.iter()
                .any(|s| s.codes.contains(&"performance".to_owned())),
            "uses figures"
        );
        // Never three posts on one morning.
        for s in &list {
            let same = list
                .iter()
                .filter(|o| {
                    o.local.date() == s.local.date()
                        && (o.local.hour() < 12) == (s.local.hour() < 12)
                })
                .count();
            assert!(same <= 2, "{}", s.local);
        }
    }
}

#[tokio::test]
async fn no_slot_is_offered_during_a_pause_or_a_blackout() {
    for app in TestApp::demo_all().await {
        let me = ambassador_id(&app, AMBASSADOR).await;
        app.tdb
            .db
            .execute_unprepared(&format!(
                "UPDATE ambassadors SET paused_until = '2027-05-05' WHERE id = {me}"
            ))
            .await
            .unwrap();
        db::calendar::settings::add_blackout(
            &app.tdb.db,
            tenant(&app).await,
            &Blackout {
                from: d("2027-05-10"),
                to: d("2027-05-12"),
                reason: "Kommunalwahl".into(),
            },
        )
        .await
        .unwrap();
        let t = token(&app, AMBASSADOR).await;
        let res = json(
            &app,
            "GET",
            "/api/v1/calendar/slots?from=2027-05-03&to=2027-05-14&count=20",
            &t,
            "",
        )
        .await;
        let list = slots(&res.body);
        assert!(!list.is_empty());
        for s in &list {
            assert!(s.local.date() > d("2027-05-05"), "pause {}", s.local);
            assert!(
                !(d("2027-05-10")..=d("2027-05-12")).contains(&s.local.date()),
                "blackout {}",
                s.local
            );
        }
        // Without the person, the team sees the days of the pause, not those of the blackout.
        let team = token(&app, ADMIN).await;
        let res = json(
            &app,
            "GET",
            "/api/v1/calendar/slots?from=2027-05-03&to=2027-05-07&count=5",
            &team,
            "",
        )
        .await;
        assert!(
            slots(&res.body)
                .iter()
                .any(|s| s.local.date() <= d("2027-05-05"))
        );
    }
}

#[tokio::test]
async fn reasons_come_in_english_when_asked() {
    let app = TestApp::demo_all().await.remove(0);
    let t = token(&app, AMBASSADOR).await;
    let res = json(
        &app,
        "GET",
        "/api/v1/calendar/slots?from=2027-06-07&to=2027-06-11&lang=en",
        &t,
        "",
    )
    .await;
    assert!(res.body.contains("is a working day"), "{}", res.body);
    let de = json(
        &app,
        "GET",
        "/api/v1/calendar/slots?from=2027-06-07&to=2027-06-11",
        &t,
        "",
    )
    .await;
    assert!(de.body.contains("ist ein Arbeitstag"));
}

#[tokio::test]
async fn an_ambassador_asks_only_for_themself_and_the_team_for_anyone() {
    for app in TestApp::demo_all().await {
        let mine = token(&app, AMBASSADOR).await;
        let other = ambassador_id(&app, OTHER_AMBASSADOR).await;
        let me = ambassador_id(&app, AMBASSADOR).await;
        let path = |id: i64| {
            format!("/api/v1/calendar/slots?from=2027-06-07&to=2027-06-11&ambassador={id}")
        };
        assert_eq!(
            json(&app, "GET", &path(other), &mine, "").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            json(&app, "GET", &path(me), &mine, "").await.status,
            StatusCode::OK
        );
        let team = token(&app, ADMIN).await;
        assert_eq!(
            json(&app, "GET", &path(other), &team, "").await.status,
            StatusCode::OK
        );
        assert_eq!(
            json(&app, "GET", &path(999_999), &team, "").await.status,
            StatusCode::NOT_FOUND
        );
        let council = token(&app, "council@musterstadt.example").await;
        assert_eq!(
            json(&app, "GET", &path(me), &council, "").await.status,
            StatusCode::FORBIDDEN
        );
        let bad = json(
            &app,
            "GET",
            "/api/v1/calendar/slots?from=2027-06-11&to=2027-06-01",
            &team,
            "",
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    }
}
