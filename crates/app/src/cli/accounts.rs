//! `user create` and `token create`: an account with its password, and an API token, made
//! from the command line.

use std::io::BufRead;

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{Email, required_text};
use anyhow::{Context, bail};

use super::open;
use crate::config::Config;
use crate::db;
use crate::tenancy::TenantId;

pub(super) async fn create_user(
    config: &Config,
    email: &str,
    name: &str,
    tenant: Option<&str>,
    role: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email {e}"))?;
    let name = required_text(name, 200).map_err(|e| anyhow::anyhow!("--name {e}"))?;
    let role: Role = role.parse().map_err(|_| {
        anyhow::anyhow!(
            "--role {role:?} is unknown: use admin, ambassador, leadership, council or operator"
        )
    })?;
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        let p = line.trim_end_matches(['\r', '\n']).to_owned();
        if p.chars().count() < 12 {
            bail!("the password must have at least 12 characters");
        }
        (p, false)
    } else {
        (crate::auth::tokens::random_token()[..20].to_owned(), true)
    };
    let db = open(config).await?;
    if db::users::by_email(&db, &email).await?.is_some() {
        bail!("a user with the email {email} exists already");
    }
    let tenant = match (role, tenant) {
        (Role::Operator, _) => None,
        (_, Some(slug)) => Some(
            db::tenants::by_slug(&db, slug)
                .await?
                .with_context(|| format!("there is no authority with the slug {slug}"))?,
        ),
        (_, None) => bail!("--tenant SLUG is needed for the role {role}"),
    };
    let hash = crate::auth::password::hash(password.clone()).await?;
    let user = db::users::create(
        &db,
        db::users::NewUser {
            email: &email,
            display_name: &name,
            password_hash: Some(hash),
            is_operator: role == Role::Operator,
        },
    )
    .await?;
    if let Some(t) = &tenant {
        db::users::add_membership(&db, TenantId(t.id), user.id, role).await?;
    }
    println!(
        "Created {email} as {role}{}.",
        tenant
            .map(|t| format!(" in {}", t.slug))
            .unwrap_or_default()
    );
    if generated {
        println!("Initial password (shown once): {password}");
    }
    Ok(())
}

pub(super) async fn create_token(
    config: &Config,
    slug: &str,
    email: &str,
    scope: &str,
    days: i64,
    name: &str,
) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email {e}"))?;
    let scope: db::api_tokens::Scope = scope
        .parse()
        .map_err(|_| anyhow::anyhow!("--scope {scope:?} is unknown: use read or write"))?;
    let name = required_text(name, 80).map_err(|e| anyhow::anyhow!("--name {e}"))?;
    let db = open(config).await?;
    let tenant = db::tenants::by_slug(&db, slug)
        .await?
        .with_context(|| format!("there is no authority with the slug {slug}"))?;
    let user = db::users::by_email(&db, &email)
        .await?
        .with_context(|| format!("there is no user with the email {email}"))?;
    if db::users::role_in(&db, TenantId(tenant.id), user.id)
        .await?
        .is_none()
    {
        bail!("{email} is not a member of {slug}");
    }
    let (secret, token) = db::api_tokens::create(
        &db,
        TenantId(tenant.id),
        db::api_tokens::NewToken {
            user_id: user.id,
            name: &name,
            scope,
            valid_for: chrono::Duration::days(days),
        },
    )
    .await?;
    db::audit::record(&db, Some(TenantId(tenant.id)), db::audit::Entry {
        actor_user_id: Some(user.id),
        action: "api_token.created",
        object_type: "api_token",
        object_id: Some(token.id.to_string()),
        details: serde_json::json!({ "name": name, "scope": scope.as_str(), "days": days, "via": "cli" }),
    })
    .await?;
    println!("{secret}");
    Ok(())
}
