//! The pure rules of Amtfluencer: no IO, no async, no database.
//!
//! Everything here is plain data and functions, unit-tested in milliseconds. The app crate
//! parses input into these types at the edge and asks these rules before it writes.

pub mod analytics;
pub mod calendar;
pub mod ics;
pub mod jobs;
pub mod links;
pub mod money;
pub mod onboarding;
pub mod people_import;
pub mod permissions;
pub mod privacy;
pub mod programme;
pub mod recruitment;
pub mod studio;
pub mod text_enum;
pub mod throttle;
pub mod types;
