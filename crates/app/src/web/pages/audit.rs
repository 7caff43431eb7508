//! The audit log of an authority, for the programme team and the staff council, with filters.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use chrono::{NaiveDate, TimeZone, Utc};
use serde::Deserialize;

use crate::db::{self, audit::Filter};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

const PER_PAGE: u64 = 50;

pub fn router() -> Router<AppState> {
    Router::new().route("/t/{slug}/audit", get(show_audit_log))
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    action: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    until: Option<String>,
    page: Option<u64>,
}

pub struct Line {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub details: String,
}

#[derive(Template)]
#[template(path = "audit/index.html")]
struct AuditPage {
    ctx: PageCtx,
    base: String,
    lines: Vec<Line>,
    actions: Vec<String>,
    action: String,
    actor: String,
    from: String,
    until: String,
    total: u64,
    page: u64,
    pages: u64,
    query_without_page: String,
}

fn date(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

async fn show_audit_log(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewAuditLog)?;
    let midnight = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN));
    let filter = Filter {
        action: q.action.clone().filter(|a| !a.is_empty()),
        actor_email: q
            .actor
            .clone()
            .filter(|a| !a.trim().is_empty())
            .map(|a| a.trim().to_owned()),
        from: date(&q.from).map(midnight),
        until: date(&q.until).and_then(|d| d.succ_opt()).map(midnight),
    };
    let page_no = q.page.unwrap_or(0);
    let (rows, total) =
        db::audit::list(&state.db, member.tenant_id(), &filter, page_no, PER_PAGE).await?;
    let actions = db::audit::actions(&state.db, member.tenant_id()).await?;
    let lines = rows
        .into_iter()
        .map(|r| Line {
            when: r
                .entry
                .created_at
                .format("%Y-%m-%d %H:%M:%S UTC")
                .to_string(),
            actor: r.actor.unwrap_or_else(|| "–".to_owned()),
            action: r.entry.action,
            object: match r.entry.object_id {
                Some(id) => format!("{} {id}", r.entry.object_type),
                None => r.entry.object_type,
            },
            details: if r.entry.details == "{}" {
                String::new()
            } else {
                r.entry.details
            },
        })
        .collect();
    let mut qs = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("action", &q.action),
        ("actor", &q.actor),
        ("from", &q.from),
        ("until", &q.until),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            qs.append_pair(k, v);
        }
    }
    let base = format!("/t/{}/audit", member.tenant.slug);
    Ok(page(&AuditPage {
        ctx: ctx.for_member(&member),
        base,
        lines,
        actions,
        action: q.action.unwrap_or_default(),
        actor: q.actor.unwrap_or_default(),
        from: q.from.unwrap_or_default(),
        until: q.until.unwrap_or_default(),
        total,
        page: page_no,
        pages: total.div_ceil(PER_PAGE).max(1),
        query_without_page: qs.finish(),
    }))
}
