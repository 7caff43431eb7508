//! "What worked and what did not", derived from the report's figures by fixed rules, never
//! written by hand: the best and the weakest topic area with their sample sizes, the months at
//! or below the orientation, the page's growth and the page effect with its uncertainty, and
//! the short links. What the figures cannot tell yet is said as such, in a third list.

use amtfluencer_domain::analytics::{Certainty, GroupStats};
use amtfluencer_domain::privacy::{MIN_GROUP_SIZE, Shown};
use chrono::{Datelike, Months, NaiveDate};

use super::data::ReportData;
use super::words::Words;
use crate::db::analytics::{Month, Range, TopicLine};

/// A topic area with fewer posts than this is called a small sample.
pub const SMALL_SAMPLE_POSTS: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub worked: Vec<String>,
    pub not_worked: Vec<String>,
    /// What the figures cannot tell (yet).
    pub open: Vec<String>,
}

/// Whether the range covers the whole month.
fn whole_month(m: NaiveDate, range: Range) -> bool {
    let last = m
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(m);
    m.day() == 1 && range.from <= m && last <= range.to
}

/// Whole months with figures, split into those at or above the orientation and those below;
/// and how many whole months are suppressed.
pub fn judge_months(months: &[Month], range: Range) -> (Vec<&Month>, Vec<&Month>, usize) {
    let whole: Vec<&Month> = months
        .iter()
        .filter(|m| whole_month(m.month, range))
        .collect();
    let unknown = whole.iter().filter(|m| m.posts.is_suppressed()).count();
    let (reached, missed) = whole
        .into_iter()
        .filter(|m| !m.posts.is_suppressed())
        .partition(|m| {
            m.posts
                .value()
                .is_some_and(|s| s.posts as i64 >= m.orientation)
        });
    (reached, missed, unknown)
}

/// The best and (when there are two or more) the weakest topic area with figures.
pub fn extremes(lines: &[TopicLine]) -> Option<(&TopicLine, Option<&TopicLine>)> {
    let shown: Vec<&TopicLine> = lines
        .iter()
        .filter(|l| {
            l.stats
                .value()
                .is_some_and(|s| s.median_impressions.is_some())
        })
        .collect();
    let best = *shown.first()?;
    let weakest = shown.last().filter(|_| shown.len() > 1).copied();
    Some((best, weakest))
}

pub fn findings(d: &ReportData, w: &Words) -> Findings {
    let mut f = Findings::default();
    if !d.started {
        f.open.push(w.t("report-finding-not-started"));
        return f;
    }
    participation(d, w, &mut f);
    orientation(d, w, &mut f);
    topics(d, w, &mut f);
    page(d, w, &mut f);
    links(d, w, &mut f);
    f
}

fn participation(d: &ReportData, w: &Words, f: &mut Findings) {
    let total = d.participants.total;
    if total == 0 {
        f.open.push(w.t("report-no-participants"));
        return;
    }
    if total < MIN_GROUP_SIZE {
        f.open.push(w.t("report-finding-small-cohort"));
        return;
    }
    let posters = d.figures.posters;
    if d.figures.total.is_suppressed() {
        f.not_worked.push(w.t("report-finding-few-posters"));
        return;
    }
    let args = |n: usize| [("n", w.count(n)), ("total", w.count(total))];
    let ta = |key: &str, a: [(&str, String); 2]| {
        w.ta(key, &[(a[0].0, a[0].1.as_str()), (a[1].0, a[1].1.as_str())])
    };
    f.worked.push(ta("report-finding-posters", args(posters)));
    if total > posters {
        f.not_worked
            .push(ta("report-finding-silent", args(total - posters)));
    }
}

