//! An authority's working-time rules: which days and hours count as working time.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Weekday, WeekdaySet};

use super::{Holiday, easter_sunday, holiday_on, text};
use crate::types::FederalState;

/// When a posting slot may be offered: on working days inside the core hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingTimeRules {
    /// Decides the public holidays.
    pub state: FederalState,
    pub core_start: NaiveTime,
    pub core_end: NaiveTime,
    pub workdays: WeekdaySet,
    /// Days the authority closes every year although they are not public holidays.
    pub closure_days: Vec<ClosureDay>,
    /// Periods without posts: the weeks before an election, a crisis.
    pub blackouts: Vec<Blackout>,
}

/// A day the authority closes every year, for the whole day or from a time of day on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureDay {
    pub day: RecurringDay,
    /// `None` closes the whole day; `Some(12:00)` closes at noon (Weiberfastnacht in many
    /// Rhineland town halls).
    pub closed_from: Option<NaiveTime>,
    pub name: String,
}

/// A day that recurs every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurringDay {
    /// The same calendar day each year, e.g. 24 December.
    Fixed { month: u32, day: u32 },
    /// A number of days before (negative) or after Easter Sunday, e.g. Rosenmontag −48.
    EasterOffset(i32),
}

/// A period, both ends included, in which nothing should be posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blackout {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotWorkingReason {
    /// The weekday is not one of the authority's workdays (usually the weekend).
    Weekend(Weekday),
    Holiday(Holiday),
    Closure {
        name: String,
    },
    Blackout {
        reason: String,
    },
    /// The year's holidays are not known, so the day is not offered.
    UnknownYear {
        year: i32,
    },
}

impl NotWorkingReason {
    pub fn text_de(&self) -> String {
        match self {
            Self::Weekend(day) => format!("{} ist kein Arbeitstag.", text::weekday_de(*day)),
            Self::Holiday(holiday) => format!("Feiertag: {}.", holiday.name),
            Self::Closure { name } => format!("Die Verwaltung ist geschlossen ({name})."),
            Self::Blackout { reason } => format!("Sperrzeit für Beiträge: {reason}."),
            Self::UnknownYear { year } => {
                format!("Für {year} sind keine Feiertage hinterlegt.")
            }
        }
    }

    pub fn text_en(&self) -> String {
        match self {
            Self::Weekend(day) => format!("{} is not a working day.", text::weekday_en(*day)),
            Self::Holiday(holiday) => format!("Public holiday: {}.", holiday.name_en()),
            Self::Closure { name } => format!("The authority is closed ({name})."),
            Self::Blackout { reason } => format!("No posts in this period: {reason}."),
            Self::UnknownYear { year } => format!("Public holidays for {year} are not known."),
        }
    }
}

impl ClosureDay {
    /// Closed all day every year on a calendar day.
    pub fn fixed(month: u32, day: u32, name: &str) -> Self {
        Self {
            day: RecurringDay::Fixed { month, day },
            closed_from: None,
            name: name.to_owned(),
        }
    }

    /// Closed all day every year, `days` after Easter Sunday (negative: before).
    pub fn easter_offset(days: i32, name: &str) -> Self {
        Self {
            day: RecurringDay::EasterOffset(days),
            closed_from: None,
            name: name.to_owned(),
        }
    }

    /// Heiligabend, 24 December (§ 6 Abs. 3 TVöD/TV-L).
    pub fn christmas_eve() -> Self {
        Self::fixed(12, 24, "Heiligabend")
    }

    /// Silvester, 31 December (§ 6 Abs. 3 TVöD/TV-L).
    pub fn new_years_eve() -> Self {
        Self::fixed(12, 31, "Silvester")
    }

    /// Weiberfastnacht, the Thursday 52 days before Easter Sunday.
    pub fn weiberfastnacht() -> Self {
        Self::easter_offset(-52, "Weiberfastnacht")
    }

    /// Rosenmontag, 48 days before Easter Sunday.
    pub fn rosenmontag() -> Self {
        Self::easter_offset(-48, "Rosenmontag")
    }

