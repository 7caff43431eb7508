//! A status change asked for by a form: one form shape and one check for every lifecycle
//! (people, candidates, cohorts). The fields default, so that the permission check and the
//! lookup answer (403, 404) before a missing field does.

use std::str::FromStr;

use serde::Deserialize;

use crate::error::AppError;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

/// The `(from, to)` of an allowed change. An unknown target is a bad request; a change the
/// lifecycle does not allow (or an unreadable stored status) is answered with `refusal`.
pub fn requested<S: FromStr + Copy>(
    stored: &str,
    form: &StatusForm,
    allowed: impl Fn(S, S) -> bool,
    refusal: impl Fn() -> AppError,
) -> Result<(S, S), AppError> {
    let from: S = stored.parse().map_err(|_| refusal())?;
    let to: S = form
        .status
        .parse()
        .map_err(|_| AppError::BadRequest("unknown status".to_owned()))?;
    if allowed(from, to) {
        Ok((from, to))
    } else {
        Err(refusal())
    }
}
