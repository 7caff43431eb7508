//! `post_figures`: each post's latest figures in one row, derived from its snapshots.
//!
//! Figures are cumulative, so a post's latest figures are the largest of its snapshots
//! (across sources: import, manual entry, API). Every function that writes a snapshot
//! refreshes the rows of the posts it touched inside the same transaction, so the dashboards
//! read one row per post and never a stale one. Impressions and interactions are also copied
//! into the post's dashboard facts (`post_facts`, one narrow row per published post whose
//! index the dashboards read; the posts' own columns reach it by triggers).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr, UpdateStatement,
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

use crate::tenancy::TenantId;

/// Posts refreshed per statement: well under both backends' parameter limits.
const CHUNK: usize = 500;

const COLS: [&str; 9] = [
    "post_id",
    "tenant_id",
    "observed_at",
    "impressions",
    "members_reached",
    "reactions",
    "comments",
    "reposts",
    "clicks",
];

/// The largest figures of the given posts' snapshots (all posts: `None`), grouped per post.
fn from_snapshots(tenant: TenantId, post_ids: Option<&[i64]>) -> SelectStatement {
    let mut s = Query::select();
    s.column("post_id")
        .expr(Expr::col("tenant_id").max())
        .expr(Expr::col("observed_at").max());
    for c in &COLS[3..] {
        s.expr(Expr::col(*c).max());
    }
    s.from("post_metrics").group_by_col("post_id");
    match post_ids {
        Some(ids) => {
            // The authority as an expression no index serves: given as a plain
            // `tenant_id = ?`, SQLite walked the authority's part of the snapshots' unique key
            // (all of its snapshots) instead of looking the posts up by the index of posts.
            s.and_where(Expr::col("post_id").is_in(ids.iter().copied()))
                .and_where(
                    Expr::expr(Func::coalesce([Expr::col("tenant_id"), Expr::val(0)])).eq(tenant.0),
                );
        }
        None => {
            s.and_where(Expr::col("tenant_id").eq(tenant.0));
        }
    }
    s
}

/// Rebuilds the figures of these posts from their snapshots (a post without snapshots loses
/// its row). Call in the transaction that wrote the snapshots.
pub async fn refresh(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_ids: &[i64],
) -> Result<(), DbErr> {
    let mut ids = post_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(CHUNK) {
        let delete = Query::delete()
            .from_table("post_figures")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("post_id").is_in(chunk.iter().copied()))
            .to_owned();
        db.execute(&delete).await?;
        let insert = Query::insert()
            .into_table("post_figures")
            .columns(COLS.map(Alias::new))
            .select_from(from_snapshots(tenant, Some(chunk)))
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        db.execute(&insert).await?;
        db.execute(&onto_facts(db.get_database_backend(), tenant, Some(chunk)))
            .await?;
    }
    Ok(())
}

/// After snapshots were added (none changed or removed): each post's figures become the
/// larger of what it had and what the new snapshots say, without reading its older
/// snapshots again. Much cheaper than [`refresh`] for a large import: one upsert per chunk of
/// posts, which also copies the two indexed figures into the facts of the posts that changed.
pub async fn raise(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    added: &[super::NewSnapshot],
) -> Result<(), DbErr> {
    let mut by_post: HashMap<i64, Row> = HashMap::new();
    for s in added {
        let new = Row::of(s);
        by_post
            .entry(s.post_id)
            .and_modify(|r| r.raise(&new))
            .or_insert(new);
    }
    let mut rows: Vec<Row> = by_post.into_values().collect();
    rows.sort_unstable_by_key(|r| r.post_id);
    match db.get_database_backend() {
        DbBackend::Postgres => {
            for chunk in rows.chunks(RAISE_CHUNK_POSTGRES) {
                db.execute_raw(raise_postgres(tenant, chunk)).await?;
            }
        }
        backend => {
            for chunk in rows.chunks(RAISE_CHUNK_SQLITE) {
                db.execute_raw(raise_sqlite(backend, tenant, chunk)).await?;
                let ids: Vec<i64> = chunk.iter().map(|r| r.post_id).collect();
                db.execute(&onto_facts(backend, tenant, Some(&ids))).await?;
            }
        }
    }
    Ok(())
}

/// Rows per upsert on PostgreSQL, where the figures travel as nine arrays (nine parameters,
/// however many rows): one statement even for the largest imports, since a large one finds the
/// facts to update by reading all of the authority's facts once per statement.
const RAISE_CHUNK_POSTGRES: usize = 100_000;
/// Rows per upsert on SQLite: nine parameters each, under its limit of 32,766.
const RAISE_CHUNK_SQLITE: usize = 3_000;

