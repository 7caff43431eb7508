//! Rendering askama views into responses.

use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;

/// Renders a page; a template error is our fault and answers 500.
pub fn page(view: &impl Template) -> Response {
    match view.render() {
        Ok(html) => ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(e) => AppError::Internal(anyhow::anyhow!("template: {e}")).into_response(),
    }
}

/// Only paths on this site are followed after a login or a language switch.
pub fn local_path(target: Option<&str>) -> String {
    match target {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.contains('\\') => t.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/t/musterstadt/")), "/t/musterstadt/");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }
}
