//! The `ambassadors` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ambassadors")]
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
    pub user_id: Option<i64>,
    pub cohort_id: Option<i64>,
    pub status: String,
    pub paused_until: Option<Date>,
    pub monthly_goal: i32,
    pub linkedin_url: Option<String>,
    pub bio: String,
    pub ask_me_about: String,
    pub public_profile: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
