//! The raw reads behind the dashboards. Private to `analytics`: they return per-post rows with
//! the author's id, which only the gated functions of the parent module may turn into figures.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Order, Query};
use sea_orm::{ConnectionTrait, DbErr};

use super::Range;
use crate::tenancy::TenantId;

/// A published post with its latest figures (impressions, interactions), if any.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PostFact {
    pub post_id: i64,
    pub ambassador_id: i64,
    pub topic_id: Option<i64>,
    pub cohort_id: Option<i64>,
    pub published: DateTime<Utc>,
    pub excerpt: String,
    pub figures: Option<(i64, i64)>,
}

pub(super) fn start_of(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

pub(super) fn end_of(d: NaiveDate) -> DateTime<Utc> {
    start_of(d.succ_opt().unwrap_or(d))
}

/// Whose posts a read covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Everyone,
    Person(i64),
    Cohort(i64),
}

/// Published posts in the range, oldest first, with their latest figures.
pub(super) async fn post_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Range,
    scope: Scope,
) -> Result<Vec<PostFact>, DbErr> {
    let mut posts = Query::select();
    posts
        .expr_as(Expr::col(("p", "id")), "id")
        .expr_as(Expr::col(("p", "ambassador_id")), "ambassador_id")
        .expr_as(Expr::col(("p", "topic_id")), "topic_id")
        .expr_as(Expr::col(("p", "published_at")), "published_at")
        .expr_as(Expr::col(("p", "body")), "body")
        .expr_as(Expr::col(("a", "cohort_id")), "cohort_id")
        .from_as("posts", "p")
        .join_as(
            JoinType::InnerJoin,
            "ambassadors",
            "a",
            Expr::col(("a", "id")).equals(("p", "ambassador_id")),
        )
        .and_where(Expr::col(("p", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("p", "status")).eq("published"))
        .and_where(Expr::col(("p", "published_at")).gte(start_of(range.from)))
        .and_where(Expr::col(("p", "published_at")).lt(end_of(range.to)))
        .order_by(("p", "published_at"), Order::Asc)
        .order_by(("p", "id"), Order::Asc);
    let mut metrics = Query::select();
    metrics
        .expr_as(Expr::col(("m", "post_id")), "post_id")
        .expr_as(Expr::col(("m", "impressions")).max(), "impressions")
        .expr_as(Expr::col(("m", "reactions")).max(), "reactions")
        .expr_as(Expr::col(("m", "comments")).max(), "comments")
        .expr_as(Expr::col(("m", "reposts")).max(), "reposts")
        .expr_as(Expr::col(("m", "clicks")).max(), "clicks")
        .from_as("post_metrics", "m")
        .join_as(
            JoinType::InnerJoin,
            "posts",
            "p",
            Expr::col(("p", "id")).equals(("m", "post_id")),
        )
        .and_where(Expr::col(("m", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("p", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("p", "published_at")).gte(start_of(range.from)))
        .and_where(Expr::col(("p", "published_at")).lt(end_of(range.to)))
        .group_by_col(("m", "post_id"));
    match scope {
        Scope::Everyone => {}
        Scope::Person(id) => {
            posts.and_where(Expr::col(("p", "ambassador_id")).eq(id));
            metrics.and_where(Expr::col(("p", "ambassador_id")).eq(id));
        }
        Scope::Cohort(id) => {
            posts.and_where(Expr::col(("a", "cohort_id")).eq(id));
            metrics
                .join_as(
                    JoinType::InnerJoin,
                    "ambassadors",
                    "a",
                    Expr::col(("a", "id")).equals(("p", "ambassador_id")),
                )
                .and_where(Expr::col(("a", "cohort_id")).eq(id));
        }
    }
    let mut figures: HashMap<i64, (i64, i64)> = HashMap::new();
    for r in db.query_all(&metrics).await? {
        let get = |c: &str| r.try_get::<Option<i64>>("", c).map(|v| v.unwrap_or(0));
        let interactions = get("reactions")? + get("comments")? + get("reposts")? + get("clicks")?;
        figures.insert(
            r.try_get("", "post_id")?,
            (get("impressions")?, interactions),
        );
    }
    let mut out = Vec::new();
    for r in db.query_all(&posts).await? {
        let id: i64 = r.try_get("", "id")?;
        let body: String = r.try_get("", "body")?;
        let first = body.lines().next().unwrap_or_default();
        out.push(PostFact {
            post_id: id,
            ambassador_id: r.try_get("", "ambassador_id")?,
            topic_id: r.try_get("", "topic_id")?,
            cohort_id: r.try_get("", "cohort_id")?,
            published: r.try_get("", "published_at")?,
            excerpt: first.chars().take(90).collect(),
            figures: figures.get(&id).copied(),
        });
    }
    Ok(out)
}

/// Topic id → (title, category).
pub(super) async fn topic_names(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, (String, String)>, DbErr> {
    let stmt = Query::select()
        .columns(["id", "title", "category"])
        .from("topics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    let mut out = HashMap::new();
    for r in db.query_all(&stmt).await? {
        out.insert(
            r.try_get("", "id")?,
            (r.try_get("", "title")?, r.try_get("", "category")?),
        );
    }
    Ok(out)
}

/// People with at least one published post.
pub(super) async fn people_with_posts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashSet<i64>, DbErr> {
    let stmt = Query::select()
        .distinct()
        .column("ambassador_id")
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("status").eq("published"))
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| r.try_get("", "ambassador_id"))
        .collect()
}

/// People with a current (not withdrawn) consent to share their figures with the team.
pub(super) async fn sharing_consents(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashSet<i64>, DbErr> {
    let stmt = Query::select()
        .column("ambassador_id")
        .from("consents")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(
            Expr::col("kind")
                .eq(amtfluencer_domain::privacy::FigureConsent::FiguresToTeam.as_str()),
        )
        .and_where(Expr::col("withdrawn_at").is_null())
        .and_where(Expr::col("ambassador_id").is_not_null())
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| r.try_get("", "ambassador_id"))
        .collect()
}

/// Where a kind of figure came from and how fresh it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Freshness {
    /// The latest import of any file.
    pub last_import: Option<DateTime<Utc>>,
    /// The latest moment a post's figures were observed.
    pub posts_until: Option<DateTime<Utc>>,
    /// The latest day of the page's figures.
    pub page_until: Option<NaiveDate>,
}

pub async fn freshness(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Freshness, DbErr> {
    let latest = |table: &'static str, col: &'static str| {
        Query::select()
            .expr_as(Expr::col(col).max(), "latest")
            .from(table)
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .to_owned()
    };
    let one = |r: Option<sea_orm::QueryResult>| r;
    let imports = one(db.query_one(&latest("imports", "created_at")).await?);
    let posts = one(db.query_one(&latest("post_metrics", "observed_at")).await?);
    let page = one(db.query_one(&latest("page_metrics", "day")).await?);
    Ok(Freshness {
        last_import: imports
            .map(|r| r.try_get("", "latest"))
            .transpose()?
            .flatten(),
        posts_until: posts
            .map(|r| r.try_get("", "latest"))
            .transpose()?
            .flatten(),
        page_until: page.map(|r| r.try_get("", "latest")).transpose()?.flatten(),
    })
}
