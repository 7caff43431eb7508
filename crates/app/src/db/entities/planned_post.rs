//! The `posts` table as publishing sees it: what to send, when, and what came of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub ambassador_id: i64,
    pub topic_id: Option<i64>,
    /// `linkedin` or `mastodon`.
    pub channel: String,
    /// idea, draft, in_review, scheduled, published, failed.
    pub status: String,
    pub body: String,
    pub scheduled_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub external_id: Option<String>,
    pub external_url: Option<String>,
    /// The plain-German explanation shown to the person.
    pub failure_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub publish_started_at: Option<DateTimeUtc>,
    pub failure_kind: Option<String>,
    /// When the network's counts were last asked for (Mastodon).
    pub counts_checked_at: Option<DateTimeUtc>,
    /// What went wrong then, in plain German; `None` after a success.
    pub counts_error: Option<String>,
    /// The network answered that the post no longer exists.
    pub remote_deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
