//! The report's figures, read once from the database. Everything goes through the aggregate
//! functions that want an [`AggregateAccess`]; counts of people are gated by the minimum group
//! size like every other breakdown, so no format can show more than the dashboards do.

use std::collections::BTreeMap;

use amtfluencer_domain::money::per_thousand;
use amtfluencer_domain::onboarding::Step;
use amtfluencer_domain::privacy::{AggregateAccess, Shown, gate};
use amtfluencer_domain::programme::{AmbassadorStatus, Track};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::db::analytics::{
    CohortFigures, Freshness, LinkClicks, PageDay, PageEffect, Range, cohort, freshness,
    link_clicks, page_effect,
};
use crate::db::costs::Budget;
use crate::db::{self, entities::cohort as cohort_entity};
use crate::tenancy::TenantId;

/// Who took part, in counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Participants {
    pub total: usize,
    /// People per status, in lifecycle order.
    pub by_status: Vec<(AmbassadorStatus, Shown<usize>)>,
    pub by_track: Vec<(Track, Shown<usize>)>,
    /// People who have done each onboarding step.
    pub steps: Vec<(Step, Shown<usize>)>,
    /// People who have done every step.
    pub onboarded: Shown<usize>,
}

/// One month of the authority's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageMonth {
    pub month: NaiveDate,
    /// The last known follower count of the month.
    pub followers: Option<i64>,
    pub new_followers: Option<i64>,
    pub impressions: Option<i64>,
    /// Posts of all Amtfluencer that month (a count over everyone).
    pub posts: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageGrowth {
    pub months: Vec<PageMonth>,
    /// The first and the last known follower count in the period, with their days.
    pub first: Option<(NaiveDate, i64)>,
    pub last: Option<(NaiveDate, i64)>,
    pub new_followers: Option<i64>,
    pub impressions: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    pub authority: String,
    pub cohort: cohort_entity::Model,
    /// The cohort's period, up to today while it is still running.
    pub range: Range,
    pub cut_at_today: bool,
    /// Whether the cohort has begun at all.
    pub started: bool,
    pub generated_at: DateTime<Utc>,
    pub participants: Participants,
    pub figures: CohortFigures,
    pub page: PageGrowth,
    pub effect: PageEffect,
    pub links: LinkClicks,
    pub budget: Budget,
    /// What 1,000 impressions of the cohort's posts cost, in cents; suppressed with the
    /// impressions, `None` without any.
    pub cost_per_thousand: Shown<Option<i64>>,
    /// The name of the person who decided, if anyone has.
    pub decided_by: Option<String>,
    pub freshness: Freshness,
}

/// Reads everything the report shows about one cohort of the authority.
pub async fn load(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    access: &AggregateAccess,
    authority: &str,
    c: cohort_entity::Model,
    now: DateTime<Utc>,
) -> Result<ReportData, DbErr> {
    let today = now.date_naive();
    let started = c.starts_on <= today;
    let cut_at_today = started && c.ends_on > today;
    let range = Range {
        from: c.starts_on,
        to: if cut_at_today { today } else { c.ends_on },
    };
    let figures = cohort(db, tenant, access, c.id, range).await?;
    let effect = page_effect(db, tenant, access, range).await?;
    let budget = db::costs::budget(db, tenant, c.id).await?;
    let cost_per_thousand = match &figures.total {
        Shown::Value(s) => Shown::Value(per_thousand(budget.total_cents, s.impressions)),
        Shown::Suppressed { people } => Shown::Suppressed { people: *people },
    };
    let decided_by = match c.decided_by {
        Some(id) => db::users::by_id(db, id).await?.map(|u| u.display_name),
        None => None,
    };
    Ok(ReportData {
        authority: authority.to_owned(),
        participants: participants(db, tenant, c.id).await?,
        page: growth(&effect.days),
        links: link_clicks(db, tenant, access, range, c.id).await?,
        freshness: freshness(db, tenant).await?,
        cohort: c,
        range,
        cut_at_today,
        started,
        generated_at: now,
        figures,
        effect,
        budget,
        cost_per_thousand,
        decided_by,
    })
}

