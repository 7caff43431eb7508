//! Pages of the invite area: the programme team's invitations, accepting an invitation,
//! the password reset and the outbox (mail that went nowhere because no SMTP server is set).
//! Links in mails carry single-use tokens (`db::auth_tokens`); a spent or unknown token
//! answers with one friendly page.

mod accept;
mod admin;
mod outbox;
mod password;

use askama::Template;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::db::{self, auth_tokens::Unusable};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::session::{SESSION_COOKIE, Viewer, set_cookie};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(admin::router())
        .merge(accept::router())
        .merge(password::router())
        .merge(outbox::router())
}

/// The shortest password we accept (BSI and NIST recommend length over composition rules).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Argon2 hashes anything, but a megabyte "password" is a denial of service, not a secret.
const MAX_PASSWORD_CHARS: usize = 1000;

/// A problem with one form field: which field, and the catalogue key that explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub key: &'static str,
}

/// The messages of a re-rendered form, by field, in the page's language.
#[derive(Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn new(ctx: &PageCtx, problems: &[FieldProblem]) -> Self {
        Self(problems.iter().map(|p| (p.field, ctx.t(p.key))).collect())
    }

    /// The message next to `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Checks a new password and its repetition (fields `password` and `password2`).
pub fn check_new_password(password: &str, repeated: &str) -> Option<FieldProblem> {
    let chars = password.chars().count();
    let (field, key) = if chars < MIN_PASSWORD_CHARS {
        ("password", "password-too-short")
    } else if chars > MAX_PASSWORD_CHARS {
        ("password", "password-too-long")
    } else if password != repeated {
        ("password2", "password-mismatch")
    } else {
        return None;
    };
    Some(FieldProblem { field, key })
}

/// A form page answered again with what went wrong.
pub fn unprocessable(mut res: Response) -> Response {
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res
}

#[derive(Template)]
#[template(path = "invite/invalid.html")]
struct InvalidLinkPage {
    ctx: PageCtx,
    /// Offer a new reset link (on reset pages) or point to the programme team.
    reset: bool,
}

/// The friendly page for a link that cannot be used: 410 when it was spent, 404 when it
/// never existed.
pub fn invalid_link(ctx: PageCtx, why: Unusable, reset: bool) -> Response {
    let mut res = page(&InvalidLinkPage { ctx, reset });
    *res.status_mut() = match why {
        Unusable::Unknown => StatusCode::NOT_FOUND,
        Unusable::Spent => StatusCode::GONE,
    };
    res
}

/// Starts a session for `user_id` (a fresh id, like every sign-in) and returns its cookie.
pub async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    previous: Option<&Viewer>,
    user_id: i64,
) -> Result<HeaderValue, AppError> {
    if let Some(old) = previous {
        db::sessions::delete(&state.db, &old.session.id).await?;
    }
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (token, _) = db::sessions::create(&state.db, user_id, None, ua).await?;
    Ok(set_cookie(
        SESSION_COOKIE,
        &token,
        None,
        state.secure_cookies(),
    ))
}

/// A time as the pages show it (UTC, as the jobs page does).
pub fn format_time(lang: crate::i18n::Lang, t: chrono::DateTime<chrono::Utc>) -> String {
    let date = crate::web::pages::start::format_date(lang, t.date_naive());
    format!("{date}, {} UTC", t.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_needs_twelve_characters_and_a_matching_repetition() {
        let short = check_new_password("elf-zeichen", "elf-zeichen");
        assert_eq!(short.map(|p| p.key), Some("password-too-short"));
        // Characters, not bytes: twelve umlauts are enough.
        assert_eq!(check_new_password("ääääääääääää", "ääääääääääää"), None);
        let typo = check_new_password("lang-genug-passwort", "lang-genug-passwor");
        assert_eq!(typo.map(|p| p.field), Some("password2"));
        let huge = "x".repeat(1001);
        assert_eq!(
            check_new_password(&huge, &huge).map(|p| p.key),
            Some("password-too-long")
        );
    }
}
