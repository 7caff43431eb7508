//! Photos of posts: where the processed file is stored, its size, its alt text. The file
//! itself lives in the media store (`AppState::media`), never in the database.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::now;
use crate::tenancy::TenantId;

#[derive(Debug, Clone)]
pub struct Photo {
    pub id: i64,
    pub post_id: Option<i64>,
    pub ambassador_id: Option<i64>,
    pub storage_key: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub byte_size: i64,
    pub alt_text: String,
    /// The answer to "Are people in the photo?"; `None` while unanswered.
    pub people_in_photo: Option<bool>,
    pub created_at: DateTime<Utc>,
}

/// `media.consent_state`: the answer to "Are people in the photo?".
pub mod people_answer {
    pub const UNANSWERED: &str = "none";
    pub const NO_PEOPLE: &str = "no_people";
    pub const PEOPLE: &str = "people";

    pub fn parse(stored: &str) -> Option<bool> {
        match stored {
            PEOPLE => Some(true),
            NO_PEOPLE => Some(false),
            _ => None,
        }
    }
}

/// A processed photo about to be recorded.
pub struct NewPhoto<'a> {
    pub post_id: i64,
    pub ambassador_id: i64,
    pub storage_key: &'a str,
    pub content_type: &'a str,
    pub width: u32,
    pub height: u32,
    pub byte_size: usize,
}

const COLUMNS: [&str; 11] = [
    "id",
    "post_id",
    "ambassador_id",
    "storage_key",
    "content_type",
    "width",
    "height",
    "byte_size",
    "alt_text",
    "consent_state",
    "created_at",
];

fn photo(r: &QueryResult) -> Result<Photo, DbErr> {
    Ok(Photo {
        id: r.try_get("", "id")?,
        post_id: r.try_get("", "post_id")?,
        ambassador_id: r.try_get("", "ambassador_id")?,
        storage_key: r.try_get("", "storage_key")?,
        content_type: r.try_get("", "content_type")?,
        width: r.try_get("", "width")?,
        height: r.try_get("", "height")?,
        byte_size: r.try_get("", "byte_size")?,
        alt_text: r.try_get("", "alt_text")?,
        people_in_photo: people_answer::parse(&r.try_get::<String>("", "consent_state")?),
        created_at: r.try_get("", "created_at")?,
    })
}

pub async fn add(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    p: NewPhoto<'_>,
) -> Result<(), DbErr> {
    let q = Query::insert()
        .into_table("media")
        .columns([
            "tenant_id",
            "post_id",
            "ambassador_id",
            "storage_key",
            "content_type",
            "width",
            "height",
            "byte_size",
            "alt_text",
            "consent_state",
            "created_at",
        ])
        .values_panic([
            tenant.0.into(),
            p.post_id.into(),
            p.ambassador_id.into(),
            p.storage_key.into(),
            p.content_type.into(),
            i64::from(p.width).into(),
            i64::from(p.height).into(),
            i64::try_from(p.byte_size).unwrap_or(i64::MAX).into(),
            "".into(),
            people_answer::UNANSWERED.into(),
            now().into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// The photo of a post (the latest one uploaded).
pub async fn of_post(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<Option<Photo>, DbErr> {
    let q = Query::select()
        .columns(COLUMNS)
        .from("media")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("post_id").eq(post_id))
        .order_by("id", Order::Desc)
        .limit(1)
        .to_owned();
    db.query_one(&q).await?.as_ref().map(photo).transpose()
}

/// One photo of this authority.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<Photo>, DbErr> {
    let q = Query::select()
        .columns(COLUMNS)
        .from("media")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.query_one(&q).await?.as_ref().map(photo).transpose()
}

pub async fn set_alt_text(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    alt_text: &str,
) -> Result<(), DbErr> {
    let q = Query::update()
        .table("media")
        .value("alt_text", alt_text)
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Records the answer to "Are people in the photo?".
pub async fn set_people_answer(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    people: bool,
) -> Result<(), DbErr> {
    let answer = if people {
        people_answer::PEOPLE
    } else {
        people_answer::NO_PEOPLE
    };
    let q = Query::update()
        .table("media")
        .value("consent_state", answer)
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}
