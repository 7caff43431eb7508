//! The figures on an authority's start page: aggregates only, never per-person figures.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::{cohort, event};
use crate::tenancy::TenantId;

#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub active_ambassadors: i64,
    pub paused_ambassadors: i64,
    pub published_in_cohort: i64,
    pub published_total: i64,
    pub scheduled: i64,
    pub topics: i64,
    pub current_cohort: Option<cohort::Model>,
    pub next_events: Vec<event::Model>,
}

async fn count(
    db: &impl ConnectionTrait,
    table: &'static str,
    tenant: TenantId,
    filter: Expr,
) -> Result<i64, DbErr> {
    let stmt = Query::select()
        .expr(Expr::col("id").count())
        .from(table)
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(filter)
        .to_owned();
    let row = db.query_one(&stmt).await?;
    Ok(row
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0))
}

/// The start page's figures at the time `at`.
pub async fn load(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    at: DateTime<Utc>,
) -> Result<Overview, DbErr> {
    let current_cohort = cohort::Entity::find()
        .filter(cohort::Column::TenantId.eq(tenant.0))
        .filter(cohort::Column::Status.is_in(["running", "evaluating"]))
        .order_by_desc(cohort::Column::StartsOn)
        .one(db)
        .await?;
    let next_events = event::Entity::find()
        .filter(event::Column::TenantId.eq(tenant.0))
        .filter(event::Column::StartsAt.gte(at))
        .order_by_asc(event::Column::StartsAt)
        .limit(3)
        .all(db)
        .await?;
    Ok(Overview {
        active_ambassadors: count(db, "ambassadors", tenant, Expr::col("status").eq("active"))
            .await?,
        paused_ambassadors: count(db, "ambassadors", tenant, Expr::col("status").eq("paused"))
            .await?,
        published_in_cohort: match &current_cohort {
            Some(c) => {
                count(
                    db,
                    "posts",
                    tenant,
                    Expr::col("status")
                        .eq("published")
                        .and(Expr::col("published_at").gte(day_start(c.starts_on)))
                        .and(
                            Expr::col("published_at")
                                .lt(day_start(c.ends_on.succ_opt().unwrap_or(c.ends_on))),
                        ),
                )
                .await?
            }
            None => 0,
        },
        published_total: count(db, "posts", tenant, Expr::col("status").eq("published")).await?,
        scheduled: count(db, "posts", tenant, Expr::col("status").eq("scheduled")).await?,
        topics: count(db, "topics", tenant, Expr::col("status").eq("active")).await?,
        current_cohort,
        next_events,
    })
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN))
}
