//! HTML pages, one module per area.

pub mod account;
pub mod admin;
pub mod analytics;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cohorts;
pub mod events;
pub mod guidelines;
pub mod imports;
pub mod invite;
pub mod jobs;
pub mod links;
pub mod operator;
pub mod people;
pub mod public;
pub mod publishing;
pub mod recruitment;
pub mod reviews;
pub mod sso;
pub mod start;
pub mod studio;
pub mod topics;
