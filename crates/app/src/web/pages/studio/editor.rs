//! The editor of one post: the text, the checks, the preview as LinkedIn shows it on a
//! desktop and on a phone, earlier versions, and "Ich habe es gepostet".

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::{PostPath, check, own_post};
use crate::channels::links::linkedin_post;
use crate::db::{self, calendar::post as post_entity};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::{Form, Json as JsonBody};
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// Far above LinkedIn's 3,000 characters, so a long draft is kept (the checks say it is too
/// long), but bounded.
const MAX_BODY_CHARS: usize = 20_000;

pub struct CheckLine {
    pub severity: &'static str,
    pub severity_label: String,
    pub message: String,
}

pub struct VersionLine {
    pub id: i64,
    pub when: String,
    pub start: String,
}

#[derive(Template)]
#[template(path = "studio/editor.html")]
struct EditorPage {
    ctx: PageCtx,
    base: String,
    body: String,
    status: String,
    editable: bool,
    published_url: Option<String>,
    topic: Option<(String, String, String)>,
    checks: Vec<CheckLine>,
    characters: usize,
    fold_before: String,
    fold_after: String,
    reading: String,
    versions: Vec<VersionLine>,
    saved: bool,
    url_value: String,
    url_error: Option<String>,
    photo: Option<db::media::Photo>,
    photo_notes: Vec<String>,
    photo_error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Flash {
    saved: Option<String>,
    /// What the photo pipeline removed: `gps,camera,exif,xmp,iptc,comments`.
    removed: Option<String>,
    photo_error: Option<String>,
}

async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    p: post_entity::Model,
    flash: Flash,
    url: (String, Option<String>),
) -> Result<Response, AppError> {
    let tenant = member.tenant_id();
    let saved = flash.saved.is_some();
    let photo = db::media::of_post(&state.db, tenant, p.id).await?;
    let photo_notes = flash
        .removed
        .as_deref()
        .map(|r| {
            let mut notes: Vec<String> = r
                .split(',')
                .filter(|c| ["gps", "camera", "exif", "xmp", "iptc", "comments"].contains(c))
                .map(|c| ctx.t(&format!("studio-removed-{c}")))
                .collect();
            if notes.is_empty() {
                notes.push(ctx.t("studio-removed-nothing"));
            }
            notes
        })
        .unwrap_or_default();
    let report = check(member, ctx.lang, &p.body);
    let m = &report.metrics;
    let fold = p
        .body
        .char_indices()
        .nth(m.fold_index)
        .map_or(p.body.len(), |(i, _)| i);
    let topic = match p.topic_id {
        Some(id) => db::topics::get(&state.db, tenant, id)
            .await?
            .map(|t| (t.title, t.prompt, t.photo_idea)),
        None => None,
    };
    let versions = db::studio::versions(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .map(|v| VersionLine {
            id: v.id,
            when: format!(
                "{}, {} UTC",
                crate::web::pages::start::format_date(ctx.lang, v.created_at.date_naive()),
                v.created_at.format("%H:%M")
            ),
            start: super::list::start_of(&v.body),
        })
        .collect();
    let reading = ctx.i18n.tr_args(
        ctx.lang,
        "studio-reading",
        &[
            ("amstad", &format!("{:.0}", m.flesch_amstad)),
            ("wiener", &format!("{:.1}", m.wiener_sachtextformel)),
        ],
    );
    let status = errors_status(&url.1);
    let mut res = page(&EditorPage {
        base: format!("/t/{}/studio/{}", member.tenant.slug, p.id),
        status: ctx.t(&format!("studio-status-{}", p.status)),
        editable: db::studio::EDITABLE.contains(&p.status.as_str()),
        published_url: p.external_url.clone(),
        topic,
        checks: report
            .checks
            .iter()
            .map(|c| {
                let (severity, key) = match c.severity {
                    amtfluencer_domain::studio::Severity::Error => {
                        ("error", "studio-severity-error")
                    }
                    amtfluencer_domain::studio::Severity::Warning => {
                        ("warning", "studio-severity-warning")
                    }
                    amtfluencer_domain::studio::Severity::Info => ("info", "studio-severity-info"),
                };
                CheckLine {
                    severity,
                    severity_label: ctx.t(key),
                    message: c.message.clone(),
                }
            })
            .collect(),
        characters: m.characters,
        fold_before: p.body[..fold].to_owned(),
        fold_after: p.body[fold..].to_owned(),
        reading,
        versions,
        saved,
        url_value: url.0,
        url_error: url.1,
        photo,
        photo_notes,
        photo_error: flash.photo_error.map(|e| e.chars().take(400).collect()),
        body: p.body,
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}

fn errors_status(error: &Option<String>) -> StatusCode {
    if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

pub async fn show_editor(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    render(&state, ctx, &member, p, flash, (String::new(), None)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BodyForm {
    body: String,
}

fn checked_body(text: &str) -> Result<String, AppError> {
    // Browsers send CRLF from a textarea; the post keeps LF as LinkedIn does.
    let body = text.replace("\r\n", "\n");
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(AppError::Validation(vec![FieldError {
            field: Some("body".into()),
            detail: "at most 20000 characters".into(),
        }]));
    }
    Ok(body)
}

fn editable(p: &post_entity::Model) -> Result<(), AppError> {
    if db::studio::EDITABLE.contains(&p.status.as_str()) {
        Ok(())
    } else {
        Err(AppError::Conflict("the post is no longer a draft".into()))
    }
}

/// "Speichern und prüfen": keeps the previous text as a version.
pub async fn save_post(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<BodyForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let body = checked_body(&form.body)?;
    db::studio::save_body(
        &state.db,
        member.tenant_id(),
        &p,
        &body,
        member.user.id,
        true,
    )
    .await?;
    let to = format!("/t/{}/studio/{}?saved=1", path.slug, p.id);
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
pub struct AutosaveBody {
    body: String,
}

#[derive(Serialize)]
pub struct Autosaved {
    saved: bool,
}

/// Saving while typing (from `studio.js`, with the CSRF token in the header).
pub async fn autosave(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    JsonBody(req): JsonBody<AutosaveBody>,
) -> Result<Json<Autosaved>, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let body = checked_body(&req.body)?;
    let saved = db::studio::save_body(
        &state.db,
        member.tenant_id(),
        &p,
        &body,
        member.user.id,
        false,
    )
    .await?;
    Ok(Json(Autosaved { saved }))
}

#[derive(Deserialize)]
pub struct RestoreForm {
    version: i64,
}

pub async fn restore_version(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let tenant = member.tenant_id();
    let v = db::studio::versions(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .find(|v| v.id == form.version)
        .ok_or(AppError::NotFound)?;
    db::studio::save_body(&state.db, tenant, &p, &v.body, member.user.id, true).await?;
    let to = format!("/t/{}/studio/{}?saved=1", path.slug, p.id);
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PublishedForm {
    url: String,
}

/// "Ich habe es gepostet": the post is marked published with its LinkedIn address.
pub async fn mark_published(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<PublishedForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    editable(&p)?;
    let tenant = member.tenant_id();
    let photo = db::media::of_post(&state.db, tenant, p.id).await?;
    let problem = if photo.is_some_and(|ph| ph.alt_text.trim().is_empty()) {
        Some("studio-error-alt-missing")
    } else if linkedin_post(&form.url).is_none() {
        Some("studio-error-url")
    } else {
        None
    };
    let (Some(key), None) = (linkedin_post(&form.url), problem) else {
        let error = problem.map(|k| ctx.t(k));
        return render(&state, ctx, &member, p, Flash::default(), (form.url, error)).await;
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !db::studio::mark_published(&txn, tenant, p.id, &key.url(), &key.urn()).await? {
        return Err(AppError::Conflict("the post is no longer a draft".into()));
    }
    let details = serde_json::json!({ "urn": key.urn(), "manual": true });
    db::audit::by_member(&txn, &member, "post.published", "post", p.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/studio/{}", path.slug, p.id)).into_response())
}
