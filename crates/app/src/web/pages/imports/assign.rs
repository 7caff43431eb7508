//! Assigning an imported post that matched none of ours, and typing in a post's figures.

use amtfluencer_domain::permissions::Permission;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::TransactionTrait;

use crate::db::{self, metrics::Figures};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;

#[derive(serde::Deserialize)]
pub struct UnmatchedPath {
    slug: String,
    id: i64,
}

#[derive(serde::Deserialize)]
pub struct AssignForm {
    post_id: Option<i64>,
}

pub async fn assign_post(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<UnmatchedPath>,
    Form(form): Form<AssignForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ImportMetrics)?;
    let post_id = form.post_id.ok_or_else(|| {
        AppError::Validation(vec![FieldError {
            field: Some("post_id".into()),
            detail: "Bitte einen Beitrag wählen.".into(),
        }])
    })?;
    let txn = state.db.begin().await?;
    if !db::metrics::assign(&txn, member.tenant_id(), p.id, post_id).await? {
        return Err(AppError::NotFound);
    }
    let details = serde_json::json!({ "post_id": post_id });
    db::audit::by_member(
        &txn,
        &member,
        "metrics.assigned",
        "import_unmatched",
        p.id,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/imports?done=assigned", p.slug)).into_response())
}

/// Every field may be missing, so that the permission is checked before the form.
#[derive(serde::Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct ManualForm {
    post_id: Option<i64>,
    observed_on: String,
    impressions: String,
    reactions: String,
    comments: String,
    reposts: String,
}

fn invalid(field: &str, detail: &str) -> AppError {
    AppError::Validation(vec![FieldError {
        field: Some(field.into()),
        detail: detail.into(),
    }])
}

fn count(field: &str, value: &str) -> Result<i64, AppError> {
    let v = value.trim().replace(['.', ' '], "");
    if v.is_empty() {
        return Ok(0);
    }
    v.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| invalid(field, "Bitte eine ganze Zahl ab 0 eingeben."))
}

/// Figures typed in by the team, stored as the post's snapshot of that day (`source =
/// manual`); the same day entered again replaces the earlier entry.
pub async fn record_figures(
    State(state): State<AppState>,
    member: Member,
    Form(form): Form<ManualForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ImportMetrics)?;
    let tenant = member.tenant_id();
    let post_id = form
        .post_id
        .ok_or_else(|| invalid("post_id", "Bitte einen Beitrag wählen."))?;
    let day = NaiveDate::parse_from_str(form.observed_on.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= db::now().date_naive())
        .ok_or_else(|| invalid("observed_on", "Bitte das Datum angeben, an dem die Zahlen abgelesen wurden (nicht in der Zukunft)."))?;
    let figures = Figures {
        impressions: count("impressions", &form.impressions)?,
        members_reached: None,
        reactions: count("reactions", &form.reactions)?,
        comments: count("comments", &form.comments)?,
        reposts: count("reposts", &form.reposts)?,
        clicks: None,
    };
    if !db::metrics::post_exists(&state.db, tenant, post_id).await? {
        return Err(AppError::NotFound);
    }
    let observed_at = Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap_or_default());
    let txn = state.db.begin().await?;
    let stored = db::metrics::snapshots_at(&txn, tenant, "manual", observed_at).await?;
    match stored.get(&post_id) {
        Some((id, _)) => db::metrics::update_snapshot(&txn, tenant, *id, None, &figures).await?,
        None => {
            let s = db::metrics::NewSnapshot {
                post_id,
                observed_at,
                source: "manual",
                import_id: None,
                figures,
            };
            db::metrics::insert_snapshot(&txn, tenant, &s).await?;
        }
    }
    let details = serde_json::json!({ "post_id": post_id, "observed_on": day });
    db::audit::by_member(&txn, &member, "metrics.entered", "post", post_id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/imports?done=manual", member.tenant.slug)).into_response())
}
