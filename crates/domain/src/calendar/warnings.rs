//! Warnings for a post someone schedules by hand: the rules the slot suggestions follow,
//! turned into hints instead of hard limits.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike, Utc};

use super::{NotWorkingReason, WorkingTimeRules, text};

/// A post on the authority's channel: when, and about which catalogue topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedPost {
    pub at: DateTime<Utc>,
    pub topic: Option<i64>,
}

/// Something the person scheduling should know before keeping this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleWarning {
    /// Weekend, public holiday, closure day, blackout.
    NotWorkingDay(NotWorkingReason),
    OutsideCoreHours {
        local: NaiveTime,
        start: NaiveTime,
        end: NaiveTime,
    },
    /// The person pauses up to and including `until`.
    InsidePause { until: NaiveDate },
    /// Another post is closer than the minimum spacing (0 minutes: the same time).
    TooCloseToOtherPost {
        other_local: NaiveDateTime,
        minutes: i64,
        min_minutes: i64,
    },
    /// Two posts are already planned for this morning or afternoon.
    CrowdedHalfDay { morning: bool },
    /// The same topic is planned less than seven days before or after.
    SameTopicWithinWeek { other_local: NaiveDateTime },
}

/// The warnings for publishing `post` at its time. `planned` holds the authority's other
/// posts (not `post` itself).
pub fn check_planned<Tz: TimeZone>(
    rules: &WorkingTimeRules,
    tz: &Tz,
    post: &PlannedPost,
    pause_until: Option<NaiveDate>,
    planned: &[PlannedPost],
    min_spacing: TimeDelta,
) -> Vec<ScheduleWarning> {
    let local = |at: DateTime<Utc>| at.with_timezone(tz).naive_local();
    let here = local(post.at);
    let date = here.date();
    let mut warnings: Vec<ScheduleWarning> = rules
        .not_working_reasons(date)
        .into_iter()
        .map(ScheduleWarning::NotWorkingDay)
        .collect();

    let (start, end) = rules.core_window(date);
    if here.time() < start || here.time() >= end {
        warnings.push(ScheduleWarning::OutsideCoreHours {
            local: here.time(),
            start,
            end,
        });
    }
    if let Some(until) = pause_until.filter(|until| date <= *until) {
        warnings.push(ScheduleWarning::InsidePause { until });
    }

    let morning = |l: NaiveDateTime| l.hour() < 12;
    let same_half_day = planned
        .iter()
        .map(|p| local(p.at))
        .filter(|l| l.date() == date && morning(*l) == morning(here))
        .count();
    if same_half_day >= 2 {
        warnings.push(ScheduleWarning::CrowdedHalfDay {
            morning: morning(here),
        });
    }
    for other in planned {
        let gap = (post.at - other.at).abs();
        if gap < min_spacing || gap.is_zero() {
            warnings.push(ScheduleWarning::TooCloseToOtherPost {
                other_local: local(other.at),
                minutes: gap.num_minutes(),
                min_minutes: min_spacing.num_minutes(),
            });
        }
    }
    for other in planned {
        let same_topic = post.topic.is_some() && post.topic == other.topic;
        if same_topic && (post.at - other.at).abs() < TimeDelta::days(7) {
            warnings.push(ScheduleWarning::SameTopicWithinWeek {
                other_local: local(other.at),
            });
        }
    }
    warnings
}

impl ScheduleWarning {
    pub fn text_de(&self) -> String {
        match self {
            Self::NotWorkingDay(reason) => reason.text_de(),
            Self::OutsideCoreHours { local, start, end } => format!(
                "{} Uhr liegt außerhalb der Kernarbeitszeit ({}–{} Uhr).",
                text::time(*local),
                text::time(*start),
                text::time(*end)
            ),
            Self::InsidePause { until } => format!(
                "Die Person pausiert bis einschließlich {}.",
                until.format("%d.%m.%Y")
            ),
            Self::TooCloseToOtherPost {
                other_local,
                minutes: 0,
                ..
            } => format!(
                "Am {} um {} Uhr ist schon ein anderer Beitrag geplant.",
                other_local.format("%d.%m.%Y"),
                text::time(other_local.time())
            ),
            Self::TooCloseToOtherPost {
                other_local,
                minutes,
                min_minutes,
            } => format!(
                "Nur {} Abstand zum Beitrag am {} um {} Uhr (empfohlen: mindestens {}).",
                text::duration_de(*minutes),
                other_local.format("%d.%m.%Y"),
                text::time(other_local.time()),
                text::duration_de(*min_minutes)
            ),
            Self::CrowdedHalfDay { morning } => format!(
                "An diesem {} sind schon zwei Beiträge geplant.",
                if *morning { "Vormittag" } else { "Nachmittag" }
            ),
            Self::SameTopicWithinWeek { other_local } => format!(
                "Dasselbe Thema ist schon am {} geplant, weniger als eine Woche entfernt.",
                other_local.format("%d.%m.%Y")
            ),
        }
    }

    pub fn text_en(&self) -> String {
        match self {
            Self::NotWorkingDay(reason) => reason.text_en(),
            Self::OutsideCoreHours { local, start, end } => format!(
                "{} is outside core hours ({}–{}).",
                text::time(*local),
                text::time(*start),
                text::time(*end)
            ),
            Self::InsidePause { until } => format!(
                "The person is pausing until {} inclusive.",
                until.format("%Y-%m-%d")
            ),
            Self::TooCloseToOtherPost {
                other_local,
                minutes: 0,
                ..
            } => format!(
                "Another post is already planned for {} at {}.",
                other_local.format("%Y-%m-%d"),
                text::time(other_local.time())
            ),
            Self::TooCloseToOtherPost {
                other_local,
                minutes,
                min_minutes,
            } => format!(
                "Only {} from the post on {} at {} (at least {} recommended).",
                text::duration_en(*minutes),
                other_local.format("%Y-%m-%d"),
                text::time(other_local.time()),
                text::duration_en(*min_minutes)
            ),
            Self::CrowdedHalfDay { morning } => format!(
                "Two posts are already planned for this {}.",
                if *morning { "morning" } else { "afternoon" }
            ),
            Self::SameTopicWithinWeek { other_local } => format!(
                "The same topic is already planned on {}, less than a week apart.",
                other_local.format("%Y-%m-%d")
            ),
        }
    }
}

#[cfg(test)]
#[path = "warning_tests.rs"]
mod tests;
