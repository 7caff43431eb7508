//! Post snapshots (`post_metrics`): each observation of a post's figures. Every write
//! refreshes the posts' derived `post_figures` in the same transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement, Value};

use super::{Figures, figures};
use crate::tenancy::TenantId;

/// Snapshots of one source taken at one moment, by post id: (snapshot id, figures).
pub async fn snapshots_at(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    source: &str,
    observed_at: DateTime<Utc>,
) -> Result<HashMap<i64, (i64, Figures)>, DbErr> {
    let stmt = Query::select()
        .columns([
            "id",
            "post_id",
            "impressions",
            "members_reached",
            "reactions",
            "comments",
            "reposts",
            "clicks",
        ])
        .from("post_metrics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("source").eq(source))
        .and_where(Expr::col("observed_at").eq(observed_at))
        .to_owned();
    let mut out = HashMap::new();
    for r in db.query_all(&stmt).await? {
        out.insert(
            r.try_get("", "post_id")?,
            (
                r.try_get("", "id")?,
                Figures {
                    impressions: r.try_get("", "impressions")?,
                    members_reached: r.try_get("", "members_reached")?,
                    reactions: r.try_get("", "reactions")?,
                    comments: r.try_get("", "comments")?,
                    reposts: r.try_get("", "reposts")?,
                    clicks: r.try_get("", "clicks")?,
                },
            ),
        );
    }
    Ok(out)
}

fn figure_values(f: &Figures) -> [Value; 6] {
    [
        f.impressions.into(),
        f.members_reached.into(),
        f.reactions.into(),
        f.comments.into(),
        f.reposts.into(),
        f.clicks.into(),
    ]
}

const FIGURE_COLS: [&str; 6] = [
    "impressions",
    "members_reached",
    "reactions",
    "comments",
    "reposts",
    "clicks",
];

pub struct NewSnapshot {
    pub post_id: i64,
    pub observed_at: DateTime<Utc>,
    pub source: &'static str,
    pub import_id: Option<i64>,
    pub figures: Figures,
}

pub async fn insert_snapshot(
    db: &DatabaseTransaction,
    tenant: TenantId,
    s: &NewSnapshot,
) -> Result<(), DbErr> {
    insert_snapshots(db, tenant, std::slice::from_ref(s)).await
}

/// Inserts many snapshots in a few statements and refreshes their posts' figures. Refuses
/// snapshots of a post that does not exist (or belongs to another authority). Inside a
/// transaction, so that such a refusal leaves nothing written, and so that a post cannot be
/// deleted before the snapshots written for it are committed (PostgreSQL: [`lock_posts`]).
pub async fn insert_snapshots(
    db: &DatabaseTransaction,
    tenant: TenantId,
    snapshots: &[NewSnapshot],
) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        lock_posts(db, tenant).await?;
        for chunk in snapshots.chunks(ARRAY_CHUNK) {
            let written = db.execute_raw(insert_postgres(tenant, chunk)).await?;
            if written.rows_affected() != chunk.len() as u64 {
                return Err(DbErr::Custom(format!(
                    "figures of {} posts that no longer exist were not written",
                    chunk.len() as u64 - written.rows_affected()
                )));
            }
        }
    } else {
        let rows: Vec<Vec<Value>> = snapshots
            .iter()
            .map(|s| {
                let mut values: Vec<Value> = vec![
                    tenant.0.into(),
                    s.post_id.into(),
                    s.observed_at.into(),
                    s.source.into(),
                    s.import_id.into(),
                ];
                values.extend(figure_values(&s.figures));
                values
            })
            .collect();
        crate::db::bulk::insert_rows(db, "post_metrics", &COLS, rows).await?;
    }
    // Added snapshots can only raise a post's figures: no need to group its older ones.
    figures::raise(db, tenant, snapshots).await
}

/// The first key of the lock that a write of snapshots takes shared and the deletion of a post
/// exclusively (its second key is the authority); the same number is in the trigger of the
/// migration `m20261208_000021_snapshot_post_lock`.
pub const POSTS_LOCK: i32 = 0x616D_7466;

