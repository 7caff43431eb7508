//! Entities of the tables that are read and written through typed queries.
//! The remaining tables are reached through sea-query statements in their db modules.

pub mod ambassador;
pub mod api_token;
pub mod attendance;
pub mod audit_entry;
pub mod auth_token;
pub mod candidate;
pub mod cohort;
pub mod cost;
pub mod event;
pub mod identity;
pub mod job;
pub mod membership;
pub mod oidc_flow;
pub mod oidc_provider;
pub mod session;
pub mod tenant;
pub mod user;
