//! Guidelines per authority, in versions; acknowledging one is a `guidelines` consent with the
//! version as its text version.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, tenant_table};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000003_guidelines"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = tenant_table("guidelines");
        t.col(string("version"))
            .col(string("title"))
            .col(text("body"))
            .col(big_integer_null("published_by"))
            .col(timestamp_with_time_zone("published_at"))
            .foreign_key(&mut fk(
                "guidelines",
                "published_by",
                "users",
                ForeignKeyAction::SetNull,
            ));
        m.create_table(t.take()).await?;
        m.create_index(index("guidelines", &["tenant_id", "published_at"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("guidelines").if_exists().to_owned())
            .await
    }
}
