//! Database migrations of Amtfluencer, written once for SQLite and PostgreSQL.
//!
//! Portable column types only: enums are stored as text, JSON as text, money as cents in a
//! big integer, timestamps with time zone. Every tenant-owned table has `tenant_id` leading its
//! indexes, so that every query of one authority stays inside its part of the index; the
//! exceptions are indexes by post alone (the figures' and facts' keys, a post's snapshots),
//! since a post id belongs to one authority only.

pub use sea_orm_migration::prelude::*;

mod build;
mod m20261125_000001_init;
mod m20261125_000002_accounts;
mod m20261125_000003_guidelines;
mod m20261125_000004_events;
mod m20261125_000005_calendar;
mod m20261125_000006_metrics;
mod m20261125_000007_publishing;
mod m20261125_000008_studio;
mod m20261125_000009_consent_review;
mod m20261125_000010_mastodon_metrics;
mod m20261125_000011_short_links;
mod m20261206_000012_post_figures;
mod m20261207_000013_post_facts;
mod m20261207_000014_snapshot_import_key;
mod m20261207_000015_facts_version;
mod m20261207_000016_snapshot_post_key;
mod m20261207_000017_facts_stamp_once;
mod m20261207_000018_facts_in_place;
mod m20261207_000019_facts_changes;
mod m20261208_000020_snapshot_indexes;
mod m20261208_000021_snapshot_post_lock;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_init::Migration),
            Box::new(m20261125_000002_accounts::Migration),
            Box::new(m20261125_000003_guidelines::Migration),
            Box::new(m20261125_000004_events::Migration),
            Box::new(m20261125_000005_calendar::Migration),
            Box::new(m20261125_000006_metrics::Migration),
            Box::new(m20261125_000007_publishing::Migration),
            Box::new(m20261125_000008_studio::Migration),
            Box::new(m20261125_000009_consent_review::Migration),
            Box::new(m20261125_000010_mastodon_metrics::Migration),
            Box::new(m20261125_000011_short_links::Migration),
            Box::new(m20261206_000012_post_figures::Migration),
            Box::new(m20261207_000013_post_facts::Migration),
            Box::new(m20261207_000014_snapshot_import_key::Migration),
            Box::new(m20261207_000015_facts_version::Migration),
            Box::new(m20261207_000016_snapshot_post_key::Migration),
            Box::new(m20261207_000017_facts_stamp_once::Migration),
            Box::new(m20261207_000018_facts_in_place::Migration),
            Box::new(m20261207_000019_facts_changes::Migration),
            Box::new(m20261208_000020_snapshot_indexes::Migration),
            Box::new(m20261208_000021_snapshot_post_lock::Migration),
        ]
    }
}

/// The names of all migrations this binary knows, in order.
pub fn known_migrations() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}
