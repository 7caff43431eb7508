//! The programme team's view of every connection's health: who is connected where, until
//! when, and who has to reconnect. Tokens are never shown, not even in part.

use std::collections::HashMap;

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Health, expiry_text, network};
use crate::db;
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub struct HealthRow {
    pub person: String,
    pub network: String,
    pub account: String,
    pub health: String,
    pub css: &'static str,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "publishing/team.html")]
struct TeamHealthPage {
    ctx: PageCtx,
    rows: Vec<HealthRow>,
    attention: usize,
}

pub async fn show_team_health(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let tenant = member.tenant_id();
    let names: HashMap<i64, String> = db::ambassadors::list(&state.db, tenant)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect();
    let tz = localtime::zone(&member.tenant.time_zone);
    let now = db::now();
    let mut attention = 0;
    let rows = db::connections::all(&state.db, tenant)
        .await?
        .into_iter()
        .map(|a| {
            let health = Health::of(&a.status, a.token_expires_at, now);
            if health != Health::Ok {
                attention += 1;
            }
            HealthRow {
                person: a
                    .ambassador_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                network: network(&ctx, &a.channel),
                account: a.display_name.clone(),
                health: ctx.t(health.key()),
                css: health.css(),
                expires: expiry_text(&ctx, tz, a.token_expires_at, now),
            }
        })
        .collect();
    Ok(page(&TeamHealthPage {
        rows,
        attention,
        ctx: ctx.for_member(&member),
    }))
}