/// The columns an upsert raises (all but the keys): each keeps the larger of the stored and
/// the new value; a missing figure (NULL) never wins, as in `MAX` over the snapshots.
fn raised() -> &'static [&'static str] {
    &COLS[2..]
}

/// SQLite: one multi-row upsert. Its two-argument `max` is NULL when either side is, hence
/// the `COALESCE`s.
fn raise_sqlite(backend: DbBackend, tenant: TenantId, rows: &[Row]) -> Statement {
    let mut sql = format!("INSERT INTO post_figures ({}) VALUES ", COLS.join(", "));
    let mut values = Vec::with_capacity(rows.len() * COLS.len());
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?,?,?)");
        values.extend(r.values(tenant));
    }
    sql.push_str(" ON CONFLICT (post_id) DO UPDATE SET ");
    let sets: Vec<String> = raised()
        .iter()
        .map(|c| {
            format!(
                "{c} = max(COALESCE(post_figures.{c}, excluded.{c}), \
                 COALESCE(excluded.{c}, post_figures.{c}))"
            )
        })
        .collect();
    sql.push_str(&sets.join(", "));
    Statement::from_sql_and_values(backend, sql, values)
}

/// A post's interactions from its `post_figures` row, as the dashboards count them: one
/// formula for every statement that writes them into `post_facts`.
const INTERACTIONS: &str = "reactions + comments + reposts + COALESCE(clicks, 0)";

