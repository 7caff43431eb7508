//! Clicks on the authority's short links (`short_links`, `link_clicks`) for the evaluation
//! report: counts only, no link or person named. No links or no clicks count as zero.

use amtfluencer_domain::privacy::{AggregateAccess, Shown, gate};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr};

use super::Range;
use super::facts::{end_of, start_of};
use crate::tenancy::TenantId;

/// The short links attached to a cohort's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CohortLinks {
    pub links: u64,
    /// Clicks in the period.
    pub clicks: u64,
    /// People whose posts carry the links: what the minimum group size counts.
    pub people: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkClicks {
    pub cohort: Shown<CohortLinks>,
    /// All of the authority's links that existed by the end of the period (job postings and
    /// campaign pages too, with or without a post).
    pub all_links: u64,
    /// Clicks on any of them in the period.
    pub all_clicks: u64,
}

fn count(stmt: &mut SelectStatement) -> &mut SelectStatement {
    stmt.expr_as(Expr::cust("COUNT(*)"), "n")
}

async fn number(db: &impl ConnectionTrait, stmt: &SelectStatement) -> Result<u64, DbErr> {
    let n: Option<i64> = match db.query_one(stmt).await? {
        Some(r) => r.try_get("", "n")?,
        None => None,
    };
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
}

/// The links of posts by the cohort's participants (`l` joined to `p` and `a`).
fn of_cohort(stmt: &mut SelectStatement, cohort_id: i64) -> &mut SelectStatement {
    stmt.join_as(
        JoinType::InnerJoin,
        "posts",
        "p",
        Expr::col(("p", "id")).equals(("l", "post_id")),
    )
    .join_as(
        JoinType::InnerJoin,
        "ambassadors",
        "a",
        Expr::col(("a", "id")).equals(("p", "ambassador_id")),
    )
    .and_where(Expr::col(("a", "cohort_id")).eq(cohort_id))
}

pub async fn link_clicks(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    _: &AggregateAccess,
    range: Range,
    cohort_id: i64,
) -> Result<LinkClicks, DbErr> {
    let clicks = || {
        let mut q = Query::select();
        count(&mut q)
            .from_as("link_clicks", "c")
            .join_as(
                JoinType::InnerJoin,
                "short_links",
                "l",
                Expr::col(("l", "id")).equals(("c", "short_link_id")),
            )
            .and_where(Expr::col(("c", "tenant_id")).eq(tenant.0))
            .and_where(Expr::col(("l", "tenant_id")).eq(tenant.0))
            .and_where(Expr::col(("c", "clicked_at")).gte(start_of(range.from)))
            .and_where(Expr::col(("c", "clicked_at")).lt(end_of(range.to)));
        q
    };
    let links = || {
        let mut q = Query::select();
        q.from_as("short_links", "l")
            .and_where(Expr::col(("l", "tenant_id")).eq(tenant.0))
            .and_where(Expr::col(("l", "created_at")).lt(end_of(range.to)));
        q
    };
    let all_clicks = number(db, &clicks()).await?;
    let all_links = number(db, count(&mut links())).await?;
    let cohort_clicks = number(db, of_cohort(&mut clicks(), cohort_id)).await?;
    let mut people_q = links();
    of_cohort(&mut people_q, cohort_id)
        .expr_as(Expr::col(("l", "id")), "link")
        .expr_as(Expr::col(("p", "ambassador_id")), "person");
    let mut link_ids = std::collections::HashSet::new();
    let mut people = std::collections::HashSet::new();
    for r in db.query_all(&people_q).await? {
        link_ids.insert(r.try_get::<i64>("", "link")?);
        people.insert(r.try_get::<i64>("", "person")?);
    }
    let mine = CohortLinks {
        links: link_ids.len() as u64,
        clicks: cohort_clicks,
        people: people.len(),
    };
    Ok(LinkClicks {
        // No links at all is a zero with nothing to hide, not a small group.
        cohort: if mine.links == 0 {
            Shown::Value(mine)
        } else {
            gate(mine.people, mine)
        },
        all_links,
        all_clicks,
    })
}
