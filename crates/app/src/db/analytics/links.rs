//! Clicks on short links as figures. Clicks on the authority's own links (a job posting, a
//! campaign page) are the authority's figure. A link attributed to a post belongs to the
//! post's author: its clicks per link need a [`PersonAccess`] for that person, and in sums
//! they are shown only over at least five people (`domain::links::tally`).

use std::collections::{BTreeMap, HashMap, HashSet};

use amtfluencer_domain::links::{Clicks, tally};
use amtfluencer_domain::privacy::{AggregateAccess, PersonAccess, Subject, Viewer};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, JoinType, Order, Query};
use sea_orm::{ConnectionTrait, DbErr};

use super::Range;
use super::facts::{end_of, sharing_consents, start_of, topic_names};
use crate::db::entities::short_link::Model as Link;
use crate::tenancy::TenantId;

/// (clicks, author of the link's post) pairs, as `domain::links::tally` sums them.
type ClickRows = Vec<(i64, Option<i64>)>;

/// Whose post a link belongs to, and its topic (its own, else its post's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Owner {
    author: Option<i64>,
    topic: Option<i64>,
}

async fn owners(db: &impl ConnectionTrait, tenant: TenantId) -> Result<HashMap<i64, Owner>, DbErr> {
    let stmt = Query::select()
        .expr_as(Expr::col(("l", "id")), "id")
        .expr_as(Expr::col(("p", "ambassador_id")), "author")
        .expr_as(
            Func::coalesce([Expr::col(("l", "topic_id")), Expr::col(("p", "topic_id"))]),
            "topic",
        )
        .from_as("short_links", "l")
        .join_as(
            JoinType::LeftJoin,
            "posts",
            "p",
            Expr::col(("p", "id")).equals(("l", "post_id")),
        )
        .and_where(Expr::col(("l", "tenant_id")).eq(tenant.0))
        .to_owned();
    let mut out = HashMap::new();
    for r in db.query_all(&stmt).await? {
        out.insert(
            r.try_get("", "id")?,
            Owner {
                author: r.try_get("", "author")?,
                topic: r.try_get("", "topic")?,
            },
        );
    }
    Ok(out)
}

/// Clicks per link and stored hour, within the range (all time without one).
async fn hourly(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Option<Range>,
    only: Option<i64>,
) -> Result<Vec<(i64, DateTime<Utc>, i64)>, DbErr> {
    let mut stmt = Query::select();
    stmt.column("short_link_id")
        .column("clicked_at")
        .expr_as(Expr::col("id").count(), "n")
        .from("link_clicks")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .group_by_col("short_link_id")
        .group_by_col("clicked_at")
        .order_by("clicked_at", Order::Asc);
    if let Some(r) = range {
        stmt.and_where(Expr::col("clicked_at").gte(start_of(r.from)))
            .and_where(Expr::col("clicked_at").lt(end_of(r.to)));
    }
    if let Some(id) = only {
        stmt.and_where(Expr::col("short_link_id").eq(id));
    }
    let mut out = Vec::new();
    for r in db.query_all(&stmt).await? {
        out.push((
            r.try_get("", "short_link_id")?,
            r.try_get("", "clicked_at")?,
            r.try_get("", "n")?,
        ));
    }
    Ok(out)
}

/// Whether the viewer may see the clicks of one link.
fn visible(viewer: &Viewer, owner: Owner, sharing: &HashSet<i64>) -> bool {
    owner.author.is_none_or(|a| {
        PersonAccess::check(
            viewer,
            &Subject {
                ambassador_id: a,
                shares_with_team: sharing.contains(&a),
            },
        )
        .is_some()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkCounts {
    pub total: i64,
    /// Clicks in the range asked for (the list page: the last 30 days).
    pub in_range: i64,
}

/// A link of the list, with its clicks where the viewer may see them.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkLine {
    pub link: Link,
    /// `None` for a link of a person's post whose figures the viewer may not see.
    pub counts: Option<LinkCounts>,
}

/// Every link of the authority, newest first, with its total clicks and those in the range.
pub async fn link_lines(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    _: &AggregateAccess,
    viewer: &Viewer,
    range: Range,
) -> Result<Vec<LinkLine>, DbErr> {
    let owners = owners(db, tenant).await?;
    let sharing = sharing_consents(db, tenant).await?;
    let (from, until) = (start_of(range.from), end_of(range.to));
    let mut counts: HashMap<i64, LinkCounts> = HashMap::new();
    for (link, at, n) in hourly(db, tenant, None, None).await? {
        let c = counts.entry(link).or_insert(LinkCounts {
            total: 0,
            in_range: 0,
        });
        c.total += n;
        if at >= from && at < until {
            c.in_range += n;
        }
    }
    Ok(crate::db::links::list(db, tenant)
        .await?
        .into_iter()
        .map(|link| {
            let owner = owners.get(&link.id).copied().unwrap_or_default();
            let counts = visible(viewer, owner, &sharing).then(|| {
                counts.get(&link.id).copied().unwrap_or(LinkCounts {
                    total: 0,
                    in_range: 0,
                })
            });
            LinkLine { link, counts }
        })
        .collect())
}

/// One link's clicks per day and per referring site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDetail {
    pub total: i64,
    pub days: Vec<(NaiveDate, i64)>,
    /// (host, clicks), most clicks first; `None` is "no referrer sent".
    pub referrers: Vec<(Option<String>, i64)>,
}

/// `None` when the link belongs to a person's post whose figures the viewer may not see.
pub async fn link_detail(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    _: &AggregateAccess,
    viewer: &Viewer,
    link: &Link,
    range: Range,
) -> Result<Option<LinkDetail>, DbErr> {
    let owner = owners(db, tenant)
        .await?
        .get(&link.id)
        .copied()
        .unwrap_or_default();
    if !visible(viewer, owner, &sharing_consents(db, tenant).await?) {
        return Ok(None);
    }
    let mut days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut d = range.from;
    while d <= range.to {
        days.insert(d, 0);
        d += Duration::days(1);
    }
    let mut total = 0;
    for (_, at, n) in hourly(db, tenant, Some(range), Some(link.id)).await? {
        *days.entry(at.date_naive()).or_default() += n;
        total += n;
    }
    let stmt = Query::select()
        .column("referrer_host")
        .expr_as(Expr::col("id").count(), "n")
        .from("link_clicks")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("short_link_id").eq(link.id))
        .and_where(Expr::col("clicked_at").gte(start_of(range.from)))
        .and_where(Expr::col("clicked_at").lt(end_of(range.to)))
        .group_by_col("referrer_host")
        .to_owned();
    let mut referrers = Vec::new();
    for r in db.query_all(&stmt).await? {
        referrers.push((r.try_get("", "referrer_host")?, r.try_get("", "n")?));
    }
    referrers.sort_by(|a: &(Option<String>, i64), b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Some(LinkDetail {
        total,
        days: days.into_iter().collect(),
        referrers,
    }))
}

