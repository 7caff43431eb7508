//! The `mastodon_apps` table: our app as registered on each Mastodon instance.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mastodon_apps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub instance_url: String,
    pub redirect_uri: String,
    pub client_id: String,
    pub client_secret_enc: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
