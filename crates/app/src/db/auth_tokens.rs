//! Invitation and password-reset tokens: single use, expiring, stored hashed.
//!
//! The link in the mail carries the token; the table keeps only its SHA-256, so a copy of the
//! database cannot be turned into working links. Using a token is one conditional `UPDATE`
//! (`used_at IS NULL AND expires_at > now`), so two requests racing for the same token cannot
//! both win.

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::entities::auth_token::{self, Column as C, Entity as Tokens};
use super::entities::tenant::{self, Entity as Tenants};
use super::entities::user::{Column as UC, Entity as Users};
use super::now;
use crate::auth::tokens::{hash_token, random_token};
use crate::tenancy::TenantId;

/// An invitation link is valid this long.
pub const INVITATION_VALIDITY: Duration = Duration::days(7);
/// A password-reset link is valid this long.
pub const RESET_VALIDITY: Duration = Duration::hours(1);

amtfluencer_domain::text_enum! {
    /// What a token lets its holder do.
    pub enum TokenKind {
        Invitation = "invitation",
        PasswordReset = "password_reset",
    }
}

/// Why a token cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// No such token (never issued, revoked, or of another kind).
    Unknown,
    /// Issued, but used already or past its expiry.
    Spent,
}

/// An invitation into an authority with a role.
pub struct NewInvitation<'a> {
    pub email: &'a Email,
    pub role: Role,
    pub created_by: i64,
}

/// Creates an invitation and returns the token for the link (shown once, never stored).
/// Open invitations of the same address into the same authority are replaced.
pub async fn create_invitation(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewInvitation<'_>,
) -> Result<(String, auth_token::Model), DbErr> {
    Tokens::delete_many()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Kind.eq(TokenKind::Invitation.as_str()))
        .filter(C::Email.eq(new.email.as_str()))
        .filter(C::UsedAt.is_null())
        .exec(db)
        .await?;
    insert(
        db,
        auth_token::ActiveModel {
            tenant_id: Set(Some(tenant.0)),
            user_id: Set(None),
            email: Set(new.email.as_str().to_owned()),
            kind: Set(TokenKind::Invitation.as_str().to_owned()),
            role: Set(Some(new.role.as_str().to_owned())),
            created_by: Set(Some(new.created_by)),
            ..Default::default()
        },
        INVITATION_VALIDITY,
    )
    .await
}

/// Creates a password-reset token for a user and returns it.
pub async fn create_reset(
    db: &impl ConnectionTrait,
    user_id: i64,
    email: &str,
) -> Result<(String, auth_token::Model), DbErr> {
    insert(
        db,
        auth_token::ActiveModel {
            tenant_id: Set(None),
            user_id: Set(Some(user_id)),
            email: Set(email.to_owned()),
            kind: Set(TokenKind::PasswordReset.as_str().to_owned()),
            role: Set(None),
            created_by: Set(None),
            ..Default::default()
        },
        RESET_VALIDITY,
    )
    .await
}

async fn insert(
    db: &impl ConnectionTrait,
    mut model: auth_token::ActiveModel,
    valid_for: Duration,
) -> Result<(String, auth_token::Model), DbErr> {
    let token = random_token();
    let t = now();
    model.token_hash = Set(hash_token(&token));
    model.expires_at = Set(t + valid_for);
    model.used_at = Set(None);
    model.created_at = Set(t);
    let saved = Tokens::insert(model).exec_with_returning(db).await?;
    Ok((token, saved))
}

/// The token behind a link, if it can still be used.
pub async fn find_usable(
    db: &impl ConnectionTrait,
    kind: TokenKind,
    token: &str,
    at: DateTime<Utc>,
) -> Result<Result<auth_token::Model, Unusable>, DbErr> {
    // A link token is 64 hex digits; anything else was never issued.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(Err(Unusable::Unknown));
    }
    let found = Tokens::find()
        .filter(C::TokenHash.eq(hash_token(token)))
        .filter(C::Kind.eq(kind.as_str()))
        .one(db)
        .await?;
    Ok(match found {
        None => Err(Unusable::Unknown),
        Some(t) if t.used_at.is_some() || t.expires_at <= at => Err(Unusable::Spent),
        Some(t) => Ok(t),
    })
}

/// The authority an invitation leads into (`None` for other tokens).
pub async fn invitation_tenant(
    db: &impl ConnectionTrait,
    token: &auth_token::Model,
) -> Result<Option<tenant::Model>, DbErr> {
    match token.tenant_id {
        Some(id) => Tenants::find_by_id(id).one(db).await,
        None => Ok(None),
    }
}

/// Marks a token used; false when it was used or expired meanwhile (another request won).
pub async fn mark_used(
    db: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = Tokens::update_many()
        .col_expr(C::UsedAt, Expr::value(at))
        .filter(C::Id.eq(id))
        .filter(C::UsedAt.is_null())
        .filter(C::ExpiresAt.gt(at))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// An authority's invitations that can still be accepted, soonest expiry first.
pub async fn open_invitations(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    at: DateTime<Utc>,
) -> Result<Vec<auth_token::Model>, DbErr> {
    Tokens::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Kind.eq(TokenKind::Invitation.as_str()))
        .filter(C::UsedAt.is_null())
        .filter(C::ExpiresAt.gt(at))
        .order_by_asc(C::ExpiresAt)
        .order_by_asc(C::Id)
        .all(db)
        .await
}

/// Withdraws an open invitation of this authority; returns it, or `None` when there is no
/// such open invitation here.
pub async fn revoke_invitation(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<auth_token::Model>, DbErr> {
    let Some(found) = Tokens::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Kind.eq(TokenKind::Invitation.as_str()))
        .filter(C::UsedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Tokens::delete_by_id(found.id).exec(db).await?;
    Ok(Some(found))
}

/// How many reset tokens a user was sent since `since` (to stop mail-bombing an account).
pub async fn resets_since(
    db: &impl ConnectionTrait,
    user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Tokens::find()
        .filter(C::UserId.eq(user_id))
        .filter(C::Kind.eq(TokenKind::PasswordReset.as_str()))
        .filter(C::CreatedAt.gt(since))
        .count(db)
        .await
}

/// Sets a user's new password hash (the last step of a reset). Other reset tokens of the user
/// are spent with it.
pub async fn complete_reset(
    db: &impl ConnectionTrait,
    user_id: i64,
    password_hash: String,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    Users::update_many()
        .col_expr(UC::PasswordHash, Expr::value(password_hash))
        .col_expr(UC::UpdatedAt, Expr::value(at))
        .filter(UC::Id.eq(user_id))
        .exec(db)
        .await?;
    Tokens::update_many()
        .col_expr(C::UsedAt, Expr::value(at))
        .filter(C::UserId.eq(user_id))
        .filter(C::Kind.eq(TokenKind::PasswordReset.as_str()))
        .filter(C::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Removes tokens that expired more than a day ago (used ones included).
pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let res = Tokens::delete_many()
        .filter(C::ExpiresAt.lt(now() - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
