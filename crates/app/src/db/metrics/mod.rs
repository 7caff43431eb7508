//! Stored figures: the record of each import, post snapshots (`post_metrics`), the page's days
//! (`page_metrics`) and imported posts waiting to be assigned (`import_unmatched`).

use std::collections::HashMap;

use amtfluencer_imports::{Candidate, PostKey};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Value};

use super::now;
use crate::tenancy::TenantId;

/// The figures of one post at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Figures {
    pub impressions: i64,
    pub members_reached: Option<i64>,
    pub reactions: i64,
    pub comments: i64,
    pub reposts: i64,
    pub clicks: Option<i64>,
}

/// One earlier import.
#[derive(Debug, Clone)]
pub struct ImportRecord {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub rows_imported: i32,
    pub rows_updated: i32,
    pub rows_skipped: i32,
    pub covers_from: Option<NaiveDate>,
    pub covers_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

const IMPORT_COLS: [&str; 9] = [
    "id",
    "kind",
    "file_name",
    "rows_imported",
    "rows_updated",
    "rows_skipped",
    "covers_from",
    "covers_until",
    "created_at",
];

fn import_record(r: &QueryResult) -> Result<ImportRecord, DbErr> {
    Ok(ImportRecord {
        id: r.try_get("", "id")?,
        kind: r.try_get("", "kind")?,
        file_name: r.try_get("", "file_name")?,
        rows_imported: r.try_get("", "rows_imported")?,
        rows_updated: r.try_get("", "rows_updated")?,
        rows_skipped: r.try_get("", "rows_skipped")?,
        covers_from: r.try_get("", "covers_from")?,
        covers_until: r.try_get("", "covers_until")?,
        created_at: r.try_get("", "created_at")?,
    })
}

/// The import of the same file, if there was one.
pub async fn import_by_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hash: &str,
) -> Result<Option<ImportRecord>, DbErr> {
    let stmt = Query::select()
        .columns(IMPORT_COLS)
        .from("imports")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("file_hash").eq(hash))
        .to_owned();
    db.query_one(&stmt)
        .await?
        .map(|r| import_record(&r))
        .transpose()
}

/// The latest imports, newest first.
pub async fn recent_imports(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    limit: u64,
) -> Result<Vec<ImportRecord>, DbErr> {
    let stmt = Query::select()
        .columns(IMPORT_COLS)
        .from("imports")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .order_by("created_at", Order::Desc)
        .order_by("id", Order::Desc)
        .limit(limit)
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(import_record)
        .collect()
}

pub struct NewImport<'a> {
    pub kind: &'a str,
    pub file_name: &'a str,
    pub file_hash: &'a str,
    pub uploaded_by: i64,
    pub imported: i32,
    pub updated: i32,
    pub skipped: i32,
    pub report: String,
    pub covers: Option<(NaiveDate, NaiveDate)>,
}

pub async fn insert_import(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    i: NewImport<'_>,
) -> Result<i64, DbErr> {
    let stmt = Query::insert()
        .into_table("imports")
        .columns([
            "tenant_id",
            "kind",
            "file_name",
            "file_hash",
            "uploaded_by",
            "rows_imported",
            "rows_updated",
            "rows_skipped",
            "report",
            "covers_from",
            "covers_until",
            "created_at",
        ])
        .values_panic([
            tenant.0.into(),
            i.kind.into(),
            i.file_name.into(),
            i.file_hash.into(),
            i.uploaded_by.into(),
            i.imported.into(),
            i.updated.into(),
            i.skipped.into(),
            i.report.into(),
            i.covers.map(|c| c.0).into(),
            i.covers.map(|c| c.1).into(),
            now().into(),
        ])
        .returning_col("id")
        .to_owned();
    let row = db
        .query_one(&stmt)
        .await?
        .ok_or_else(|| DbErr::Custom("insert into imports returned no id".into()))?;
    row.try_get_by_index(0)
}

