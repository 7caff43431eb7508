//! Suggested posting slots: working days, inside core hours, spaced from other posts,
//! preferring the weekdays and hours that worked for the authority before.

use std::cmp::Reverse;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike, Utc,
    Weekday,
};

use super::{SlotReason, WorkingTimeRules};

/// Own figures are used only once the authority has at least this many posts with figures.
pub const MIN_POSTS_FOR_PERFORMANCE: u32 = 30;
/// A weekday and hour needs this many posts before its median counts.
const MIN_POSTS_PER_HOUR: u32 = 3;
/// Never more than this many posts in one morning or one afternoon.
const MAX_POSTS_PER_HALF_DAY: usize = 2;
/// Longer date ranges are cut, so that a mistyped year cannot make the search run long.
const MAX_RANGE_DAYS: i64 = 366;

/// How posts of the authority did at one weekday and local hour of publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourPerformance {
    pub weekday: Weekday,
    /// Local hour of publication, 0–23.
    pub hour: u32,
    pub median_impressions: u32,
    pub posts: u32,
}

impl From<(Weekday, u32, u32, u32)> for HourPerformance {
    fn from((weekday, hour, median_impressions, posts): (Weekday, u32, u32, u32)) -> Self {
        Self {
            weekday,
            hour,
            median_impressions,
            posts,
        }
    }
}

/// What to plan: for whom, when, around which existing posts.
#[derive(Debug, Clone)]
pub struct SlotRequest<'a, Tz: TimeZone> {
    pub rules: &'a WorkingTimeRules,
    /// The authority's time zone, [`super::EuropeBerlin`] for German authorities.
    pub tz: Tz,
    /// The person pauses up to and including this day.
    pub pause_until: Option<NaiveDate>,
    /// First and last day to plan, both included (at most a year is searched).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// No slot before this instant (the current time).
    pub not_before: Option<DateTime<Utc>>,
    /// Posts already planned on the authority's channel.
    pub planned: &'a [DateTime<Utc>],
    pub performance: &'a [HourPerformance],
    /// How many slots are wanted.
    pub count: usize,
    /// The minimum gap between two posts on the authority's channel.
    pub min_spacing: TimeDelta,
}

/// A suggested posting time with the reasons for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub start: DateTime<Utc>,
    /// The authority's wall-clock time.
    pub local: NaiveDateTime,
    pub reasons: Vec<SlotReason>,
}

/// Up to `req.count` slots, sorted by time.
///
/// Candidates are the full hours from the start of the core hours, as long as the first
/// hour after the post (when most replies come) still lies inside them. Slots are picked one
/// by one: first on days with the fewest posts, then by preference (own figures when there
/// are [`MIN_POSTS_FOR_PERFORMANCE`] posts, otherwise Tuesday to Thursday mornings), then the
/// earliest. Every pick keeps `min_spacing` to all other posts and at most two posts per
/// morning or afternoon.
pub fn suggest_slots<Tz: TimeZone>(req: &SlotRequest<'_, Tz>) -> Vec<Slot> {
    let preference = Preference::new(req.performance);
    let candidates = candidates(req);
    let mut taken: Vec<(DateTime<Utc>, NaiveDateTime)> = req
        .planned
        .iter()
        .map(|&at| (at, at.with_timezone(&req.tz).naive_local()))
        .collect();
    let mut chosen: Vec<&Candidate> = Vec::new();
    while chosen.len() < req.count {
        let best = candidates
            .iter()
            .filter(|c| fits(c, &taken, req.min_spacing))
            .max_by_key(|c| {
                let same_day = taken.iter().filter(|(_, l)| l.date() == c.local.date());
                (
                    Reverse(same_day.count()),
                    preference.score(c.local),
                    Reverse(c.start),
                )
            });
        let Some(best) = best else { break };
        taken.push((best.start, best.local));
        chosen.push(best);
    }
    chosen.sort_by_key(|c| c.start);
    chosen
        .iter()
        .map(|c| Slot {
            start: c.start,
            local: c.local,
            reasons: reasons(c, &taken, req, &preference),
        })
        .collect()
}

#[derive(Debug)]
struct Candidate {
    start: DateTime<Utc>,
    local: NaiveDateTime,
    core_hours: (NaiveTime, NaiveTime),
}

