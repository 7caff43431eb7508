//! Single sign-on: the programme team's settings page, and signing in through the
//! authority's OpenID Connect provider (the start at `/t/{slug}/login/sso` and the callback
//! that any instance can take, since the sign-in in progress lives in the database).
//!
//! `settings` has the settings page, `login` the start and the callback, and `failure` what
//! a refused sign-in shows and logs.

mod failure;
mod login;
mod settings;

use axum::Router;
use axum::routing::{get, post};

use crate::auth::oidc;
use crate::state::AppState;
use login::{finish_login, start_login};
use settings::{check_settings, save_settings, show_settings};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/settings/sso",
            get(show_settings).post(save_settings),
        )
        .route("/t/{slug}/settings/sso/check", post(check_settings))
        .route("/t/{slug}/login/sso", get(start_login))
        .route(oidc::CALLBACK_PATH, get(finish_login))
}
