//! The calendar's pages: the views, planning with form errors that keep the typed values,
//! moving without JavaScript, and the team's working-time settings.

use axum::http::StatusCode;

use super::{ADMIN, AMBASSADOR, OTHER_AMBASSADOR};
use crate::support::TestApp;

const CAL: &str = "/t/musterstadt/calendar";

#[tokio::test]
async fn an_ambassador_plans_a_post_and_moves_it_without_javascript() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        let form = app.get(&format!("{CAL}/plan")).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("Vorschläge"));
        // A wrong date comes back with the typed values and 422.
        let res = app
            .post_form(
                &format!("{CAL}/plan"),
                &format!("{CAL}/plan"),
                &[
                    ("topic", "3"),
                    ("date", "31.02.2027"),
                    ("time", "10:15"),
                    ("status", "draft"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("value=\"31.02.2027\"") && res.body.contains("value=\"10:15\""));
        assert!(res.body.contains("aria-invalid=\"true\""));
        let res = app
            .post_form(
                &format!("{CAL}/plan"),
                &format!("{CAL}/plan"),
                &[
                    ("topic", "3"),
                    ("date", "2027-06-12"),
                    ("time", "10:15"),
                    ("status", "draft"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let post = res.location.unwrap();
        let page = app.get(&post).await;
        assert!(
            page.body.contains("Samstag ist kein Arbeitstag."),
            "{}",
            page.body
        );
        let path = post.split('?').next().unwrap().to_owned();
        let res = app
            .post_form(
                &path,
                &format!("{path}/move"),
                &[("date", "2027-06-15"), ("time", "25:00")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("value=\"25:00\""));
        let res = app
            .post_form(
                &path,
                &format!("{path}/move"),
                &[("date", "2027-06-15"), ("time", "10:00")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let page = app.get(&res.location.unwrap()).await;
        assert!(
            page.body.contains("Verschoben") && page.body.contains("Keine Hinweise"),
            "{}",
            page.body
        );
        let month = app.get(&format!("{CAL}?view=month&date=2027-06-01")).await;
        assert!(
            month.body.contains("data-date=\"2027-06-15\"")
                && month.body.contains("draggable=\"true\"")
        );
        for view in ["week", "list"] {
            let res = app.get(&format!("{CAL}?view={view}&date=2027-06-14")).await;
            assert_eq!(res.status, StatusCode::OK, "{view}");
            assert!(res.body.contains("10:00"), "{view}");
        }
    }
}

#[tokio::test]
async fn others_see_a_planned_slot_with_the_topic_but_no_name() {
    for mut app in TestApp::demo_all().await {
        app.login(OTHER_AMBASSADOR).await;
        let res = app
            .post_form(
                &format!("{CAL}/plan"),
                &format!("{CAL}/plan"),
                &[("topic", "1"), ("date", "2027-06-16"), ("time", "11:00")],
            )
            .await;
        let own = res.location.unwrap();
        let own = own.split('?').next().unwrap().to_owned();
        app.cookies.remove("amtf_session");
        app.login(AMBASSADOR).await;
        let page = app.get(&format!("{CAL}?view=list&date=2027-06-14")).await;
        assert!(page.body.contains("Geplant: "), "{}", page.body);
        assert!(!page.body.contains("Yıldırım"));
        assert_eq!(app.get(&own).await.status, StatusCode::NOT_FOUND);
        app.cookies.remove("amtf_session");
        app.login(ADMIN).await;
        let page = app.get(&format!("{CAL}?view=list&date=2027-06-14")).await;
        assert!(page.body.contains("Mehmet Yıldırım"));
        // Far ahead nothing is planned: the team sees the gaps.
        let page = app.get(&format!("{CAL}?view=month&date=2028-02-01")).await;
        assert!(page.body.contains("Lücken") && page.body.contains("nichts geplant"));
    }
}

#[tokio::test]
async fn the_team_sets_core_hours_closures_and_blackouts_and_sees_the_holidays() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let path = "/t/musterstadt/settings/working-time";
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Fronleichnam") && page.body.contains("Nordrhein-Westfalen"));
        let res = app
            .post_form(
                path,
                path,
                &[
                    ("core_start", "15:00"),
                    ("core_end", "09:00"),
                    ("workday", "1"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("value=\"15:00\""));
        let res = app
            .post_form(
                path,
                path,
                &[
                    ("core_start", "08:00"),
                    ("core_end", "12:00"),
                    ("workday", "1"),
                    ("workday", "2"),
                    ("workday", "3"),
                    ("closure", "rosenmontag"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let res = app
            .post_form(
                path,
                &format!("{path}/blackouts"),
                &[
                    ("from", "2027-09-01"),
                    ("to", "2027-08-01"),
                    ("reason", "Wahl"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("value=\"Wahl\""));
        let res = app
            .post_form(
                path,
                &format!("{path}/blackouts"),
                &[
                    ("from", "2027-09-06"),
                    ("to", "2027-09-12"),
                    ("reason", "Bundestagswahl"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let page = app.get(path).await;
        assert!(page.body.contains("Bundestagswahl") && page.body.contains("value=\"08:00\""));
        // The rules reach the slots: Thursday is no workday any more, 8:00 is.
        let t = super::token(&app, AMBASSADOR).await;
        let res = super::json(
            &app,
            "GET",
            "/api/v1/calendar/slots?from=2027-09-01&to=2027-09-17&count=20",
            &t,
            "",
        )
        .await;
        let v: Vec<serde_json::Value> = serde_json::from_str(&res.body).unwrap();
        assert!(!v.is_empty());
        for s in v {
            let local: chrono::NaiveDateTime = s["local"].as_str().unwrap().parse().unwrap();
            use chrono::{Datelike, Timelike};
            assert!(local.weekday().number_from_monday() <= 3, "{local}");
            assert!((8..=11).contains(&local.hour()), "{local}");
            assert!(!(6..=12).contains(&local.day()), "blackout {local}");
        }
        // Not for Amtfluencer.
        app.cookies.remove("amtf_session");
        app.login(AMBASSADOR).await;
        assert_eq!(app.get(path).await.status, StatusCode::FORBIDDEN);
    }
}
