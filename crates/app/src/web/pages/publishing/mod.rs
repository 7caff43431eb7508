//! Publishing: an Amtfluencer connects their LinkedIn or Mastodon account, schedules their
//! own posts and sees what became of each; the team sees the health of every connection
//! (never a token).

mod connections;
mod oauth;
mod outcome;
mod posts;
mod schedule;
mod team;

use amtfluencer_domain::permissions::Permission;
use axum::Router;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};

use crate::db::{self, entities::ambassador};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/connections", get(connections::show_connections))
        .route(
            "/t/{slug}/connections/linkedin",
            post(connections::connect_linkedin),
        )
        .route(
            "/t/{slug}/connections/mastodon",
            post(connections::connect_mastodon),
        )
        .route(
            "/t/{slug}/connections/{id}/disconnect",
            post(connections::disconnect),
        )
        .route("/t/{slug}/connections/team", get(team::show_team_health))
        .route("/oauth/linkedin/callback", get(oauth::linkedin_callback))
        .route("/oauth/mastodon/callback", get(oauth::mastodon_callback))
        .route("/t/{slug}/publishing", get(posts::list_posts))
        .route("/t/{slug}/publishing/posts/{id}", get(posts::show_post))
        .route(
            "/t/{slug}/publishing/posts/{id}/schedule",
            post(posts::schedule_post),
        )
        .route(
            "/t/{slug}/publishing/posts/{id}/unschedule",
            post(posts::unschedule_post),
        )
        .route(
            "/t/{slug}/publishing/posts/{id}/appeared",
            post(outcome::confirm_appeared),
        )
        .route(
            "/t/{slug}/publishing/posts/{id}/not-appeared",
            post(outcome::confirm_not_appeared),
        )
}

/// The member's own Amtfluencer record; the programme team has none and finds nothing.
async fn me(state: &AppState, member: &Member) -> Result<ambassador::Model, AppError> {
    db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The member's own record, after the permission every page here needs.
async fn me_with(
    state: &AppState,
    member: &Member,
    permission: Permission,
) -> Result<ambassador::Model, AppError> {
    member.require(permission)?;
    me(state, member).await
}

fn network(ctx: &PageCtx, channel: &str) -> String {
    ctx.t(&format!("channel-{channel}"))
}

/// How a connection stands: `ok`, `expiring` (within the reminder period), `expired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Ok,
    Expiring,
    Expired,
}

impl Health {
    pub fn of(status: &str, expires: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let reminder = chrono::Duration::days(i64::from(crate::jobs::publishing::REMINDER_DAYS[0]));
        match expires {
            _ if status != db::connections::CONNECTED => Self::Expired,
            Some(e) if e <= now => Self::Expired,
            Some(e) if e - now <= reminder => Self::Expiring,
            _ => Self::Ok,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Ok => "health-ok",
            Self::Expiring => "health-expiring",
            Self::Expired => "health-expired",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Expiring | Self::Expired => "flag",
        }
    }
}

/// "noch 12 Tage (bis 3.12.2026)" or "läuft nicht ab".
fn expiry_text(
    ctx: &PageCtx,
    tz: chrono_tz::Tz,
    expires: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> String {
    match expires {
        None => ctx.t("connection-no-expiry"),
        Some(e) => {
            let date = crate::web::pages::start::format_date(
                ctx.lang,
                crate::localtime::to_local(tz, e).date(),
            );
            let days = (e - now).num_days().max(0).to_string();
            ctx.i18n.tr_args(
                ctx.lang,
                "connection-expires",
                &[("date", date.as_str()), ("days", days.as_str())],
            )
        }
    }
}
