//! Upload → preview → confirm. The confirmed file travels back base64-encoded with the
//! confirmation and is planned again against the database as it is then.

use amtfluencer_domain::permissions::Permission;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use sea_orm::TransactionTrait;

use super::view::{self, lang_of, page_for};
use crate::db;
use crate::error::AppError;
use crate::imports::{self, Outcome, PlanError};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

#[derive(serde::Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn show_imports(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    member.require(Permission::ImportMetrics)?;
    let mut view = page_for(&state.db, ctx, &member).await?;
    view.notice = match q.done.as_deref() {
        Some("assigned") => Some(view.ctx.t("imports-assigned")),
        Some("manual") => Some(view.ctx.t("imports-manual-saved")),
        Some(counts) => Some(view.ctx.t1("imports-done", "counts", counts)),
        None => None,
    };
    Ok(page(&view))
}

/// The fields of an upload or confirmation form.
#[derive(Default)]
struct Fields {
    file: Option<(String, Vec<u8>)>,
    file_name: String,
    data: String,
    ambassador_id: Option<i64>,
}

async fn read_fields(mut multipart: Multipart) -> Result<Fields, AppError> {
    let mut f = Fields::default();
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.body_text());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "file" => {
                let name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(bad)?;
                f.file = Some((name, bytes.to_vec()));
            }
            "file_name" => f.file_name = field.text().await.map_err(bad)?,
            "data" => f.data = field.text().await.map_err(bad)?,
            "ambassador_id" => f.ambassador_id = field.text().await.map_err(bad)?.parse().ok(),
            _ => {}
        }
    }
    Ok(f)
}

/// The plan of a file, or the page telling what is wrong with the whole file.
async fn plan_or_page(
    state: &AppState,
    member: &Member,
    view: &mut view::ImportsPage,
    name: &str,
    bytes: &[u8],
    ambassador_id: Option<i64>,
) -> Result<Option<imports::Plan>, AppError> {
    let ambassador_id = match ambassador_id {
        Some(id) => Some(
            db::ambassadors::get(&state.db, member.tenant_id(), id)
                .await?
                .ok_or(AppError::NotFound)?
                .id,
        ),
        None => None,
    };
    let today = db::now().date_naive();
    match imports::plan(
        &state.db,
        member.tenant_id(),
        name,
        bytes,
        ambassador_id,
        today,
    )
    .await
    {
        Ok(plan) => Ok(Some(plan)),
        Err(PlanError::Db(e)) => Err(e.into()),
        Err(PlanError::File(e)) => {
            view.file_error = Some(e.message(lang_of(view.ctx.lang)));
            Ok(None)
        }
    }
}

fn unprocessable(mut res: Response) -> Response {
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res
}

pub async fn upload_file(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    multipart: Multipart,
) -> Result<Response, AppError> {
    member.require(Permission::ImportMetrics)?;
    let fields = read_fields(multipart).await?;
    let mut view = page_for(&state.db, ctx, &member).await?;
    let Some((name, bytes)) = fields.file.filter(|(_, b)| !b.is_empty()) else {
        view.file_error = Some(view.ctx.t("imports-file-none"));
        return Ok(unprocessable(page(&view)));
    };
    let Some(plan) = plan_or_page(
        &state,
        &member,
        &mut view,
        &name,
        &bytes,
        fields.ambassador_id,
    )
    .await?
    else {
        return Ok(unprocessable(page(&view)));
    };
    let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    view.preview = Some(view::preview_of(&view.ctx, &plan, Some(data)));
    Ok(page(&view))
}

pub async fn confirm_import(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    multipart: Multipart,
) -> Result<Response, AppError> {
    member.require(Permission::ImportMetrics)?;
    let fields = read_fields(multipart).await?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(fields.data.trim())
        .map_err(|_| AppError::BadRequest("data is not base64".into()))?;
    let mut view = page_for(&state.db, ctx, &member).await?;
    let Some(plan) = plan_or_page(
        &state,
        &member,
        &mut view,
        &fields.file_name,
        &bytes,
        fields.ambassador_id,
    )
    .await?
    else {
        return Ok(unprocessable(page(&view)));
    };
    if !plan.has_changes() {
        // Imported meanwhile, or nothing to do: show the preview saying so.
        view.preview = Some(view::preview_of(&view.ctx, &plan, None));
        return Ok(page(&view));
    }
    let tenant = member.tenant_id();
    let txn = state.db.begin().await?;
    let import_id = imports::apply(&txn, tenant, &plan, member.user.id).await?;
    let details = serde_json::json!({
        "file_name": plan.file_name,
        "file_hash": plan.file_hash,
        "kind": plan.kind.as_str(),
        "imported": plan.count(Outcome::Imported),
        "updated": plan.count(Outcome::Updated),
        "skipped": plan.count(Outcome::Skipped),
        "unmatched": plan.count(Outcome::Unmatched),
    });
    db::audit::by_member(
        &txn,
        &member,
        "metrics.imported",
        "import",
        import_id,
        details,
    )
    .await?;
    txn.commit().await?;
    let counts = format!(
        "{}/{}/{}/{}",
        plan.count(Outcome::Imported),
        plan.count(Outcome::Updated),
        plan.count(Outcome::Skipped),
        plan.count(Outcome::Unmatched)
    );
    let to = format!(
        "/t/{}/imports?done={}",
        member.tenant.slug,
        url::form_urlencoded::byte_serialize(counts.as_bytes()).collect::<String>()
    );
    Ok(Redirect::to(&to).into_response())
}
