//! Imported posts that matched none of ours (or several equally well), waiting for the team.
//! Assigning one stores its figures as a snapshot of the chosen post.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr};

use super::{Figures, NewSnapshot, insert_snapshot, snapshots_at, update_snapshot};
use crate::db::now;
use crate::tenancy::TenantId;

pub struct NewUnmatched {
    pub import_id: i64,
    pub line: i32,
    pub sheet: String,
    pub post_urn: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub posted_on: Option<NaiveDate>,
    pub observed_at: DateTime<Utc>,
    /// `None` for a row without figures (a post from `Shares.csv`).
    pub figures: Option<Figures>,
    pub candidates: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Unmatched {
    pub id: i64,
    pub import_id: i64,
    pub line: i32,
    pub url: Option<String>,
    pub post_urn: Option<String>,
    pub title: Option<String>,
    pub posted_on: Option<NaiveDate>,
    pub observed_at: DateTime<Utc>,
    pub figures: Option<Figures>,
    pub candidates: Vec<i64>,
}

pub async fn insert_unmatched(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    u: NewUnmatched,
) -> Result<(), DbErr> {
    let f = u.figures;
    let row = vec![
        tenant.0.into(),
        u.import_id.into(),
        u.line.into(),
        u.sheet.into(),
        u.post_urn.into(),
        u.url.into(),
        u.title.into(),
        u.posted_on.into(),
        u.observed_at.into(),
        f.map(|f| f.impressions).into(),
        f.and_then(|f| f.members_reached).into(),
        f.map(|f| f.reactions).into(),
        f.map(|f| f.comments).into(),
        f.map(|f| f.reposts).into(),
        f.and_then(|f| f.clicks).into(),
        serde_json::to_string(&u.candidates)
            .unwrap_or_default()
            .into(),
        now().into(),
    ];
    crate::db::bulk::insert_rows(
        db,
        "import_unmatched",
        &[
            "tenant_id",
            "import_id",
            "line",
            "sheet",
            "post_urn",
            "url",
            "title",
            "posted_on",
            "observed_at",
            "impressions",
            "members_reached",
            "reactions",
            "comments",
            "reposts",
            "clicks",
            "candidates",
            "created_at",
        ],
        vec![row],
    )
    .await
}

/// The rows not assigned yet, oldest first (or the one with `only`).
pub async fn list_unmatched(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    only: Option<i64>,
) -> Result<Vec<Unmatched>, DbErr> {
    let mut stmt = Query::select();
    stmt.columns([
        "id",
        "import_id",
        "line",
        "url",
        "post_urn",
        "title",
        "posted_on",
        "observed_at",
        "impressions",
        "members_reached",
        "reactions",
        "comments",
        "reposts",
        "clicks",
        "candidates",
    ])
    .from("import_unmatched")
    .and_where(Expr::col("tenant_id").eq(tenant.0))
    .and_where(Expr::col("assigned_post_id").is_null())
    .order_by("id", Order::Asc)
    .limit(500);
    if let Some(id) = only {
        stmt.and_where(Expr::col("id").eq(id));
    }
    let mut out = Vec::new();
    for r in db.query_all(&stmt).await? {
        let impressions: Option<i64> = r.try_get("", "impressions")?;
        let candidates: String = r.try_get("", "candidates")?;
        out.push(Unmatched {
            id: r.try_get("", "id")?,
            import_id: r.try_get("", "import_id")?,
            line: r.try_get("", "line")?,
            url: r.try_get("", "url")?,
            post_urn: r.try_get("", "post_urn")?,
            title: r.try_get("", "title")?,
            posted_on: r.try_get("", "posted_on")?,
            observed_at: r.try_get("", "observed_at")?,
            figures: match impressions {
                Some(impressions) => Some(Figures {
                    impressions,
                    members_reached: r.try_get("", "members_reached")?,
                    reactions: r.try_get::<Option<i64>>("", "reactions")?.unwrap_or(0),
                    comments: r.try_get::<Option<i64>>("", "comments")?.unwrap_or(0),
                    reposts: r.try_get::<Option<i64>>("", "reposts")?.unwrap_or(0),
                    clicks: r.try_get("", "clicks")?,
                }),
                None => None,
            },
            candidates: serde_json::from_str(&candidates).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Assigns the row to one of our posts: its figures become that post's snapshot, and its
/// LinkedIn link the post's link if the post has none. `false` when the row is gone or the
/// post is not one of this authority's.
pub async fn assign(
    db: &DatabaseTransaction,
    tenant: TenantId,
    id: i64,
    post_id: i64,
) -> Result<bool, DbErr> {
    let Some(u) = list_unmatched(db, tenant, Some(id)).await?.pop() else {
        return Ok(false);
    };
    if !super::post_exists(db, tenant, post_id).await? {
        return Ok(false);
    }
    if let Some(figures) = u.figures {
        let existing = snapshots_at(db, tenant, "import", u.observed_at).await?;
        match existing.get(&post_id) {
            Some((sid, _)) => {
                update_snapshot(db, tenant, *sid, Some(u.import_id), &figures).await?;
            }
            None => {
                let s = NewSnapshot {
                    post_id,
                    observed_at: u.observed_at,
                    source: "import",
                    import_id: Some(u.import_id),
                    figures,
                };
                insert_snapshot(db, tenant, &s).await?;
            }
        }
    }
    if let Some(key) = u
        .post_urn
        .as_deref()
        .and_then(amtfluencer_imports::PostKey::parse)
    {
        super::link_post(db, tenant, post_id, &key).await?;
    }
    let stmt = Query::update()
        .table("import_unmatched")
        .value("assigned_post_id", post_id)
        .value("assigned_at", now())
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&stmt).await?;
    Ok(true)
}
