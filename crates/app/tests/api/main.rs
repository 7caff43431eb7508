#![expect(clippy::unwrap_used, reason = "test helpers fail loudly, like tests")]

//! Integration tests: one test binary. Every database test runs on SQLite always and on
//! PostgreSQL when `TEST_DATABASE_URL` is set (a fresh schema per test).

mod support;

mod account;
mod audit;
mod backup;
mod backup_cli;
mod calendar;
mod cli;
mod cohorts;
mod db_core;
mod db_jobs;
mod demo;
mod events;
mod exports;
mod guidelines;
mod jobs_page;
mod links;
mod mail;
mod metrics;
mod operator;
mod pages;
mod people;
mod people_import;
mod programme_api;
mod public;
mod publishing;
mod queue;
mod recruitment;
mod report;
mod routes;
mod security;
mod sso;
mod studio;
mod studio_api;
mod studio_consent;
mod studio_photo;
mod studio_review;
mod topics;