fn orientation(d: &ReportData, w: &Words, f: &mut Findings) {
    let (reached, missed, unknown) = judge_months(&d.figures.months, d.range);
    let Some(orientation) = d.figures.months.first().map(|m| m.orientation) else {
        return;
    };
    if orientation <= 0 {
        return;
    }
    let judged = reached.len() + missed.len() + unknown;
    let list = |ms: &[&Month]| {
        ms.iter()
            .map(|m| {
                let posts = m.posts.value().map_or(0, |s| s.posts);
                format!("{}: {}", w.month(m.month), w.count(posts))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let say = |key: &str, ms: &[&Month]| {
        w.ta(
            key,
            &[
                ("n", &ms.len().to_string()),
                ("m", &judged.to_string()),
                ("orientation", &w.num(orientation)),
                ("months", &list(ms)),
            ],
        )
    };
    if !reached.is_empty() {
        f.worked
            .push(say("report-finding-months-reached", &reached));
    }
    if !missed.is_empty() {
        f.not_worked
            .push(say("report-finding-months-missed", &missed));
    }
    if unknown > 0 {
        f.open.push(w.ta(
            "report-finding-months-unknown",
            &[("n", &unknown.to_string())],
        ));
    }
}

fn topic_sentence(w: &Words, key: &str, l: &TopicLine, s: &GroupStats) -> String {
    let mut out = w.ta(
        key,
        &[
            ("category", &l.title),
            (
                "median",
                &s.median_impressions
                    .map_or("–".into(), |m| w.num(m.round() as i64)),
            ),
            (
                "rate",
                &s.median_engagement_rate.map_or("–".into(), |r| w.pct(r)),
            ),
            ("n", &w.count(l.posts)),
        ],
    );
    if l.posts < SMALL_SAMPLE_POSTS {
        out.push(' ');
        out.push_str(&w.ta(
            "report-finding-small-sample",
            &[("min", &SMALL_SAMPLE_POSTS.to_string())],
        ));
    }
    out
}

fn topics(d: &ReportData, w: &Words, f: &mut Findings) {
    match extremes(&d.figures.categories) {
        Some((best, weakest)) => {
            if let Some(s) = best.stats.value() {
                f.worked
                    .push(topic_sentence(w, "report-finding-best-category", best, s));
            }
            if let Some((l, s)) = weakest.and_then(|l| l.stats.value().map(|s| (l, s))) {
                f.not_worked
                    .push(topic_sentence(w, "report-finding-weakest-category", l, s));
            }
        }
        None if !d.figures.categories.is_empty() => {
            f.open.push(w.t("report-finding-topics-none"));
        }
        None => {}
    }
    let hidden = d
        .figures
        .topics
        .iter()
        .filter(|t| t.stats.is_suppressed())
        .count();
    if hidden > 0 {
        f.open.push(w.ta(
            "report-finding-topics-unknown",
            &[("n", &hidden.to_string())],
        ));
    }
}

fn page(d: &ReportData, w: &Words, f: &mut Findings) {
    match (d.page.first, d.page.last) {
        (Some((_, first)), Some((_, last))) => {
            let args = [("first", w.num(first)), ("last", w.num(last))];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if last > first {
                f.worked.push(w.ta("report-finding-page-grew", &args));
            } else {
                f.not_worked.push(w.ta("report-finding-page-flat", &args));
            }
        }
        _ => f.open.push(w.t("report-page-none")),
    }
    let statements = w.effect_statements(&d.effect);
    match d.effect.followers {
        Some(c) => {
            // The comparison and how sure it is: the first two statements.
            let text = statements[..2.min(statements.len())].join(" ");
            match c.certainty {
                Certainty::Clear if c.difference > 0.0 => f.worked.push(text),
                Certainty::Clear => f.not_worked.push(text),
                Certainty::Unclear | Certainty::TooFewData => f.open.push(text),
            }
        }
        None => f.open.push(w.t("analytics-effect-none")),
    }
}

fn links(d: &ReportData, w: &Words, f: &mut Findings) {
    match &d.links.cohort {
        Shown::Value(l) if l.links == 0 => f.open.push(w.t("report-finding-no-links")),
        Shown::Value(l) => {
            let args = [
                ("links", w.num(l.links as i64)),
                ("clicks", w.num(l.clicks as i64)),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if l.clicks > 0 {
                f.worked.push(w.ta("report-finding-links", &args));
            } else {
                f.not_worked
                    .push(w.ta("report-finding-links-no-clicks", &args));
            }
        }
        Shown::Suppressed { .. } => f.open.push(w.t("report-finding-links-unknown")),
    }
}

#[cfg(test)]
mod tests {
    use amtfluencer_domain::analytics::GroupStats;
    use amtfluencer_domain::privacy::gate;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn stats(posts: usize, people: usize, median: Option<f64>) -> GroupStats {
        GroupStats {
            posts,
            people,
            impressions: 1000,
            interactions: 50,
            median_impressions: median,
            median_engagement_rate: Some(0.05),
        }
    }

    fn month(m: &str, posts: usize, people: usize) -> Month {
        Month {
            month: day(m),
            posts: gate(people, stats(posts, people, Some(100.0))),
            orientation: 20,
        }
    }

    #[test]
    fn only_whole_months_are_judged_against_the_orientation() {
        let months = [
            month("2026-02-01", 25, 8),
            month("2026-03-01", 12, 6),
            month("2026-04-01", 20, 3),
            month("2026-05-01", 2, 2),
        ];
        // The period ends mid-May: May is not judged, however few posts it has.
        let range = Range {
            from: day("2026-02-01"),
            to: day("2026-05-10"),
        };
        let (reached, missed, unknown) = judge_months(&months, range);
        assert_eq!(reached.len(), 1, "February: 25 of 20");
        assert_eq!(missed.len(), 1, "March: 12 of 20");
        assert_eq!(missed[0].month, day("2026-03-01"));
        assert_eq!(unknown, 1, "April: fewer than five people");
    }

    #[test]
    fn a_month_begun_mid_month_is_not_whole() {
        let r = Range {
            from: day("2026-02-15"),
            to: day("2026-04-30"),
        };
        assert!(!whole_month(day("2026-02-01"), r));
        assert!(whole_month(day("2026-03-01"), r));
        assert!(whole_month(day("2026-04-01"), r));
    }

    fn line(title: &str, posts: usize, people: usize, median: Option<f64>) -> TopicLine {
        TopicLine {
            title: title.into(),
            posts,
            stats: gate(people, stats(posts, people, median)),
        }
    }

    #[test]
    fn the_best_and_weakest_areas_are_the_ends_of_the_shown_ranking() {
        let lines = [
            line("Bauen", 40, 9, Some(900.0)),
            line("Kultur", 12, 5, Some(300.0)),
            line("Ohne Zahlen", 3, 6, None),
            line("Sport", 4, 2, Some(5000.0)),
        ];
        let (best, weakest) = extremes(&lines).unwrap();
        assert_eq!(best.title, "Bauen");
        assert_eq!(
            weakest.unwrap().title,
            "Kultur",
            "suppressed and empty lines are skipped"
        );
        let (_, weakest) = extremes(&lines[..1]).unwrap();
        assert!(weakest.is_none(), "one area is not its own weakest");
        assert!(extremes(&lines[3..]).is_none());
    }
}
