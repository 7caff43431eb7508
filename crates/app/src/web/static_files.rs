//! Our own stylesheet and scripts, compiled into the binary.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

const APP_CSS: &str = include_str!("../../static/app.css");
const FAVICON_SVG: &str = include_str!("../../static/favicon.svg");
const CALENDAR_JS: &str = include_str!("../../static/calendar.js");
const STUDIO_JS: &str = include_str!("../../static/studio.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/app.css", get(app_css))
        .route("/static/favicon.svg", get(favicon))
        .route("/static/calendar.js", get(calendar_js))
        .route("/static/studio.js", get(studio_js))
        // Browsers ask for this on their own; the pages point to the SVG.
        .route("/favicon.ico", get(favicon))
}

async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON_SVG,
    )
}

async fn app_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_CSS,
    )
}

async fn calendar_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CALENDAR_JS,
    )
}

async fn studio_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STUDIO_JS,
    )
}
