//! Getting the figures in: LinkedIn export files (upload → preview with a per-row report →
//! confirm), posts the import could not place (assigned by hand), and figures typed in.
//! The programme team only (`ImportMetrics`).

mod assign;
mod upload;
mod view;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

pub use view::lang_of;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/imports",
            get(upload::show_imports)
                .post(upload::upload_file)
                .layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/t/{slug}/imports/confirm",
            post(upload::confirm_import).layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/t/{slug}/imports/unmatched/{id}/assign",
            post(assign::assign_post),
        )
        .route("/t/{slug}/imports/manual", post(assign::record_figures))
}
