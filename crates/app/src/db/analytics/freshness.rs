//! Where the figures came from and how fresh they are, for every dashboard's source line.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};

use crate::tenancy::TenantId;

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
