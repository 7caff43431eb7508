//! How topics were used and how they performed: counts, the last use, and medians over each
//! post's latest figures. Aggregates only; no names.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

use crate::db::analytics::packed;
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
    /// Interactions (reactions, comments, reposts and clicks, as on the dashboards) per
    /// impression, in percent.
    pub median_engagement: Option<f64>,
}

/// The latest figures of each post: (impressions, reactions + comments + reposts).
pub async fn latest_figures(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    crate::db::metrics::figures::all(db, tenant).await
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
    amtfluencer_domain::analytics::median_of(&mut v)
}

/// A published post with a topic, as the stats read it from the dashboards' facts:
/// (topic, published, impressions and interactions when it has figures).
type TopicFact = (i64, DateTime<Utc>, Option<(i64, i64)>);

/// The published posts with a topic, from the narrow `post_facts`. On SQLite as one
/// packed text (see `analytics::packed`): a large authority has hundreds of thousands.
async fn topic_facts(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<TopicFact>, DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        let sql = "SELECT group_concat(topic_id || ',' || published_at || ',' || \
                   IFNULL(impressions, '') || ',' || IFNULL(interactions, ''), ';') \
                   FROM post_facts WHERE tenant_id = ? AND topic_id IS NOT NULL";
        let stmt = Statement::from_sql_and_values(DbBackend::Sqlite, sql, [tenant.0.into()]);
        let text = packed::packed_text(db, stmt).await?;
        return text
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let bad = || DbErr::Custom(format!("unreadable topic fact: {s}"));
                let f: Vec<&str> = s.split(',').collect();
                let [topic, published, impressions, interactions] = f.as_slice() else {
                    return Err(bad());
                };
                let figures = if impressions.is_empty() {
                    None
                } else {
                    let n = |t: &str| t.parse::<i64>().map_err(|_| bad());
                    Some((
                        n(impressions)?,
                        if interactions.is_empty() {
                            0
                        } else {
                            n(interactions)?
                        },
                    ))
                };
                Ok((
                    topic.parse().map_err(|_| bad())?,
                    packed::timestamp(published).ok_or_else(bad)?,
                    figures,
                ))
            })
            .collect();
    }
    let stmt = Query::select()
        .columns(["topic_id", "published_at", "impressions", "interactions"])
        .from("post_facts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("topic_id").is_not_null())
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&stmt).await? {
        let impressions: Option<i64> = r.try_get_by_index(2)?;
        let interactions: Option<i64> = r.try_get_by_index(3)?;
        out.push((
            r.try_get_by_index(0)?,
            r.try_get_by_index(1)?,
            impressions.map(|i| (i, interactions.unwrap_or(0))),
        ));
    }
    Ok(out)
}

/// Posts per topic, in any status, counted by the database.
async fn posts_per_topic(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    authors: Option<SimpleExpr>,
) -> Result<HashMap<i64, u32>, DbErr> {
    let mut stmt = Query::select();
    // `COUNT(*)`, not `COUNT(id)`: the index by authority and topic answers it alone,
    // without visiting the posts (94 → 50 ms on PostgreSQL at the demo ×100).
    stmt.column("topic_id")
        .expr(Expr::col(Asterisk).count())
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("topic_id").is_not_null())
        .group_by_col("topic_id");
    if let Some(condition) = authors {
        stmt.and_where(condition);
    }
    let mut out = HashMap::new();
    for r in db.query_all(&stmt).await? {
        let n: i64 = r.try_get_by_index(1)?;
        out.insert(r.try_get_by_index(0)?, u32::try_from(n).unwrap_or(u32::MAX));
    }
    Ok(out)
}

/// Use and performance of every topic that was used or planned. Performance is counted as on
/// the dashboards: each published post with its latest impressions and interactions.
pub async fn stats(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, TopicStats>, DbErr> {
    let mut out: HashMap<i64, TopicStats> = posts_per_topic(db, tenant, None)
        .await?
        .into_iter()
        .map(|(topic, n)| {
            let s = TopicStats {
                planned: n,
                ..TopicStats::default()
            };
            (topic, s)
        })
        .collect();
    let mut samples: HashMap<i64, (Vec<i64>, Vec<f64>)> = HashMap::new();
    for (topic, at, figures) in topic_facts(db, tenant).await? {
        let s = out.entry(topic).or_default();
        // Counted among all posts above: a published one is not planned.
        s.planned = s.planned.saturating_sub(1);
        s.uses += 1;
        s.last_used = Ord::max(s.last_used, Some(at));
        if let Some((imp, inter)) = figures {
            s.measured += 1;
            let e = samples.entry(topic).or_default();
            e.0.push(imp);
            if imp > 0 {
                e.1.push(100.0 * inter as f64 / imp as f64);
            }
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
/// planned, and how often colleagues of the same department used each topic (both counted
/// by the database, not read post by post).
pub async fn idea_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    department: &str,
) -> Result<(HashSet<i64>, HashMap<i64, u32>), DbErr> {
    let me = Expr::col("ambassador_id").eq(ambassador_id);
    let mine = posts_per_topic(db, tenant, Some(me))
        .await?
        .into_keys()
        .collect();
    let colleagues = Query::select()
        .column("id")
        .from("ambassadors")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("department").eq(department))
        .and_where(Expr::col("id").ne(ambassador_id))
        .to_owned();
    let of_colleagues = Expr::col("ambassador_id").in_subquery(colleagues);
    let department_uses = posts_per_topic(db, tenant, Some(of_colleagues)).await?;
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
