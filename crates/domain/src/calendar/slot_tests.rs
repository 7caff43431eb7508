//! Slot suggestions against the rules they promise to keep.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc, Weekday};

use super::*;
use crate::types::FederalState;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn local(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn request<'a>(rules: &'a WorkingTimeRules, from: &str, to: &str) -> SlotRequest<'a, EuropeBerlin> {
    SlotRequest {
        rules,
        tz: EuropeBerlin,
        pause_until: None,
        from: date(from),
        to: date(to),
        not_before: None,
        planned: &[],
        performance: &[],
        count: 1,
        min_spacing: TimeDelta::hours(2),
    }
}

fn locals(slots: &[Slot]) -> Vec<NaiveDateTime> {
    slots.iter().map(|s| s.local).collect()
}

#[test]
fn slots_are_only_offered_on_working_days_inside_core_hours() {
    // A fortnight in NRW with Fronleichnam (4 June 2026) and two weekends.
    let rules = WorkingTimeRules::new(FederalState::NW);
    let req = SlotRequest {
        count: 100,
        ..request(&rules, "2026-06-01", "2026-06-14")
    };
    let slots = suggest_slots(&req);
    // Nine working days, four slots each (09, 11, 13, 15 with two hours between them).
    assert_eq!(slots.len(), 36);
    for slot in &slots {
        let day = slot.local.date();
        assert!(
            !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            "{day}"
        );
        assert_ne!(day, date("2026-06-04"), "Fronleichnam");
        assert_eq!(rules.is_working_day(day), Ok(()));
        assert!((9..=15).contains(&slot.local.hour()), "{}", slot.local);
    }
}

#[test]
fn a_slot_on_corpus_christi_is_not_offered_in_nrw_but_in_lower_saxony() {
    let nrw = WorkingTimeRules::new(FederalState::NW);
    let ni = WorkingTimeRules::new(FederalState::NI);
    assert!(suggest_slots(&request(&nrw, "2026-06-04", "2026-06-04")).is_empty());
    assert_eq!(
        locals(&suggest_slots(&request(&ni, "2026-06-04", "2026-06-04"))),
        [local("2026-06-04T09:00:00")]
    );
}

#[test]
fn no_slot_falls_inside_the_persons_pause_or_a_blackout() {
    let mut rules = WorkingTimeRules::new(FederalState::BY);
    rules.blackouts.push(Blackout {
        from: date("2026-03-16"),
        to: date("2026-03-18"),
        reason: "Vorwahlzeit".to_owned(),
    });
    let req = SlotRequest {
        pause_until: Some(date("2026-03-11")),
        count: 100,
        ..request(&rules, "2026-03-09", "2026-03-20")
    };
    let days: Vec<NaiveDate> = suggest_slots(&req).iter().map(|s| s.local.date()).collect();
    assert!(!days.is_empty());
    for day in days {
        assert!(day > date("2026-03-11"), "pause: {day}");
        assert!(
            !(date("2026-03-16")..=date("2026-03-18")).contains(&day),
            "blackout: {day}"
        );
    }
}

#[test]
fn a_nine_oclock_slot_follows_the_daylight_saving_changes() {
    let rules = WorkingTimeRules::new(FederalState::HE);
    // The Monday after the last Sunday of March 2026 (29 March): summer time, UTC+2.
    let spring = suggest_slots(&request(&rules, "2026-03-30", "2026-03-30"));
    assert_eq!(spring[0].local, local("2026-03-30T09:00:00"));
    assert_eq!(spring[0].start, utc("2026-03-30T07:00:00Z"));
    // The Monday after the last Sunday of October 2026 (25 October): winter time, UTC+1.
    let autumn = suggest_slots(&request(&rules, "2026-10-26", "2026-10-26"));
    assert_eq!(autumn[0].local, local("2026-10-26T09:00:00"));
    assert_eq!(autumn[0].start, utc("2026-10-26T08:00:00Z"));
}

#[test]
fn slots_keep_their_distance_from_planned_posts_and_from_each_other() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    let planned = [utc("2026-06-09T07:00:00Z")]; // 09:00 in Düsseldorf
    let req = SlotRequest {
        planned: &planned,
        count: 10,
        ..request(&rules, "2026-06-09", "2026-06-09")
    };
    let slots = suggest_slots(&req);
    assert_eq!(
        locals(&slots),
        [
            local("2026-06-09T11:00:00"),
            local("2026-06-09T13:00:00"),
            local("2026-06-09T15:00:00"),
        ]
    );
    assert_eq!(
        slots[0].reasons[2],
        SlotReason::Spacing {
            nearest_minutes: Some(120),
            min_minutes: 120
        }
    );
}

#[test]
fn there_are_never_three_posts_in_one_morning() {
    let mut rules = WorkingTimeRules::new(FederalState::NW);
    rules.core_start = chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap();
    let req = SlotRequest {
        min_spacing: TimeDelta::hours(1),
        count: 10,
        ..request(&rules, "2026-06-09", "2026-06-09")
    };
    let slots = suggest_slots(&req);
    let mornings = slots.iter().filter(|s| s.local.hour() < 12).count();
    let afternoons = slots.len() - mornings;
    assert_eq!((mornings, afternoons), (2, 2));
}

