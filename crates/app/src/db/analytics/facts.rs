//! The raw reads behind the dashboards. Private to `analytics`: they return per-post rows with
//! the author's id, which only the gated functions of the parent module may turn into figures.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend, DbErr};

use super::Range;
use super::cache::Fact;
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
/// Everyone's posts of a period come from the kept facts (`cache`), brought up to date with
/// what changed since they were read; a cohort's or a list of people's are taken from those
/// in memory. The cohorts come from a separate small read on every call.
pub(super) async fn post_facts(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    range: Range,
    scope: Scope<'_>,
) -> Result<Vec<PostFact>, DbErr> {
    let cohorts = cohorts_of(db, tenant).await?;
    let authors: Option<HashSet<i64>> = match scope {
        Scope::Person(id) => return own_facts(db, tenant, range, id, &cohorts).await,
        Scope::Cohort(id) => Some(
            cohorts
                .iter()
                .filter(|(_, c)| **c == Some(id))
                .map(|(a, _)| *a)
                .collect(),
        ),
        Scope::Authors(ids) => Some(ids.iter().copied().collect()),
        Scope::Everyone => None,
    };
    if authors.as_ref().is_some_and(HashSet::is_empty) {
        return Ok(Vec::new());
    }
    let everyone = everyones_facts(db, tenant, range).await?;
    Ok(everyone
        .iter()
        .filter(|f| {
            authors
                .as_ref()
                .is_none_or(|a| a.contains(&f.ambassador_id))
        })
        .map(|f| PostFact {
            post_id: f.post_id,
            ambassador_id: f.ambassador_id,
            topic_id: f.topic_id,
            cohort_id: cohorts.get(&f.ambassador_id).copied().flatten(),
            published: f.published,
            excerpt: String::new(),
            figures: f.figures,
        })
        .collect())
}

/// Everyone's published posts of the period, oldest first (kept or read now).
pub(super) async fn everyones_facts(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    range: Range,
) -> Result<std::sync::Arc<[Fact]>, DbErr> {
    super::cache::facts(db, tenant, range).await
}

/// Reads everyone's published posts of the period. At the scale of a large authority these
/// are tens of thousands of rows, so the statement is kept to the narrow `post_facts`, and the
/// columns are read by position. SQLite reads them packed, from the index that covers them;
/// PostgreSQL finds them by date and reads the rows, which lie together (see the migration
/// `m20261207_000018_facts_in_place`).
///
/// With `since`, only the facts written since that change (see `cache`).
pub(super) async fn read_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Range,
    since: Option<i64>,
) -> Result<Vec<Fact>, DbErr> {
    let mut out: Vec<Fact> = if db.get_database_backend() == DbBackend::Sqlite {
        super::packed::read(db, tenant, range, since)
            .await?
            .into_iter()
            .map(
                |(id, author, topic, published, impressions, interactions)| Fact {
                    post_id: id,
                    ambassador_id: author,
                    topic_id: topic,
                    published,
                    figures: impressions.map(|i| (i, interactions)),
                },
            )
            .collect()
    } else {
        let mut query = facts_query(tenant, range);
        if let Some(since) = since {
            query.and_where(Expr::col(("p", "changed_in")).gte(since));
        }
        let rows = db.query_all(&query).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let impressions: Option<i64> = r.try_get_by_index(4)?;
            let interactions: Option<i64> = r.try_get_by_index(5)?;
            out.push(Fact {
                post_id: r.try_get_by_index(0)?,
                ambassador_id: r.try_get_by_index(1)?,
                topic_id: r.try_get_by_index(2)?,
                published: r.try_get_by_index(3)?,
                figures: impressions.map(|i| (i, interactions.unwrap_or(0))),
            });
        }
        out
    };
    // Stable on purpose: the rows come by date (in the index's order, or in the table's,
    // which is nearly the same), and the stable sort finds such runs in linear time, where
    // an unstable one sorts them again.
    out.sort_by_key(|f| (f.published, f.post_id));
    Ok(out)
}

/// The posts whose facts were deleted since that change (see `cache`).
pub(super) async fn gone_since(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    since: i64,
) -> Result<Vec<i64>, DbErr> {
    let stmt = Query::select()
        .column("post_id")
        .from("post_facts_gone")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("gone_in").gte(since))
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| r.try_get_by_index(0))
        .collect()
}

/// The facts' columns of the period's published posts, in the order `read_facts` reads them.
fn facts_query(tenant: TenantId, range: Range) -> SelectStatement {
    Query::select()
        .column(("p", "post_id"))
        .column(("p", "ambassador_id"))
        .column(("p", "topic_id"))
        .column(("p", "published_at"))
        .column(("p", "impressions"))
        .column(("p", "interactions"))
        .from_as("post_facts", "p")
        .and_where(Expr::col(("p", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("p", "published_at")).gte(start_of(range.from)))
        .and_where(Expr::col(("p", "published_at")).lt(end_of(range.to)))
        .to_owned()
}

/// One person's own posts of the period, with the beginning of each text.
async fn own_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Range,
    person: i64,
    cohorts: &HashMap<i64, Option<i64>>,
) -> Result<Vec<PostFact>, DbErr> {
    let mut posts = facts_query(tenant, range);
    posts
        .column(("t", "body"))
        .join_as(
            JoinType::InnerJoin,
            "posts",
            "t",
            Expr::col(("t", "id")).equals(("p", "post_id")),
        )
        .and_where(Expr::col(("p", "ambassador_id")).eq(person));
    let mut out = Vec::new();
    for r in db.query_all(&posts).await? {
        let body: String = r.try_get_by_index(6)?;
        let impressions: Option<i64> = r.try_get_by_index(4)?;
        let interactions: Option<i64> = r.try_get_by_index(5)?;
        out.push(PostFact {
            post_id: r.try_get_by_index(0)?,
            ambassador_id: person,
            topic_id: r.try_get_by_index(2)?,
            cohort_id: cohorts.get(&person).copied().flatten(),
            published: r.try_get_by_index(3)?,
            excerpt: body
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(90)
                .collect(),
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
