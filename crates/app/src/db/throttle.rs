//! Login attempts per account and per IP address, for growing delays. Accounts are stored as
//! the SHA-256 of the lowercased email, so unknown addresses are throttled the same way.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr, Value};

use super::bulk::insert_rows;
use super::now;

pub fn account_key(email: &str) -> String {
    crate::auth::tokens::hash_token(&email.trim().to_lowercase())
}

pub async fn record(
    db: &impl ConnectionTrait,
    account: &str,
    ip: &str,
    succeeded: bool,
) -> Result<(), DbErr> {
    insert_rows(
        db,
        "login_attempts",
        &["account", "ip", "succeeded", "created_at"],
        vec![vec![
            account.into(),
            ip.into(),
            succeeded.into(),
            Value::from(now()),
        ]],
    )
    .await
}

/// Failures since `since` (and, for an account, since its last success), and the newest one.
pub async fn recent_failures(
    db: &impl ConnectionTrait,
    column: &'static str,
    key: &str,
    since: DateTime<Utc>,
) -> Result<(u32, Option<DateTime<Utc>>), DbErr> {
    let mut from = since;
    if column == "account" {
        let last_ok = Query::select()
            .expr(Expr::col("created_at").max())
            .from("login_attempts")
            .and_where(Expr::col("account").eq(key))
            .and_where(Expr::col("succeeded").eq(true))
            .to_owned();
        let last: Option<DateTime<Utc>> = match db.query_one(&last_ok).await? {
            Some(row) => row.try_get_by_index(0).unwrap_or(None),
            None => None,
        };
        if let Some(t) = last {
            from = std::cmp::max(from, t);
        }
    }
    let stmt = Query::select()
        .expr(Expr::col("id").count())
        .expr(Expr::col("created_at").max())
        .from("login_attempts")
        .and_where(Expr::col(column).eq(key))
        .and_where(Expr::col("succeeded").eq(false))
        .and_where(Expr::col("created_at").gt(from))
        .to_owned();
    let row = db.query_one(&stmt).await?;
    let Some(row) = row else { return Ok((0, None)) };
    let n: i64 = row.try_get_by_index(0)?;
    let last: Option<DateTime<Utc>> = row.try_get_by_index(1).unwrap_or(None);
    Ok((u32::try_from(n).unwrap_or(u32::MAX), last))
}

/// Attempts older than a day are of no use.
pub async fn purge_old(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let stmt = Query::delete()
        .from_table("login_attempts")
        .and_where(Expr::col("created_at").lt(now() - chrono::Duration::days(1)))
        .to_owned();
    Ok(db.execute(&stmt).await?.rows_affected())
}
