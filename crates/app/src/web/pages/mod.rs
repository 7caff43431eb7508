//! HTML pages, one module per area.

pub mod auth;
pub mod jobs;
pub mod start;