    /// Closed only from `time` on, not all day.
    pub fn from(mut self, time: NaiveTime) -> Self {
        self.closed_from = Some(time);
        self
    }

    /// Whether this closure falls on `date`.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        match self.day {
            RecurringDay::Fixed { month, day } => date.month() == month && date.day() == day,
            RecurringDay::EasterOffset(days) => easter_sunday(date.year())
                .is_ok_and(|easter| easter + TimeDelta::days(i64::from(days)) == date),
        }
    }
}

impl Blackout {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

impl WorkingTimeRules {
    /// The defaults: 09:00–16:00, Monday to Friday, closed on 24 and 31 December.
    pub fn new(state: FederalState) -> Self {
        Self {
            state,
            core_start: text::hm(9, 0),
            core_end: text::hm(16, 0),
            workdays: WeekdaySet::from_array([
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]),
            closure_days: vec![ClosureDay::christmas_eve(), ClosureDay::new_years_eve()],
            blackouts: Vec::new(),
        }
    }

    /// Whether `date` is a working day; if not, the first reason found (weekend, public
    /// holiday, whole-day closure, blackout).
    pub fn is_working_day(&self, date: NaiveDate) -> Result<(), NotWorkingReason> {
        match self.not_working_reasons(date).into_iter().next() {
            Some(reason) => Err(reason),
            None => Ok(()),
        }
    }

    /// Every reason why `date` is not a working day; empty on a working day.
    pub fn not_working_reasons(&self, date: NaiveDate) -> Vec<NotWorkingReason> {
        let mut reasons = Vec::new();
        if !self.workdays.contains(date.weekday()) {
            reasons.push(NotWorkingReason::Weekend(date.weekday()));
        }
        match holiday_on(self.state, date) {
            Ok(Some(holiday)) => reasons.push(NotWorkingReason::Holiday(holiday)),
            Ok(None) => {}
            Err(_) => reasons.push(NotWorkingReason::UnknownYear { year: date.year() }),
        }
        reasons.extend(
            self.closure_days
                .iter()
                .filter(|c| c.closed_from.is_none() && c.falls_on(date))
                .map(|c| NotWorkingReason::Closure {
                    name: c.name.clone(),
                }),
        );
        reasons.extend(self.blackouts.iter().filter(|b| b.contains(date)).map(|b| {
            NotWorkingReason::Blackout {
                reason: b.reason.clone(),
            }
        }));
        reasons
    }

    /// The core hours of `date`, shortened by a closure from a time of day on, whether or
    /// not the day is a working day.
    pub fn core_window(&self, date: NaiveDate) -> (NaiveTime, NaiveTime) {
        let end = self
            .closure_days
            .iter()
            .filter(|c| c.falls_on(date))
            .filter_map(|c| c.closed_from)
            .fold(self.core_end, NaiveTime::min);
        (self.core_start, end)
    }

