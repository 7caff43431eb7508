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
//! read under that same stamp; otherwise it reads the facts again. Reading the stamp before the
//! facts means kept facts are never older than their stamp. The stamp is random, so it names
//! one committed state of the facts, whichever database or transaction it came from: a stamp
//! seen inside a transaction that was rolled back is never seen again.
//!
//! Only the facts are kept: who may see what (consents, cohorts, names) is read afresh for
//! every request, so a withdrawn consent takes effect at once.

use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

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

struct Entry {
    tenant: i64,
    from: NaiveDate,
    to: NaiveDate,
    version: i64,
    facts: Arc<[Fact]>,
    used: u64,
}

#[derive(Default)]
struct Kept {
    entries: Vec<Entry>,
    tick: u64,
}

impl Kept {
    fn get(&mut self, tenant: i64, range: Range, version: i64) -> Option<Arc<[Fact]>> {
        self.tick += 1;
        let tick = self.tick;
        let e = self.entries.iter_mut().find(|e| {
            e.tenant == tenant && e.from == range.from && e.to == range.to && e.version == version
        })?;
        e.used = tick;
        Some(e.facts.clone())
    }

    fn put(&mut self, tenant: i64, range: Range, version: i64, facts: Arc<[Fact]>) {
        if facts.len() > MAX_FACTS {
            return;
        }
        self.tick += 1;
        // A newer state of the same period replaces the older one.
        self.entries
            .retain(|e| !(e.tenant == tenant && e.from == range.from && e.to == range.to));
        self.entries.push(Entry {
            tenant,
            from: range.from,
            to: range.to,
            version,
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

/// The authority's current stamp (none before its facts were first written).
///
/// PostgreSQL stamps once per transaction (`m20261207_000017_facts_stamp_once`): a stamp
/// set by the reader's own open transaction stays while that transaction writes more facts,
/// so it names no settled state and is treated as none (the facts are read, and not kept).
async fn version(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Option<i64>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            // A stamp from before that migration has no transaction: never one's own.
            "SELECT version FROM facts_versions WHERE tenant_id = $1 \
             AND NOT COALESCE(stamped_in = txid_current_if_assigned(), FALSE)"
        }
        _ => "SELECT version FROM facts_versions WHERE tenant_id = ?",
    };
    let stmt = Statement::from_sql_and_values(backend, sql, [tenant.0.into()]);
    match db.query_one_raw(stmt).await? {
        Some(r) => Ok(Some(r.try_get_by_index(0)?)),
        None => Ok(None),
    }
}

/// Everyone's published posts of the period, oldest first: kept ones when the authority's
/// facts have not changed since they were read, else read now (and kept).
pub(super) async fn facts<F, Fut>(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Range,
    read: F,
) -> Result<Arc<[Fact]>, DbErr>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Vec<Fact>, DbErr>>,
{
    let stamp = version(db, tenant).await?;
    if let Some(v) = stamp
        && let Some(facts) = kept().get(tenant.0, range, v)
    {
        return Ok(facts);
    }
    let facts: Arc<[Fact]> = read().await?.into();
    if let Some(v) = stamp {
        kept().put(tenant.0, range, v, facts.clone());
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn range(day: i64) -> Range {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day);
        Range { from: d, to: d }
    }

    fn facts(n: usize) -> Arc<[Fact]> {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        (0..n)
            .map(|i| Fact {
                post_id: i as i64,
                ambassador_id: 1,
                topic_id: None,
                published: at,
                figures: None,
            })
            .collect()
    }

    #[test]
    fn a_kept_fact_is_as_small_as_the_limit_assumes() {
        assert!(std::mem::size_of::<Fact>() <= 72);
    }

    #[test]
    fn kept_facts_are_found_only_under_their_stamp_period_and_authority() {
        let mut k = Kept::default();
        k.put(1, range(1), 7, facts(3));
        assert_eq!(k.get(1, range(1), 7).map(|f| f.len()), Some(3));
        assert!(k.get(1, range(1), 8).is_none());
        assert!(k.get(1, range(2), 7).is_none());
        assert!(k.get(2, range(1), 7).is_none());
        // A newer stamp of the period replaces the older facts.
        k.put(1, range(1), 8, facts(4));
        assert!(k.get(1, range(1), 7).is_none());
        assert_eq!(k.get(1, range(1), 8).map(|f| f.len()), Some(4));
        assert_eq!(k.entries.len(), 1);
    }

    #[test]
    fn the_least_recently_used_period_goes_first() {
        let mut k = Kept::default();
        for day in 1..=i64::try_from(MAX_ENTRIES).unwrap() {
            k.put(1, range(day), 1, facts(1));
        }
        // Day 1 is used again, so day 2 is now the least recently used.
        assert!(k.get(1, range(1), 1).is_some());
        k.put(1, range(100), 2, facts(1));
        assert_eq!(k.entries.len(), MAX_ENTRIES);
        assert!(k.get(1, range(1), 1).is_some());
        assert!(k.get(1, range(2), 1).is_none());
    }

    #[test]
    fn the_kept_facts_stay_within_their_limit() {
        let mut k = Kept::default();
        k.put(1, range(1), 1, facts(MAX_FACTS / 2));
        k.put(1, range(2), 1, facts(MAX_FACTS / 2));
        k.put(1, range(3), 1, facts(10));
        assert!(k.get(1, range(1), 1).is_none());
        assert!(k.get(1, range(3), 1).is_some());
        // A period larger than the whole limit is not kept at all.
        k.put(1, range(4), 1, facts(MAX_FACTS + 1));
        assert!(k.get(1, range(4), 1).is_none());
        assert!(k.get(1, range(2), 1).is_some());
    }
}
