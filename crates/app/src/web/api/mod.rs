//! The JSON API under `/api/v1`, described by the OpenAPI document at
//! `/api/v1/openapi.json`. Authenticated by a personal token (`Authorization: Bearer …`) or by
//! the session cookie (with the CSRF token in `X-CSRF-Token` for changes).

pub mod analytics;
pub mod auth;
pub mod calendar;
pub mod guidelines;
pub mod imports;
pub mod me;
pub mod people;
pub mod programme;
pub mod studio;
pub mod topics;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::get;
use utoipa::OpenApi;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Amtfluencer API",
        version = "1",
        description = "The JSON API of Amtfluencer. Errors are `{\"errors\":[{\"detail\":…,\"field\":…}]}`."
    ),
    paths(me::show_me, me::update_me, me::list_tokens, me::revoke_token),
    components(schemas(me::Me, me::MeChanges, me::TokenInfo, ErrorBody, ErrorItem)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `{"errors":[…]}`, the shape of every error answer.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub errors: Vec<ErrorItem>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorItem {
    pub detail: String,
    pub field: Option<String>,
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi_json))
        .merge(me::router())
        .merge(analytics::router())
        .merge(guidelines::router())
        .merge(imports::router())
        .merge(people::router())
        .merge(programme::router())
        .merge(studio::router())
        .merge(calendar::router())
        .merge(topics::router())
}

/// The whole document: the account part above, and one part per area merged in.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(analytics::Doc::openapi());
    doc.merge(guidelines::Doc::openapi());
    doc.merge(imports::Doc::openapi());
    doc.merge(people::Doc::openapi());
    doc.merge(programme::Doc::openapi());
    doc.merge(studio::Doc::openapi());
    doc.merge(calendar::Doc::openapi());
    doc.merge(topics::Doc::openapi());
    doc
}

async fn openapi_json() -> impl IntoResponse {
    axum::Json(document())
}
