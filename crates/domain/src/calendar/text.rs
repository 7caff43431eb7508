//! Small helpers for the German and English texts of the calendar.

use chrono::{NaiveTime, Timelike, Weekday};

/// A time of day from literal values; an impossible value gives midnight.
pub(super) const fn hm(hour: u32, minute: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    }
}

pub(super) fn weekday_de(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Montag",
        Weekday::Tue => "Dienstag",
        Weekday::Wed => "Mittwoch",
        Weekday::Thu => "Donnerstag",
        Weekday::Fri => "Freitag",
        Weekday::Sat => "Samstag",
        Weekday::Sun => "Sonntag",
    }
}

pub(super) fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "dienstags": the German adverb for "on Tuesdays".
pub(super) fn weekdays_de(day: Weekday) -> String {
    format!("{}s", weekday_de(day).to_lowercase())
}

/// "09:00".
pub(super) fn time(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A duration in days, or in hours and minutes below two days: "3 Tage", "2 Std. 30 Min.".
pub(super) fn duration_de(minutes: i64) -> String {
    if minutes >= 2 * 24 * 60 {
        return format!("{} Tage", minutes / (24 * 60));
    }
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} Min."),
        (h, 0) => format!("{h} Std."),
        (h, m) => format!("{h} Std. {m} Min."),
    }
}

pub(super) fn duration_en(minutes: i64) -> String {
    if minutes >= 2 * 24 * 60 {
        return format!("{} days", minutes / (24 * 60));
    }
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The first letter in upper case.
pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// German digit grouping: 12.345.
pub(super) fn number_de(n: u32) -> String {
    group(n, '.')
}

/// English digit grouping: 12,345.
pub(super) fn number_en(n: u32) -> String {
    group(n, ',')
}

fn group(n: u32, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_durations_and_weekdays_are_written_per_language() {
        assert_eq!(number_de(1_234_567), "1.234.567");
        assert_eq!(number_en(12_345), "12,345");
        assert_eq!(number_de(999), "999");
        assert_eq!(duration_de(150), "2 Std. 30 Min.");
        assert_eq!(duration_en(120), "2 h");
        assert_eq!(duration_en(45), "45 min");
        assert_eq!(duration_de(3 * 24 * 60 + 5), "3 Tage");
        assert_eq!(duration_en(47 * 60), "47 h");
        assert_eq!(weekdays_de(Weekday::Tue), "dienstags");
        assert_eq!(time(hm(9, 5)), "09:05");
    }
}
