//! The authority page's days (`page_metrics`), one row per channel, day and source.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, Value};

use crate::tenancy::TenantId;

/// One stored day; `id` is `None` for a day not stored yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageDayRow {
    pub id: Option<i64>,
    pub day: NaiveDate,
    pub followers: i64,
    pub new_followers: i64,
    pub impressions: i64,
    pub unique_impressions: Option<i64>,
    pub clicks: Option<i64>,
    pub reactions: i64,
    pub comments: i64,
    pub reposts: i64,
}

const COLS: [&str; 10] = [
    "id",
    "day",
    "followers",
    "new_followers",
    "impressions",
    "unique_impressions",
    "clicks",
    "reactions",
    "comments",
    "reposts",
];

/// The stored days of one source between `from` and `to` (both included), by day.
pub async fn page_days(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    channel: &str,
    source: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<NaiveDate, PageDayRow>, DbErr> {
    let stmt = Query::select()
        .columns(COLS)
        .from("page_metrics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("channel").eq(channel))
        .and_where(Expr::col("source").eq(source))
        .and_where(Expr::col("day").gte(from))
        .and_where(Expr::col("day").lte(to))
        .to_owned();
    let mut out = HashMap::new();
    for r in db.query_all(&stmt).await? {
        let row = PageDayRow {
            id: Some(r.try_get("", "id")?),
            day: r.try_get("", "day")?,
            followers: r.try_get("", "followers")?,
            new_followers: r.try_get("", "new_followers")?,
            impressions: r.try_get("", "impressions")?,
            unique_impressions: r.try_get("", "unique_impressions")?,
            clicks: r.try_get("", "clicks")?,
            reactions: r.try_get("", "reactions")?,
            comments: r.try_get("", "comments")?,
            reposts: r.try_get("", "reposts")?,
        };
        out.insert(row.day, row);
    }
    Ok(out)
}

/// The follower count at the end of the last stored day before `day` (0 without one).
pub async fn followers_before(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    channel: &str,
    day: NaiveDate,
) -> Result<i64, DbErr> {
    let stmt = Query::select()
        .column("followers")
        .from("page_metrics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("channel").eq(channel))
        .and_where(Expr::col("day").lt(day))
        .order_by("day", Order::Desc)
        .limit(1)
        .to_owned();
    Ok(match db.query_one(&stmt).await? {
        Some(r) => r.try_get("", "followers")?,
        None => 0,
    })
}

fn values(r: &PageDayRow) -> [Value; 9] {
    [
        r.followers.into(),
        r.new_followers.into(),
        r.impressions.into(),
        r.unique_impressions.into(),
        r.clicks.into(),
        r.reactions.into(),
        r.comments.into(),
        r.reposts.into(),
        r.day.into(),
    ]
}

/// Inserts the day, or updates it when it has an id.
pub async fn save_page_day(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    channel: &str,
    source: &str,
    import_id: Option<i64>,
    row: &PageDayRow,
) -> Result<(), DbErr> {
    let cols = &COLS[2..];
    let vals = values(row);
    match row.id {
        Some(id) => {
            let mut stmt = Query::update();
            stmt.table("page_metrics")
                .value("import_id", import_id)
                .and_where(Expr::col("tenant_id").eq(tenant.0))
                .and_where(Expr::col("id").eq(id));
            for (c, v) in cols.iter().zip(vals) {
                stmt.value(*c, v);
            }
            db.execute(&stmt).await.map(|_| ())
        }
        None => {
            let mut all = vec!["tenant_id", "channel", "source", "import_id", "day"];
            all.extend(cols);
            let [f, nf, imp, ui, cl, re, co, rp, day] = vals;
            let row = vec![
                tenant.0.into(),
                channel.into(),
                source.into(),
                import_id.into(),
                day,
                f,
                nf,
                imp,
                ui,
                cl,
                re,
                co,
                rp,
            ];
            super::super::bulk::insert_rows(db, "page_metrics", &all, vec![row]).await
        }
    }
}
