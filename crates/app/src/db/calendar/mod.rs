//! The editorial calendar: planned and published posts of an authority, its working-time
//! rules (core hours, closure days, blackout periods) and the secret calendar-feed links.

mod entities;
pub mod feeds;
pub mod posts;
pub mod settings;

pub use entities::{blackout, calendar_feed, post, working_time};
