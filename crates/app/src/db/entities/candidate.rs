//! The `candidates` table: colleagues interested in the next cohort.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub department: String,
    pub job_title: String,
    pub track: String,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub cohort_id: Option<i64>,
    pub status: String,
    pub self_nominated: bool,
    /// For the programme team only: never on a page, export or API answer for anyone else.
    pub team_note: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
