//! Stored figures: the record of each import, post snapshots (`post_metrics`), the page's days
//! (`page_metrics`) and imported posts waiting to be assigned (`import_unmatched`).

use amtfluencer_imports::{Candidate, PostKey};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};

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

/// Our posts as matching candidates: published or planned, with their LinkedIn key. Their
/// texts are left empty here: [`fill_texts`] reads those a comparison needs.
pub async fn candidates(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<Candidate>, DbErr> {
    let rows = if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        // Hundreds of thousands of posts at scale: one packed row (see `analytics::packed`).
        crate::db::analytics::packed::candidates(db, tenant).await?
    } else {
        let stmt = Query::select()
            .columns([
                "id",
                "ambassador_id",
                "external_id",
                "external_url",
                "published_at",
                "scheduled_at",
            ])
            .from("posts")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("status").is_in(["published", "scheduled"]))
            .to_owned();
        let mut rows = Vec::new();
        for r in db.query_all(&stmt).await? {
            rows.push((
                r.try_get_by_index(0)?,
                r.try_get_by_index(1)?,
                r.try_get_by_index(2)?,
                r.try_get_by_index(3)?,
                r.try_get_by_index(4)?,
                r.try_get_by_index(5)?,
            ));
        }
        rows
    };
    Ok(rows
        .into_iter()
        .map(
            |(id, ambassador_id, external, url, published, scheduled)| Candidate {
                id,
                key: external
                    .as_deref()
                    .and_then(PostKey::parse)
                    .or_else(|| url.as_deref().and_then(PostKey::parse)),
                text: String::new(),
                date: published.or(scheduled).map(|d| d.date_naive()),
                ambassador_id,
            },
        )
        .collect())
}

/// Reads the texts of the wanted candidates: by id in small groups, or in one pass over the
/// authority's posts when most are wanted.
pub async fn fill_texts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    candidates: &mut [Candidate],
    wanted: &std::collections::HashSet<i64>,
) -> Result<(), DbErr> {
    if wanted.is_empty() {
        return Ok(());
    }
    let select = || {
        Query::select()
            .columns(["id", "body"])
            .from("posts")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .to_owned()
    };
    let mut texts: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut read = |rows: Vec<QueryResult>| -> Result<(), DbErr> {
        for r in rows {
            let id: i64 = r.try_get("", "id")?;
            if wanted.contains(&id) {
                texts.insert(id, r.try_get("", "body")?);
            }
        }
        Ok(())
    };
    if wanted.len() * 4 > candidates.len() {
        read(db.query_all(&select()).await?)?;
    } else {
        let ids: Vec<i64> = wanted.iter().copied().collect();
        for chunk in ids.chunks(500) {
            let mut stmt = select();
            stmt.and_where(Expr::col("id").is_in(chunk.iter().copied()));
            read(db.query_all(&stmt).await?)?;
        }
    }
    for c in candidates.iter_mut() {
        if let Some(t) = texts.remove(&c.id) {
            c.text = t;
        }
    }
    Ok(())
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

pub mod figures;
mod pages;
mod snapshots;
mod unmatched;

pub use pages::{PageDayRow, followers_before, page_days, save_page_day};
pub use snapshots::{
    NewSnapshot, insert_snapshot, insert_snapshots, replace_snapshots, snapshots_at,
    update_snapshot,
};
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