async fn participants(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort_id: i64,
) -> Result<Participants, DbErr> {
    let people: Vec<_> = db::ambassadors::list(db, tenant)
        .await?
        .into_iter()
        .filter(|a| a.cohort_id == Some(cohort_id))
        .collect();
    let facts = db::onboarding::facts_all(db, tenant, &people).await?;
    let counted = |n: usize| gate(n, n);
    let by_status = AmbassadorStatus::ALL
        .iter()
        .map(|s| {
            let n = people.iter().filter(|p| p.status == s.as_str()).count();
            (*s, counted(n))
        })
        .collect();
    let by_track = Track::ALL
        .iter()
        .map(|t| {
            let n = people.iter().filter(|p| p.track == t.as_str()).count();
            (*t, counted(n))
        })
        .collect();
    let steps = Step::ALL
        .iter()
        .map(|s| (*s, counted(facts.iter().filter(|f| s.done(f)).count())))
        .collect();
    let onboarded = facts
        .iter()
        .filter(|f| Step::ALL.iter().all(|s| s.done(f)))
        .count();
    Ok(Participants {
        total: people.len(),
        by_status,
        by_track,
        steps,
        onboarded: counted(onboarded),
    })
}

/// The page's days summed up by month, and the follower count at both ends of the period.
pub fn growth(days: &[PageDay]) -> PageGrowth {
    let add = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (a, None) => a,
        (a, Some(b)) => Some(a.unwrap_or(0) + b),
    };
    let mut months: BTreeMap<NaiveDate, PageMonth> = BTreeMap::new();
    let mut out = PageGrowth::default();
    for d in days {
        let first = d.day.with_day(1).unwrap_or(d.day);
        let m = months.entry(first).or_insert(PageMonth {
            month: first,
            followers: None,
            new_followers: None,
            impressions: None,
            posts: 0,
        });
        m.followers = d.followers.or(m.followers);
        m.new_followers = add(m.new_followers, d.new_followers);
        m.impressions = add(m.impressions, d.impressions);
        m.posts += d.posts;
        if let Some(f) = d.followers {
            out.first = out.first.or(Some((d.day, f)));
            out.last = Some((d.day, f));
        }
        out.new_followers = add(out.new_followers, d.new_followers);
        out.impressions = add(out.impressions, d.impressions);
    }
    out.months = months.into_values().collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str, followers: Option<i64>, new: Option<i64>, posts: i64) -> PageDay {
        PageDay {
            day: NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
            followers,
            new_followers: new,
            impressions: new.map(|n| n * 10),
            posts,
        }
    }

    #[test]
    fn the_page_is_summed_by_month_and_its_ends_are_the_first_and_last_known_counts() {
        let g = growth(&[
            day("2026-02-27", None, None, 1),
            day("2026-02-28", Some(1000), Some(4), 0),
            day("2026-03-01", Some(1003), Some(3), 2),
            day("2026-03-02", None, None, 0),
            day("2026-03-03", Some(1010), Some(7), 1),
        ]);
        assert_eq!(g.months.len(), 2);
        assert_eq!(g.months[0].followers, Some(1000));
        assert_eq!(g.months[0].posts, 1);
        assert_eq!(g.months[1].new_followers, Some(10));
        assert_eq!(g.months[1].impressions, Some(100));
        assert_eq!(g.months[1].posts, 3);
        assert_eq!(g.months[1].followers, Some(1010));
        assert_eq!(g.first.map(|f| f.1), Some(1000));
        assert_eq!(g.last.map(|f| f.1), Some(1010));
        assert_eq!(g.new_followers, Some(14));
    }

    #[test]
    fn a_period_without_page_figures_has_none_rather_than_zero() {
        let g = growth(&[day("2026-02-27", None, None, 3)]);
        assert_eq!(g.new_followers, None);
        assert_eq!(g.first, None);
        assert_eq!(g.months[0].posts, 3);
    }
}
