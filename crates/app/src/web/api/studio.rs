//! `POST /api/v1/studio/check`: the live checks of the post studio (length, fold, hook,
//! hashtags, readability, plain language, inclusive style, confidential content), computed by
//! `amtfluencer_domain::studio` on the server so that the editor, scripts and tests agree.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::studio::{self, CheckInput, InclusiveStyle, Language};
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::web::extract::Json as JsonBody;

#[derive(OpenApi)]
#[openapi(
    paths(check_text),
    components(schemas(CheckRequest, CheckResponse, CheckItem, CheckMetrics))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/studio/check", post(check_text))
}

/// The longest text the checks read: far above LinkedIn's 3,000 characters, so that an
/// over-long draft still gets its findings, but bounded.
const MAX_TEXT_CHARS: usize = 20_000;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The post's text as it will be published.
    pub text: String,
    /// The language of the messages: de (default) or en.
    #[serde(default)]
    pub language: Option<String>,
    /// colon, star, pair_forms, neutral or off (default: the authority's house style).
    #[serde(default)]
    pub style: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CheckResponse {
    pub checks: Vec<CheckItem>,
    pub metrics: CheckMetrics,
}

#[derive(Serialize, ToSchema)]
pub struct CheckItem {
    /// A stable rule id, e.g. `hashtag_count`.
    pub id: String,
    /// info, warning or error.
    pub severity: String,
    pub message: String,
    /// `[start, end)` in Unicode characters, where the finding sits.
    pub span: Option<Vec<usize>>,
}

#[derive(Serialize, ToSchema)]
pub struct CheckMetrics {
    /// Unicode characters, as LinkedIn counts them (not bytes).
    pub characters: usize,
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub flesch_amstad: f64,
    pub wiener_sachtextformel: f64,
    pub hashtags: Vec<String>,
    /// Where LinkedIn folds the text behind "…mehr".
    pub fold_index: usize,
    pub hardest_sentence: Option<String>,
}

fn invalid(field: &str, detail: &str) -> AppError {
    AppError::Validation(vec![FieldError {
        field: Some(field.to_owned()),
        detail: detail.to_owned(),
    }])
}

#[utoipa::path(post, path = "/api/v1/studio/check", tag = "studio", request_body = CheckRequest,
    responses((status = 200, body = CheckResponse), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn check_text(
    State(_state): State<AppState>,
    api: ApiMember,
    JsonBody(req): JsonBody<CheckRequest>,
) -> Result<Json<CheckResponse>, AppError> {
    api.require(Permission::WritePosts)?;
    if req.text.chars().count() > MAX_TEXT_CHARS {
        return Err(invalid("text", "at most 20000 characters"));
    }
    let language: Language = req
        .language
        .as_deref()
        .unwrap_or("de")
        .parse()
        .map_err(|_| invalid("language", "must be de or en"))?;
    let style: InclusiveStyle = match req.style.as_deref() {
        None => crate::db::reviews::StudioSettings::of(&api.member.tenant).inclusive_style,
        Some(s) => s
            .parse()
            .map_err(|_| invalid("style", "must be colon, star, pair_forms, neutral or off"))?,
    };
    let report = studio::check_post(&CheckInput {
        text: &req.text,
        language,
        style,
        authority_page: Some(&api.member.tenant.name),
    });
    let m = report.metrics;
    Ok(Json(CheckResponse {
        checks: report
            .checks
            .into_iter()
            .map(|c| CheckItem {
                id: c.id.to_owned(),
                severity: match c.severity {
                    studio::Severity::Info => "info",
                    studio::Severity::Warning => "warning",
                    studio::Severity::Error => "error",
                }
                .to_owned(),
                message: c.message,
                span: c.span.map(|(a, b)| vec![a, b]),
            })
            .collect(),
        metrics: CheckMetrics {
            characters: m.characters,
            words: m.words,
            sentences: m.sentences,
            syllables: m.syllables,
            flesch_amstad: m.flesch_amstad,
            wiener_sachtextformel: m.wiener_sachtextformel,
            hashtags: m.hashtags,
            fold_index: m.fold_index,
            hardest_sentence: m.hardest_sentence,
        },
    }))
}