fn candidates<Tz: TimeZone>(req: &SlotRequest<'_, Tz>) -> Vec<Candidate> {
    let last = req.to.min(req.from + TimeDelta::days(MAX_RANGE_DAYS - 1));
    let hour = TimeDelta::hours(1);
    let mut out = Vec::new();
    for date in req.from.iter_days().take_while(|d| *d <= last) {
        if req.pause_until.is_some_and(|until| date <= until) {
            continue;
        }
        let Ok((start, end)) = req.rules.core_hours_on(date) else {
            continue;
        };
        if start >= end {
            continue;
        }
        // The first hour after a post, when most replies come, stays inside core hours
        // unless the core hours are shorter than that.
        let last_start = if end - start >= hour {
            end - hour
        } else {
            start
        };
        let mut time = start;
        loop {
            let local = date.and_time(time);
            if let Some(at) = req.tz.from_local_datetime(&local).earliest() {
                let at = at.with_timezone(&Utc);
                if req.not_before.is_none_or(|now| at >= now) {
                    out.push(Candidate {
                        start: at,
                        local,
                        core_hours: (start, end),
                    });
                }
            }
            let (next, wrapped) = time.overflowing_add_signed(hour);
            if wrapped != 0 || next > last_start {
                break;
            }
            time = next;
        }
    }
    out
}

fn fits(c: &Candidate, taken: &[(DateTime<Utc>, NaiveDateTime)], spacing: TimeDelta) -> bool {
    let morning = |l: NaiveDateTime| l.hour() < 12;
    let same_half_day = taken
        .iter()
        .filter(|(_, l)| l.date() == c.local.date() && morning(*l) == morning(c.local))
        .count();
    same_half_day < MAX_POSTS_PER_HALF_DAY
        && taken.iter().all(|(at, _)| (c.start - *at).abs() >= spacing)
}

/// The weekday and hour preference: own figures when there are enough, else the default.
struct Preference<'a> {
    total_posts: u32,
    buckets: Vec<&'a HourPerformance>,
}

impl<'a> Preference<'a> {
    fn new(performance: &'a [HourPerformance]) -> Self {
        let total_posts = performance
            .iter()
            .fold(0u32, |sum, p| sum.saturating_add(p.posts));
        let buckets = if total_posts >= MIN_POSTS_FOR_PERFORMANCE {
            performance
                .iter()
                .filter(|p| p.posts >= MIN_POSTS_PER_HOUR)
                .collect()
        } else {
            Vec::new()
        };
        Self {
            total_posts,
            buckets,
        }
    }

    fn uses_figures(&self) -> bool {
        self.total_posts >= MIN_POSTS_FOR_PERFORMANCE
    }

    fn bucket(&self, local: NaiveDateTime) -> Option<&'a HourPerformance> {
        let weekday = local.weekday();
        self.buckets
            .iter()
            .copied()
            .find(|p| p.weekday == weekday && p.hour == local.hour())
    }

    fn best_median(&self) -> Option<u32> {
        self.buckets.iter().map(|p| p.median_impressions).max()
    }

    /// Higher is better: the median impressions (when used), then the default preference.
    fn score(&self, local: NaiveDateTime) -> (u32, u8) {
        let figures = self.bucket(local).map_or(0, |p| p.median_impressions);
        (figures, default_score(local))
    }
}

/// Tuesday to Thursday mornings first, then other mornings and those afternoons.
fn default_score(local: NaiveDateTime) -> u8 {
    let midweek = matches!(local.weekday(), Weekday::Tue | Weekday::Wed | Weekday::Thu);
    match (midweek, local.hour() < 12) {
        (true, true) => 2,
        (false, true) | (true, false) => 1,
        (false, false) => 0,
    }
}

fn reasons<Tz: TimeZone>(
    c: &Candidate,
    taken: &[(DateTime<Utc>, NaiveDateTime)],
    req: &SlotRequest<'_, Tz>,
    preference: &Preference<'_>,
) -> Vec<SlotReason> {
    let nearest_minutes = taken
        .iter()
        .filter(|(at, _)| *at != c.start)
        .map(|(at, _)| (c.start - *at).abs().num_minutes())
        .min();
    let mut reasons = vec![
        SlotReason::WorkingDay {
            weekday: c.local.weekday(),
        },
        SlotReason::InsideCoreHours {
            start: c.core_hours.0,
            end: c.core_hours.1,
        },
        SlotReason::Spacing {
            nearest_minutes,
            min_minutes: req.min_spacing.num_minutes(),
        },
    ];
    if preference.uses_figures() {
        reasons.push(match preference.bucket(c.local) {
            Some(p) => SlotReason::Performance {
                weekday: p.weekday,
                hour: p.hour,
                median_impressions: p.median_impressions,
                posts: p.posts,
                best: preference.best_median() == Some(p.median_impressions),
            },
            None => SlotReason::NoHistory {
                weekday: c.local.weekday(),
                hour: c.local.hour(),
            },
        });
    } else if default_score(c.local) == 2 {
        reasons.push(SlotReason::DefaultPreference {
            posts_so_far: preference.total_posts,
        });
    }
    reasons
}
