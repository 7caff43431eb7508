//! `/l/{code}`: the public end of a short link. Outside the session layer: no cookie is read or
//! set. It sends the browser to the stored target (never to an address taken from the
//! request) and counts the click with its hour and the referring host — no IP address, no
//! user agent. HEAD requests, link previews, crawlers and prefetches are not counted.

use amtfluencer_domain::links::{ShortCode, is_automated, referrer_host};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::db;
use crate::error::AppError;
use crate::i18n::{I18n, Lang};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/l/{code}", get(follow_link))
}

#[derive(Template)]
#[template(path = "links/missing.html")]
struct Missing {
    lang: Lang,
    i18n: std::sync::Arc<I18n>,
    /// The link was switched off (rather than never there).
    gone: bool,
    authority: Option<String>,
}

impl Missing {
    fn t(&self, key: &str) -> String {
        self.i18n.tr(self.lang, key)
    }
}

/// A friendly page in the browser's language instead of a bare error.
fn missing(state: &AppState, headers: &HeaderMap, gone: Option<String>) -> Response {
    let lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    let page = Missing {
        lang,
        i18n: state.i18n.clone(),
        gone: gone.is_some(),
        authority: gone,
    };
    let status = if page.gone {
        StatusCode::GONE
    } else {
        StatusCode::NOT_FOUND
    };
    match page.render() {
        Ok(html) => (
            status,
            [
                (header::CACHE_CONTROL, "no-store"),
                (header::VARY, "Accept-Language"),
            ],
            Html(html),
        )
            .into_response(),
        Err(e) => AppError::Internal(anyhow::anyhow!("template: {e}")).into_response(),
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn follow_link(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let Some(code) = ShortCode::parse(&code) else {
        return Ok(missing(&state, &headers, None));
    };
    let Some(link) = db::links::by_code(&state.db, &code).await? else {
        return Ok(missing(&state, &headers, None));
    };
    let Some(tenant) = db::tenants::get(&state.db, link.tenant_id)
        .await?
        .filter(|t| t.suspended_at.is_none())
    else {
        return Ok(missing(&state, &headers, None));
    };
    if link.archived_at.is_some() {
        return Ok(missing(&state, &headers, Some(tenant.name)));
    }
    let purpose = ["sec-purpose", "purpose", "x-purpose", "x-moz"]
        .iter()
        .find_map(|h| header_text(&headers, h));
    let counted = method == Method::GET
        && !is_automated(header_text(&headers, header::USER_AGENT.as_str()), purpose);
    if counted {
        let from = header_text(&headers, header::REFERER.as_str()).and_then(referrer_host);
        // The visitor still reaches the job posting when the count cannot be written.
        if let Err(e) = db::links::record_click(&state.db, &link, db::now(), from).await {
            tracing::warn!(error = %e, link = link.id, "a short-link click was not counted");
        }
    }
    Ok((
        StatusCode::FOUND,
        [
            (header::LOCATION, link.target_url),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (
                header::HeaderName::from_static("x-robots-tag"),
                "noindex".to_owned(),
            ),
        ],
    )
        .into_response())
}
