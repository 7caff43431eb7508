//! The web layer: HTML pages, health endpoints and (later) the JSON API. This file shows the
//! whole route table.

pub mod api;
pub mod errors;
pub mod export;
pub mod extract;
pub mod fields;
pub mod layout;
pub mod metrics;
pub mod ops;
pub mod pages;
pub mod render;
pub mod security;
pub mod session;
pub mod static_files;
pub mod transition;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;

use crate::state::AppState;

/// Forms and JSON bodies; uploads get their own, larger limit on their routes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// File uploads (photos, export files, people lists).
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .merge(pages::account::router())
        .merge(pages::admin::router())
        .merge(pages::analytics::router())
        .merge(pages::audit::router())
        .merge(pages::auth::router())
        .merge(pages::cohorts::router())
        .merge(pages::events::router())
        .merge(pages::studio::router())
        .merge(pages::start::router())
        .merge(pages::guidelines::router())
        .merge(pages::imports::router())
        .merge(pages::jobs::router())
        .merge(pages::links::router())
        .merge(pages::operator::router())
        .merge(pages::people::router())
        .merge(pages::publishing::router())
        .merge(pages::recruitment::router())
        .merge(pages::reviews::router())
        .merge(pages::invite::router())
        .merge(pages::sso::router())
        .merge(pages::topics::router())
        .merge(pages::calendar::router())
        .fallback(errors::fallback)
        .layer(from_fn_with_state(state.clone(), session::layer))
        // Public pages, short links and our own static files need no session and set no cookie.
        .merge(pages::public::router())
        .merge(pages::links::follow::router())
        .merge(static_files::router())
        .layer(from_fn_with_state(state.clone(), errors::layer))
        .merge(ops::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .with_state(state)
}
