//! The dashboards' post facts of a period, kept in memory between requests.
//!
//! Every dashboard reads the published posts of its period with their latest figures: tens of
//! thousands of rows for a large authority, which was most of a page's time. The team moves
//! between the dashboards (and the API is asked again and again) for the same period while
//! nothing changes, so the facts of a period are kept here, under the version stamp that the
//! database gives the authority's facts (`facts_versions`, changed by triggers whenever any
//! fact is written; see the migration `m20261207_000015_facts_version`).
//!
//! Each request reads the stamp first (one row) and uses the kept facts only if they were
//! read under that same stamp. Reading the stamp before the facts means kept facts are never
//! older than their stamp. The stamp is random, so it names one committed state of the facts,
//! whichever database or transaction it came from: a stamp seen inside a transaction that was
//! rolled back is never seen again.
//!
//! When the stamp has changed, the kept facts are brought up to date with what changed since
//! they were read (the migration `m20261207_000019_facts_changes`): the facts written since,
//! and the posts whose facts were deleted since. After a new figure or a new post that is a
//! handful of rows instead of the whole period. The stamp's read also gives the moment to
//! read changes from next time: on PostgreSQL the oldest transaction still running then
//! (whatever commits later has an id at least as large), on SQLite the authority's count of
//! changes then. Kept facts older than an hour are read again in full, well within the day
//! for which deletions are recorded.
//!
//! Only reads through the connection pool keep facts. A read inside a transaction might see
//! that transaction's own changes, which a rollback would undo without a trace in the
//! changes; it reads the facts, and keeps nothing.
//!
//! Only the facts are kept: who may see what (consents, cohorts, names) is read afresh for
//! every request, so a withdrawn consent takes effect at once.

use std::any::Any;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

use super::Range;
use crate::tenancy::TenantId;

/// A published post as the dashboards count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fact {
    pub post_id: i64,
    pub ambassador_id: i64,
    pub topic_id: Option<i64>,
    pub published: DateTime<Utc>,
    /// Impressions and interactions, when the post has figures.
    pub figures: Option<(i64, i64)>,
}

/// Periods kept at most (the least recently used goes first).
const MAX_ENTRIES: usize = 32;
/// Facts kept at most over all periods: about 70 MB (72 bytes each).
const MAX_FACTS: usize = 1_000_000;
/// How long kept facts are brought up to date with their changes; older ones are read again
/// in full. Deletions are recorded for a day (`GONE_KEPT_FOR`).
const CHANGES_FOLLOWED_FOR: Duration = Duration::from_secs(3600);
/// How long the database records deleted facts (the housekeeping removes older entries).
pub(crate) const GONE_KEPT_FOR: chrono::Duration = chrono::Duration::days(1);

struct Entry {
    tenant: i64,
    origin: i64,
    from: NaiveDate,
    to: NaiveDate,
    version: i64,
    /// Where the changes since these facts begin (see the module's comment).
    since: i64,
    read_at: Instant,
    facts: Arc<[Fact]>,
    used: u64,
}

impl Entry {
    fn is_of(&self, tenant: i64, range: Range, origin: i64) -> bool {
        self.tenant == tenant
            && self.origin == origin
            && self.from == range.from
            && self.to == range.to
    }
}

#[derive(Default)]
struct Kept {
    entries: Vec<Entry>,
    tick: u64,
}

impl Kept {
    fn get(&mut self, tenant: i64, range: Range, stamp: Stamp) -> Option<Arc<[Fact]>> {
        self.tick += 1;
        let tick = self.tick;
        let e = self
            .entries
            .iter_mut()
            .find(|e| e.is_of(tenant, range, stamp.origin) && e.version == stamp.version)?;
        e.used = tick;
        Some(e.facts.clone())
    }

    /// The period's kept facts under any stamp, with where their changes begin, while they
    /// are recent enough to be brought up to date.
    fn changes_from(
        &self,
        tenant: i64,
        range: Range,
        stamp: Stamp,
        now: Instant,
    ) -> Option<(i64, Arc<[Fact]>)> {
        self.entries
            .iter()
            .find(|e| e.is_of(tenant, range, stamp.origin))
            // Changes only count up; a smaller number means some other history.
            .filter(|e| e.since <= stamp.since)
            .filter(|e| now.saturating_duration_since(e.read_at) < CHANGES_FOLLOWED_FOR)
            .map(|e| (e.since, e.facts.clone()))
    }