/// Our posts as matching candidates: published or planned, with their LinkedIn key.
pub async fn candidates(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<Candidate>, DbErr> {
    let stmt = Query::select()
        .columns([
            "id",
            "ambassador_id",
            "body",
            "external_id",
            "external_url",
            "published_at",
            "scheduled_at",
        ])
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("status").is_in(["published", "scheduled"]))
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&stmt).await? {
        let external: Option<String> = r.try_get("", "external_id")?;
        let url: Option<String> = r.try_get("", "external_url")?;
        let published: Option<DateTime<Utc>> = r.try_get("", "published_at")?;
        let scheduled: Option<DateTime<Utc>> = r.try_get("", "scheduled_at")?;
        out.push(Candidate {
            id: r.try_get("", "id")?,
            key: external
                .as_deref()
                .and_then(PostKey::parse)
                .or_else(|| url.as_deref().and_then(PostKey::parse)),
            text: r.try_get("", "body")?,
            date: published.or(scheduled).map(|d| d.date_naive()),
            ambassador_id: r.try_get("", "ambassador_id")?,
        });
    }
    Ok(out)
}

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
    db: &impl ConnectionTrait,
    tenant: TenantId,
    s: &NewSnapshot,
) -> Result<(), DbErr> {
    let mut values: Vec<Value> = vec![
        tenant.0.into(),
        s.post_id.into(),
        s.observed_at.into(),
        s.source.into(),
        s.import_id.into(),
    ];
    values.extend(figure_values(&s.figures));
    let mut cols = vec!["tenant_id", "post_id", "observed_at", "source", "import_id"];
    cols.extend(FIGURE_COLS);
    super::bulk::insert_rows(db, "post_metrics", &cols, vec![values]).await
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
    db.execute(&stmt).await.map(|_| ())
}

/// Records the LinkedIn post behind one of our posts, when it has none yet.
pub async fn link_post(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
    key: &PostKey,
) -> Result<bool, DbErr> {
    let stmt = Query::update()
        .table("posts")
        .value("external_id", key.urn())
        .value("external_url", key.url())
        .value("updated_at", now())
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(post_id))
        .and_where(Expr::col("external_id").is_null())
        .to_owned();
    Ok(db.execute(&stmt).await?.rows_affected() > 0)
}

/// Whether a post of this authority exists (for assignments and manual entry).
pub async fn post_exists(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<bool, DbErr> {
    let stmt = Query::select()
        .column("id")
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(post_id))
        .to_owned();
    Ok(db.query_one(&stmt).await?.is_some())
}

mod pages;
mod unmatched;

pub use pages::{PageDayRow, followers_before, page_days, save_page_day};
pub use unmatched::{NewUnmatched, Unmatched, assign, insert_unmatched, list_unmatched};

/// A post offered in a choice (assigning, manual entry): id, date and the text's beginning.
#[derive(Debug, Clone)]
pub struct PostChoice {
    pub id: i64,
    pub date: Option<NaiveDate>,
    pub excerpt: String,
}

/// Published posts, newest first; around a date (± 7 days) when one is given.
pub async fn post_choices(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    around: Option<NaiveDate>,
    limit: u64,
) -> Result<Vec<PostChoice>, DbErr> {
    let mut stmt = Query::select();
    stmt.columns(["id", "body", "published_at"])
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("status").eq("published"))
        .order_by("published_at", Order::Desc)
        .order_by("id", Order::Desc)
        .limit(limit);
    if let Some(d) = around {
        let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN));
        stmt.and_where(Expr::col("published_at").gte(at(d - chrono::Duration::days(7))))
            .and_where(Expr::col("published_at").lt(at(d + chrono::Duration::days(8))));
    }
    let mut out = Vec::new();
    for r in db.query_all(&stmt).await? {
        let body: String = r.try_get("", "body")?;
        let at: Option<DateTime<Utc>> = r.try_get("", "published_at")?;
        let first_line = body.lines().next().unwrap_or_default();
        let mut excerpt: String = first_line.chars().take(70).collect();
        if first_line.chars().count() > 70 {
            excerpt.push('…');
        }
        out.push(PostChoice {
            id: r.try_get("", "id")?,
            date: at.map(|a| a.date_naive()),
            excerpt,
        });
    }
    Ok(out)
}
