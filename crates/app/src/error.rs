//! One error type for the whole app, with two faces.
//!
//! Policy:
//! - Handlers return `Result<_, AppError>`. Client mistakes are `NotFound`, `Unauthorized`,
//!   `Forbidden`, `Conflict` or `Validation` and are answered with what went wrong.
//! - `Db` and `Internal` are our faults: logged with their whole chain, answered with an opaque
//!   message, never with internals.
//! - Unique and foreign-key violations are mapped through SeaORM's `sql_err()`, the same on
//!   SQLite and PostgreSQL.
//! - HTML pages answer through [`crate::web::pages::errors`] in the user's language; the JSON
//!   API answers `{"errors":[{"detail":…,"field":…}]}`.
//! - `anyhow` is for the CLI, startup and jobs only; no `unwrap`/`expect` outside tests and
//!   startup.

use axum::http::StatusCode;
use sea_orm::{DbErr, SqlErr};

/// A field-level problem in submitted input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Option<String>,
    pub detail: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("the CSRF token is missing or wrong")]
    CsrfRejected,
    #[error("the authority is suspended")]
    Suspended,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("database error: {0}")]
    Db(DbErr),
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CsrfRejected | Self::Suspended => StatusCode::FORBIDDEN,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Db(_) | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs server-side faults; called once where the error becomes a response.
    pub fn log(&self) {
        if matches!(self, Self::Db(_) | Self::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
    }
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                Self::Conflict("this entry exists already".to_owned())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                Self::Conflict("this entry refers to something that does not exist".to_owned())
            }
            _ => Self::Db(e),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        Self::Internal(e)
    }
}

/// What an error response carries until the error layer renders it as a page or as JSON in
/// the user's language.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub csrf: bool,
    pub suspended: bool,
    pub unauthorized: bool,
    pub details: Vec<FieldError>,
}

impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        self.log();
        let status = self.status();
        let csrf = matches!(self, Self::CsrfRejected);
        let suspended = matches!(self, Self::Suspended);
        let details = match self {
            Self::Validation(errs) => errs,
            Self::Conflict(msg) => vec![FieldError {
                field: None,
                detail: msg,
            }],
            _ => Vec::new(),
        };
        let info = ErrorInfo {
            status,
            csrf,
            suspended,
            unauthorized: status == StatusCode::UNAUTHORIZED,
            details,
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(info);
        res
    }
}
