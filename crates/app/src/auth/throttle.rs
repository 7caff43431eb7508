//! Brute-force protection for the password login: growing delays per account and per IP
//! address, shared by all instances through the database, and audit-logged.

use std::net::SocketAddr;

use amtfluencer_domain::throttle::{FREE_PER_ACCOUNT, FREE_PER_IP, WINDOW, delay};
use axum::extract::ConnectInfo;
use axum::http::Extensions;
use sea_orm::{ConnectionTrait, DbErr};

use crate::db::{self, throttle};

/// The peer address of the connection; behind a reverse proxy this is the proxy.
pub fn client_ip(ext: &Extensions) -> String {
    ext.get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// How long the caller must still wait before trying this account from this address, if at all.
pub async fn wait(
    db: &impl ConnectionTrait,
    email: &str,
    ip: &str,
) -> Result<Option<std::time::Duration>, DbErr> {
    let at = db::now();
    let since = at - chrono::Duration::from_std(WINDOW).unwrap_or_default();
    let mut longest = std::time::Duration::ZERO;
    for (column, key, free) in [
        ("account", throttle::account_key(email), FREE_PER_ACCOUNT),
        ("ip", ip.to_owned(), FREE_PER_IP),
    ] {
        let (n, last) = throttle::recent_failures(db, column, &key, since).await?;
        if let Some(last) = last {
            let until = last + chrono::Duration::from_std(delay(n, free)).unwrap_or_default();
            if let Ok(left) = (until - at).to_std() {
                longest = longest.max(left);
            }
        }
    }
    Ok((!longest.is_zero()).then_some(longest))
}

/// Records an attempt and writes it to the audit log.
pub async fn note(
    db: &impl ConnectionTrait,
    email: &str,
    ip: &str,
    user_id: Option<i64>,
    outcome: &'static str,
) -> Result<(), DbErr> {
    if outcome != "login.throttled" {
        throttle::record(db, &throttle::account_key(email), ip, outcome == "login").await?;
    }
    db::audit::record(
        db,
        None,
        db::audit::Entry {
            actor_user_id: user_id,
            action: outcome,
            object_type: "user",
            object_id: user_id.map(|id| id.to_string()),
            details: serde_json::json!({ "email": email.trim().to_lowercase(), "ip": ip }),
        },
    )
    .await
}
