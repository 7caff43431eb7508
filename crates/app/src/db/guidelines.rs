//! An authority's guidelines in versions, and who acknowledged the current one.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, Value};

use super::bulk::insert_rows;
use super::now;
use crate::tenancy::TenantId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guidelines {
    pub version: String,
    pub title: String,
    pub body: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// The version in force: the latest published.
pub async fn current(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Option<Guidelines>, DbErr> {
    let stmt = Query::select()
        .columns(["version", "title", "body", "published_at"].map(Alias::new))
        .from("guidelines")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .order_by("id", Order::Desc)
        .limit(1)
        .to_owned();
    let Some(row) = db.query_one(&stmt).await? else {
        return Ok(None);
    };
    Ok(Some(Guidelines {
        version: row.try_get_by_index(0)?,
        title: row.try_get_by_index(1)?,
        body: row.try_get_by_index(2)?,
        published_at: row.try_get_by_index(3)?,
    }))
}

/// Publishes a new version (named by date and sequence, e.g. `2026-11-25.3`); everyone is
/// asked to acknowledge it again.
pub async fn publish(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    title: &str,
    body: &str,
    by: i64,
) -> Result<String, DbErr> {
    let count = Query::select()
        .expr(Expr::col("id").count())
        .from("guidelines")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    let n: i64 = match db.query_one(&count).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    let at = now();
    let version = format!("{}.{}", at.format("%Y-%m-%d"), n + 1);
    insert(db, tenant, &version, title, body, Some(by)).await?;
    Ok(version)
}

/// Writes a version with a given name (the demo's first one).
pub async fn insert(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    version: &str,
    title: &str,
    body: &str,
    by: Option<i64>,
) -> Result<(), DbErr> {
    insert_rows(
        db,
        "guidelines",
        &[
            "tenant_id",
            "version",
            "title",
            "body",
            "published_by",
            "published_at",
        ],
        vec![vec![
            tenant.0.into(),
            version.into(),
            title.into(),
            body.into(),
            Value::from(by),
            now().into(),
        ]],
    )
    .await
}
