//! Form and JSON extractors whose rejections are client errors with the field named, answered
//! in the user's language (as a page) or as `{"errors":[…]}` (under `/api`), never a 500.

use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::{AppError, FieldError};

/// `axum::Form` with readable rejections.
pub struct Form<T>(pub T);

/// `axum::Json` with readable rejections.
pub struct Json<T>(pub T);

/// The field a serde message names: "missing field `email`", "unknown variant …", "… at line 1
/// column 5" or "email: invalid digit".
fn field_of(msg: &str) -> Option<String> {
    if let Some(rest) = msg.split("field `").nth(1) {
        return rest.split('`').next().map(str::to_owned);
    }
    msg.split_once(": ")
        .map(|(f, _)| f.trim())
        .filter(|f| {
            !f.is_empty()
                && f.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        })
        .map(str::to_owned)
}

fn rejected(detail: String) -> AppError {
    AppError::Validation(vec![FieldError {
        field: field_of(&detail),
        detail,
    }])
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Self(v)),
            Err(FormRejection::FailedToDeserializeForm(e)) => Err(rejected(e.body_text())),
            Err(FormRejection::FailedToDeserializeFormBody(e)) => Err(rejected(e.body_text())),
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(rejected(e.body_text())),
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn the_field_is_found_in_serde_messages() {
        assert_eq!(
            field_of("Failed to deserialize form body: missing field `email`").as_deref(),
            Some("email")
        );
        assert_eq!(
            field_of("goal: invalid digit found in string").as_deref(),
            Some("goal")
        );
        assert_eq!(field_of("expected value at line 1 column 1"), None);
    }
}
