//! Bulk inserts for seeding large data sets: many rows per statement, in one transaction per
//! call, within the bind-parameter limits of both backends.

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