/// PostgreSQL: takes the authority's lock against the deletion of its posts until the
/// transaction ends. In a statement of its own, so that the insert that follows sees what a
/// deletion it waited for has committed.
async fn lock_posts(db: &DatabaseTransaction, tenant: TenantId) -> Result<(), DbErr> {
    let key = i32::try_from(tenant.0 % i64::from(i32::MAX)).unwrap_or_default();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock_shared($1, $2)",
        [POSTS_LOCK.into(), key.into()],
    ))
    .await
    .map(|_| ())
}

/// Snapshots per statement on PostgreSQL, sent as one array per column.
const ARRAY_CHUNK: usize = 25_000;

const COLS: [&str; 11] = [
    "tenant_id",
    "post_id",
    "observed_at",
    "source",
    "import_id",
    "impressions",
    "members_reached",
    "reactions",
    "comments",
    "reposts",
    "clicks",
];

/// PostgreSQL: the snapshots as arrays, unnested into one insert. With one parameter per
/// value, the driver and server spent more than twice as long binding the statements as
/// writing the rows.
///
/// Only snapshots of the authority's existing posts are written; the caller sees the others in
/// the rows written. The posts are found by their ids as one list (an `EXISTS` per row was
/// planned as a scan of all the authority's posts for each statement). They are not locked
/// row by row: [`lock_posts`] has taken the authority's lock against their deletion
/// (migration `m20261208_000021_snapshot_post_lock`).
fn insert_postgres(tenant: TenantId, rows: &[NewSnapshot]) -> Statement {
    use crate::db::bulk::{pg_ints, pg_texts, pg_timestamps};
    let sql = format!(
        "INSERT INTO post_metrics ({}) \
         SELECT $1, v.* FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::bigint[], \
           $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[]) \
           AS v(post_id) \
         WHERE v.post_id IN (SELECT id FROM posts WHERE tenant_id = $1 AND id = ANY($2::bigint[]))",
        COLS.join(", ")
    );
    let ints = |f: fn(&NewSnapshot) -> Option<i64>| Value::from(pg_ints(rows.iter().map(f)));
    let values = vec![
        tenant.0.into(),
        ints(|s| Some(s.post_id)),
        pg_timestamps(rows.iter().map(|s| s.observed_at)).into(),
        pg_texts(rows.iter().map(|s| s.source)).into(),
        ints(|s| s.import_id),
        ints(|s| Some(s.figures.impressions)),
        ints(|s| s.figures.members_reached),
        ints(|s| Some(s.figures.reactions)),
        ints(|s| Some(s.figures.comments)),
        ints(|s| Some(s.figures.reposts)),
        ints(|s| s.figures.clicks),
    ];
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

pub async fn update_snapshot(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    import_id: Option<i64>,
    f: &Figures,
) -> Result<(), DbErr> {
    let mut stmt = Query::update();
    stmt.table("post_metrics")
        .value("import_id", import_id)
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id));
    for (c, v) in FIGURE_COLS.iter().zip(figure_values(f)) {
        stmt.value(*c, v);
    }
    db.execute(&stmt).await?;
    figures::refresh_of_snapshot(db, tenant, id).await
}

/// Replaces many snapshots (by id) with new ones of the same posts and moments: one delete
/// and a few inserts instead of a statement per row, for large imports.
pub async fn replace_snapshots(
    db: &DatabaseTransaction,
    tenant: TenantId,
    replaced: &[i64],
    snapshots: &[NewSnapshot],
) -> Result<(), DbErr> {
    for chunk in replaced.chunks(1_000) {
        let stmt = Query::delete()
            .from_table("post_metrics")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("id").is_in(chunk.iter().copied()))
            .to_owned();
        db.execute(&stmt).await?;
    }
    insert_snapshots(db, tenant, snapshots).await?;
    if !replaced.is_empty() {
        // A replaced snapshot may have held a post's largest figures.
        let posts: Vec<i64> = snapshots.iter().map(|s| s.post_id).collect();
        figures::refresh(db, tenant, &posts).await?;
    }
    Ok(())
}
