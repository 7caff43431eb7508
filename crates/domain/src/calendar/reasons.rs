//! Why a slot was suggested, in German and English.

use chrono::{NaiveTime, Weekday};

use super::slots::MIN_POSTS_FOR_PERFORMANCE;
use super::text;

/// One reason a slot was suggested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotReason {
    /// A working day: no weekend, public holiday, closure, blackout or pause.
    WorkingDay { weekday: Weekday },
    /// The post and its first hour of replies lie inside the core hours of that day.
    InsideCoreHours { start: NaiveTime, end: NaiveTime },
    /// The gap to the nearest other post (planned or suggested); `None` when there is none.
    Spacing {
        nearest_minutes: Option<i64>,
        min_minutes: i64,
    },
    /// The authority's own figures for this weekday and hour.
    Performance {
        weekday: Weekday,
        hour: u32,
        median_impressions: u32,
        posts: u32,
        /// The best weekday and hour of all.
        best: bool,
    },
    /// The authority has posted at this weekday and hour too rarely to judge it.
    NoHistory { weekday: Weekday, hour: u32 },
    /// Tuesday to Thursday mornings, the default while there are too few own figures.
    DefaultPreference { posts_so_far: u32 },
}

impl SlotReason {
    pub fn text_de(&self) -> String {
        match self {
            Self::WorkingDay { weekday } => format!(
                "{} ist ein Arbeitstag: kein Feiertag, keine Schließung, keine Sperrzeit.",
                text::weekday_de(*weekday)
            ),
            Self::InsideCoreHours { start, end } => format!(
                "Innerhalb der Kernarbeitszeit ({}–{} Uhr), auch die erste Stunde für Antworten.",
                text::time(*start),
                text::time(*end)
            ),
            Self::Spacing {
                nearest_minutes: Some(gap),
                min_minutes,
            } => format!(
                "Abstand zum nächsten Beitrag: {} (mindestens {}).",
                text::duration_de(*gap),
                text::duration_de(*min_minutes)
            ),
            Self::Spacing {
                nearest_minutes: None,
                ..
            } => "Kein anderer Beitrag in der Nähe geplant.".to_owned(),
            Self::Performance {
                weekday,
                hour,
                median_impressions,
                posts,
                best,
            } => {
                let when = format!(
                    "{} zwischen {hour} und {} Uhr",
                    text::weekdays_de(*weekday),
                    hour + 1
                );
                let median = text::number_de(*median_impressions);
                if *best {
                    format!(
                        "Beiträge {when} erreichten bisher die meisten Impressionen \
                         (Median {median} bei {posts} Beiträgen)."
                    )
                } else {
                    format!(
                        "Beiträge {when} erreichten bisher im Median {median} Impressionen \
                         ({posts} Beiträge)."
                    )
                }
            }
            Self::NoHistory { weekday, hour } => format!(
                "{} zwischen {hour} und {} Uhr wurde bisher selten gepostet.",
                text::capitalised(&text::weekdays_de(*weekday)),
                hour + 1
            ),
            Self::DefaultPreference { posts_so_far } => format!(
                "Dienstag bis Donnerstag vormittags ist die Grundeinstellung, solange eigene \
                 Zahlen fehlen ({posts_so_far} von {MIN_POSTS_FOR_PERFORMANCE} Beiträgen)."
            ),
        }
    }

    pub fn text_en(&self) -> String {
        match self {
            Self::WorkingDay { weekday } => format!(
                "{} is a working day: no public holiday, closure or blackout.",
                text::weekday_en(*weekday)
            ),
            Self::InsideCoreHours { start, end } => format!(
                "Inside core hours ({}–{}), including the first hour for replies.",
                text::time(*start),
                text::time(*end)
            ),
            Self::Spacing {
                nearest_minutes: Some(gap),
                min_minutes,
            } => format!(
                "{} to the nearest other post (at least {}).",
                text::capitalised(&text::duration_en(*gap)),
                text::duration_en(*min_minutes)
            ),
            Self::Spacing {
                nearest_minutes: None,
                ..
            } => "No other post planned nearby.".to_owned(),
            Self::Performance {
                weekday,
                hour,
                median_impressions,
                posts,
                best,
            } => {
                let when = format!("{}s {hour}–{}", text::weekday_en(*weekday), hour + 1);
                let median = text::number_en(*median_impressions);
                if *best {
                    format!(
                        "Posts on {when} performed best so far \
                         (median {median} impressions over {posts} posts)."
                    )
                } else {
                    format!(
                        "Posts on {when} reached a median of {median} impressions so far \
                         ({posts} posts)."
                    )
                }
            }
            Self::NoHistory { weekday, hour } => format!(
                "Few posts so far on {}s {hour}–{}.",
                text::weekday_en(*weekday),
                hour + 1
            ),
            Self::DefaultPreference { posts_so_far } => format!(
                "Tuesday to Thursday mornings are the default until there are enough own \
                 figures ({posts_so_far} of {MIN_POSTS_FOR_PERFORMANCE} posts)."
            ),
        }
    }
}
