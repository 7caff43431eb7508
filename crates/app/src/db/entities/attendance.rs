//! The `attendance` table: one invitation of a person (an Amtfluencer or a candidate) to an
//! event, with the answer and whether the person came.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub event_id: i64,
    pub ambassador_id: Option<i64>,
    pub candidate_id: Option<i64>,
    pub rsvp: Option<String>,
    pub attended: bool,
    pub updated_at: DateTimeUtc,
    pub invited_at: Option<DateTimeUtc>,
    pub rsvp_token_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
