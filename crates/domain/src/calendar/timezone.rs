//! Europe/Berlin without the IANA database: the one zone German authorities use.

use chrono::{
    Datelike, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
    TimeZone, Weekday,
};

/// Central European Time (UTC+1) in winter and Central European Summer Time (UTC+2) in
/// summer, as in the IANA zone `Europe/Berlin` from 1980 on.
///
/// Summer time runs from the last Sunday of March to the last Sunday of October (until 1995:
/// September), switching at 01:00 UTC; in 1980 from 6 April to 28 September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct EuropeBerlin;

const CET: FixedOffset = offset_hours(1);
const CEST: FixedOffset = offset_hours(2);

const fn offset_hours(hours: i32) -> FixedOffset {
    match FixedOffset::east_opt(hours * 3600) {
        Some(offset) => offset,
        None => panic!("a whole-hour offset below 24 hours is valid"),
    }
}

/// The UTC instants at which summer time starts and ends in `year`, if it has summer time.
fn summer_time(year: i32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let one_am = NaiveTime::from_hms_opt(1, 0, 0)?;
    let (start, end) = match year {
        ..1980 => return None,
        1980 => (
            NaiveDate::from_ymd_opt(1980, 4, 6)?,
            NaiveDate::from_ymd_opt(1980, 9, 28)?,
        ),
        1981..=1995 => (last_sunday(year, 3, 31)?, last_sunday(year, 9, 30)?),
        _ => (last_sunday(year, 3, 31)?, last_sunday(year, 10, 31)?),
    };
    Some((start.and_time(one_am), end.and_time(one_am)))
}

fn last_sunday(year: i32, month: u32, last_day: u32) -> Option<NaiveDate> {
    let last = NaiveDate::from_ymd_opt(year, month, last_day)?;
    let back =
        (last.weekday().num_days_from_monday() + 7 - Weekday::Sun.num_days_from_monday()) % 7;
    Some(last - TimeDelta::days(i64::from(back)))
}

impl TimeZone for EuropeBerlin {
    type Offset = FixedOffset;

    fn from_offset(_offset: &FixedOffset) -> Self {
        EuropeBerlin
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<FixedOffset> {
        // The clocks never change at midnight, so the start of a day always exists once.
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<FixedOffset> {
        let Some((start, end)) = summer_time(local.year()) else {
            return MappedLocalTime::Single(CET);
        };
        let hour = TimeDelta::hours(1);
        // Wall-clock times of the two changes: 02:00 CET jumps to 03:00 CEST in spring,
        // 03:00 CEST falls back to 02:00 CET in autumn.
        let (gap_from, gap_to) = (start + hour, start + hour * 2);
        let (fold_from, fold_to) = (end + hour, end + hour * 2);
        if *local < gap_from || *local >= fold_to {
            MappedLocalTime::Single(CET)
        } else if *local < gap_to {
            MappedLocalTime::None
        } else if *local < fold_from {
            MappedLocalTime::Single(CEST)
        } else {
            MappedLocalTime::Ambiguous(CEST, CET)
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
        match summer_time(utc.year()) {
            Some((start, end)) if *utc >= start && *utc < end => CEST,
            _ => CET,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn local(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn to_utc(s: &str) -> DateTime<Utc> {
        EuropeBerlin
            .from_local_datetime(&local(s))
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn nine_in_the_morning_is_eight_utc_in_winter_and_seven_utc_in_summer() {
        assert_eq!(to_utc("2026-03-27T09:00:00"), utc("2026-03-27T08:00:00Z"));
        assert_eq!(to_utc("2026-03-30T09:00:00"), utc("2026-03-30T07:00:00Z"));
        assert_eq!(to_utc("2026-10-23T09:00:00"), utc("2026-10-23T07:00:00Z"));
        assert_eq!(to_utc("2026-10-26T09:00:00"), utc("2026-10-26T08:00:00Z"));
    }

    #[test]
    fn the_clocks_change_on_the_published_sundays() {
        // Published dates of the change to and from summer time in Germany.
        for (year, spring, autumn) in [
            (1995, "1995-03-26", "1995-09-24"),
            (1996, "1996-03-31", "1996-10-27"),
            (2024, "2024-03-31", "2024-10-27"),
            (2025, "2025-03-30", "2025-10-26"),
            (2026, "2026-03-29", "2026-10-25"),
            (2027, "2027-03-28", "2027-10-31"),
        ] {
            let (start, end) = summer_time(year).unwrap();
            assert_eq!(start, local(&format!("{spring}T01:00:00")), "{year}");
            assert_eq!(end, local(&format!("{autumn}T01:00:00")), "{year}");
        }
    }

    #[test]
    fn the_skipped_spring_hour_does_not_exist_and_the_autumn_hour_exists_twice() {
        let berlin = EuropeBerlin;
        assert_eq!(
            berlin.from_local_datetime(&local("2026-03-29T02:30:00")),
            MappedLocalTime::None
        );
        assert_eq!(to_utc("2026-03-29T01:59:00"), utc("2026-03-29T00:59:00Z"));
        assert_eq!(to_utc("2026-03-29T03:00:00"), utc("2026-03-29T01:00:00Z"));
        let fold = berlin.from_local_datetime(&local("2026-10-25T02:30:00"));
        assert_eq!(
            fold.earliest().unwrap().with_timezone(&Utc),
            utc("2026-10-25T00:30:00Z")
        );
        assert_eq!(
            fold.latest().unwrap().with_timezone(&Utc),
            utc("2026-10-25T01:30:00Z")
        );
        assert_eq!(to_utc("2026-10-25T03:00:00"), utc("2026-10-25T02:00:00Z"));
    }

    #[test]
    fn utc_instants_are_shown_in_berlin_wall_clock_time() {
        let show = |s: &str| utc(s).with_timezone(&EuropeBerlin).naive_local();
        assert_eq!(show("2026-03-29T00:59:59Z"), local("2026-03-29T01:59:59"));
        assert_eq!(show("2026-03-29T01:00:00Z"), local("2026-03-29T03:00:00"));
        assert_eq!(show("2026-10-25T00:59:59Z"), local("2026-10-25T02:59:59"));
        assert_eq!(show("2026-10-25T01:00:00Z"), local("2026-10-25T02:00:00"));
        assert_eq!(show("1979-07-01T12:00:00Z"), local("1979-07-01T13:00:00"));
    }
}
