//! How topics were used and how they performed: counts, the last use, and medians over each
//! post's latest figures. Aggregates only; no names.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::db::calendar::post::{Column as P, Entity as Posts};
use crate::db::entities::ambassador::{Column as A, Entity as Ambassadors};
use crate::tenancy::TenantId;

/// Medians are shown only over at least this many posts with figures (a minimum group size,
/// so that a figure never stands for one person's post).
pub const MIN_POSTS_FOR_FIGURES: u32 = 3;

/// Use and performance of one topic.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicStats {
    /// Published posts.
    pub uses: u32,
    pub last_used: Option<DateTime<Utc>>,
    /// Posts planned but not yet published.
    pub planned: u32,
    /// Published posts with figures.
    pub measured: u32,
    /// `None` below [`MIN_POSTS_FOR_FIGURES`].
    pub median_impressions: Option<u64>,
    /// Reactions, comments and reposts per impression, in percent.
    pub median_engagement: Option<f64>,
}

/// The latest figures of each post: (impressions, reactions + comments + reposts).
pub async fn latest_figures(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    crate::db::metrics::figures::all(db, tenant).await
}

/// A post with a topic, in the columns the stats need (no text).
pub(crate) struct TopicPost {
    pub id: i64,
    pub ambassador_id: i64,
    pub topic_id: Option<i64>,
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
}

/// (id, author, topic, status, published) as read.
type TopicPostRow = (i64, i64, Option<i64>, String, Option<DateTime<Utc>>);

pub(crate) async fn posts_with_topic(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<TopicPost>, DbErr> {
    let rows: Vec<TopicPostRow> = Posts::find()
        .select_only()
        .columns([
            P::Id,
            P::AmbassadorId,
            P::TopicId,
            P::Status,
            P::PublishedAt,
        ])
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::TopicId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, ambassador_id, topic_id, status, published_at)| TopicPost {
                id,
                ambassador_id,
                topic_id,
                status,
                published_at,
            },
        )
        .collect())
}

fn median_u64(mut v: Vec<i64>) -> Option<u64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let mid = v.len() / 2;
    let m = if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2
    } else {
        v[mid]
    };
    u64::try_from(m).ok()
}

fn median_f64(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// Use and performance of every topic that was used or planned.
pub async fn stats(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, TopicStats>, DbErr> {
    let posts = posts_with_topic(db, tenant).await?;
    let figures = latest_figures(db, tenant).await?;
    let mut out: HashMap<i64, TopicStats> = HashMap::new();
    let mut samples: HashMap<i64, (Vec<i64>, Vec<f64>)> = HashMap::new();
    for p in posts {
        let Some(topic) = p.topic_id else { continue };
        let s = out.entry(topic).or_default();
        match p.published_at {
            Some(at) if p.status == "published" => {
                s.uses += 1;
                s.last_used = s.last_used.max(Some(at));
                if let Some(&(imp, inter)) = figures.get(&p.id) {
                    s.measured += 1;
                    let e = samples.entry(topic).or_default();
                    e.0.push(imp);
                    if imp > 0 {
                        e.1.push(100.0 * inter as f64 / imp as f64);
                    }
                }
            }
            _ => s.planned += 1,
        }
    }
    for (topic, (imp, eng)) in samples {
        if let Some(s) = out.get_mut(&topic)
            && s.measured >= MIN_POSTS_FOR_FIGURES
        {
            s.median_impressions = median_u64(imp);
            s.median_engagement = median_f64(eng);
        }
    }
    Ok(out)
}

/// What the "ideas for you" need besides the stats: the topics this person has used or
/// planned, and how often colleagues of the same department used each topic.
pub async fn idea_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    department: &str,
) -> Result<(HashSet<i64>, HashMap<i64, u32>), DbErr> {
    let colleagues: HashSet<i64> = Ambassadors::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Department.eq(department))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .filter(|id| *id != ambassador_id)
        .collect();
    let mut mine = HashSet::new();
    let mut department_uses: HashMap<i64, u32> = HashMap::new();
    for p in posts_with_topic(db, tenant).await? {
        let Some(topic) = p.topic_id else { continue };
        if p.ambassador_id == ambassador_id {
            mine.insert(topic);
        } else if colleagues.contains(&p.ambassador_id) {
            *department_uses.entry(topic).or_default() += 1;
        }
    }
    Ok((mine, department_uses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_take_the_middle_or_the_mean_of_the_two_middles() {
        assert_eq!(median_u64(vec![5, 1, 3]), Some(3));
        assert_eq!(median_u64(vec![4, 1, 3, 10]), Some(3));
        assert_eq!(median_u64(vec![]), None);
        assert_eq!(median_f64(vec![1.0, 2.0]), Some(1.5));
    }
}
