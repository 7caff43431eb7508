//! One cohort's figures for its evaluation report: the posts of its participants in a period,
//! by month and by topic, under the same minimum group size as the dashboards.

use amtfluencer_domain::analytics::GroupStats;
use amtfluencer_domain::privacy::{AggregateAccess, Shown, gate};
use sea_orm::{ConnectionTrait, DbErr};

use super::facts::{self, PostFact, Scope, post_facts};
use super::{Month, Range, TopicLine, by_month, by_topic, group};
use crate::tenancy::TenantId;

#[derive(Debug, Clone, PartialEq)]
pub struct CohortFigures {
    pub total: Shown<GroupStats>,
    /// Participants with at least one published post in the period.
    pub posters: usize,
    pub months: Vec<Month>,
    pub topics: Vec<TopicLine>,
    pub categories: Vec<TopicLine>,
}

/// The posts of the cohort's participants published in the range. The orientation is what the
/// cohort's active participants aim for together each month (the dashboard's rule, for the
/// cohort).
pub async fn cohort(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    _: &AggregateAccess,
    cohort_id: i64,
    range: Range,
) -> Result<CohortFigures, DbErr> {
    let facts = post_facts(db, tenant, range, Scope::Cohort(cohort_id)).await?;
    let orientation = facts::orientation(db, tenant, Some(cohort_id)).await?;
    let topics = facts::topic_names(db, tenant).await?;
    let all: Vec<&PostFact> = facts.iter().collect();
    let total = group(&all);
    let (topics, categories) = by_topic(&facts, &topics);
    Ok(CohortFigures {
        posters: total.people,
        total: gate(total.people, total),
        months: by_month(&all, range, orientation),
        topics,
        categories,
    })
}
