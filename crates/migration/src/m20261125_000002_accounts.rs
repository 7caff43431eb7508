//! Accounts and sign-in: invitation and reset tokens, login throttling, single sign-on
//! per authority, linked identities, and suspended authorities.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, table, tenant_table, timestamps, unique};

use ForeignKeyAction::{Cascade, SetNull};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000002_accounts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("tenants")
                .add_column(timestamp_with_time_zone_null("suspended_at"))
                .to_owned(),
        )
        .await?;
        for t in [
            auth_tokens(),
            login_attempts(),
            oidc_providers(),
            oidc_flows(),
            identities(),
        ] {
            m.create_table(t).await?;
        }
        for i in [
            index("auth_tokens", &["email", "kind"]),
            index("login_attempts", &["account", "created_at"]),
            index("login_attempts", &["ip", "created_at"]),
            index("oidc_flows", &["expires_at"]),
            unique("identities", &["issuer", "subject"]),
            index("identities", &["user_id"]),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "identities",
            "oidc_flows",
            "oidc_providers",
            "login_attempts",
            "auth_tokens",
        ] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("tenants")
                .drop_column("suspended_at")
                .to_owned(),
        )
        .await
    }
}

/// Single-use, expiring tokens sent by email: invitations and password resets.
fn auth_tokens() -> TableCreateStatement {
    let mut t = table("auth_tokens");
    t.col(big_integer_null("tenant_id"))
        .col(big_integer_null("user_id"))
        .col(string("email"))
        .col(string("kind"))
        .col(string_len_uniq("token_hash", 64))
        .col(string_null("role"))
        .col(big_integer_null("created_by"))
        .col(timestamp_with_time_zone("expires_at"))
        .col(timestamp_with_time_zone_null("used_at"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("auth_tokens", "tenant_id", "tenants", Cascade))
        .foreign_key(&mut fk("auth_tokens", "user_id", "users", Cascade))
        .foreign_key(&mut fk("auth_tokens", "created_by", "users", SetNull))
        .take()
}

/// Login attempts per account (a hash of the email) and per IP, for growing delays.
fn login_attempts() -> TableCreateStatement {
    let mut t = table("login_attempts");
    t.col(string_len("account", 64))
        .col(string("ip"))
        .col(boolean("succeeded"))
        .col(timestamp_with_time_zone("created_at"))
        .take()
}

/// An authority's OpenID Connect provider (Keycloak, Entra ID, …).
fn oidc_providers() -> TableCreateStatement {
    let mut t = tenant_table("oidc_providers");
    t.col(string("issuer"))
        .col(string("client_id"))
        .col(blob("client_secret_enc"))
        .col(text("allowed_domains"))
        .col(string("role_claim"))
        .col(text("role_mapping"))
        .col(string_null("default_role"))
        .col(boolean("enabled").default(true));
    timestamps(&mut t).take()
}

/// A sign-in in progress: state, nonce and PKCE verifier, kept in the database so that any
/// instance can take the provider's callback.
fn oidc_flows() -> TableCreateStatement {
    Table::create()
        .table("oidc_flows")
        .if_not_exists()
        .col(string_len("state_hash", 64).primary_key())
        .col(big_integer("tenant_id"))
        .col(string("nonce"))
        .col(string("pkce_verifier"))
        .col(string("next"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("expires_at"))
        .foreign_key(&mut fk("oidc_flows", "tenant_id", "tenants", Cascade))
        .take()
}

/// External identities linked to a user (issuer + subject of an ID token).
fn identities() -> TableCreateStatement {
    let mut t = table("identities");
    t.col(big_integer("user_id"))
        .col(string("issuer"))
        .col(string("subject"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("identities", "user_id", "users", Cascade))
        .take()
}
