//! The dashboards' post facts (and an import's candidates) on SQLite, read as one packed text
//! instead of one row per post.
//!
//! SQLite runs in-process, but its driver hands every result row from its worker thread to
//! the runtime one at a time; for the tens of thousands of posts a dashboard of a large
//! authority reads, that hand-over cost more than the query itself. Here SQLite joins the
//! rows into one text (`group_concat`) and we split it, which gives exactly the rows of
//! the plain read in a fraction of the time. PostgreSQL sends rows in bulk over its
//! protocol and keeps the plain read.

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

use super::Range;
use super::facts::{end_of, start_of};
use crate::tenancy::TenantId;

/// One post of the packed read: (id, author, topic, published, impressions, interactions).
pub(super) type PackedFact = (i64, i64, Option<i64>, DateTime<Utc>, Option<i64>, i64);

/// The published posts of the range.
pub(super) async fn read(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    range: Range,
    since: Option<i64>,
) -> Result<Vec<PackedFact>, DbErr> {
    let mut sql = "SELECT group_concat(p.post_id || ',' || p.ambassador_id || ',' || \
               IFNULL(p.topic_id, '') || ',' || p.published_at || ',' || \
               IFNULL(p.impressions, '') || ',' || IFNULL(p.interactions, ''), ';') \
               FROM post_facts p \
               WHERE p.tenant_id = ? AND p.published_at >= ? AND p.published_at < ?"
        .to_owned();
    let mut values: Vec<Value> = vec![
        tenant.0.into(),
        start_of(range.from).into(),
        end_of(range.to).into(),
    ];
    if let Some(since) = since {
        sql.push_str(" AND p.changed_in >= ?");
        values.push(since.into());
    }
    let stmt = Statement::from_sql_and_values(DbBackend::Sqlite, sql, values);
    packed_text(db, stmt)
        .await?
        .split(';')
        .filter(|s| !s.is_empty())
        .map(fact)
        .collect()
}

/// The one text a `group_concat` read returns (empty when nothing matched).
pub(crate) async fn packed_text(
    db: &impl ConnectionTrait,
    stmt: Statement,
) -> Result<String, DbErr> {
    let packed: Option<String> = match db.query_one_raw(stmt).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    Ok(packed.unwrap_or_default())
}

fn fact(s: &str) -> Result<PackedFact, DbErr> {
    let bad = || DbErr::Custom(format!("unreadable post fact: {s}"));
    let mut parts = s.split(',');
    let mut next = || parts.next().ok_or_else(bad);
    let int = |t: &str| t.parse::<i64>().map_err(|_| bad());
    let opt = |t: &str| {
        if t.is_empty() {
            Ok(None)
        } else {
            int(t).map(Some)
        }
    };
    let id = int(next()?)?;
    let author = int(next()?)?;
    let topic = opt(next()?)?;
    let published = timestamp(next()?).ok_or_else(bad)?;
    let impressions = opt(next()?)?;
    let interactions = opt(next()?)?.unwrap_or(0);
    Ok((id, author, topic, published, impressions, interactions))
}

/// A timestamp as the SQLite driver stores it (RFC 3339), or as SQLite itself writes one.
pub(crate) fn timestamp(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f")
                .ok()
                .map(|n| n.and_utc())
        })
}

/// One candidate of an import: (id, author, external id, external URL, published, scheduled).
pub(crate) type PackedCandidate = (
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// Published and scheduled posts for matching an import. Links may hold any character, so
/// the fields are separated by the ASCII unit separator and the posts by the record separator.
pub(crate) async fn candidates(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<PackedCandidate>, DbErr> {
    let sql = "SELECT group_concat(id || char(31) || ambassador_id || char(31) || \
               IFNULL(external_id, '') || char(31) || IFNULL(external_url, '') || char(31) || \
               IFNULL(published_at, '') || char(31) || IFNULL(scheduled_at, ''), char(30)) \
               FROM posts WHERE tenant_id = ? AND status IN ('published', 'scheduled')";
    let stmt = Statement::from_sql_and_values(DbBackend::Sqlite, sql, [tenant.0.into()]);
    packed_text(db, stmt)
        .await?
        .split('\u{1e}')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let bad = || DbErr::Custom(format!("unreadable candidate: {s}"));
            let f: Vec<&str> = s.split('\u{1f}').collect();
            let [id, author, external, url, published, scheduled] = f.as_slice() else {
                return Err(bad());
            };
            let text = |t: &str| (!t.is_empty()).then(|| t.to_owned());
            let at = |t: &str| {
                if t.is_empty() {
                    Ok(None)
                } else {
                    timestamp(t).map(Some).ok_or_else(bad)
                }
            };
            Ok((
                id.parse().map_err(|_| bad())?,
                author.parse().map_err(|_| bad())?,
                text(external),
                text(url),
                at(published)?,
                at(scheduled)?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_post_is_read_with_its_missing_parts_as_none() {
        let f = fact("12,3,,2026-03-04T09:15:00+00:00,,0").unwrap();
        assert_eq!(f.0, 12);
        assert_eq!(f.1, 3);
        assert_eq!(f.2, None);
        assert_eq!(f.3.to_rfc3339(), "2026-03-04T09:15:00+00:00");
        assert_eq!(f.4, None);
        let g = fact("7,1,40,2026-03-04 09:15:00.250,1234,56").unwrap();
        assert_eq!((g.2, g.4, g.5), (Some(40), Some(1234), 56));
        assert!(fact("7,1,40").is_err());
        assert!(fact("x,1,,2026-03-04T09:15:00+00:00,,0").is_err());
    }
}
