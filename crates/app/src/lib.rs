//! Amtfluencer: the workbench for a public authority's corporate-influencer programme.
//! The binary (`main.rs`) is a thin command line over this library, which the integration
//! tests drive in-process.

pub mod auth;
pub mod backup;
pub mod channels;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod error;
pub mod i18n;
pub mod imports;
pub mod jobs;
pub mod localtime;
pub mod mail;
pub mod numbers;
pub mod reports;
pub mod server;
pub mod state;
pub mod telemetry;
pub mod tenancy;
pub mod web;
