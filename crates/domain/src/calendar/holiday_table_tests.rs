//! The holidays of every state from 2024 to 2030, checked against dates written out by hand
//! from the published holiday calendars (not computed by the code under test).

use chrono::NaiveDate;

use super::holidays;
use crate::types::FederalState::{self, *};

const ALL: &[FederalState] = FederalState::ALL;
const EPIPHANY: &[FederalState] = &[BW, BY, ST];
const WOMENS_DAY: &[FederalState] = &[BE, MV];
const CORPUS_CHRISTI: &[FederalState] = &[BW, BY, HE, NW, RP, SL];
const REFORMATION: &[FederalState] = &[BB, HB, HH, MV, NI, SN, ST, SH, TH];
const ALL_SAINTS: &[FederalState] = &[BW, BY, NW, RP, SL];

type Row = (&'static str, &'static str, &'static [FederalState]);

#[rustfmt::skip]
const TABLE: &[Row] = &[
    ("2024-01-01", "Neujahr", ALL),
    ("2024-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2024-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2024-03-29", "Karfreitag", ALL),
    ("2024-03-31", "Ostersonntag", &[BB]),
    ("2024-04-01", "Ostermontag", ALL),
    ("2024-05-01", "Tag der Arbeit", ALL),
    ("2024-05-09", "Christi Himmelfahrt", ALL),
    ("2024-05-19", "Pfingstsonntag", &[BB]),
    ("2024-05-20", "Pfingstmontag", ALL),
    ("2024-05-30", "Fronleichnam", CORPUS_CHRISTI),
    ("2024-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2024-09-20", "Weltkindertag", &[TH]),
    ("2024-10-03", "Tag der Deutschen Einheit", ALL),
    ("2024-10-31", "Reformationstag", REFORMATION),
    ("2024-11-01", "Allerheiligen", ALL_SAINTS),
    ("2024-11-20", "Buß- und Bettag", &[SN]),
    ("2024-12-25", "1. Weihnachtstag", ALL),
    ("2024-12-26", "2. Weihnachtstag", ALL),

    ("2025-01-01", "Neujahr", ALL),
    ("2025-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2025-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2025-04-18", "Karfreitag", ALL),
    ("2025-04-20", "Ostersonntag", &[BB]),
    ("2025-04-21", "Ostermontag", ALL),
    ("2025-05-01", "Tag der Arbeit", ALL),
    ("2025-05-08", "Tag der Befreiung", &[BE]),
    ("2025-05-29", "Christi Himmelfahrt", ALL),
    ("2025-06-08", "Pfingstsonntag", &[BB]),
    ("2025-06-09", "Pfingstmontag", ALL),
    ("2025-06-19", "Fronleichnam", CORPUS_CHRISTI),
    ("2025-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2025-09-20", "Weltkindertag", &[TH]),
    ("2025-10-03", "Tag der Deutschen Einheit", ALL),
    ("2025-10-31", "Reformationstag", REFORMATION),
    ("2025-11-01", "Allerheiligen", ALL_SAINTS),
    ("2025-11-19", "Buß- und Bettag", &[SN]),
    ("2025-12-25", "1. Weihnachtstag", ALL),
    ("2025-12-26", "2. Weihnachtstag", ALL),

    ("2026-01-01", "Neujahr", ALL),
    ("2026-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2026-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2026-04-03", "Karfreitag", ALL),
    ("2026-04-05", "Ostersonntag", &[BB]),
    ("2026-04-06", "Ostermontag", ALL),
    ("2026-05-01", "Tag der Arbeit", ALL),
    ("2026-05-14", "Christi Himmelfahrt", ALL),
    ("2026-05-24", "Pfingstsonntag", &[BB]),
    ("2026-05-25", "Pfingstmontag", ALL),
    ("2026-06-04", "Fronleichnam", CORPUS_CHRISTI),
    ("2026-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2026-09-20", "Weltkindertag", &[TH]),
    ("2026-10-03", "Tag der Deutschen Einheit", ALL),
    ("2026-10-31", "Reformationstag", REFORMATION),
    ("2026-11-01", "Allerheiligen", ALL_SAINTS),
    ("2026-11-18", "Buß- und Bettag", &[SN]),
    ("2026-12-25", "1. Weihnachtstag", ALL),
    ("2026-12-26", "2. Weihnachtstag", ALL),

    ("2027-01-01", "Neujahr", ALL),
    ("2027-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2027-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2027-03-26", "Karfreitag", ALL),
    ("2027-03-28", "Ostersonntag", &[BB]),
    ("2027-03-29", "Ostermontag", ALL),
    ("2027-05-01", "Tag der Arbeit", ALL),
    ("2027-05-06", "Christi Himmelfahrt", ALL),
    ("2027-05-16", "Pfingstsonntag", &[BB]),
    ("2027-05-17", "Pfingstmontag", ALL),
    ("2027-05-27", "Fronleichnam", CORPUS_CHRISTI),
    ("2027-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2027-09-20", "Weltkindertag", &[TH]),
    ("2027-10-03", "Tag der Deutschen Einheit", ALL),
    ("2027-10-31", "Reformationstag", REFORMATION),
    ("2027-11-01", "Allerheiligen", ALL_SAINTS),
    ("2027-11-17", "Buß- und Bettag", &[SN]),
    ("2027-12-25", "1. Weihnachtstag", ALL),
    ("2027-12-26", "2. Weihnachtstag", ALL),

    ("2028-01-01", "Neujahr", ALL),
    ("2028-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2028-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2028-04-14", "Karfreitag", ALL),
    ("2028-04-16", "Ostersonntag", &[BB]),
    ("2028-04-17", "Ostermontag", ALL),
    ("2028-05-01", "Tag der Arbeit", ALL),
    ("2028-05-25", "Christi Himmelfahrt", ALL),
    ("2028-06-04", "Pfingstsonntag", &[BB]),
    ("2028-06-05", "Pfingstmontag", ALL),
    ("2028-06-15", "Fronleichnam", CORPUS_CHRISTI),
    ("2028-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2028-09-20", "Weltkindertag", &[TH]),
    ("2028-10-03", "Tag der Deutschen Einheit", ALL),
    ("2028-10-31", "Reformationstag", REFORMATION),
    ("2028-11-01", "Allerheiligen", ALL_SAINTS),
    ("2028-11-22", "Buß- und Bettag", &[SN]),
    ("2028-12-25", "1. Weihnachtstag", ALL),
    ("2028-12-26", "2. Weihnachtstag", ALL),

    ("2029-01-01", "Neujahr", ALL),
    ("2029-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2029-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2029-03-30", "Karfreitag", ALL),
    ("2029-04-01", "Ostersonntag", &[BB]),
    ("2029-04-02", "Ostermontag", ALL),
    ("2029-05-01", "Tag der Arbeit", ALL),
    ("2029-05-10", "Christi Himmelfahrt", ALL),
    ("2029-05-20", "Pfingstsonntag", &[BB]),
    ("2029-05-21", "Pfingstmontag", ALL),
    ("2029-05-31", "Fronleichnam", CORPUS_CHRISTI),
    ("2029-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2029-09-20", "Weltkindertag", &[TH]),
    ("2029-10-03", "Tag der Deutschen Einheit", ALL),
    ("2029-10-31", "Reformationstag", REFORMATION),
    ("2029-11-01", "Allerheiligen", ALL_SAINTS),
    ("2029-11-21", "Buß- und Bettag", &[SN]),
    ("2029-12-25", "1. Weihnachtstag", ALL),
    ("2029-12-26", "2. Weihnachtstag", ALL),

    ("2030-01-01", "Neujahr", ALL),
    ("2030-01-06", "Heilige Drei Könige", EPIPHANY),
    ("2030-03-08", "Internationaler Frauentag", WOMENS_DAY),
    ("2030-04-19", "Karfreitag", ALL),
    ("2030-04-21", "Ostersonntag", &[BB]),
    ("2030-04-22", "Ostermontag", ALL),
    ("2030-05-01", "Tag der Arbeit", ALL),
    ("2030-05-30", "Christi Himmelfahrt", ALL),
    ("2030-06-09", "Pfingstsonntag", &[BB]),
    ("2030-06-10", "Pfingstmontag", ALL),
    ("2030-06-20", "Fronleichnam", CORPUS_CHRISTI),
    ("2030-08-15", "Mariä Himmelfahrt", &[SL]),
    ("2030-09-20", "Weltkindertag", &[TH]),
    ("2030-10-03", "Tag der Deutschen Einheit", ALL),
    ("2030-10-31", "Reformationstag", REFORMATION),
    ("2030-11-01", "Allerheiligen", ALL_SAINTS),
    ("2030-11-20", "Buß- und Bettag", &[SN]),
    ("2030-12-25", "1. Weihnachtstag", ALL),
    ("2030-12-26", "2. Weihnachtstag", ALL),
];

fn expected(state: FederalState, year: i32) -> Vec<(NaiveDate, &'static str)> {
    let prefix = format!("{year}-");
    TABLE
        .iter()
        .filter(|(date, _, states)| date.starts_with(&prefix) && states.contains(&state))
        .map(|&(date, name, _)| (date.parse().unwrap(), name))
        .collect()
}

#[test]
fn every_state_has_the_published_holidays_from_2024_to_2030() {
    for &state in FederalState::ALL {
        for year in 2024..=2030 {
            let actual: Vec<(NaiveDate, &str)> = holidays(state, year)
                .unwrap()
                .into_iter()
                .map(|h| (h.date, h.name))
                .collect();
            assert_eq!(actual, expected(state, year), "{state} {year}");
        }
    }
}

#[test]
fn the_table_gives_each_state_its_published_number_of_holidays() {
    // Published counts for 2026: Saarland and Bavaria lead, Berlin and the north have ten.
    let count = |state| expected(state, 2026).len();
    assert_eq!(count(BW), 12);
    assert_eq!(count(BY), 12);
    assert_eq!(count(SL), 12);
    assert_eq!(count(NW), 11);
    assert_eq!(count(BE), 10);
    assert_eq!(count(HB), 10);
    assert_eq!(count(BB), 12);
    assert_eq!(count(TH), 11);
    assert_eq!(count(SN), 11);
}

#[test]
fn the_movable_feasts_in_the_table_fall_on_their_weekdays() {
    use chrono::Datelike;
    for (date, name, _) in TABLE {
        let weekday = date.parse::<NaiveDate>().unwrap().weekday();
        match *name {
            "Fronleichnam" | "Christi Himmelfahrt" => assert_eq!(weekday, chrono::Weekday::Thu),
            "Karfreitag" => assert_eq!(weekday, chrono::Weekday::Fri),
            "Ostermontag" | "Pfingstmontag" => assert_eq!(weekday, chrono::Weekday::Mon),
            "Buß- und Bettag" => assert_eq!(weekday, chrono::Weekday::Wed),
            _ => {}
        }
    }
}