    fn put(&mut self, tenant: i64, range: Range, stamp: Stamp, facts: Arc<[Fact]>) {
        if facts.len() > MAX_FACTS {
            return;
        }
        self.tick += 1;
        // A newer state of the same period replaces the older one.
        self.entries
            .retain(|e| !e.is_of(tenant, range, stamp.origin));
        self.entries.push(Entry {
            tenant,
            origin: stamp.origin,
            from: range.from,
            to: range.to,
            version: stamp.version,
            since: stamp.since,
            read_at: Instant::now(),
            facts,
            used: self.tick,
        });
        let total = |entries: &[Entry]| entries.iter().map(|e| e.facts.len()).sum::<usize>();
        while self.entries.len() > MAX_ENTRIES || total(&self.entries) > MAX_FACTS {
            let oldest = self
                .entries
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| e.used)
                .map(|(i, _)| i);
            match oldest {
                Some(i) => {
                    self.entries.swap_remove(i);
                }
                None => break,
            }
        }
    }
}

fn kept() -> std::sync::MutexGuard<'static, Kept> {
    static KEPT: OnceLock<Mutex<Kept>> = OnceLock::new();
    KEPT.get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The authority's stamp as read now, and where changes after this moment begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    version: i64,
    since: i64,
    /// The authority's line of changes in this database (see the migration).
    origin: i64,
}

/// The authority's current stamp (none before its facts were first written).
///
/// PostgreSQL stamps once per transaction (`m20261207_000017_facts_stamp_once`): a stamp
/// set by the reader's own open transaction stays while that transaction writes more facts,
/// so it names no settled state and is treated as none (the facts are read, and not kept).
async fn stamp(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Option<Stamp>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            // A stamp from before that migration has no transaction: never one's own.
            "SELECT version, txid_snapshot_xmin(txid_current_snapshot()), origin \
             FROM facts_versions WHERE tenant_id = $1 \
             AND NOT COALESCE(stamped_in = txid_current_if_assigned(), FALSE)"
        }
        _ => "SELECT version, changes, origin FROM facts_versions WHERE tenant_id = ?",
    };
    let stmt = Statement::from_sql_and_values(backend, sql, [tenant.0.into()]);
    match db.query_one_raw(stmt).await? {
        Some(r) => Ok(Some(Stamp {
            version: r.try_get_by_index(0)?,
            since: r.try_get_by_index(1)?,
            origin: r.try_get_by_index(2)?,
        })),
        None => Ok(None),
    }
}

/// Everyone's published posts of the period, oldest first: kept ones when the authority's
/// facts have not changed since they were read, kept ones brought up to date when they have,
/// else read now (and kept).
pub(super) async fn facts(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    range: Range,
) -> Result<Arc<[Fact]>, DbErr> {
    let pooled = (db as &dyn Any).is::<DatabaseConnection>();
    let stamp = if pooled {
        stamp(db, tenant).await?
    } else {
        None
    };
    let Some(stamp) = stamp else {
        return Ok(super::facts::read_facts(db, tenant, range, None)
            .await?
            .into());
    };
    if let Some(facts) = kept().get(tenant.0, range, stamp) {
        return Ok(facts);
    }
    let earlier = kept().changes_from(tenant.0, range, stamp, Instant::now());
    let facts: Arc<[Fact]> = match earlier {
        Some((since, earlier)) => {
            // Deletions first: a fact deleted after this read is then at worst still shown
            // until the next request, which finds its deletion (it is after `stamp.since`).
            let gone = super::facts::gone_since(db, tenant, since).await?;
            let changed = super::facts::read_facts(db, tenant, range, Some(since)).await?;
            merged(&earlier, changed, &gone)
        }
        None => super::facts::read_facts(db, tenant, range, None)
            .await?
            .into(),
    };
    kept().put(tenant.0, range, stamp, facts.clone());
    Ok(facts)
}

/// Removes the records of facts deleted more than [`GONE_KEPT_FOR`] ago (housekeeping).
pub async fn purge_gone(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let before = (Utc::now() - GONE_KEPT_FOR).timestamp();
    let stmt = Query::delete()
        .from_table("post_facts_gone")
        .and_where(Expr::col("gone_at").lt(before))
        .to_owned();
    Ok(db.execute(&stmt).await?.rows_affected())
}

/// The kept facts with the changed ones in place of their earlier state and the deleted ones
/// left out, oldest first (as a full read orders them).
fn merged(earlier: &Arc<[Fact]>, changed: Vec<Fact>, gone: &[i64]) -> Arc<[Fact]> {
    if changed.is_empty() && gone.is_empty() {
        return earlier.clone();
    }
    let replaced: HashSet<i64> = gone
        .iter()
        .copied()
        .chain(changed.iter().map(|f| f.post_id))
        .collect();
    let mut out: Vec<Fact> = earlier
        .iter()
        .filter(|f| !replaced.contains(&f.post_id))
        .copied()
        .collect();
    out.extend(changed);
    // Stable: the kept facts are in order already, and the stable sort finds such runs.
    out.sort_by_key(|f| (f.published, f.post_id));
    out.into()
}

#[cfg(test)]
mod tests;
