//! The authority page's days with the ambassadors' posting activity laid over them, and how
//! much the page moves after ambassador posts. Posting activity is a count over everyone, so
//! no person's figures are involved.

use std::collections::BTreeMap;

use amtfluencer_domain::analytics::{Comparison, Correlation, before_after, lagged_correlation};
use amtfluencer_domain::privacy::AggregateAccess;
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};

use super::Range;
use crate::tenancy::TenantId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDay {
    pub day: NaiveDate,
    pub followers: Option<i64>,
    pub new_followers: Option<i64>,
    pub impressions: Option<i64>,
    /// Ambassador posts published that day.
    pub posts: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageEffect {
    pub days: Vec<PageDay>,
    /// New followers against posts 0–3 days earlier.
    pub correlations: Vec<Correlation>,
    /// New followers on the day of a post and the day after, against other days.
    pub followers: Option<Comparison>,
    /// Page impressions the same way.
    pub impressions: Option<Comparison>,
}

/// Days after a post that count as "after ambassador posts" (the day itself and the next).
pub const WINDOW_DAYS: usize = 1;

pub async fn page_effect(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    _: &AggregateAccess,
    range: Range,
) -> Result<PageEffect, DbErr> {
    let mut days: BTreeMap<NaiveDate, PageDay> = BTreeMap::new();
    let mut d = range.from;
    while d <= range.to {
        days.insert(
            d,
            PageDay {
                day: d,
                followers: None,
                new_followers: None,
                impressions: None,
                posts: 0,
            },
        );
        d += Duration::days(1);
    }
    let page = Query::select()
        .columns(["day", "followers", "new_followers", "impressions"])
        .from("page_metrics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("channel").eq("linkedin"))
        .and_where(Expr::col("day").gte(range.from))
        .and_where(Expr::col("day").lte(range.to))
        .to_owned();
    for r in db.query_all(&page).await? {
        let day: NaiveDate = r.try_get("", "day")?;
        if let Some(e) = days.get_mut(&day) {
            // Several sources for one day: the largest figures win, as for posts.
            let max = |a: Option<i64>, b: i64| Some(a.map_or(b, |a| Ord::max(a, b)));
            e.followers = max(e.followers, r.try_get("", "followers")?);
            e.new_followers = max(e.new_followers, r.try_get("", "new_followers")?);
            e.impressions = max(e.impressions, r.try_get("", "impressions")?);
        }
    }
    // The day's posts: the dashboards' facts of the period, which are often kept already.
    for f in super::facts::everyones_facts(db, tenant, range)
        .await?
        .iter()
    {
        if let Some(e) = days.get_mut(&f.published.date_naive()) {
            e.posts += 1;
        }
    }
    let days: Vec<PageDay> = days.into_values().collect();
    // Only days with page figures take part in the statistics.
    let measured: Vec<&PageDay> = days.iter().filter(|d| d.new_followers.is_some()).collect();
    let activity: Vec<f64> = measured.iter().map(|d| d.posts as f64).collect();
    let gains: Vec<f64> = measured
        .iter()
        .map(|d| d.new_followers.unwrap_or(0) as f64)
        .collect();
    let impressions: Vec<f64> = measured
        .iter()
        .map(|d| d.impressions.unwrap_or(0) as f64)
        .collect();
    Ok(PageEffect {
        correlations: (0..=3)
            .filter_map(|lag| lagged_correlation(&activity, &gains, lag))
            .collect(),
        followers: before_after(&activity, &gains, WINDOW_DAYS),
        impressions: before_after(&activity, &impressions, WINDOW_DAYS),
        days,
    })
}
