//! Short links get what the programme team works with: a readable label, the topic they
//! belong to (besides the post they may belong to), and when they were switched off.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::index;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000011_short_links"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            string("label").default("").take(),
            timestamp_with_time_zone_null("archived_at"),
        ] {
            m.alter_table(
                Table::alter()
                    .table("short_links")
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        // A column with a reference, added the one way both SQLite and PostgreSQL accept
        // (SQLite cannot add a foreign key to a table afterwards, only a referencing column).
        m.get_connection()
            .execute_unprepared(
                "ALTER TABLE short_links ADD COLUMN topic_id BIGINT NULL \
                 REFERENCES topics (id) ON DELETE SET NULL",
            )
            .await?;
        m.create_index(index("short_links", &["tenant_id", "topic_id"]))
            .await?;
        m.create_index(index("short_links", &["tenant_id", "created_at"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "ix_short_links_tenant_id_topic_id",
            "ix_short_links_tenant_id_created_at",
        ] {
            m.drop_index(Index::drop().name(name).table("short_links").to_owned())
                .await?;
        }
        for col in ["topic_id", "archived_at", "label"] {
            m.alter_table(
                Table::alter()
                    .table("short_links")
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
