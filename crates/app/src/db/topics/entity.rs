//! The `topics` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "topics")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub title: String,
    pub description: String,
    pub prompt: String,
    pub photo_idea: String,
    pub category: String,
    /// JSON array of strings.
    pub tags: String,
    pub status: String,
    pub proposed_by: Option<i64>,
    pub merged_into: Option<i64>,
    pub shared_with_network: bool,
    /// A post on this topic gets a second look when the authority reviews by topic.
    pub review_required: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn tag_list(&self) -> Vec<String> {
        serde_json::from_str(&self.tags).unwrap_or_default()
    }
}
