//! The programme team's candidate list, filtered by status and track, with the under-18 flag.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{CandidateStatus, Track};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{minor_text, status_label, track_label};
use crate::db::{self, candidates::ListFilter};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub struct Row {
    pub id: i64,
    pub name: String,
    pub department: String,
    pub track: String,
    pub status: String,
    pub minor: String,
    pub flagged: bool,
    pub self_nominated: bool,
}

#[derive(Template)]
#[template(path = "recruitment/list.html")]
struct ListPage {
    ctx: PageCtx,
    base: String,
    join_url: String,
    rows: Vec<Row>,
    statuses: Vec<(&'static str, String)>,
    tracks: Vec<(&'static str, String)>,
    status: String,
    track: String,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct Filter {
    status: Option<String>,
    track: Option<String>,
    done: Option<String>,
}

pub async fn list_candidates(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(f): Query<Filter>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    // An unknown filter value shows everything rather than an error.
    let filter = ListFilter {
        status: f.status.as_deref().and_then(|s| s.parse().ok()),
        track: f.track.as_deref().and_then(|t| t.parse().ok()),
    };
    let candidates = db::candidates::list(&state.db, member.tenant_id(), filter).await?;
    let rows = candidates
        .into_iter()
        .map(|c| {
            let (minor, flagged) = minor_text(&ctx, c.birth_year);
            Row {
                id: c.id,
                name: format!("{} {}", c.first_name, c.last_name),
                department: c.department,
                track: track_label(&ctx, &c.track),
                status: status_label(&ctx, &c.status),
                minor,
                flagged,
                self_nominated: c.self_nominated,
            }
        })
        .collect();
    let base = format!("/t/{}/recruitment", member.tenant.slug);
    Ok(page(&ListPage {
        join_url: format!(
            "{}/t/{}/mitmachen",
            state.config.base_url.trim_end_matches('/'),
            member.tenant.slug
        ),
        statuses: CandidateStatus::ALL
            .iter()
            .map(|s| (s.as_str(), status_label(&ctx, s.as_str())))
            .collect(),
        tracks: Track::ALL
            .iter()
            .map(|t| (t.as_str(), track_label(&ctx, t.as_str())))
            .collect(),
        status: filter
            .status
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        track: filter
            .track
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        notice: (f.done.as_deref() == Some("deleted")).then(|| ctx.t("recruitment-deleted")),
        ctx: ctx.for_member(&member),
        base,
        rows,
    }))
}