#[test]
fn slots_spread_over_tuesday_to_thursday_mornings_without_own_figures() {
    let rules = WorkingTimeRules::new(FederalState::BE);
    let req = SlotRequest {
        count: 3,
        ..request(&rules, "2026-06-08", "2026-06-12")
    };
    let slots = suggest_slots(&req);
    assert_eq!(
        locals(&slots),
        [
            local("2026-06-09T09:00:00"),
            local("2026-06-10T09:00:00"),
            local("2026-06-11T09:00:00"),
        ]
    );
    assert_eq!(
        slots[0].reasons.last(),
        Some(&SlotReason::DefaultPreference { posts_so_far: 0 })
    );
}

fn friday_afternoon_figures(posts_elsewhere: u32) -> Vec<HourPerformance> {
    vec![
        (Weekday::Fri, 14, 5_000, 10).into(),
        (Weekday::Tue, 9, 800, posts_elsewhere).into(),
        (Weekday::Mon, 10, 9_000, 2).into(),
    ]
}

#[test]
fn own_figures_are_ignored_below_thirty_posts() {
    let rules = WorkingTimeRules::new(FederalState::BE);
    let figures = friday_afternoon_figures(17); // 29 posts in all
    let req = SlotRequest {
        performance: &figures,
        ..request(&rules, "2026-06-08", "2026-06-12")
    };
    let slots = suggest_slots(&req);
    assert_eq!(locals(&slots), [local("2026-06-09T09:00:00")]);
    assert_eq!(
        slots[0].reasons.last(),
        Some(&SlotReason::DefaultPreference { posts_so_far: 29 })
    );
}

#[test]
fn own_figures_decide_from_thirty_posts_on_and_say_so() {
    let rules = WorkingTimeRules::new(FederalState::BE);
    let figures = friday_afternoon_figures(18); // 30 posts in all
    let req = SlotRequest {
        performance: &figures,
        ..request(&rules, "2026-06-08", "2026-06-12")
    };
    let slots = suggest_slots(&req);
    // Monday 10:00 has the highest median, but from two posts only: not trusted.
    assert_eq!(locals(&slots), [local("2026-06-12T14:00:00")]);
    let reason = slots[0].reasons.last().unwrap();
    assert_eq!(
        reason.text_en(),
        "Posts on Fridays 14–15 performed best so far (median 5,000 impressions over 10 posts)."
    );
    assert_eq!(
        reason.text_de(),
        "Beiträge freitags zwischen 14 und 15 Uhr erreichten bisher die meisten Impressionen \
         (Median 5.000 bei 10 Beiträgen)."
    );
}

#[test]
fn no_slot_is_offered_in_the_past_or_after_the_doors_close() {
    let mut rules = WorkingTimeRules::new(FederalState::NW);
    rules
        .closure_days
        .push(ClosureDay::weiberfastnacht().from(text::hm(12, 0)));
    let req = SlotRequest {
        not_before: Some(utc("2026-02-12T08:30:00Z")), // 09:30 local
        count: 10,
        ..request(&rules, "2026-02-12", "2026-02-12")
    };
    // Weiberfastnacht: closed from noon, so the last slot whose first hour fits is 10:00.
    assert_eq!(locals(&suggest_slots(&req)), [local("2026-02-12T10:00:00")]);
}

#[test]
fn every_reason_of_a_slot_has_a_german_and_an_english_text() {
    let rules = WorkingTimeRules::new(FederalState::SN);
    let slots = suggest_slots(&request(&rules, "2026-06-09", "2026-06-09"));
    let de: Vec<String> = slots[0].reasons.iter().map(SlotReason::text_de).collect();
    let en: Vec<String> = slots[0].reasons.iter().map(SlotReason::text_en).collect();
    assert_eq!(
        de,
        [
            "Dienstag ist ein Arbeitstag: kein Feiertag, keine Schließung, keine Sperrzeit.",
            "Innerhalb der Kernarbeitszeit (09:00–16:00 Uhr), auch die erste Stunde für Antworten.",
            "Kein anderer Beitrag in der Nähe geplant.",
            "Dienstag bis Donnerstag vormittags ist die Grundeinstellung, solange eigene Zahlen \
             fehlen (0 von 30 Beiträgen).",
        ]
    );
    assert_eq!(
        en[0],
        "Tuesday is a working day: no public holiday, closure or blackout."
    );
    assert_eq!(en[2], "No other post planned nearby.");
}

#[test]
fn an_empty_or_reversed_range_gives_no_slots() {
    let rules = WorkingTimeRules::new(FederalState::NW);
    assert!(suggest_slots(&request(&rules, "2026-06-10", "2026-06-09")).is_empty());
    let none_wanted = SlotRequest {
        count: 0,
        ..request(&rules, "2026-06-08", "2026-06-12")
    };
    assert!(suggest_slots(&none_wanted).is_empty());
}
