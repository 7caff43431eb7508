//! The raw reads behind the dashboards. Private to `analytics`: they return per-post rows with
//! the author's id, which only the gated functions of the parent module may turn into figures.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query};
use sea_orm::{ConnectionTrait, DbBackend, DbErr};

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
pub(super) enum Scope<'a> {
    Everyone,
    Person(i64),
    Cohort(i64),
    /// These people's posts (none: no posts).
    Authors(&'a [i64]),
}

/// Published posts in the range, oldest first, with their latest figures (from
/// `post_facts`). The text's beginning is read only for one person's own posts.
///
/// At the scale of a large authority this reads tens of thousands of rows per dashboard, so
/// the statement is kept to what the one index of `post_facts` covers, and the columns are
/// read by position; the cohorts come from a separate small read and the order from a sort
/// in memory.
pub(super) async fn post_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Range,
    scope: Scope<'_>,
) -> Result<Vec<PostFact>, DbErr> {
    let with_text = matches!(scope, Scope::Person(_));
    let cohorts = cohorts_of(db, tenant).await?;
    let authors: Option<Vec<i64>> = match scope {
        Scope::Cohort(id) => Some(
            cohorts
                .iter()
                .filter(|(_, c)| **c == Some(id))
                .map(|(a, _)| *a)
                .collect(),
        ),
        Scope::Authors(ids) => Some(ids.to_vec()),
        Scope::Everyone | Scope::Person(_) => None,
    };
    if authors.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Vec::new());
    }
    if db.get_database_backend() == DbBackend::Sqlite && !with_text {
        let mut out: Vec<PostFact> = super::packed::read(db, tenant, range, authors.as_deref())
            .await?
            .into_iter()
            .map(
                |(id, author, topic, published, impressions, interactions)| PostFact {
                    post_id: id,
                    ambassador_id: author,
                    topic_id: topic,
                    cohort_id: cohorts.get(&author).copied().flatten(),
                    published,
                    excerpt: String::new(),
                    figures: impressions.map(|i| (i, interactions)),
                },
            )
            .collect();
        // Stable on purpose: the rows come in the index's order (by date), and the stable
        // sort finds that run in linear time, where an unstable one sorts it again.
        out.sort_by_key(|f| (f.published, f.post_id));
        return Ok(out);
    }
    let mut posts = Query::select();
    posts
        .column(("p", "post_id"))
        .column(("p", "ambassador_id"))
        .column(("p", "topic_id"))
        .column(("p", "published_at"))
        .column(("p", "impressions"))
        .column(("p", "interactions"))
        .from_as("post_facts", "p")
        .and_where(Expr::col(("p", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("p", "published_at")).gte(start_of(range.from)))
        .and_where(Expr::col(("p", "published_at")).lt(end_of(range.to)));
    if with_text {
        posts.column(("t", "body")).join_as(
            JoinType::InnerJoin,
            "posts",
            "t",
            Expr::col(("t", "id")).equals(("p", "post_id")),
        );
    }
    if let Scope::Person(id) = scope {
        posts.and_where(Expr::col(("p", "ambassador_id")).eq(id));
    }
    if let Some(ids) = authors {
        // On PostgreSQL (SQLite reads the packed text above): one array parameter, joined as
        // a set. With an `IN` list of one parameter per person, the plan PostgreSQL keeps for
        // a statement it has run five times compares every post of the period with every
        // listed person: 0.3 s for 900 people at the demo ×100, instead of 8 ms.
        let ids = crate::db::bulk::pg_ints(ids.into_iter().map(Some));
        posts.and_where(Expr::cust_with_values(
            "p.ambassador_id IN (SELECT unnest(CAST($1 AS bigint[])))",
            [ids],
        ));
    }
    let rows = db.query_all(&posts).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let excerpt = if with_text {
            let body: String = r.try_get_by_index(6)?;
            body.lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(90)
                .collect()
        } else {
            String::new()
        };
        let ambassador_id: i64 = r.try_get_by_index(1)?;
        let impressions: Option<i64> = r.try_get_by_index(4)?;
        let interactions: Option<i64> = r.try_get_by_index(5)?;
        out.push(PostFact {
            post_id: r.try_get_by_index(0)?,
            ambassador_id,
            topic_id: r.try_get_by_index(2)?,
            cohort_id: cohorts.get(&ambassador_id).copied().flatten(),
            published: r.try_get_by_index(3)?,
            excerpt,
            figures: impressions.map(|i| (i, interactions.unwrap_or(0))),
        });
    }
    out.sort_by_key(|f| (f.published, f.post_id));
    Ok(out)
}

/// Person → cohort, for everyone of the authority.
async fn cohorts_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, Option<i64>>, DbErr> {
    let stmt = Query::select()
        .columns(["id", "cohort_id"])
        .from("ambassadors")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?)))
        .collect()
}

/// Everyone of the authority as (id, first name, last name), sorted by last name, then first.
async fn people(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<(i64, String, String)>, DbErr> {
    let stmt = Query::select()
        .columns(["id", "first_name", "last_name"])
        .from("ambassadors")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    let mut out: Vec<(i64, String, String)> = db
        .query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get_by_index(0)?,
                r.try_get_by_index(1)?,
                r.try_get_by_index(2)?,
            ))
        })
        .collect::<Result<_, DbErr>>()?;
    out.sort_by(|a, b| (&a.2, &a.1, a.0).cmp(&(&b.2, &b.1, b.0)));
    Ok(out)
}

/// Everyone as (id, "first last"), sorted by last name, then first name.
pub(super) async fn by_last_name(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<(i64, String)>, DbErr> {
    Ok(people(db, tenant)
        .await?
        .into_iter()
        .map(|(id, first, last)| (id, format!("{first} {last}")))
        .collect())
}

/// What the active people of the authority (or of one cohort) aim for together each month.
pub(super) async fn orientation(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    cohort: Option<i64>,
) -> Result<i64, DbErr> {
    let mut stmt = Query::select();
    stmt.expr(Expr::col("monthly_goal").sum())
        .from("ambassadors")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("status").eq("active"));
    if let Some(c) = cohort {
        stmt.and_where(Expr::col("cohort_id").eq(c));
    }
    let sum: Option<i64> = match db.query_one(&stmt).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    Ok(sum.unwrap_or(0))
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

/// Active and onboarding people without a published post yet, as (id, first name, last name,
/// status): one narrow read with an index probe per person, rather than every person's full
/// record and a scan of every published post.
pub(super) async fn without_posts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<(i64, String, String, String)>, DbErr> {
    let published = Query::select()
        .expr(Expr::val(1))
        .from_as("posts", "p")
        .and_where(Expr::col(("p", "tenant_id")).equals(("a", "tenant_id")))
        .and_where(Expr::col(("p", "ambassador_id")).equals(("a", "id")))
        .and_where(Expr::col(("p", "published_at")).is_not_null())
        .and_where(Expr::col(("p", "status")).eq("published"))
        .to_owned();
    let stmt = Query::select()
        .column(("a", "id"))
        .column(("a", "first_name"))
        .column(("a", "last_name"))
        .column(("a", "status"))
        .from_as("ambassadors", "a")
        .and_where(Expr::col(("a", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("a", "status")).is_in(["active", "onboarding"]))
        .and_where(Expr::exists(published).not())
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get_by_index(0)?,
                r.try_get_by_index(1)?,
                r.try_get_by_index(2)?,
                r.try_get_by_index(3)?,
            ))
        })
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
