//! Secret calendar-feed links: one per Amtfluencer, one for the team. Only the hash of the
//! token is stored; resetting replaces it, so the old link stops working at once.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use super::calendar_feed::{self, Column as F, Entity as Feeds};
use crate::auth::tokens::{hash_token, random_token};
use crate::db::now;
use crate::tenancy::TenantId;

/// Whose feed it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOwner {
    /// The authority's whole calendar, for the programme team.
    Team,
    Ambassador(i64),
}

impl FeedOwner {
    fn key(self) -> String {
        match self {
            Self::Team => "team".to_owned(),
            Self::Ambassador(id) => format!("ambassador-{id}"),
        }
    }

    pub fn of(feed: &calendar_feed::Model) -> Self {
        match feed.ambassador_id {
            Some(id) => Self::Ambassador(id),
            None => Self::Team,
        }
    }
}

/// The feed of `owner`, if one was created.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    owner: FeedOwner,
) -> Result<Option<calendar_feed::Model>, DbErr> {
    Feeds::find()
        .filter(F::TenantId.eq(tenant.0))
        .filter(F::Owner.eq(owner.key()))
        .one(db)
        .await
}

/// Creates the feed or gives it a new token; returns the token (shown once).
pub async fn reset(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    owner: FeedOwner,
) -> Result<String, DbErr> {
    let token = random_token();
    let mut m: calendar_feed::ActiveModel = match get(db, tenant, owner).await? {
        Some(f) => f.into(),
        None => calendar_feed::ActiveModel {
            tenant_id: Set(tenant.0),
            owner: Set(owner.key()),
            ambassador_id: Set(match owner {
                FeedOwner::Team => None,
                FeedOwner::Ambassador(id) => Some(id),
            }),
            ..Default::default()
        },
    };
    m.token_hash = Set(hash_token(&token));
    m.created_at = Set(now());
    m.save(db).await?;
    Ok(token)
}

/// The feed behind a token from a link.
pub async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<calendar_feed::Model>, DbErr> {
    Feeds::find()
        .filter(F::TokenHash.eq(hash_token(token)))
        .one(db)
        .await
}
