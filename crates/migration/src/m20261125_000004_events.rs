//! Events become invitations: a description, a sequence number for calendar updates, a
//! cancellation; each invitation remembers when it was sent and carries the hash of the token
//! behind the RSVP link in the mail.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::unique;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000004_events"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns: [(&str, ColumnDef); 5] = [
            ("events", text("description").default("").take()),
            ("events", integer("sequence").default(0).take()),
            ("events", timestamp_with_time_zone_null("cancelled_at")),
            ("attendance", timestamp_with_time_zone_null("invited_at")),
            ("attendance", string_null("rsvp_token_hash")),
        ];
        for (table, mut col) in columns {
            m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                .await?;
        }
        m.create_index(unique("attendance", &["rsvp_token_hash"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_attendance_rsvp_token_hash")
                .table("attendance")
                .to_owned(),
        )
        .await?;
        for (table, col) in [
            ("attendance", "rsvp_token_hash"),
            ("attendance", "invited_at"),
            ("events", "cancelled_at"),
            ("events", "sequence"),
            ("events", "description"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
