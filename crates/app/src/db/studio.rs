//! The post studio's records: an Amtfluencer's own posts, saving a draft (with earlier
//! versions kept), and marking a post as published by hand with its LinkedIn address.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::calendar::post::{self, Column as P, Entity as Posts};
use super::now;
use crate::tenancy::TenantId;

/// A draft saved this long after the last kept version keeps the previous text as a version.
pub const VERSION_PAUSE: Duration = Duration::minutes(5);

/// The statuses in which the author still writes.
pub const EDITABLE: [&str; 3] = ["idea", "draft", "failed"];

/// The posts of one Amtfluencer, the latest change first.
pub async fn own_posts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
) -> Result<Vec<post::Model>, DbErr> {
    Posts::find()
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::AmbassadorId.eq(ambassador_id))
        .order_by_desc(P::UpdatedAt)
        .all(db)
        .await
}

/// One post of this Amtfluencer; another person's post is not found.
pub async fn own_post(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    id: i64,
) -> Result<Option<post::Model>, DbErr> {
    Posts::find_by_id(id)
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::AmbassadorId.eq(ambassador_id))
        .one(db)
        .await
}

/// Starts a draft, blank or from a topic, with a first text (e.g. a template).
pub async fn create_draft(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    topic_id: Option<i64>,
    body: String,
) -> Result<post::Model, DbErr> {
    let t = now();
    let m = post::ActiveModel {
        tenant_id: Set(tenant.0),
        ambassador_id: Set(ambassador_id),
        topic_id: Set(topic_id),
        channel: Set("linkedin".to_owned()),
        status: Set("draft".to_owned()),
        body: Set(body),
        scheduled_at: Set(None),
        published_at: Set(None),
        external_id: Set(None),
        external_url: Set(None),
        failure_reason: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Posts::insert(m).exec_with_returning(db).await
}

async fn last_version_at(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let q = Query::select()
        .column("created_at")
        .from("post_versions")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("post_id").eq(post_id))
        .order_by("created_at", Order::Desc)
        .limit(1)
        .to_owned();
    match db.query_one(&q).await? {
        Some(row) => Ok(Some(row.try_get("", "created_at")?)),
        None => Ok(None),
    }
}

/// Saves a new text. The previous text becomes a version when it differs and either the
/// writer asked for it (`keep`) or the last version is older than [`VERSION_PAUSE`]; an
/// unchanged text writes nothing. Returns whether anything was written.
pub async fn save_body(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    current: &post::Model,
    body: &str,
    saved_by: i64,
    keep: bool,
) -> Result<bool, DbErr> {
    if current.body == body {
        return Ok(false);
    }
    let t = now();
    let due = match last_version_at(db, tenant, current.id).await? {
        None => true,
        Some(at) => t - at >= VERSION_PAUSE,
    };
    if !current.body.trim().is_empty() && (keep || due) {
        let insert = Query::insert()
            .into_table("post_versions")
            .columns(["tenant_id", "post_id", "body", "saved_by", "created_at"])
            .values_panic([
                tenant.0.into(),
                current.id.into(),
                current.body.clone().into(),
                saved_by.into(),
                t.into(),
            ])
            .to_owned();
        db.execute(&insert).await?;
    }
    Posts::update_many()
        .col_expr(P::Body, Expr::value(body))
        .col_expr(P::UpdatedAt, Expr::value(t))
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::Id.eq(current.id))
        .exec(db)
        .await?;
    Ok(true)
}

/// An earlier text of a post.
#[derive(Debug, Clone)]
pub struct Version {
    pub id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The kept versions of a post, the latest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<Vec<Version>, DbErr> {
    let q = Query::select()
        .columns(["id", "body", "created_at"])
        .from("post_versions")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("post_id").eq(post_id))
        .order_by("created_at", Order::Desc)
        .order_by("id", Order::Desc)
        .limit(50)
        .to_owned();
    db.query_all(&q)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Version {
                id: r.try_get("", "id")?,
                body: r.try_get("", "body")?,
                created_at: r.try_get("", "created_at")?,
            })
        })
        .collect()
}

/// Marks a post as published by hand, with the address and the platform's id.
pub async fn mark_published(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
    url: &str,
    urn: &str,
) -> Result<bool, DbErr> {
    let t = now();
    let res = Posts::update_many()
        .col_expr(P::Status, Expr::value("published"))
        .col_expr(P::PublishedAt, Expr::value(t))
        .col_expr(P::ExternalUrl, Expr::value(url))
        .col_expr(P::ExternalId, Expr::value(urn))
        .col_expr(P::UpdatedAt, Expr::value(t))
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::Id.eq(post_id))
        .filter(P::Status.is_in(EDITABLE))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
