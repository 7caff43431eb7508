//! Statutory, state-wide public holidays of the German states.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::{CalendarError, easter_sunday};
use crate::types::FederalState;

/// The first year whose holidays are computed: Buß- und Bettag stopped being a holiday
/// outside Saxony in 1995.
pub const FIRST_YEAR: i32 = 1995;
/// The last year whose holidays are computed.
pub const LAST_YEAR: i32 = 2100;

/// One public holiday in one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The German name, as printed in calendars ("Pfingstmontag").
    pub name: &'static str,
}

impl Holiday {
    /// The English name, for the English interface.
    pub fn name_en(&self) -> &'static str {
        FEASTS
            .iter()
            .find(|(de, _)| *de == self.name)
            .map_or(self.name, |(_, en)| en)
    }
}

/// German and English names of every holiday this module produces.
const FEASTS: &[(&str, &str)] = &[
    ("Neujahr", "New Year's Day"),
    ("Heilige Drei Könige", "Epiphany"),
    ("Internationaler Frauentag", "International Women's Day"),
    ("Karfreitag", "Good Friday"),
    ("Ostersonntag", "Easter Sunday"),
    ("Ostermontag", "Easter Monday"),
    ("Tag der Arbeit", "Labour Day"),
    ("Tag der Befreiung", "Liberation Day"),
    ("Christi Himmelfahrt", "Ascension Day"),
    ("Pfingstsonntag", "Whit Sunday"),
    ("Pfingstmontag", "Whit Monday"),
    ("Fronleichnam", "Corpus Christi"),
    ("Mariä Himmelfahrt", "Assumption Day"),
    ("Weltkindertag", "World Children's Day"),
    ("Tag der Deutschen Einheit", "German Unity Day"),
    ("Reformationstag", "Reformation Day"),
    ("Allerheiligen", "All Saints' Day"),
    ("Buß- und Bettag", "Day of Repentance and Prayer"),
    ("1. Weihnachtstag", "Christmas Day"),
    ("2. Weihnachtstag", "Boxing Day"),
];

pub(super) fn check_year(year: i32) -> Result<(), CalendarError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange { year })
    }
}

/// The state-wide statutory public holidays of `state` in `year`, sorted by date.
///
/// Two holidays can fall on one day (1 May and Christi Himmelfahrt in 2008); both are listed.
pub fn holidays(state: FederalState, year: i32) -> Result<Vec<Holiday>, CalendarError> {
    use FederalState::*;

    let easter = easter_sunday(year)?;
    let fixed = |month: u32, day: u32| {
        NaiveDate::from_ymd_opt(year, month, day).ok_or(CalendarError::YearOutOfRange { year })
    };
    let movable = |days: i64| easter + TimeDelta::days(days);
    let is = |states: &[FederalState]| states.contains(&state);

    let mut list = Vec::with_capacity(20);
    let mut add = |date: NaiveDate, name: &'static str| list.push(Holiday { date, name });

    add(fixed(1, 1)?, "Neujahr");
    if is(&[BW, BY, ST]) {
        add(fixed(1, 6)?, "Heilige Drei Könige");
    }
    if (state == BE && year >= 2019) || (state == MV && year >= 2023) {
        add(fixed(3, 8)?, "Internationaler Frauentag");
    }
    add(movable(-2), "Karfreitag");
    if state == BB {
        add(easter, "Ostersonntag");
    }
    add(movable(1), "Ostermontag");
    add(fixed(5, 1)?, "Tag der Arbeit");
    if state == BE && (year == 2020 || year == 2025) {
        add(fixed(5, 8)?, "Tag der Befreiung");
    }
    add(movable(39), "Christi Himmelfahrt");
    if state == BB {
        add(movable(49), "Pfingstsonntag");
    }
    add(movable(50), "Pfingstmontag");
    if is(&[BW, BY, HE, NW, RP, SL]) {
        add(movable(60), "Fronleichnam");
    }
    if state == SL {
        add(fixed(8, 15)?, "Mariä Himmelfahrt");
    }
    if state == TH && year >= 2019 {
        add(fixed(9, 20)?, "Weltkindertag");
    }
    add(fixed(10, 3)?, "Tag der Deutschen Einheit");
    let reformation_always = is(&[BB, MV, SN, ST, TH]);
    let reformation_since_2018 = is(&[HB, HH, NI, SH]) && year >= 2018;
    if reformation_always || reformation_since_2018 || year == 2017 {
        add(fixed(10, 31)?, "Reformationstag");
    }
    if is(&[BW, BY, NW, RP, SL]) {
        add(fixed(11, 1)?, "Allerheiligen");
    }
    if state == SN {
        add(repentance_day(fixed(11, 22)?), "Buß- und Bettag");
    }
    add(fixed(12, 25)?, "1. Weihnachtstag");
    add(fixed(12, 26)?, "2. Weihnachtstag");

    list.sort_by_key(|holiday| holiday.date);
    Ok(list)
}

