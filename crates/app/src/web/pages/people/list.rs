//! The team's list of all Amtfluencer, with filters, and the filtered list as a file.

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{progress_text, status_label, track_label};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{self, Cell, Export, Format};
use crate::web::layout::PageCtx;
use crate::web::pages::analytics::de;
use crate::web::render::page;

pub struct Row {
    pub id: i64,
    pub name: String,
    pub department: String,
    pub track: String,
    pub status: String,
    pub goal: i32,
    pub onboarding: String,
}

#[derive(Template)]
#[template(path = "people/list.html")]
struct PeoplePage {
    ctx: PageCtx,
    base: String,
    rows: Vec<Row>,
    departments: Vec<String>,
    statuses: Vec<(&'static str, String)>,
    department: String,
    status: String,
    can_import: bool,
    /// After an import: how many were created and changed.
    imported: Option<String>,
    /// The filter as a query, up to where `format=` follows.
    export_base: String,
}

#[derive(Deserialize)]
pub struct Filter {
    department: Option<String>,
    status: Option<String>,
    imported: Option<u64>,
    updated: Option<u64>,
    format: Option<String>,
}

pub async fn list_people(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(f): Query<Filter>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewPeople)?;
    let format = Format::parse(f.format.as_deref())?;
    let all = db::ambassadors::list(&state.db, member.tenant_id()).await?;
    let mut departments: Vec<String> = all.iter().map(|a| a.department.clone()).collect();
    departments.sort();
    departments.dedup();
    let department = f.department.unwrap_or_default();
    let status = f.status.unwrap_or_default();
    let shown: Vec<_> = all
        .into_iter()
        .filter(|a| {
            (department.is_empty() || a.department == department)
                && (status.is_empty() || a.status == status)
        })
        .collect();
    let facts = db::onboarding::facts_all(&state.db, member.tenant_id(), &shown).await?;
    let mut rows = Vec::new();
    for (a, facts) in shown.iter().zip(facts.iter()) {
        rows.push(Row {
            id: a.id,
            name: format!("{} {}", a.first_name, a.last_name),
            department: a.department.clone(),
            track: track_label(&ctx, &a.track),
            status: status_label(&ctx, &a.status),
            goal: a.monthly_goal,
            onboarding: progress_text(facts),
        });
    }
    if let Some(format) = format {
        return download(&ctx, &member, format, &rows);
    }
    let statuses = amtfluencer_domain::programme::AmbassadorStatus::ALL
        .iter()
        .map(|s| (s.as_str(), status_label(&ctx, s.as_str())))
        .collect();
    let base = format!("/t/{}/people", member.tenant.slug);
    let imported = f.imported.map(|created| {
        let (c, u) = (created.to_string(), f.updated.unwrap_or(0).to_string());
        ctx.i18n
            .tr_args(ctx.lang, "import-done", &[("created", &c), ("updated", &u)])
    });
    let export_base = format!(
        "?{}&",
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("department", &department)
            .append_pair("status", &status)
            .finish()
    );
    Ok(page(&PeoplePage {
        export_base,
        can_import: member.can(Permission::ManageProgramme),
        imported,
        ctx: ctx.for_member(&member),
        base,
        rows,
        departments,
        statuses,
        department,
        status,
    }))
}

/// The rows of the page (the same filter, the same columns) as a file.
fn download(
    ctx: &PageCtx,
    member: &Member,
    format: Format,
    rows: &[Row],
) -> Result<Response, AppError> {
    let headers: Vec<String> = [
        "people-name",
        "people-department",
        "people-track",
        "people-status",
        "people-goal",
        "people-onboarding",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            vec![
                Cell::text(&r.name),
                Cell::text(&r.department),
                Cell::text(&r.track),
                Cell::text(&r.status),
                Cell::int(ctx.lang, i64::from(r.goal)),
                Cell::text(&r.onboarding),
            ]
        })
        .collect();
    let title = de(ctx, "people-title");
    let e = Export {
        title: &title,
        headers: &headers,
        rows: &cells,
        notes: Vec::new(),
    };
    let today = db::now().date_naive().to_string();
    export::respond(format, &member.tenant.slug, &today, &e)
}
