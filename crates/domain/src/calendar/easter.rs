//! Easter Sunday, the anchor of the movable feasts.

use chrono::NaiveDate;

use super::{CalendarError, holidays::check_year};

/// Easter Sunday of a year in the Gregorian calendar, by Gauss's rule in the form published
/// by Meeus (the "anonymous Gregorian algorithm"); always between 22 March and 25 April.
pub fn easter_sunday(year: i32) -> Result<NaiveDate, CalendarError> {
    check_year(year)?;
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // Both values are small and positive for every year that passed `check_year`.
    let month = u32::try_from(n / 31).map_err(|_| CalendarError::YearOutOfRange { year })?;
    let day = u32::try_from(n % 31 + 1).map_err(|_| CalendarError::YearOutOfRange { year })?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(CalendarError::YearOutOfRange { year })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_sunday_matches_the_published_dates() {
        for (year, expected) in [
            (1995, "1995-04-16"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2030, "2030-04-21"),
            (2038, "2038-04-25"),
            (2100, "2100-03-28"),
        ] {
            assert_eq!(easter_sunday(year), Ok(date(expected)), "{year}");
        }
    }

    #[test]
    fn easter_sunday_is_always_a_sunday_between_22_march_and_25_april() {
        for year in 1995..=2100 {
            let easter = easter_sunday(year).unwrap();
            assert_eq!(easter.weekday(), chrono::Weekday::Sun, "{year}");
            assert!(easter >= date(&format!("{year}-03-22")), "{year}");
            assert!(easter <= date(&format!("{year}-04-25")), "{year}");
        }
    }

    #[test]
    fn easter_outside_the_supported_years_is_an_error() {
        assert_eq!(
            easter_sunday(1994),
            Err(CalendarError::YearOutOfRange { year: 1994 })
        );
        assert_eq!(
            easter_sunday(2101),
            Err(CalendarError::YearOutOfRange { year: 2101 })
        );
    }
}
