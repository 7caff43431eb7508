//! The editorial calendar: each authority's working-time rules (core hours, workdays, closure
//! days, blackout periods) and the secret calendar-feed links, stored as hashes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, tenant_table, unique};

use ForeignKeyAction::Cascade;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000005_calendar"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            m.create_table(t).await?;
        }
        for i in [
            unique("working_time", &["tenant_id"]),
            index("blackouts", &["tenant_id", "starts_on"]),
            unique("calendar_feeds", &["tenant_id", "owner"]),
            unique("calendar_feeds", &["token_hash"]),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in tables().iter().rev() {
            if let Some(name) = t.get_table_name() {
                m.drop_table(Table::drop().table(name.clone()).if_exists().to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![working_time(), blackouts(), calendar_feeds()]
}

/// One row per authority that changed the defaults (09:00–16:00, Monday to Friday,
/// closed on 24 and 31 December).
fn working_time() -> TableCreateStatement {
    let mut t = tenant_table("working_time");
    t.col(string_len("core_start", 5))
        .col(string_len("core_end", 5))
        // ISO weekday numbers, e.g. "1,2,3,4,5".
        .col(string("workdays"))
        // JSON: [{"month":12,"day":24,"name":…}, {"easter":-48,"from":"12:00","name":…}]
        .col(text("closure_days"))
        .col(timestamp_with_time_zone("updated_at"))
        .take()
}

fn blackouts() -> TableCreateStatement {
    let mut t = tenant_table("blackouts");
    t.col(date("starts_on"))
        .col(date("ends_on"))
        .col(string("reason"))
        .col(timestamp_with_time_zone("created_at"))
        .take()
}

/// `owner` is `team` for the authority's feed or `ambassador-<id>` for a person's.
fn calendar_feeds() -> TableCreateStatement {
    let mut t = tenant_table("calendar_feeds");
    t.col(string("owner"))
        .col(big_integer_null("ambassador_id"))
        .col(string_len("token_hash", 64))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk(
            "calendar_feeds",
            "ambassador_id",
            "ambassadors",
            Cascade,
        ))
        .take()
}
