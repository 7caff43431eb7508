//! Sign-in sessions, stored in the database so that any instance can serve any request.
//! The cookie holds a random token; the table holds only its SHA-256.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::session::{self, Column as C, Entity as Sessions};
use super::now;
use crate::auth::tokens::{hash_token, random_token};

/// A session ends after this long regardless of activity.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);

/// Creates a session and returns the cookie token (shown once, never stored).
pub async fn create(
    db: &impl ConnectionTrait,
    user_id: i64,
    tenant_id: Option<i64>,
    user_agent: Option<String>,
) -> Result<(String, session::Model), DbErr> {
    let token = random_token();
    let t = now();
    let model = session::ActiveModel {
        id: Set(hash_token(&token)),
        user_id: Set(user_id),
        tenant_id: Set(tenant_id),
        csrf_token: Set(random_token()),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(200).collect())),
        created_at: Set(t),
        last_seen_at: Set(t),
        expires_at: Set(t + ABSOLUTE_TIMEOUT),
    };
    let session = Sessions::insert(model).exec_with_returning(db).await?;
    Ok((token, session))
}

/// The live session for a cookie token; expired ones count as absent.
pub async fn find_live(
    db: &impl ConnectionTrait,
    token: &str,
    at: DateTime<Utc>,
) -> Result<Option<session::Model>, DbErr> {
    let s = Sessions::find_by_id(hash_token(token)).one(db).await?;
    Ok(s.filter(|s| s.expires_at > at && s.last_seen_at + IDLE_TIMEOUT > at))
}

/// Notes activity, at most once a minute per session to spare the database.
pub async fn touch(
    db: &impl ConnectionTrait,
    s: &session::Model,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    if at - s.last_seen_at < Duration::minutes(1) {
        return Ok(());
    }
    Sessions::update_many()
        .col_expr(C::LastSeenAt, Expr::value(at))
        .filter(C::Id.eq(&s.id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: &str) -> Result<(), DbErr> {
    Sessions::delete_by_id(id.to_owned()).exec(db).await?;
    Ok(())
}

/// Ends every session of a user ("log out everywhere").
pub async fn delete_all_for_user(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    let r = Sessions::delete_many()
        .filter(C::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// Removes sessions that can no longer be used.
pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let t = now();
    let r = Sessions::delete_many()
        .filter(C::ExpiresAt.lt(t).or(C::LastSeenAt.lt(t - IDLE_TIMEOUT)))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}
