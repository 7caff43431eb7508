//! The Amtfluencer's own connections: their health, connecting LinkedIn (OAuth) and a
//! Mastodon instance of their choice (the app registers itself there), disconnecting.

use amtfluencer_channels::mastodon::MastodonInstance;
use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Health, expiry_text, me_with, network};
use crate::channels::{CLIENT_NAME, LINKEDIN, MASTODON};
use crate::db::{self, connections::NewState};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub struct ConnectionRow {
    pub id: i64,
    pub network: String,
    pub account: String,
    pub account_url: Option<String>,
    pub health: String,
    pub css: &'static str,
    pub expires: String,
    pub problem: Option<String>,
}

#[derive(Template)]
#[template(path = "publishing/connections.html")]
struct ConnectionsPage {
    ctx: PageCtx,
    base: String,
    rows: Vec<ConnectionRow>,
    linkedin_available: bool,
    notice: Option<String>,
    warning: Option<String>,
    instance: String,
    errors: FieldErrors,
}

/// `?result=` after a connection attempt, as a message key.
#[derive(Deserialize, Default)]
pub struct ResultQuery {
    #[serde(default)]
    result: String,
}

fn result_message(ctx: &PageCtx, result: &str) -> (Option<String>, Option<String>) {
    match result {
        "linkedin" | "mastodon" => (Some(ctx.t(&format!("connected-{result}"))), None),
        "denied" | "failed" | "no-post-scope" | "expired" => {
            (None, Some(ctx.t(&format!("connect-{result}"))))
        }
        _ => (None, None),
    }
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    ambassador_id: i64,
    (notice, warning): (Option<String>, Option<String>),
    instance: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let tz = localtime::zone(&member.tenant.time_zone);
    let now = db::now();
    let rows = db::connections::of_ambassador(&state.db, member.tenant_id(), ambassador_id)
        .await?
        .into_iter()
        .map(|a| {
            let health = Health::of(&a.status, a.token_expires_at, now);
            let instance = a
                .instance_url
                .as_deref()
                .unwrap_or("")
                .trim_start_matches("https://");
            ConnectionRow {
                id: a.id,
                network: network(&ctx, &a.channel),
                account: if instance.is_empty() {
                    a.display_name.clone()
                } else {
                    format!("{} ({instance})", a.display_name)
                },
                account_url: a.account_url.clone(),
                health: ctx.t(health.key()),
                css: health.css(),
                expires: expiry_text(&ctx, tz, a.token_expires_at, now),
                problem: a.last_error.clone().filter(|_| health == Health::Expired),
            }
        })
        .collect();
    let status = errors.status();
    let view = ConnectionsPage {
        base: format!("/t/{}/connections", member.tenant.slug),
        rows,
        linkedin_available: state.channels.linkedin().is_some(),
        notice,
        warning,
        instance,
        errors,
        ctx: ctx.for_member(member),
    };
    Ok((status, page(&view)).into_response())
}

pub async fn show_connections(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<ResultQuery>,
) -> Result<Response, AppError> {
    let me = me_with(&state, &member, Permission::EditOwnProfile).await?;
    let messages = result_message(&ctx, &q.result);
    render(
        &state,
        ctx,
        &member,
        me.id,
        messages,
        String::new(),
        FieldErrors::default(),
    )
    .await
}

/// Sends the browser to LinkedIn; the `state` is kept on our side to check the way back.
pub async fn connect_linkedin(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let me = me_with(&state, &member, Permission::EditOwnProfile).await?;
    let Some(client) = state.channels.linkedin() else {
        let msg = (None, Some(ctx.t("linkedin-not-configured")));
        let mut view = render(
            &state,
            ctx,
            &member,
            me.id,
            msg,
            String::new(),
            FieldErrors::default(),
        )
        .await?;
        *view.status_mut() = StatusCode::CONFLICT;
        return Ok(view);
    };
    let new = NewState {
        user_id: member.user.id,
        ambassador_id: me.id,
        channel: LINKEDIN,
        instance_url: None,
    };
    let oauth_state = db::connections::start(&state.db, member.tenant_id(), new).await?;
    let url = client
        .authorize_url(&state.channels.linkedin_redirect(), &oauth_state)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("LinkedIn authorize URL: {e}")))?;
    tracing::debug!(tenant = %slug, "connecting LinkedIn");
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MastodonForm {
    instance: String,
}

