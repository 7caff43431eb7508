//! The people in a post's photo with their consent (a guardian's for someone under 18), and the
//! second look ("review") that an authority may ask for before posts go out: on every post or
//! on topics marked for it. The answer to "Are people in the photo?" lives in the existing
//! `media.consent_state`: `none` (not answered yet), `no_people` or `people`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, tenant_table};

use ForeignKeyAction::{Cascade, SetNull};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000009_consent_review"
    }
}

/// Columns added to existing tables (SQLite adds one column per statement).
fn columns() -> Vec<(&'static str, ColumnDef)> {
    vec![("topics", boolean("review_required").default(false).take())]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut col) in columns() {
            m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                .await?;
        }
        let mut t = tenant_table("photo_people");
        t.col(big_integer("media_id"))
            .col(string("name"))
            // colleague or citizen
            .col(string("kind"))
            .col(boolean("minor").default(false))
            .col(string_null("guardian_name"))
            .col(date_null("consent_on"))
            .col(date_null("withdrawn_on"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk("photo_people", "media_id", "media", Cascade));
        m.create_table(t.take()).await?;
        m.create_index(index("photo_people", &["tenant_id", "media_id"]))
            .await?;

        let mut t = tenant_table("post_reviews");
        t.col(big_integer("post_id"))
            .col(big_integer_null("user_id"))
            // requested, withdrawn, changes, approved
            .col(string("action"))
            .col(text("comment"))
            // SHA-256 of the post's text at this step: an approval holds for that text only.
            .col(string_len("body_sha256", 64))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk("post_reviews", "post_id", "posts", Cascade))
            .foreign_key(&mut fk("post_reviews", "user_id", "users", SetNull));
        m.create_table(t.take()).await?;
        m.create_index(index(
            "post_reviews",
            &["tenant_id", "post_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["post_reviews", "photo_people"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        for (table, col) in columns().into_iter().rev() {
            let name = col.get_column_name();
            m.alter_table(Table::alter().table(table).drop_column(name).to_owned())
                .await?;
        }
        Ok(())
    }
}
