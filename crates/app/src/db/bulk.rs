//! Bulk writes: many rows per statement within the bind-parameter limits of both backends,
//! and PostgreSQL array literals for writes that send one parameter per column instead.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr, Value};

/// Both SQLite (32 766) and PostgreSQL (65 535) accept this many parameters per statement.
const MAX_PARAMS: usize = 30_000;

/// Inserts `rows` (each with one value per column) into `table`.
pub async fn insert_rows(
    db: &impl ConnectionTrait,
    table: &'static str,
    columns: &[&'static str],
    rows: Vec<Vec<Value>>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let per_batch = (MAX_PARAMS / columns.len().max(1)).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut stmt = Query::insert();
        stmt.into_table(table).columns(columns.iter().copied());
        for row in rows.by_ref().take(per_batch) {
            let exprs: Vec<SimpleExpr> = row.into_iter().map(SimpleExpr::Value).collect();
            stmt.values(exprs)
                .map_err(|e| DbErr::Custom(format!("bulk insert into {table}: {e}")))?;
        }
        db.execute(&stmt).await?;
    }
    Ok(())
}

/// A PostgreSQL array literal of integers (`{1,2,NULL}`), sent as one text parameter and cast
/// in the statement (`$2::bigint[]`): a bulk write with one parameter per column instead of
/// one per value, which PostgreSQL then reads with `unnest`.
pub fn pg_ints(items: impl Iterator<Item = Option<i64>>) -> String {
    let mut out = String::from("{");
    for (i, v) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        match v {
            Some(v) => {
                let _ = write!(out, "{v}");
            }
            None => out.push_str("NULL"),
        }
    }
    out.push('}');
    out
}

/// A PostgreSQL array literal of moments (`{"2026-12-06T09:00:00+00:00",…}`), for
/// `$n::timestamptz[]`; see [`pg_ints`].
pub fn pg_timestamps(items: impl Iterator<Item = DateTime<Utc>>) -> String {
    let mut out = String::from("{");
    for (i, t) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Microseconds, as PostgreSQL keeps them (and as the driver sends a single moment).
        let _ = write!(
            out,
            "\"{}\"",
            t.to_rfc3339_opts(SecondsFormat::Micros, true)
        );
    }
    out.push('}');
    out
}

/// A PostgreSQL array literal of texts (`{"import","manual"}`), for `$n::text[]`; see
/// [`pg_ints`].
pub fn pg_texts<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("{");
    for (i, t) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in t.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn array_literals() {
        assert_eq!(
            pg_ints([Some(1), None, Some(-3)].into_iter()),
            "{1,NULL,-3}"
        );
        assert_eq!(pg_ints(std::iter::empty()), "{}");
        assert_eq!(
            pg_texts(["import", "a\"b\\c"].into_iter()),
            "{\"import\",\"a\\\"b\\\\c\"}"
        );
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 9, 30, 0).unwrap();
        assert_eq!(
            pg_timestamps([t, t].into_iter()),
            "{\"2026-12-06T09:30:00.000000Z\",\"2026-12-06T09:30:00.000000Z\"}"
        );
    }
}
