//! Entities of the tables that are read and written through typed queries.
//! The remaining tables are reached through sea-query statements in their db modules.

pub mod ambassador;
pub mod api_token;
pub mod attendance;
pub mod audit_entry;
pub mod auth_token;
pub mod candidate;
pub mod channel_account;
pub mod channel_oauth_state;
pub mod cohort;
pub mod cost;
pub mod event;
pub mod identity;
pub mod job;
pub mod mastodon_app;
pub mod membership;
pub mod oidc_flow;
pub mod oidc_provider;
pub mod planned_post;
pub mod post_image;
pub mod session;
pub mod short_link;
pub mod tenant;
pub mod user;