/// Registers the app on the instance (once per instance) and sends the browser there.
pub async fn connect_mastodon(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<MastodonForm>,
) -> Result<Response, AppError> {
    let me = me_with(&state, &member, Permission::EditOwnProfile).await?;
    let mut errors = FieldErrors::default();
    let instance = match MastodonInstance::parse(&form.instance) {
        Ok(i) => Some(i),
        Err(_) => {
            errors.add("instance", ctx.t("mastodon-error-instance"));
            None
        }
    };
    let redirect = state.channels.mastodon_redirect();
    let app = match &instance {
        Some(i) => match mastodon_app(&state, i, &redirect).await {
            Ok(app) => Some(app),
            Err(e) => {
                tracing::info!(instance = %i.url(), error = %e, "Mastodon app registration failed");
                errors.add("instance", ctx.t("mastodon-error-unreachable"));
                None
            }
        },
        None => None,
    };
    let (Some(instance), Some(app)) = (instance, app) else {
        return render(
            &state,
            ctx,
            &member,
            me.id,
            (None, None),
            form.instance,
            errors,
        )
        .await;
    };
    let new = NewState {
        user_id: member.user.id,
        ambassador_id: me.id,
        channel: MASTODON,
        instance_url: Some(instance.url().as_str().trim_end_matches('/').to_owned()),
    };
    let oauth_state = db::connections::start(&state.db, member.tenant_id(), new).await?;
    let url = state
        .channels
        .mastodon(instance)
        .authorize_url(&app, &redirect, &oauth_state)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("Mastodon authorize URL: {e}")))?;
    Ok(Redirect::to(url.as_str()).into_response())
}

/// Our registration on the instance: from the database, or made now and kept.
pub(super) async fn mastodon_app(
    state: &AppState,
    instance: &MastodonInstance,
    redirect: &str,
) -> anyhow::Result<amtfluencer_channels::mastodon::MastodonApp> {
    let url = instance.url().as_str().trim_end_matches('/');
    if let Some(m) = db::connections::mastodon_app(&state.db, url, redirect).await? {
        return Ok(amtfluencer_channels::mastodon::MastodonApp {
            client_id: m.client_id,
            client_secret: state.channels.open(&m.client_secret_enc)?,
        });
    }
    let app = state
        .channels
        .mastodon(instance.clone())
        .register_app(CLIENT_NAME, redirect, Some(state.channels.base_url()))
        .await?;
    let sealed = state.channels.seal(&app.client_secret)?;
    let kept = db::connections::save_mastodon_app(&state.db, url, redirect, &app.client_id, sealed)
        .await?;
    Ok(amtfluencer_channels::mastodon::MastodonApp {
        client_id: kept.client_id,
        client_secret: state.channels.open(&kept.client_secret_enc)?,
    })
}

#[derive(Deserialize)]
pub struct ConnectionPath {
    slug: String,
    id: i64,
}

pub async fn disconnect(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<ConnectionPath>,
) -> Result<Response, AppError> {
    let me = me_with(&state, &member, Permission::EditOwnProfile).await?;
    if !db::connections::remove(&state.db, member.tenant_id(), me.id, p.id).await? {
        return Err(AppError::NotFound);
    }
    db::audit::by_member(
        &state.db,
        &member,
        "connection.disconnect",
        "channel_account",
        p.id,
        serde_json::json!({}),
    )
    .await?;
    Ok(Redirect::to(&format!("/t/{}/connections", p.slug)).into_response())
}
