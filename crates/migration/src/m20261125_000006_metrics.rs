//! Imported posts that could not be placed among our posts: kept with their figures until the
//! programme team assigns them (or leaves them), so that nothing imported silently disappears.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, tenant_table};

use ForeignKeyAction::{Cascade, SetNull};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000006_metrics"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = tenant_table("import_unmatched");
        t.col(big_integer("import_id"))
            .col(integer("line"))
            .col(string("sheet"))
            .col(string_null("post_urn"))
            .col(string_null("url"))
            .col(text_null("title"))
            .col(date_null("posted_on"))
            .col(timestamp_with_time_zone("observed_at"))
            .col(big_integer_null("impressions"))
            .col(big_integer_null("members_reached"))
            .col(big_integer_null("reactions"))
            .col(big_integer_null("comments"))
            .col(big_integer_null("reposts"))
            .col(big_integer_null("clicks"))
            // Post ids that fit equally well, as a JSON list (empty when none fits).
            .col(text("candidates"))
            .col(big_integer_null("assigned_post_id"))
            .col(timestamp_with_time_zone_null("assigned_at"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk("import_unmatched", "import_id", "imports", Cascade))
            .foreign_key(&mut fk(
                "import_unmatched",
                "assigned_post_id",
                "posts",
                SetNull,
            ));
        m.create_table(t).await?;
        m.create_index(index(
            "import_unmatched",
            &["tenant_id", "assigned_post_id"],
        ))
        .await?;
        m.create_index(index("import_unmatched", &["tenant_id", "import_id"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table("import_unmatched")
                .if_exists()
                .to_owned(),
        )
        .await
    }
}
