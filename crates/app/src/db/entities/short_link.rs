//! The `short_links` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "short_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    /// Unique across all authorities: `/l/{code}` carries no authority.
    pub code: String,
    pub post_id: Option<i64>,
    pub target_url: String,
    pub created_at: DateTimeUtc,
    pub label: String,
    pub archived_at: Option<DateTimeUtc>,
    pub topic_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