/// PostgreSQL: the rows as arrays, unnested into one upsert whose returned figures go into
/// the posts' facts in the same statement (only where they changed). Multi-row `VALUES`
/// with thousands of parameters cost ~50 ms per 500 rows here; this sends nine parameters.
fn raise_postgres(tenant: TenantId, rows: &[Row]) -> Statement {
    let sets: Vec<String> = raised()
        .iter()
        .map(|c| format!("{c} = GREATEST(post_figures.{c}, excluded.{c})"))
        .collect();
    let sql = format!(
        "WITH raised AS (\
           INSERT INTO post_figures ({cols}) \
           SELECT v.post_id, $1, v.observed_at, v.impressions, v.members_reached, v.reactions, \
                  v.comments, v.reposts, v.clicks \
           FROM unnest($2::bigint[], $3::timestamptz[], $4::bigint[], $5::bigint[], \
                       $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[]) \
             AS v(post_id, observed_at, impressions, members_reached, reactions, comments, \
                  reposts, clicks) \
           ON CONFLICT (post_id) DO UPDATE SET {sets} \
           RETURNING post_id, impressions, \
                     {INTERACTIONS} AS interactions) \
         UPDATE post_facts SET impressions = raised.impressions, \
                               interactions = raised.interactions, \
                               changed_in = txid_current() \
         FROM raised \
         WHERE post_facts.post_id = raised.post_id AND post_facts.tenant_id = $1 \
           AND (post_facts.impressions IS DISTINCT FROM raised.impressions \
                OR post_facts.interactions IS DISTINCT FROM raised.interactions)",
        cols = COLS.join(", "),
        sets = sets.join(", "),
    );
    use crate::db::bulk::{pg_ints, pg_timestamps};
    let ints = |f: fn(&Row) -> Option<i64>| Value::from(pg_ints(rows.iter().map(f)));
    let values = vec![
        tenant.0.into(),
        ints(|r| Some(r.post_id)),
        pg_timestamps(rows.iter().map(|r| r.observed_at)).into(),
        ints(|r| Some(r.figures.impressions)),
        ints(|r| r.figures.members_reached),
        ints(|r| Some(r.figures.reactions)),
        ints(|r| Some(r.figures.comments)),
        ints(|r| Some(r.figures.reposts)),
        ints(|r| r.figures.clicks),
    ];
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// One row of `post_figures`.
struct Row {
    post_id: i64,
    observed_at: DateTime<Utc>,
    figures: super::Figures,
}

impl Row {
    fn of(s: &super::NewSnapshot) -> Self {
        Self {
            post_id: s.post_id,
            observed_at: s.observed_at,
            figures: s.figures,
        }
    }

    /// Each figure the larger of the two, as `MAX` over the snapshots would give.
    fn raise(&mut self, o: &Row) {
        let (a, b) = (&mut self.figures, &o.figures);
        self.observed_at = Ord::max(self.observed_at, o.observed_at);
        a.impressions = Ord::max(a.impressions, b.impressions);
        a.members_reached = Ord::max(a.members_reached, b.members_reached);
        a.reactions = Ord::max(a.reactions, b.reactions);
        a.comments = Ord::max(a.comments, b.comments);
        a.reposts = Ord::max(a.reposts, b.reposts);
        a.clicks = Ord::max(a.clicks, b.clicks);
    }

    fn values(&self, tenant: TenantId) -> Vec<Value> {
        let f = &self.figures;
        vec![
            self.post_id.into(),
            tenant.0.into(),
            self.observed_at.into(),
            f.impressions.into(),
            f.members_reached.into(),
            f.reactions.into(),
            f.comments.into(),
            f.reposts.into(),
            f.clicks.into(),
        ]
    }
}

/// What a write of facts records as its change (see the migration
/// `m20261207_000019_facts_changes`): the transaction on PostgreSQL, the authority's count of
/// changes on SQLite.
fn change_of(backend: DbBackend, tenant: TenantId) -> String {
    match backend {
        DbBackend::Postgres => "txid_current()".to_owned(),
        _ => format!(
            "COALESCE((SELECT v.changes FROM facts_versions v WHERE v.tenant_id = {}), 0)",
            tenant.0
        ),
    }
}

/// Copies the two figures every dashboard reads into the posts' facts (into their index).
fn onto_facts(backend: DbBackend, tenant: TenantId, post_ids: Option<&[i64]>) -> UpdateStatement {
    let of_post = |value: SimpleExpr| -> SimpleExpr {
        SimpleExpr::from(
            Query::select()
                .expr(value)
                .from_as("post_figures", "f")
                .and_where(Expr::col(("f", "post_id")).equals(("post_facts", "post_id")))
                .to_owned(),
        )
    };
    let interactions = Expr::cust(INTERACTIONS);
    let mut u = Query::update();
    u.table("post_facts")
        .value("impressions", of_post(Expr::col(("f", "impressions"))))
        .value("interactions", of_post(interactions))
        .value("changed_in", Expr::cust(change_of(backend, tenant)));
    match post_ids {
        Some(ids) => {
            // The authority is checked as an expression no index serves: given it as a plain
            // `tenant_id = ?`, SQLite walked the index of all the authority's facts instead of
            // looking the few posts up by id.
            u.and_where(Expr::col(("post_facts", "post_id")).is_in(ids.iter().copied()))
                .and_where(
                    Expr::expr(Func::coalesce([
                        Expr::col(("post_facts", "tenant_id")),
                        Expr::val(0),
                    ]))
                    .eq(tenant.0),
                );
        }
        None => {
            u.and_where(Expr::col(("post_facts", "tenant_id")).eq(tenant.0));
        }
    }
    u
}

/// Rebuilds every post's figures of an authority (after a bulk seed).
pub async fn rebuild_all(db: &impl ConnectionTrait, tenant: TenantId) -> Result<(), DbErr> {
    let delete = Query::delete()
        .from_table("post_figures")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    db.execute(&delete).await?;
    let insert = Query::insert()
        .into_table("post_figures")
        .columns(COLS.map(Alias::new))
        .select_from(from_snapshots(tenant, None))
        .map_err(|e| DbErr::Custom(e.to_string()))?
        .to_owned();
    db.execute(&insert).await?;
    db.execute(&onto_facts(db.get_database_backend(), tenant, None))
        .await
        .map(|_| ())
}

/// Rebuilds the figures of the post a snapshot belongs to.
pub async fn refresh_of_snapshot(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    snapshot_id: i64,
) -> Result<(), DbErr> {
    let stmt = Query::select()
        .column("post_id")
        .from("post_metrics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(snapshot_id))
        .to_owned();
    match db.query_one(&stmt).await? {
        Some(r) => refresh(db, tenant, &[r.try_get("", "post_id")?]).await,
        None => Ok(()),
    }
}

/// Every post's latest figures as (impressions, reactions + comments + reposts).
pub async fn all(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    let stmt = Query::select()
        .columns(["post_id", "impressions", "reactions", "comments", "reposts"])
        .from("post_figures")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    let mut out = HashMap::new();
    for r in db.query_all(&stmt).await? {
        let get = |c: &str| r.try_get::<i64>("", c);
        out.insert(
            get("post_id")?,
            (
                get("impressions")?,
                get("reactions")? + get("comments")? + get("reposts")?,
            ),
        );
    }
    Ok(out)
}
