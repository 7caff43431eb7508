//! Earlier versions of a post's text: the studio keeps one whenever a draft was saved after a
//! pause or on purpose, so that nothing written is lost and an older wording can come back.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, tenant_table};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000008_studio"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = tenant_table("post_versions");
        t.col(big_integer("post_id"))
            .col(text("body"))
            .col(big_integer_null("saved_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(
                "post_versions",
                "post_id",
                "posts",
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "post_versions",
                "saved_by",
                "users",
                ForeignKeyAction::SetNull,
            ));
        m.create_table(t.take()).await?;
        m.create_index(index(
            "post_versions",
            &["tenant_id", "post_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("post_versions").if_exists().to_owned())
            .await
    }
}