/// The public holiday of `state` on `date`, if there is one (the first listed when two
/// coincide).
pub fn holiday_on(state: FederalState, date: NaiveDate) -> Result<Option<Holiday>, CalendarError> {
    Ok(holidays(state, date.year())?
        .into_iter()
        .find(|holiday| holiday.date == date))
}

/// Buß- und Bettag: the Wednesday before 23 November, i.e. the last Wednesday on or before
/// 22 November.
fn repentance_day(november_22: NaiveDate) -> NaiveDate {
    let back = (november_22.weekday().num_days_from_monday() + 7
        - Weekday::Wed.num_days_from_monday())
        % 7;
    november_22 - TimeDelta::days(i64::from(back))
}

#[cfg(test)]
mod tests {
    use super::*;
    use FederalState::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn names(state: FederalState, year: i32) -> Vec<&'static str> {
        holidays(state, year)
            .unwrap()
            .iter()
            .map(|h| h.name)
            .collect()
    }

    #[test]
    fn reformation_day_2017_was_a_holiday_in_every_state() {
        for &state in FederalState::ALL {
            assert!(names(state, 2017).contains(&"Reformationstag"), "{state}");
        }
        assert!(!names(NW, 2016).contains(&"Reformationstag"));
        assert!(!names(NW, 2018).contains(&"Reformationstag"));
    }

    #[test]
    fn the_northern_states_keep_reformation_day_since_2018() {
        for state in [HB, HH, NI, SH] {
            assert!(!names(state, 2016).contains(&"Reformationstag"), "{state}");
            assert!(names(state, 2018).contains(&"Reformationstag"), "{state}");
        }
    }

    #[test]
    fn dated_holidays_start_in_their_first_year() {
        assert!(!names(BE, 2018).contains(&"Internationaler Frauentag"));
        assert!(names(BE, 2019).contains(&"Internationaler Frauentag"));
        assert!(!names(MV, 2022).contains(&"Internationaler Frauentag"));
        assert!(names(MV, 2023).contains(&"Internationaler Frauentag"));
        assert!(!names(TH, 2018).contains(&"Weltkindertag"));
        assert!(names(TH, 2019).contains(&"Weltkindertag"));
    }

    #[test]
    fn berlin_had_liberation_day_only_in_2020_and_2025() {
        let years: Vec<i32> = (FIRST_YEAR..=LAST_YEAR)
            .filter(|&y| names(BE, y).contains(&"Tag der Befreiung"))
            .collect();
        assert_eq!(years, [2020, 2025]);
        assert_eq!(
            holiday_on(BE, date("2020-05-08")).unwrap().map(|h| h.name),
            Some("Tag der Befreiung")
        );
    }

    #[test]
    fn labour_day_and_ascension_on_the_same_day_are_both_listed() {
        let first_of_may: Vec<_> = holidays(NW, 2008)
            .unwrap()
            .into_iter()
            .filter(|h| h.date == date("2008-05-01"))
            .map(|h| h.name)
            .collect();
        assert_eq!(first_of_may, ["Tag der Arbeit", "Christi Himmelfahrt"]);
    }

    #[test]
    fn regional_holidays_are_not_state_wide() {
        assert!(!names(BY, 2026).contains(&"Mariä Himmelfahrt"));
        assert!(!names(SN, 2026).contains(&"Fronleichnam"));
        assert!(!names(TH, 2026).contains(&"Fronleichnam"));
        assert_eq!(holiday_on(BY, date("2026-08-08")), Ok(None));
    }

    #[test]
    fn repentance_day_is_the_wednesday_before_23_november_in_every_year() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let day = holidays(SN, year)
                .unwrap()
                .into_iter()
                .find(|h| h.name == "Buß- und Bettag")
                .unwrap()
                .date;
            assert_eq!(day.weekday(), Weekday::Wed, "{year}");
            assert!(
                (16..=22).contains(&day.day()) && day.month() == 11,
                "{year}"
            );
        }
    }

    #[test]
    fn years_outside_the_supported_range_are_refused_in_both_languages() {
        let err = holidays(NW, 2101).unwrap_err();
        assert_eq!(err, CalendarError::YearOutOfRange { year: 2101 });
        assert_eq!(
            err.text_de(),
            "Feiertage sind nur für die Jahre 1995 bis 2100 hinterlegt, nicht für 2101."
        );
        assert_eq!(
            err.text_en(),
            "Public holidays are only known for the years 1995 to 2100, not for 2101."
        );
        assert!(holidays(NW, 1994).is_err());
        assert!(holiday_on(NW, date("1990-10-03")).is_err());
    }

    #[test]
    fn every_holiday_has_an_english_name() {
        for &state in FederalState::ALL {
            for year in [2017, 2020, 2025] {
                for holiday in holidays(state, year).unwrap() {
                    assert_ne!(holiday.name_en(), holiday.name, "{}", holiday.name);
                }
            }
        }
    }
}
