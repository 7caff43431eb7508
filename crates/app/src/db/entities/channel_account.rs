//! The `channel_accounts` table: a person's connected LinkedIn or Mastodon account, with the
//! access token encrypted (see `crate::crypto`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "channel_accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub ambassador_id: Option<i64>,
    /// `linkedin` or `mastodon`.
    pub channel: String,
    /// The Mastodon instance (`https://host`); none for LinkedIn.
    pub instance_url: Option<String>,
    /// LinkedIn: the member URN; Mastodon: the account id.
    pub external_account_id: String,
    pub display_name: String,
    pub access_token_enc: Vec<u8>,
    pub refresh_token_enc: Option<Vec<u8>>,
    pub token_expires_at: Option<DateTimeUtc>,
    pub scopes: String,
    /// `connected`, `expired` (reconnect) or `disconnected`.
    pub status: String,
    pub last_checked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub reminded_days: Option<i32>,
    pub account_url: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
