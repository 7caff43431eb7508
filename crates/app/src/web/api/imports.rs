//! `POST /api/v1/imports`: a LinkedIn export file as multipart, answered with the per-row
//! report; applied only with `commit=true`. The same file twice is reported as a duplicate
//! and changes nothing.

use amtfluencer_domain::permissions::Permission;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::db;
use crate::error::{AppError, FieldError};
use crate::imports::{self, Outcome, PlanError, Report, ReportRow};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    paths(import_file),
    components(schemas(ImportAnswer, Report, ReportRow, Outcome, Duplicate))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/imports",
        post(import_file).layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
    )
}

#[derive(Deserialize)]
pub struct ImportQuery {
    #[serde(default)]
    commit: bool,
    /// For a member's own export: match among this person's posts only.
    ambassador_id: Option<i64>,
    #[serde(default)]
    lang: Option<String>,
}

/// The earlier import of the same file.
#[derive(Serialize, ToSchema)]
pub struct Duplicate {
    pub import_id: i64,
    pub imported_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ImportAnswer {
    /// Whether the figures were saved (only with `commit=true`, something to save and no
    /// earlier import of the same file).
    pub committed: bool,
    pub import_id: Option<i64>,
    pub duplicate_of: Option<Duplicate>,
    pub report: Report,
}

fn invalid(detail: String) -> AppError {
    AppError::Validation(vec![FieldError {
        field: Some("file".into()),
        detail,
    }])
}

#[utoipa::path(post, path = "/api/v1/imports", tag = "figures",
    params(
        ("commit" = Option<bool>, Query, description = "Save the figures; without it, only the report"),
        ("ambassador_id" = Option<i64>, Query, description = "Whose export it is (member analytics, Shares.csv)"),
        ("lang" = Option<String>, Query, description = "de (default) or en, for the reasons in the report"),
    ),
    request_body(content_type = "multipart/form-data", description = "The export file (XLS, XLSX or CSV) in the field `file`"),
    responses((status = 200, body = ImportAnswer), (status = 422, body = super::ErrorBody), (status = 403, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn import_file(
    State(state): State<AppState>,
    api: ApiMember,
    Query(q): Query<ImportQuery>,
    mut multipart: Multipart,
) -> Result<Json<ImportAnswer>, AppError> {
    api.require(Permission::ImportMetrics)?;
    if q.commit {
        api.require_write()?;
    }
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::BadRequest(e.body_text()))?;
            file = Some((name, bytes));
        }
    }
    let (name, bytes) = file.ok_or_else(|| invalid("no file in the field `file`".into()))?;
    let tenant = api.member.tenant_id();
    if let Some(id) = q.ambassador_id {
        db::ambassadors::get(&state.db, tenant, id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let lang = match q.lang.as_deref() {
        Some("en") => amtfluencer_domain::studio::Language::En,
        _ => amtfluencer_domain::studio::Language::De,
    };
    let today = db::now().date_naive();
    let plan = match imports::plan(&state.db, tenant, &name, &bytes, q.ambassador_id, today).await {
        Ok(p) => p,
        Err(PlanError::Db(e)) => return Err(e.into()),
        Err(PlanError::File(e)) => return Err(invalid(e.message(lang))),
    };
    let mut import_id = None;
    if q.commit && plan.has_changes() {
        let txn = state.db.begin().await?;
        let id = imports::apply(&txn, tenant, &plan, api.member.user.id).await?;
        let details = serde_json::json!({
            "file_name": plan.file_name, "file_hash": plan.file_hash, "via": "api",
        });
        db::audit::by_member(&txn, &api.member, "metrics.imported", "import", id, details).await?;
        txn.commit().await?;
        import_id = Some(id);
    }
    Ok(Json(ImportAnswer {
        committed: import_id.is_some(),
        import_id,
        duplicate_of: plan.duplicate_of.as_ref().map(|d| Duplicate {
            import_id: d.id,
            imported_at: d.created_at,
        }),
        report: imports::report(&plan, lang),
    }))
}
