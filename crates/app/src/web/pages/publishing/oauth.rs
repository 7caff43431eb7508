//! The way back from LinkedIn and Mastodon: the `state` must be one we issued, to this
//! signed-in person, not yet used and not expired; then the code becomes a sealed token.

use amtfluencer_channels::mastodon::MastodonInstance;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::connections::mastodon_app;
use crate::channels::{LINKEDIN, MASTODON};
use crate::db::{self, audit::Entry, connections::NewConnection, entities::channel_oauth_state};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::session::Viewer;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The connection in progress this answer belongs to, and the page to go back to.
async fn flow(
    state: &AppState,
    viewer: &Viewer,
    q: &Callback,
    channel: &str,
) -> Result<(channel_oauth_state::Model, String), AppError> {
    let invalid = || {
        AppError::BadRequest(
            "Diese Anmeldung ist abgelaufen oder wurde schon verwendet. Bitte verbinden Sie \
             das Konto noch einmal."
                .to_owned(),
        )
    };
    let token = q.state.as_deref().ok_or_else(invalid)?;
    let flow = db::connections::take(&state.db, token)
        .await?
        .ok_or_else(invalid)?;
    if flow.user_id != viewer.user.id || flow.channel != channel {
        return Err(invalid());
    }
    let slug = db::tenants::get(&state.db, flow.tenant_id)
        .await?
        .ok_or(AppError::NotFound)?
        .slug;
    Ok((flow, format!("/t/{slug}/connections")))
}

fn back(page: &str, result: &str) -> Response {
    Redirect::to(&format!("{page}?result={result}")).into_response()
}

async fn record(
    state: &AppState,
    flow: &channel_oauth_state::Model,
    account_id: i64,
) -> Result<(), AppError> {
    db::audit::record(
        &state.db,
        Some(TenantId(flow.tenant_id)),
        Entry {
            actor_user_id: Some(flow.user_id),
            action: "connection.connect",
            object_type: "channel_account",
            object_id: Some(account_id.to_string()),
            details: serde_json::json!({ "channel": flow.channel }),
        },
    )
    .await?;
    Ok(())
}

pub async fn linkedin_callback(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<Callback>,
) -> Result<Response, AppError> {
    let (flow, page) = flow(&state, &viewer, &q, LINKEDIN).await?;
    let (Some(code), None) = (&q.code, &q.error) else {
        return Ok(back(&page, "denied"));
    };
    let Some(client) = state.channels.linkedin() else {
        return Ok(back(&page, "failed"));
    };
    let conn = match client
        .connect(code, &state.channels.linkedin_redirect())
        .await
    {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "LinkedIn connection failed");
            return Ok(back(&page, "failed"));
        }
    };
    if !conn.token.can_post() {
        return Ok(back(&page, "no-post-scope"));
    }
    let m = &conn.member;
    let name = m.name.clone().unwrap_or_else(|| {
        [m.given_name.as_deref(), m.family_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let sealed = state
        .channels
        .seal(conn.token.access_token.secret())
        .map_err(|e| AppError::Internal(e.into()))?;
    let expires = db::now() + chrono::Duration::from_std(conn.token.expires_in).unwrap_or_default();
    let saved = db::connections::save(
        &state.db,
        TenantId(flow.tenant_id),
        NewConnection {
            ambassador_id: flow.ambassador_id,
            channel: LINKEDIN,
            instance_url: None,
            external_account_id: m.person_urn(),
            display_name: if name.trim().is_empty() {
                "LinkedIn".to_owned()
            } else {
                name
            },
            account_url: None,
            access_token_enc: sealed,
            token_expires_at: Some(expires),
            scopes: conn.token.scopes.join(" "),
        },
    )
    .await?;
    record(&state, &flow, saved.id).await?;
    Ok(back(&page, "linkedin"))
}

pub async fn mastodon_callback(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<Callback>,
) -> Result<Response, AppError> {
    let (flow, page) = flow(&state, &viewer, &q, MASTODON).await?;
    let (Some(code), None) = (&q.code, &q.error) else {
        return Ok(back(&page, "denied"));
    };
    let url = flow.instance_url.clone().unwrap_or_default();
    let Ok(instance) = MastodonInstance::parse(&url) else {
        return Ok(back(&page, "failed"));
    };
    let redirect = state.channels.mastodon_redirect();
    let channel = state.channels.mastodon(instance.clone());
    let connected = async {
        let app = mastodon_app(&state, &instance, &redirect).await?;
        let token = channel.exchange_code(&app, code, &redirect).await?;
        let account = channel.verify_credentials(&token).await?;
        anyhow::Ok((token, account))
    }
    .await;
    let (token, account) = match connected {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(instance = %url, error = %e, "Mastodon connection failed");
            return Ok(back(&page, "failed"));
        }
    };
    let sealed = state
        .channels
        .seal(token.secret())
        .map_err(|e| AppError::Internal(e.into()))?;
    let host = instance.url().host_str().unwrap_or_default().to_owned();
    let saved = db::connections::save(
        &state.db,
        TenantId(flow.tenant_id),
        NewConnection {
            ambassador_id: flow.ambassador_id,
            channel: MASTODON,
            instance_url: Some(url),
            external_account_id: account.id.clone(),
            display_name: format!("@{}@{host}", account.acct.split('@').next().unwrap_or("")),
            account_url: Some(account.url.clone()),
            access_token_enc: sealed,
            token_expires_at: None,
            scopes: amtfluencer_channels::mastodon::SCOPES.to_owned(),
        },
    )
    .await?;
    record(&state, &flow, saved.id).await?;
    Ok(back(&page, "mastodon"))
}
