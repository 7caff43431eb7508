//! The figures of the posts of the last 30 days read from the networks' APIs, stored as metric
//! snapshots the way an import stores LinkedIn's export figures (source `api`): Mastodon's
//! counts for everyone, LinkedIn's member post analytics where the authority's app and the
//! author's connection have `r_member_postAnalytics`.
//!
//! Each post is asked for with its author's token. Nothing stops a run: a failure is logged
//! and recorded on the post (and an expired token on the connection); a post the network no
//! longer has is marked deleted there and not asked for again.

mod linkedin;
mod mastodon;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::db::{
    self,
    entities::planned_post,
    metrics::{Figures, NewSnapshot},
};
use crate::tenancy::TenantId;

pub use linkedin::fetch_linkedin_figures;
pub use mastodon::fetch_mastodon_counts;

/// How far back published posts are still asked for.
pub const COUNTS_DAYS: i64 = 30;

/// The `source` of the snapshots read from a network's API.
pub const SOURCE: &str = "api";

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountsReport {
    pub stored: usize,
    pub failed: usize,
    pub deleted: usize,
}

impl CountsReport {
    /// Records on the post why its figures could not be read, and counts it.
    async fn fail(
        &mut self,
        db: &DatabaseConnection,
        post_id: i64,
        msg: &str,
    ) -> anyhow::Result<()> {
        db::publishing::counts_checked(db, post_id, Some(msg)).await?;
        self.failed += 1;
        Ok(())
    }
}

/// A network's count as a stored figure; no network counts past `i64::MAX`.
fn figure(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The snapshot, and the post's record that its counts are current.
async fn store(
    db: &DatabaseConnection,
    post: &planned_post::Model,
    observed_at: DateTime<Utc>,
    figures: Figures,
) -> anyhow::Result<()> {
    let tenant = TenantId(post.tenant_id);
    let snapshot = NewSnapshot {
        post_id: post.id,
        observed_at,
        source: SOURCE,
        import_id: None,
        figures,
    };
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    // A second run in the same second (a retried job) replaces its own snapshot.
    let same_moment = db::metrics::snapshots_at(&txn, tenant, SOURCE, observed_at).await?;
    match same_moment.get(&post.id) {
        Some((id, _)) => db::metrics::update_snapshot(&txn, tenant, *id, None, &figures).await?,
        None => db::metrics::insert_snapshot(&txn, tenant, &snapshot).await?,
    }
    db::publishing::counts_checked(&txn, post.id, None).await?;
    txn.commit().await?;
    Ok(())
}
