//! "Meet our Amtfluencer": the public page of an authority, and a version for other sites'
//! frames (e.g. the careers site). Only people who opted in appear, with name, job,
//! department, LinkedIn link and "ask me about" — nothing else. No cookies, no tracking, no
//! script; the page is outside the session layer.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::db;
use crate::error::AppError;
use crate::i18n::{I18n, Lang};
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::security::EMBEDDABLE;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/p/{slug}", get(show_public_page))
        .route("/p/{slug}/embed", get(show_embed))
}

pub struct Card {
    pub name: String,
    pub initials: String,
    pub job: String,
    pub department: String,
    pub linkedin: Option<String>,
    pub topics: Vec<String>,
}

#[derive(Template)]
#[template(path = "public/people.html")]
struct PublicPage {
    lang: Lang,
    i18n: std::sync::Arc<I18n>,
    authority: String,
    cards: Vec<Card>,
    embed: bool,
}

impl PublicPage {
    fn t(&self, key: &str) -> String {
        self.i18n.tr(self.lang, key)
    }
}

async fn show_public_page(
    state: State<AppState>,
    headers: HeaderMap,
    slug: Path<String>,
) -> Result<Response, AppError> {
    render(state, headers, slug, false).await
}

async fn show_embed(
    state: State<AppState>,
    headers: HeaderMap,
    slug: Path<String>,
) -> Result<Response, AppError> {
    render(state, headers, slug, true).await
}

async fn render(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    embed: bool,
) -> Result<Response, AppError> {
    let tenant = db::tenants::by_slug(&state.db, &slug)
        .await?
        .filter(|t| t.suspended_at.is_none())
        .ok_or(AppError::NotFound)?;
    let people = db::ambassadors::public_profiles(&state.db, TenantId(tenant.id)).await?;
    let cards = people
        .into_iter()
        .map(|p| Card {
            initials: format!(
                "{}{}",
                p.first_name.chars().next().unwrap_or(' '),
                p.last_name.chars().next().unwrap_or(' ')
            ),
            name: format!("{} {}", p.first_name, p.last_name),
            job: p.job_title,
            department: p.department,
            linkedin: p.linkedin_url,
            topics: serde_json::from_str(&p.ask_me_about).unwrap_or_default(),
        })
        .collect();
    // The browser's language; there is no cookie to remember a choice here.
    let lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    let page = PublicPage {
        lang,
        i18n: state.i18n.clone(),
        authority: tenant.name,
        cards,
        embed,
    };
    let html = page
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    let mut res = (
        [
            (header::CACHE_CONTROL, "public, max-age=300"),
            (header::VARY, "Accept-Language"),
        ],
        axum::response::Html(html),
    )
        .into_response();
    if embed {
        res.headers_mut()
            .insert(EMBEDDABLE, HeaderValue::from_static("1"));
    }
    Ok(res)
}
