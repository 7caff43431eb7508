//! Personal API tokens: shown once, stored as a hash, scoped, expiring, revocable, with the
//! last use noted.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::entities::api_token::{self, Column as C, Entity as Tokens};
use super::now;
use crate::auth::tokens::{hash_token, random_token};
use crate::tenancy::TenantId;

amtfluencer_domain::text_enum! {
    /// What a token may do: read only, or also change things.
    pub enum Scope {
        Read = "read",
        Write = "write",
    }
}

/// Tokens start with this, so that secret scanners and people recognise them.
pub const PREFIX: &str = "amtf_";

pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub scope: Scope,
    pub valid_for: Duration,
}

/// Creates a token and returns it in clear (the only time it exists so) with its record.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewToken<'_>,
) -> Result<(String, api_token::Model), DbErr> {
    let token = format!("{PREFIX}{}", random_token());
    let t = now();
    let model = api_token::ActiveModel {
        tenant_id: Set(tenant.0),
        user_id: Set(new.user_id),
        name: Set(new.name.to_owned()),
        token_hash: Set(hash_token(&token)),
        prefix: Set(token.chars().take(PREFIX.len() + 6).collect()),
        scope: Set(new.scope.as_str().to_owned()),
        expires_at: Set(Some(t + new.valid_for)),
        last_used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(t),
        ..Default::default()
    };
    let m = Tokens::insert(model).exec_with_returning(db).await?;
    Ok((token, m))
}

/// The live token for a presented secret; notes its use (at most once a minute).
pub async fn authenticate(
    db: &impl ConnectionTrait,
    presented: &str,
    at: DateTime<Utc>,
) -> Result<Option<api_token::Model>, DbErr> {
    let Some(t) = Tokens::find()
        .filter(C::TokenHash.eq(hash_token(presented)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if t.revoked_at.is_some() || t.expires_at.is_some_and(|e| e <= at) {
        return Ok(None);
    }
    if t.last_used_at
        .is_none_or(|l| at - l >= Duration::minutes(1))
    {
        Tokens::update_many()
            .col_expr(C::LastUsedAt, Expr::value(at))
            .filter(C::Id.eq(t.id))
            .exec(db)
            .await?;
    }
    Ok(Some(t))
}

/// A user's tokens, newest first.
pub async fn list_for_user(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<api_token::Model>, DbErr> {
    Tokens::find()
        .filter(C::UserId.eq(user_id))
        .order_by_desc(C::CreatedAt)
        .all(db)
        .await
}

/// Revokes one of the user's own tokens; false when there is no such live token of theirs.
pub async fn revoke(db: &impl ConnectionTrait, user_id: i64, id: i64) -> Result<bool, DbErr> {
    let res = Tokens::update_many()
        .col_expr(C::RevokedAt, Expr::value(now()))
        .filter(C::Id.eq(id))
        .filter(C::UserId.eq(user_id))
        .filter(C::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
