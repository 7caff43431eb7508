//! The photo of a post: uploaded from the phone or the desktop, processed on the server before
//! anything is stored (format by its bytes, orientation applied, cropped and resized to a
//! LinkedIn format, every piece of metadata removed: location, camera, EXIF, XMP, IPTC), then
//! an alt text. The person is told what was removed ("Standort entfernt").

use amtfluencer_media::photo::{self, Format, PhotoError};
use amtfluencer_media::store::MediaKey;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{PostPath, own_post};
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;

/// The longest alt text we keep (LinkedIn allows about 4,000 characters; a good one is short).
const MAX_ALT_CHARS: usize = 1000;

/// `/t/{slug}/media/{id}`
#[derive(Deserialize)]
pub struct MediaPath {
    #[expect(dead_code, reason = "the slug is checked by the member extractor")]
    slug: String,
    id: i64,
}

fn format_of(text: &str) -> Option<Format> {
    match text {
        "landscape_1_91" => Some(Format::Landscape191),
        "square" => Some(Format::Square),
        "portrait_4_5" => Some(Format::Portrait45),
        "original" => Some(Format::Original),
        _ => None,
    }
}

pub async fn upload_photo(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let (me, p) = own_post(&state, &member, path.id).await?;
    let mut file = None;
    let mut format = Format::Original;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        match field.name() {
            Some("format") => {
                let text = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(e.body_text()))?;
                format = format_of(&text).unwrap_or(Format::Original);
            }
            Some("photo") => {
                let name = field.file_name().unwrap_or("").to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::BadRequest(e.body_text()))?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let back = |query: String| {
        Redirect::to(&format!("/t/{}/studio/{}?{query}#photo-h", path.slug, p.id)).into_response()
    };
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Ok(back(format!(
            "photo_error={}",
            encode(&PhotoError::Empty, ctx.lang)
        )));
    };
    let slot = state
        .photo_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let processed = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        photo::process(&bytes, &name, Some(format), None)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let processed = match processed {
        Ok(done) => done,
        Err(e) => return Ok(back(format!("photo_error={}", encode(&e, ctx.lang)))),
    };
    let key = MediaKey::new_photo(
        &member.tenant.id.to_string(),
        db::now(),
        processed.extension(),
    )
    .map_err(|e| AppError::Internal(anyhow::anyhow!("media key: {e}")))?;
    state
        .media
        .put(&key, processed.bytes.clone(), processed.mime)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("media store: {e}")))?;
    db::media::add(
        &state.db,
        member.tenant_id(),
        db::media::NewPhoto {
            post_id: p.id,
            ambassador_id: me.id,
            storage_key: key.as_str(),
            content_type: processed.mime,
            width: processed.width,
            height: processed.height,
            byte_size: processed.bytes.len(),
        },
    )
    .await?;
    let r = &processed.removed;
    let removed: Vec<&str> = [
        (r.gps, "gps"),
        (r.camera.is_some(), "camera"),
        (r.exif, "exif"),
        (r.xmp, "xmp"),
        (r.iptc, "iptc"),
        (r.comments, "comments"),
    ]
    .into_iter()
    .filter_map(|(on, code)| on.then_some(code))
    .collect();
    Ok(back(format!("removed={}", removed.join(","))))
}

/// A photo problem for the redirect, in the page's language.
fn encode(e: &PhotoError, lang: Lang) -> String {
    let m = e.message();
    let text = match lang {
        Lang::De => m.de,
        Lang::En => m.en,
    };
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AltForm {
    alt_text: String,
}

pub async fn save_alt_text(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<AltForm>,
) -> Result<Response, AppError> {
    let (_, p) = own_post(&state, &member, path.id).await?;
    let tenant = member.tenant_id();
    let photo = db::media::of_post(&state.db, tenant, p.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let alt: String = form.alt_text.trim().chars().take(MAX_ALT_CHARS).collect();
    db::media::set_alt_text(&state.db, tenant, photo.id, &alt).await?;
    let to = format!("/t/{}/studio/{}?saved=1#photo-h", path.slug, p.id);
    Ok(Redirect::to(&to).into_response())
}

/// The stored photo, for its author and the programme team.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MediaQuery {
    /// `?download=1`: served as a file to save ("Foto herunterladen").
    download: Option<String>,
}

pub async fn show_media(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<MediaPath>,
    axum::extract::Query(q): axum::extract::Query<MediaQuery>,
) -> Result<Response, AppError> {
    let tenant = member.tenant_id();
    let photo = db::media::get(&state.db, tenant, path.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let team = member.can(amtfluencer_domain::permissions::Permission::ManageProgramme);
    if !team {
        let me = db::ambassadors::of_user(&state.db, tenant, member.user.id).await?;
        if me.map(|m| m.id) != photo.ambassador_id {
            return Err(AppError::NotFound);
        }
    }
    let key = MediaKey::parse(&photo.storage_key)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored media key: {e}")))?;
    let object = state
        .media
        .get(&key)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("media store: {e}")))?;
    let disposition = if q.download.is_some() {
        let ext = if photo.content_type == "image/png" {
            "png"
        } else {
            "jpg"
        };
        format!(
            "attachment; filename=\"amtfluencer-foto-{}.{ext}\"",
            photo.id
        )
    } else {
        "inline".to_owned()
    };
    Ok((
        [
            (header::CONTENT_TYPE, photo.content_type),
            (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        object.bytes,
    )
        .into_response())
}
