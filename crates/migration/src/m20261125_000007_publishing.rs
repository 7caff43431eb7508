//! Publishing: sign-ins to LinkedIn and Mastodon in progress, each Mastodon instance's
//! registration of our app, reminders before a connection expires, and the record of a
//! publishing attempt made before anything is sent.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, table, timestamps};

use ForeignKeyAction::Cascade;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000007_publishing"
    }
}

/// Columns added to existing tables (SQLite adds one column per statement).
fn columns() -> Vec<(&'static str, ColumnDef)> {
    vec![
        // The smallest number of days before expiry that a reminder was sent for.
        ("channel_accounts", integer_null("reminded_days")),
        ("channel_accounts", string_null("account_url")),
        ("channel_accounts", text_null("last_error")),
        // Set, in its own commit, right before a post is sent; cleared when the network
        // answered that nothing was created.
        ("posts", timestamp_with_time_zone_null("publish_started_at")),
        // What stopped the post: reconnect, rejected, unconfirmed, version, retrying.
        ("posts", string_null("failure_kind")),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut col) in columns() {
            m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                .await?;
        }
        m.create_table(mastodon_apps()).await?;
        m.create_table(channel_oauth_states()).await?;
        m.create_index(index(
            "channel_accounts",
            &["tenant_id", "channel", "status"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_channel_accounts_tenant_id_channel_status")
                .table("channel_accounts")
                .to_owned(),
        )
        .await?;
        for t in ["channel_oauth_states", "mastodon_apps"] {
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

/// Our app as registered on a Mastodon instance (`POST /api/v1/apps`), one per instance and
/// redirect address; the client secret encrypted like the tokens.
fn mastodon_apps() -> TableCreateStatement {
    let mut t = table("mastodon_apps");
    t.col(string("instance_url"))
        .col(string("redirect_uri"))
        .col(string("client_id"))
        .col(blob("client_secret_enc"))
        .col(timestamp_with_time_zone("created_at"))
        .index(
            Index::create()
                .name("ux_mastodon_apps_instance_url_redirect_uri")
                .col("instance_url")
                .col("redirect_uri")
                .unique(),
        );
    t.take()
}

/// A connection in progress: the hash of the OAuth `state`, who started it and where.
fn channel_oauth_states() -> TableCreateStatement {
    let mut t = table("channel_oauth_states");
    t.col(string_len_uniq("state_hash", 64))
        .col(big_integer("tenant_id"))
        .col(big_integer("user_id"))
        .col(big_integer("ambassador_id"))
        .col(string("channel"))
        .col(string_null("instance_url"))
        .col(timestamp_with_time_zone("expires_at"))
        .foreign_key(&mut fk(
            "channel_oauth_states",
            "tenant_id",
            "tenants",
            Cascade,
        ))
        .foreign_key(&mut fk("channel_oauth_states", "user_id", "users", Cascade))
        .foreign_key(&mut fk(
            "channel_oauth_states",
            "ambassador_id",
            "ambassadors",
            Cascade,
        ));
    timestamps(&mut t).take()
}
