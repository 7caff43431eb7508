//! Importing people from a CSV file: upload, a preview of every row (new, changed, unchanged,
//! or what is wrong), then one confirmation that saves all of it or nothing. The confirmed
//! file travels back with the confirmation (base64 in a hidden field) and is checked again
//! against the database as it is then, so nothing changes that the preview did not show.

use amtfluencer_domain::people_import::{self, FileProblem};
use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use sea_orm::TransactionTrait;
use sha2::{Digest, Sha256};

use crate::db::{
    self,
    roster::{Action, Plan},
};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// A column header line people can fill in (German names; English ones are understood too).
const TEMPLATE: &str = "Vorname;Nachname;E-Mail;Abteilung;Funktion;Laufbahn;Runde;LinkedIn\r\n";

pub struct PreviewRow {
    pub line: usize,
    pub name: String,
    pub email: String,
    /// "new", "update", "same" or "error": a class and a label.
    pub kind: &'static str,
    pub outcome: String,
}

#[derive(Template)]
#[template(path = "people/import.html")]
struct ImportPage {
    ctx: PageCtx,
    base: String,
    /// A problem with the whole file.
    file_error: Option<String>,
    file_name: String,
    rows: Vec<PreviewRow>,
    summary: Option<String>,
    /// The file for the confirmation, when there is something to save and nothing wrong.
    confirm_data: Option<String>,
    nothing_to_do: bool,
}

fn empty_page(ctx: PageCtx, member: &Member) -> ImportPage {
    ImportPage {
        base: format!("/t/{}/people", member.tenant.slug),
        ctx: ctx.for_member(member),
        file_error: None,
        file_name: String::new(),
        rows: Vec::new(),
        summary: None,
        confirm_data: None,
        nothing_to_do: false,
    }
}

pub async fn show_import(ctx: PageCtx, member: Member) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    Ok(page(&empty_page(ctx, &member)))
}

pub async fn download_template(member: Member) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"personen-vorlage.csv\"",
            ),
        ],
        format!("\u{feff}{TEMPLATE}"),
    )
        .into_response())
}

fn file_problem(ctx: &PageCtx, p: &FileProblem) -> String {
    match p {
        FileProblem::Empty => ctx.t("import-file-empty"),
        FileProblem::TooLarge => ctx.t("import-file-too-large"),
        FileProblem::TooManyRows => ctx.t("import-file-too-many"),
        FileProblem::UnclosedQuote { line } => {
            ctx.t1("import-file-quote", "line", &line.to_string())
        }
        FileProblem::MissingColumns(keys) => {
            let names: Vec<String> = keys.iter().map(|k| ctx.t(k)).collect();
            ctx.t1("import-file-missing", "columns", &names.join(", "))
        }
    }
}

/// Reads and checks the file, and compares it with what is stored.
async fn preview(
    state: &AppState,
    member: &Member,
    ctx: PageCtx,
    file_name: String,
    bytes: &[u8],
) -> Result<(ImportPage, Option<Plan>), AppError> {
    let mut view = empty_page(ctx, member);
    view.file_name = file_name;
    let rows = match people_import::read(bytes) {
        Ok((_, mut rows)) => {
            people_import::flag_duplicates(&mut rows);
            rows
        }
        Err(p) => {
            view.file_error = Some(file_problem(&view.ctx, &p));
            return Ok((view, None));
        }
    };
    let plan = db::roster::plan(&state.db, member.tenant_id(), rows).await?;
    let ctx = &view.ctx;
    view.rows = plan
        .rows
        .iter()
        .map(|r| {
            let shown = |typed: &str| {
                if typed.is_empty() {
                    "–".to_owned()
                } else {
                    typed.to_owned()
                }
            };
            let (name, email) = r.person.as_ref().map_or_else(
                || (shown(&r.typed_name), shown(&r.typed_email)),
                |p| {
                    (
                        format!("{} {}", p.first_name, p.last_name),
                        p.email.to_string(),
                    )
                },
            );
            let (kind, outcome) = match &r.action {
                Action::Create => ("new", ctx.t("import-row-new")),
                Action::Unchanged => ("same", ctx.t("import-row-same")),
                Action::Update { fields, .. } => {
                    let names: Vec<String> = fields.iter().map(|f| ctx.t(f.key())).collect();
                    (
                        "update",
                        ctx.t1("import-row-update", "fields", &names.join(", ")),
                    )
                }
                Action::Invalid(problems) => {
                    let texts: Vec<String> = problems
                        .iter()
                        .map(|p| format!("{}: {}", ctx.t(p.column.key()), ctx.t(p.key)))
                        .collect();
                    ("error", texts.join("; "))
                }
            };
            PreviewRow {
                line: r.line,
                name,
                email,
                kind,
                outcome,
            }
        })
        .collect();
    let n = |f: fn(&Action) -> bool| plan.count(f).to_string();
    let counts = [
        ("new", n(|a| matches!(a, Action::Create))),
        ("update", n(|a| matches!(a, Action::Update { .. }))),
        ("same", n(|a| matches!(a, Action::Unchanged))),
        ("error", n(|a| matches!(a, Action::Invalid(_)))),
    ];
    let args: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    view.summary = Some(
        view.ctx
            .i18n
            .tr_args(view.ctx.lang, "import-summary", &args),
    );
    view.nothing_to_do = !plan.has_errors() && !plan.has_changes();
    if !plan.has_errors() && plan.has_changes() {
        view.confirm_data = Some(base64::engine::general_purpose::STANDARD.encode(bytes));
    }
    Ok((view, Some(plan)))
}

pub async fn upload_file(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
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
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let mut view = empty_page(ctx, &member);
        view.file_error = Some(view.ctx.t("import-file-none"));
        return Ok(with_status(page(&view), StatusCode::UNPROCESSABLE_ENTITY));
    };
    let (view, plan) = preview(&state, &member, ctx, name, &bytes).await?;
    let status = match plan {
        Some(p) if !p.has_errors() => StatusCode::OK,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok(with_status(page(&view), status))
}

fn with_status(mut res: Response, status: StatusCode) -> Response {
    *res.status_mut() = status;
    res
}

/// The text fields of a multipart form, by name (files are not expected here).
async fn text_fields(mut multipart: Multipart) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_owned();
        let text = field
            .text()
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        out.push((name, text));
    }
    Ok(out)
}

pub async fn confirm_import(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    multipart: Multipart,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let fields = text_fields(multipart).await?;
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(get("data").trim())
        .map_err(|_| AppError::BadRequest("data is not base64".into()))?;
    let file_name = get("file_name").to_owned();
    let (view, plan) = preview(&state, &member, ctx, file_name.clone(), &bytes).await?;
    let Some(plan) = plan.filter(|p| !p.has_errors()) else {
        // Someone changed something meanwhile: show the preview again.
        return Ok(with_status(page(&view), StatusCode::UNPROCESSABLE_ENTITY));
    };
    let txn = state.db.begin().await?;
    let done = db::roster::apply(&txn, member.tenant_id(), &plan).await?;
    let details = serde_json::json!({
        "file_name": file_name,
        "file_hash": hex::encode(Sha256::digest(&bytes)),
        "created": done.created,
        "updated": done.updated,
        "unchanged": done.unchanged,
    });
    db::audit::by_member(&txn, &member, "people.imported", "import", 0, details).await?;
    txn.commit().await?;
    let to = format!(
        "/t/{}/people?imported={}&updated={}",
        member.tenant.slug, done.created, done.updated
    );
    Ok(Redirect::to(&to).into_response())
}
