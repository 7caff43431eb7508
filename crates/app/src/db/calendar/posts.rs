//! Posts as the calendar sees them: planned ones (a topic, a person, a time) and published
//! ones. The post studio writes their text; the calendar only sets topic, time and status.

use std::collections::HashMap;

use amtfluencer_domain::calendar::{HourPerformance, PlannedPost};
use amtfluencer_domain::programme::PostStatus;
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::post::{self, Column as P, Entity as Posts};
use crate::db::{ambassadors, now, topics};
use crate::tenancy::TenantId;

/// A post in the calendar with what is shown about it.
#[derive(Debug, Clone)]
pub struct CalendarPost {
    pub post: post::Model,
    /// Publication time, or the planned time.
    pub at: DateTime<Utc>,
    pub first_name: String,
    pub last_name: String,
    pub topic_title: Option<String>,
}

impl CalendarPost {
    pub fn published(&self) -> bool {
        self.post.status == PostStatus::Published.as_str()
    }
}

/// When a post is (or was) due: its publication time, else its planned time.
pub fn when(p: &post::Model) -> Option<DateTime<Utc>> {
    if p.status == PostStatus::Published.as_str() {
        p.published_at.or(p.scheduled_at)
    } else {
        p.scheduled_at
    }
}

/// Posts of the authority due in `[from, to)`, by time.
pub async fn in_range(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<CalendarPost>, DbErr> {
    let rows = Posts::find()
        .filter(P::TenantId.eq(tenant.0))
        .filter(
            Condition::any()
                .add(P::ScheduledAt.gte(from).and(P::ScheduledAt.lt(to)))
                .add(P::PublishedAt.gte(from).and(P::PublishedAt.lt(to))),
        )
        .order_by_asc(P::Id)
        .all(db)
        .await?;
    let people: HashMap<i64, (String, String)> = ambassadors::list(db, tenant)
        .await?
        .into_iter()
        .map(|a| (a.id, (a.first_name, a.last_name)))
        .collect();
    let topics: HashMap<i64, String> = topics::list(db, tenant)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let mut out: Vec<CalendarPost> = rows
        .into_iter()
        .filter_map(|p| {
            let at = when(&p).filter(|at| *at >= from && *at < to)?;
            let (first_name, last_name) = people.get(&p.ambassador_id).cloned().unwrap_or_default();
            let topic_title = p.topic_id.and_then(|t| topics.get(&t).cloned());
            Some(CalendarPost {
                post: p,
                at,
                first_name,
                last_name,
                topic_title,
            })
        })
        .collect();
    out.sort_by_key(|p| (p.at, p.post.id));
    Ok(out)
}

/// The posts around `at` (two weeks either side) as the domain's warnings need them,
/// without the post `except`.
pub async fn neighbours(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    at: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<PlannedPost>, DbErr> {
    let span = chrono::TimeDelta::days(14);
    Ok(in_range(db, tenant, at - span, at + span)
        .await?
        .into_iter()
        .filter(|p| Some(p.post.id) != except)
        .map(|p| PlannedPost {
            at: p.at,
            topic: p.post.topic_id,
        })
        .collect())
}

pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<post::Model>, DbErr> {
    Posts::find_by_id(id)
        .filter(P::TenantId.eq(tenant.0))
        .one(db)
        .await
}

/// A checked plan: who posts about what, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPlan {
    pub ambassador_id: i64,
    pub topic_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub status: PostStatus,
}

pub async fn plan(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewPlan,
) -> Result<post::Model, DbErr> {
    let t = now();
    post::ActiveModel {
        tenant_id: Set(tenant.0),
        ambassador_id: Set(new.ambassador_id),
        topic_id: Set(new.topic_id),
        channel: Set("linkedin".to_owned()),
        status: Set(new.status.as_str().to_owned()),
        body: Set(String::new()),
        scheduled_at: Set(Some(new.at)),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Changes topic, time and status of a post fetched through [`get`].
pub async fn update(
    db: &impl ConnectionTrait,
    p: &post::Model,
    topic_id: Option<i64>,
    at: DateTime<Utc>,
    status: PostStatus,
) -> Result<post::Model, DbErr> {
    let mut m: post::ActiveModel = p.clone().into();
    m.topic_id = Set(topic_id);
    m.scheduled_at = Set(Some(at));
    m.status = Set(status.as_str().to_owned());
    m.updated_at = Set(now());
    m.update(db).await
}

pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<bool, DbErr> {
    let res = Posts::delete_many()
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Median impressions of published posts by local weekday and hour of publication.
pub async fn performance(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    tz: Tz,
) -> Result<Vec<HourPerformance>, DbErr> {
    let figures = topics::latest_figures(db, tenant).await?;
    let published: Vec<(i64, DateTime<Utc>)> = Posts::find()
        .select_only()
        .columns([P::Id, P::PublishedAt])
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::Status.eq(PostStatus::Published.as_str()))
        .filter(P::PublishedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut buckets: HashMap<(chrono::Weekday, u32), Vec<i64>> = HashMap::new();
    for (id, at) in published {
        let Some(&(imp, _)) = figures.get(&id) else {
            continue;
        };
        let local = at.with_timezone(&tz);
        buckets
            .entry((local.weekday(), local.hour()))
            .or_default()
            .push(imp);
    }
    let mut out: Vec<HourPerformance> = buckets
        .into_iter()
        .map(|((weekday, hour), mut v)| {
            v.sort_unstable();
            let median = v.get(v.len() / 2).copied().unwrap_or(0);
            HourPerformance {
                weekday,
                hour,
                median_impressions: u32::try_from(median).unwrap_or(u32::MAX),
                posts: u32::try_from(v.len()).unwrap_or(u32::MAX),
            }
        })
        .collect();
    out.sort_by_key(|p| (p.weekday.num_days_from_monday(), p.hour));
    Ok(out)
}
