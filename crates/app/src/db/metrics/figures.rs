//! `post_figures`: each post's latest figures in one row, derived from its snapshots.
//!
//! Figures are cumulative, so a post's latest figures are the largest of its snapshots
//! (across sources: import, manual entry, API). Every function that writes a snapshot
//! refreshes the rows of the posts it touched inside the same transaction, so the dashboards
//! read one row per post and never a stale one. Impressions and interactions are also copied
//! onto the post itself (`posts.figures_*`), where the dashboards' index holds them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr, UpdateStatement,
};
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Value};

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
    s.from("post_metrics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .group_by_col("post_id");
    if let Some(ids) = post_ids {
        s.and_where(Expr::col("post_id").is_in(ids.iter().copied()));
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
        db.execute(&onto_posts(tenant, Some(chunk))).await?;
    }
    Ok(())
}

/// After snapshots were added (none changed or removed): each post's figures become the
/// larger of what it had and what the new snapshots say, without reading its older
/// snapshots again. Much cheaper than [`refresh`] for a large import.
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
    let mut ids: Vec<i64> = by_post.keys().copied().collect();
    ids.sort_unstable();
    for chunk in ids.chunks(CHUNK) {
        let stmt = Query::select()
            .columns(COLS)
            .from("post_figures")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("post_id").is_in(chunk.iter().copied()))
            .to_owned();
        for r in db.query_all(&stmt).await? {
            let old = Row::read(&r)?;
            if let Some(new) = by_post.get_mut(&old.post_id) {
                new.raise(&old);
            }
        }
        let delete = Query::delete()
            .from_table("post_figures")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("post_id").is_in(chunk.iter().copied()))
            .to_owned();
        db.execute(&delete).await?;
        let rows: Vec<Vec<Value>> = chunk
            .iter()
            .filter_map(|id| by_post.get(id))
            .map(|r| r.values(tenant))
            .collect();
        crate::db::bulk::insert_rows(db, "post_figures", &COLS, rows).await?;
        db.execute(&onto_posts(tenant, Some(chunk))).await?;
    }
    Ok(())
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

    fn read(r: &QueryResult) -> Result<Self, DbErr> {
        Ok(Self {
            post_id: r.try_get_by_index(0)?,
            observed_at: r.try_get_by_index(2)?,
            figures: super::Figures {
                impressions: r.try_get_by_index(3)?,
                members_reached: r.try_get_by_index(4)?,
                reactions: r.try_get_by_index(5)?,
                comments: r.try_get_by_index(6)?,
                reposts: r.try_get_by_index(7)?,
                clicks: r.try_get_by_index(8)?,
            },
        })
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

/// Copies the two figures every dashboard reads onto the posts (into their index).
fn onto_posts(tenant: TenantId, post_ids: Option<&[i64]>) -> UpdateStatement {
    let of_post = |value: SimpleExpr| -> SimpleExpr {
        SimpleExpr::from(
            Query::select()
                .expr(value)
                .from_as("post_figures", "f")
                .and_where(Expr::col(("f", "post_id")).equals(("posts", "id")))
                .to_owned(),
        )
    };
    let interactions = Expr::col(("f", "reactions"))
        .add(Expr::col(("f", "comments")))
        .add(Expr::col(("f", "reposts")))
        .add(Expr::col(("f", "clicks")).if_null(0));
    let mut u = Query::update();
    u.table("posts")
        .value(
            "figures_impressions",
            of_post(Expr::col(("f", "impressions"))),
        )
        .value("figures_interactions", of_post(interactions));
    match post_ids {
        Some(ids) => {
            // The authority is checked as an expression no index serves: given it as a plain
            // `tenant_id = ?`, SQLite walked an index of all the authority's posts instead of
            // looking the few posts up by id.
            u.and_where(Expr::col(("posts", "id")).is_in(ids.iter().copied()))
                .and_where(
                    Expr::expr(Func::coalesce([
                        Expr::col(("posts", "tenant_id")),
                        Expr::val(0),
                    ]))
                    .eq(tenant.0),
                );
        }
        None => {
            u.and_where(Expr::col(("posts", "tenant_id")).eq(tenant.0));
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
    db.execute(&onto_posts(tenant, None)).await.map(|_| ())
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
