//! Local time of an authority: times are stored in UTC and shown, typed and suggested in the
//! authority's own zone (`tenants.time_zone`, an IANA name such as `Europe/Berlin`).

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of German authorities, used when a stored name is unknown.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Berlin;

/// The zone behind a stored name; an unknown name falls back to [`DEFAULT_ZONE`].
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(DEFAULT_ZONE)
}

/// Whether a typed zone name is a real IANA zone.
pub fn is_known_zone(name: &str) -> bool {
    name.parse::<Tz>().is_ok()
}

/// A UTC instant as the wall-clock time of the zone.
pub fn to_local(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// Why a wall-clock time does not name one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTimeError {
    /// Skipped when the clocks go forward (e.g. 02:30 on the last Sunday of March).
    DoesNotExist,
}

/// The instant of a wall-clock time in the zone. A time that occurs twice (the hour when the
/// clocks go back) means its first occurrence.
pub fn from_local(
    tz: Tz,
    date: NaiveDate,
    time: NaiveTime,
) -> Result<DateTime<Utc>, LocalTimeError> {
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(LocalTimeError::DoesNotExist),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn ten_o_clock_in_berlin_is_nine_utc_in_winter_and_eight_in_summer() {
        let tz = zone("Europe/Berlin");
        let winter = from_local(tz, d(2026, 12, 3), t(10, 0)).unwrap();
        assert_eq!(winter, Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
        let summer = from_local(tz, d(2026, 6, 17), t(10, 0)).unwrap();
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 6, 17, 8, 0, 0).unwrap());
        assert_eq!(to_local(tz, summer), d(2026, 6, 17).and_time(t(10, 0)));
    }

    #[test]
    fn a_time_skipped_by_the_spring_change_is_refused_and_the_autumn_hour_means_the_first() {
        let tz = DEFAULT_ZONE;
        assert_eq!(
            from_local(tz, d(2026, 3, 29), t(2, 30)),
            Err(LocalTimeError::DoesNotExist)
        );
        let twice = from_local(tz, d(2026, 10, 25), t(2, 30)).unwrap();
        assert_eq!(twice, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
    }

    #[test]
    fn unknown_zone_names_fall_back_to_berlin() {
        assert_eq!(zone("Mars/Olympus"), DEFAULT_ZONE);
        assert!(is_known_zone("Europe/Vienna"));
        assert!(!is_known_zone("Europe/Musterstadt"));
    }
}
