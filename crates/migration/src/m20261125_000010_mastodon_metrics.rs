//! Reading a Mastodon status's counts for the metrics: when a post's figures were last asked
//! for, what went wrong then, and whether the network says the post is gone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000010_mastodon_metrics"
    }
}

/// Columns added to `posts` (SQLite adds one column per statement).
fn columns() -> Vec<ColumnDef> {
    vec![
        timestamp_with_time_zone_null("counts_checked_at"),
        // The last failure in plain German; cleared by the next success.
        text_null("counts_error"),
        // The network answered 404 for the post: deleted there, not asked again.
        timestamp_with_time_zone_null("remote_deleted_at"),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for mut col in columns() {
            m.alter_table(
                Table::alter()
                    .table("posts")
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in columns().into_iter().rev() {
            let name = col.get_column_name();
            m.alter_table(Table::alter().table("posts").drop_column(name).to_owned())
                .await?;
        }
        Ok(())
    }
}
