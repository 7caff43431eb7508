//! The administration area: one page that lists what a member may manage (invitations,
//! connection health, working time, studio settings, sign-in, the audit log, background jobs),
//! each with a sentence on what it is for. The navigation shows it as one entry.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;

use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::{ADMIN_PAGES, PageCtx};
use crate::web::render::page;

pub fn router() -> Router<AppState> {
    Router::new().route("/t/{slug}/admin", get(show))
}

pub struct Entry {
    pub href: String,
    pub title: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage {
    ctx: PageCtx,
    entries: Vec<Entry>,
}

async fn show(ctx: PageCtx, member: Member) -> Result<Response, AppError> {
    let entries: Vec<Entry> = ADMIN_PAGES
        .iter()
        .filter(|(p, _, _, _)| member.can(*p))
        .map(|(_, path, title, text)| Entry {
            href: format!("/t/{}/{path}", member.tenant.slug),
            title: ctx.t(title),
            text: ctx.t(text),
        })
        .collect();
    if entries.is_empty() {
        // Nothing here for this role: the same answer as any page it may not use.
        member.require(Permission::ViewAuditLog)?;
    }
    Ok(page(&AdminPage {
        entries,
        ctx: ctx.for_member(&member),
    }))
}
