//! HTML pages, one module per area.

pub mod auth;
pub mod start;
