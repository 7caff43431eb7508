//! The working-time guard when scheduling follows the authority's own rules: its core hours,
//! its workdays and its blackout periods, not the defaults.

use amtfluencer::channels::LINKEDIN;
use amtfluencer::db::{self, calendar::settings::WorkingTime};
use amtfluencer_domain::calendar::{Blackout, WorkingTimeRules};
use amtfluencer_domain::types::FederalState;
use axum::http::StatusCode;
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday, WeekdaySet};

use super::{AMBASSADOR, Setup};

/// The first day from the day after tomorrow on that `fits`, by the default rules of NRW.
fn first_day(after: NaiveDate, fits: impl Fn(&WorkingTimeRules, NaiveDate) -> bool) -> NaiveDate {
    let rules = WorkingTimeRules::new(FederalState::NW);
    let mut d = after + chrono::Duration::days(1);
    while !fits(&rules, d) {
        d += chrono::Duration::days(1);
    }
    d
}

fn weekday_at_work(r: &WorkingTimeRules, d: NaiveDate) -> bool {
    r.is_working_day(d).is_ok()
}

/// Core hours 07:00–12:00, Monday to Saturday, and a blackout on `blackout`.
async fn own_rules(s: &Setup, blackout: NaiveDate) {
    let mut w = WorkingTime::defaults();
    w.core_start = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
    w.core_end = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
    w.workdays = WeekdaySet::from_array([
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ]);
    db::calendar::settings::save_working_time(s.db(), s.tenant, &w)
        .await
        .unwrap();
    let b = Blackout {
        from: blackout,
        to: blackout,
        reason: "Kommunalwahl".into(),
    };
    db::calendar::settings::add_blackout(s.db(), s.tenant, &b)
        .await
        .unwrap();
}

/// Schedules a new draft at `day` `time`, confirmed or not: the answer and the post's id.
async fn schedule(
    s: &mut Setup,
    day: NaiveDate,
    time: &str,
    confirm: bool,
) -> (axum::http::StatusCode, String, i64) {
    let post = s.draft(LINKEDIN, "Aus dem Rathaus.").await;
    let page_path = format!("/t/musterstadt/publishing/posts/{}", post.id);
    let day = day.to_string();
    let mut fields = vec![("date", day.as_str()), ("time", time)];
    if confirm {
        fields.push(("confirm", "yes"));
    }
    let res = s
        .app
        .post_form(&page_path, &format!("{page_path}/schedule"), &fields)
        .await;
    (res.status, res.body, post.id)
}

#[tokio::test]
async fn scheduling_follows_the_authoritys_core_hours_workdays_and_blackouts() {
    for mut s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let today = db::now().date_naive() + chrono::Duration::days(1);
        let blackout = first_day(today, weekday_at_work);
        let workday = first_day(blackout, weekday_at_work);
        let saturday = first_day(today, |r, d| {
            d.weekday() == Weekday::Sat && r.not_working_reasons(d).len() == 1
        });
        own_rules(&s, blackout).await;
        s.app.login(AMBASSADOR).await;

        // Inside the blackout: a confirmation first, then scheduled and audit-logged.
        let (status, body, id) = schedule(&mut s, blackout, "10:00", false).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            body.contains("Sperrzeit für Beiträge: Kommunalwahl"),
            "{body}"
        );
        assert_eq!(s.post(id).await.status, "draft");
        let (status, _, id) = schedule(&mut s, blackout, "10:00", true).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(s.post(id).await.status, "scheduled");
        let audit = s.audit("post.schedule").await;
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0]["outside_working_time"], true);
        assert_eq!(audit[0]["confirmed"], serde_json::json!(["blackout"]));

        // The authority's own core hours: 13:00 is outside, 08:00 inside.
        let (status, body, _) = schedule(&mut s, workday, "13:00", false).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("Kernarbeitszeit (07:00–12:00 Uhr)"), "{body}");
        let (status, body, _) = schedule(&mut s, workday, "08:00", false).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        // Saturday is one of its workdays.
        let (status, body, _) = schedule(&mut s, saturday, "10:00", false).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let audit = s.audit("post.schedule").await;
        assert_eq!(audit.len(), 3);
        assert!(
            audit[1..]
                .iter()
                .all(|a| a["outside_working_time"] == false)
        );
    }
}