    /// The core hours on a working day.
    pub fn core_hours_on(
        &self,
        date: NaiveDate,
    ) -> Result<(NaiveTime, NaiveTime), NotWorkingReason> {
        self.is_working_day(date)?;
        Ok(self.core_window(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekends_are_not_working_days_by_default() {
        let rules = WorkingTimeRules::new(FederalState::NW);
        assert_eq!(
            rules.is_working_day(date("2026-03-28")),
            Err(NotWorkingReason::Weekend(Weekday::Sat))
        );
        assert_eq!(rules.is_working_day(date("2026-03-30")), Ok(()));
    }

    #[test]
    fn corpus_christi_is_a_holiday_in_nrw_but_not_in_lower_saxony() {
        let thursday = date("2026-06-04");
        assert_eq!(
            WorkingTimeRules::new(FederalState::NW).is_working_day(thursday),
            Err(NotWorkingReason::Holiday(Holiday {
                date: thursday,
                name: "Fronleichnam"
            }))
        );
        assert_eq!(
            WorkingTimeRules::new(FederalState::NI).is_working_day(thursday),
            Ok(())
        );
    }

    #[test]
    fn christmas_eve_and_new_years_eve_are_closed_by_default() {
        let rules = WorkingTimeRules::new(FederalState::BE);
        for day in ["2025-12-24", "2025-12-31"] {
            assert!(matches!(
                rules.is_working_day(date(day)),
                Err(NotWorkingReason::Closure { .. })
            ));
        }
    }

    #[test]
    fn rosenmontag_is_a_working_day_until_the_authority_closes_on_it() {
        let mut rules = WorkingTimeRules::new(FederalState::NW);
        let rosenmontag = date("2026-02-16");
        assert_eq!(rules.is_working_day(rosenmontag), Ok(()));
        rules.closure_days.push(ClosureDay::rosenmontag());
        assert_eq!(
            rules.is_working_day(rosenmontag),
            Err(NotWorkingReason::Closure {
                name: "Rosenmontag".to_owned()
            })
        );
        assert!(rules.is_working_day(date("2027-02-08")).is_err());
    }

    #[test]
    fn closing_at_noon_on_weiberfastnacht_shortens_the_core_hours() {
        let mut rules = WorkingTimeRules::new(FederalState::NW);
        rules
            .closure_days
            .push(ClosureDay::weiberfastnacht().from(text::hm(12, 0)));
        assert_eq!(
            rules.core_hours_on(date("2026-02-12")),
            Ok((text::hm(9, 0), text::hm(12, 0)))
        );
        assert_eq!(
            rules.core_hours_on(date("2026-02-13")),
            Ok((text::hm(9, 0), text::hm(16, 0)))
        );
    }

    #[test]
    fn a_blackout_covers_both_of_its_ends() {
        let mut rules = WorkingTimeRules::new(FederalState::HE);
        rules.blackouts.push(Blackout {
            from: date("2026-09-07"),
            to: date("2026-09-13"),
            reason: "Vorwahlzeit".to_owned(),
        });
        assert_eq!(rules.is_working_day(date("2026-09-04")), Ok(()));
        for day in ["2026-09-07", "2026-09-11"] {
            assert_eq!(
                rules.is_working_day(date(day)),
                Err(NotWorkingReason::Blackout {
                    reason: "Vorwahlzeit".to_owned()
                })
            );
        }
        assert_eq!(rules.is_working_day(date("2026-09-14")), Ok(()));
    }

    #[test]
    fn a_holiday_inside_a_blackout_gives_both_reasons() {
        let mut rules = WorkingTimeRules::new(FederalState::SN);
        rules.blackouts.push(Blackout {
            from: date("2026-11-16"),
            to: date("2026-11-20"),
            reason: "Krisenlage".to_owned(),
        });
        let reasons = rules.not_working_reasons(date("2026-11-18"));
        assert_eq!(reasons.len(), 2);
        assert_eq!(reasons[0].text_de(), "Feiertag: Buß- und Bettag.");
        assert_eq!(reasons[1].text_de(), "Sperrzeit für Beiträge: Krisenlage.");
    }

    #[test]
    fn days_in_years_without_known_holidays_are_not_offered() {
        let rules = WorkingTimeRules::new(FederalState::BY);
        let reason = rules.is_working_day(date("2101-03-01")).unwrap_err();
        assert_eq!(reason, NotWorkingReason::UnknownYear { year: 2101 });
        assert_eq!(
            reason.text_de(),
            "Für 2101 sind keine Feiertage hinterlegt."
        );
    }

    #[test]
    fn reasons_read_well_in_both_languages() {
        let holiday = NotWorkingReason::Holiday(Holiday {
            date: date("2026-05-25"),
            name: "Pfingstmontag",
        });
        assert_eq!(holiday.text_de(), "Feiertag: Pfingstmontag.");
        assert_eq!(holiday.text_en(), "Public holiday: Whit Monday.");
        let weekend = NotWorkingReason::Weekend(Weekday::Sun);
        assert_eq!(weekend.text_de(), "Sonntag ist kein Arbeitstag.");
        assert_eq!(weekend.text_en(), "Sunday is not a working day.");
    }
}