/// Clicks on all links per month of the range (every month, also without clicks).
pub async fn clicks_by_month(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    _: &AggregateAccess,
    range: Range,
) -> Result<Vec<(NaiveDate, Clicks)>, DbErr> {
    let owners = owners(db, tenant).await?;
    let mut months: BTreeMap<NaiveDate, ClickRows> = BTreeMap::new();
    let mut m = range.from.with_day(1).unwrap_or(range.from);
    while m <= range.to {
        months.insert(m, Vec::new());
        match m.checked_add_months(chrono::Months::new(1)) {
            Some(next) => m = next,
            None => break,
        }
    }
    for (link, at, n) in hourly(db, tenant, Some(range), None).await? {
        let d = at.date_naive();
        let author = owners.get(&link).and_then(|o| o.author);
        months
            .entry(d.with_day(1).unwrap_or(d))
            .or_default()
            .push((n, author));
    }
    Ok(months
        .into_iter()
        .map(|(m, rows)| (m, tally(rows)))
        .collect())
}

/// The clicks on the links of one topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicClicks {
    pub title: String,
    /// Links attributed to the topic (directly or through their post).
    pub links: usize,
    pub clicks: Clicks,
}

/// Topics with links, most clicks on the authority's own links first.
pub async fn clicks_by_topic(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    _: &AggregateAccess,
    range: Range,
) -> Result<Vec<TopicClicks>, DbErr> {
    let owners = owners(db, tenant).await?;
    let names = topic_names(db, tenant).await?;
    let mut groups: HashMap<i64, (usize, ClickRows)> = HashMap::new();
    for o in owners.values() {
        if let Some(t) = o.topic {
            groups.entry(t).or_default().0 += 1;
        }
    }
    for (link, _, n) in hourly(db, tenant, Some(range), None).await? {
        let o = owners.get(&link).copied().unwrap_or_default();
        if let Some(t) = o.topic {
            groups.entry(t).or_default().1.push((n, o.author));
        }
    }
    let mut out: Vec<TopicClicks> = groups
        .into_iter()
        .map(|(t, (links, rows))| TopicClicks {
            title: names
                .get(&t)
                .map_or_else(|| "–".to_owned(), |n| n.0.clone()),
            links,
            clicks: tally(rows),
        })
        .collect();
    out.sort_by(|a, b| {
        b.clicks
            .campaign
            .cmp(&a.clicks.campaign)
            .then_with(|| a.title.cmp(&b.title))
    });
    Ok(out)
}

/// A link on one of the person's own posts, with its clicks in the range.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnLink {
    pub link: Link,
    pub clicks: i64,
}

/// The links attributed to the person's posts; only with the proof for that person.
pub async fn own_links(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    access: &PersonAccess,
    range: Range,
) -> Result<Vec<OwnLink>, DbErr> {
    let owners = owners(db, tenant).await?;
    let mine = |id: &i64| owners.get(id).and_then(|o| o.author) == Some(access.ambassador_id());
    let mut clicks: HashMap<i64, i64> = HashMap::new();
    for (link, _, n) in hourly(db, tenant, Some(range), None).await? {
        if mine(&link) {
            *clicks.entry(link).or_default() += n;
        }
    }
    Ok(crate::db::links::list(db, tenant)
        .await?
        .into_iter()
        .filter(|l| mine(&l.id))
        .map(|link| OwnLink {
            clicks: clicks.get(&link.id).copied().unwrap_or(0),
            link,
        })
        .collect())
}
