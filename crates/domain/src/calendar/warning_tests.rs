use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::*;
use crate::calendar::{Blackout, EuropeBerlin};
use crate::types::FederalState;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn post(at: &str, topic: Option<i64>) -> PlannedPost {
    PlannedPost { at: utc(at), topic }
}

fn check(
    rules: &WorkingTimeRules,
    at: &str,
    pause: Option<&str>,
    planned: &[PlannedPost],
) -> Vec<String> {
    check_planned(
        rules,
        &EuropeBerlin,
        &post(at, Some(7)),
        pause.map(date),
        planned,
        TimeDelta::hours(2),
    )
    .iter()
    .map(ScheduleWarning::text_de)
    .collect()
}

#[test]
fn a_post_inside_working_time_gets_no_warning() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    // Tuesday 9 June 2026, 10:00 in Düsseldorf.
    assert!(check(&rules, "2026-06-09T08:00:00Z", None, &[]).is_empty());
}

#[test]
fn a_saturday_evening_post_warns_about_the_weekend_and_the_hour() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    assert_eq!(
        check(&rules, "2026-06-13T17:30:00Z", None, &[]),
        [
            "Samstag ist kein Arbeitstag.",
            "19:30 Uhr liegt außerhalb der Kernarbeitszeit (09:00–16:00 Uhr).",
        ]
    );
}

#[test]
fn a_post_on_a_holiday_or_in_a_blackout_says_which() {
    let mut rules = WorkingTimeRules::new(FederalState::SN);
    assert_eq!(
        check(&rules, "2026-11-18T09:00:00Z", None, &[]),
        ["Feiertag: Buß- und Bettag."]
    );
    rules.blackouts.push(Blackout {
        from: date("2026-09-07"),
        to: date("2026-09-20"),
        reason: "Landtagswahl".to_owned(),
    });
    assert_eq!(
        check(&rules, "2026-09-08T09:00:00Z", None, &[]),
        ["Sperrzeit für Beiträge: Landtagswahl."]
    );
}

#[test]
fn a_post_inside_the_persons_pause_is_flagged_up_to_its_last_day() {
    let rules = WorkingTimeRules::new(FederalState::HH);
    assert_eq!(
        check(&rules, "2026-06-10T08:00:00Z", Some("2026-06-10"), &[]),
        ["Die Person pausiert bis einschließlich 10.06.2026."]
    );
    assert!(check(&rules, "2026-06-11T08:00:00Z", Some("2026-06-10"), &[]).is_empty());
}

#[test]
fn the_same_slot_and_a_near_slot_are_both_flagged() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    let planned = [
        post("2026-06-09T08:00:00Z", None),
        post("2026-06-09T12:15:00Z", None),
        post("2026-06-09T13:00:00Z", None),
    ];
    let warnings = check(&rules, "2026-06-09T08:00:00Z", None, &planned[..1]);
    assert_eq!(
        warnings,
        ["Am 09.06.2026 um 10:00 Uhr ist schon ein anderer Beitrag geplant."]
    );
    let warnings = check(&rules, "2026-06-09T11:30:00Z", None, &planned[1..]);
    assert_eq!(
        warnings,
        [
            "An diesem Nachmittag sind schon zwei Beiträge geplant.",
            "Nur 45 Min. Abstand zum Beitrag am 09.06.2026 um 14:15 Uhr \
             (empfohlen: mindestens 2 Std.).",
            "Nur 1 Std. 30 Min. Abstand zum Beitrag am 09.06.2026 um 15:00 Uhr \
             (empfohlen: mindestens 2 Std.).",
        ]
    );
}

#[test]
fn the_same_topic_twice_within_a_week_is_flagged() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    let planned = [
        post("2026-06-03T08:00:00Z", Some(7)),
        post("2026-06-10T08:00:00Z", Some(8)),
        post("2026-06-16T08:00:00Z", Some(7)),
    ];
    let warnings = check_planned(
        &rules,
        &EuropeBerlin,
        &post("2026-06-09T08:00:00Z", Some(7)),
        None,
        &planned,
        TimeDelta::hours(2),
    );
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].text_en(),
        "The same topic is already planned on 2026-06-03, less than a week apart."
    );
}

#[test]
fn posts_without_a_topic_never_clash_by_topic() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    let planned = [post("2026-06-10T08:00:00Z", None)];
    let warnings = check_planned(
        &rules,
        &EuropeBerlin,
        &post("2026-06-09T08:00:00Z", None),
        None,
        &planned,
        TimeDelta::hours(2),
    );
    assert!(warnings.is_empty());
}

#[test]
fn core_hours_are_judged_in_the_authoritys_time_zone_in_summer_and_winter() {
    let rules = WorkingTimeRules::new(FederalState::BE);
    // 07:30 UTC is 09:30 in Berlin in summer but 08:30 in winter.
    assert!(check(&rules, "2026-03-30T07:30:00Z", None, &[]).is_empty());
    let winter = check_planned(
        &rules,
        &EuropeBerlin,
        &post("2026-10-26T07:30:00Z", None),
        None,
        &[],
        TimeDelta::hours(2),
    );
    assert_eq!(winter.len(), 1);
    assert_eq!(
        winter[0].text_en(),
        "08:30 is outside core hours (09:00–16:00)."
    );
}
