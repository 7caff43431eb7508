//! The people in a post's photo and their consent: who (a colleague or a citizen), whether
//! under 18 (then a guardian signs), when the signed consent was given and whether it was
//! withdrawn. The signed form itself stays where the authority files such forms; we keep the
//! fact and the date.

use amtfluencer_domain::studio::ready::{PersonInPhoto, PersonKind, PhotoFacts};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::{media, now};
use crate::tenancy::TenantId;

#[derive(Debug, Clone)]
pub struct PhotoPerson {
    pub id: i64,
    pub media_id: i64,
    pub name: String,
    pub kind: PersonKind,
    pub minor: bool,
    pub guardian_name: Option<String>,
    pub consent_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

impl PhotoPerson {
    pub fn facts(&self) -> PersonInPhoto {
        PersonInPhoto {
            name: self.name.clone(),
            kind: self.kind,
            minor: self.minor,
            guardian: self.guardian_name.clone(),
            consent_given: self.consent_on.is_some(),
            withdrawn: self.withdrawn_on.is_some(),
        }
    }
}

/// A person about to be listed.
pub struct NewPerson<'a> {
    pub media_id: i64,
    pub name: &'a str,
    pub kind: PersonKind,
    pub minor: bool,
    pub guardian_name: Option<&'a str>,
    pub consent_on: Option<NaiveDate>,
}

const COLUMNS: [&str; 8] = [
    "id",
    "media_id",
    "name",
    "kind",
    "minor",
    "guardian_name",
    "consent_on",
    "withdrawn_on",
];

fn person(r: &QueryResult) -> Result<PhotoPerson, DbErr> {
    let kind: String = r.try_get("", "kind")?;
    Ok(PhotoPerson {
        id: r.try_get("", "id")?,
        media_id: r.try_get("", "media_id")?,
        name: r.try_get("", "name")?,
        kind: kind.parse().unwrap_or(PersonKind::Citizen),
        minor: r.try_get("", "minor")?,
        guardian_name: r.try_get("", "guardian_name")?,
        consent_on: r.try_get("", "consent_on")?,
        withdrawn_on: r.try_get("", "withdrawn_on")?,
    })
}

/// The people listed for a photo, in the order they were added.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    media_id: i64,
) -> Result<Vec<PhotoPerson>, DbErr> {
    let q = Query::select()
        .columns(COLUMNS)
        .from("photo_people")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("media_id").eq(media_id))
        .order_by("id", Order::Asc)
        .to_owned();
    db.query_all(&q).await?.iter().map(person).collect()
}

pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<PhotoPerson>, DbErr> {
    let q = Query::select()
        .columns(COLUMNS)
        .from("photo_people")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.query_one(&q).await?.as_ref().map(person).transpose()
}

pub async fn add(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    p: NewPerson<'_>,
) -> Result<(), DbErr> {
    let q = Query::insert()
        .into_table("photo_people")
        .columns([
            "tenant_id",
            "media_id",
            "name",
            "kind",
            "minor",
            "guardian_name",
            "consent_on",
            "created_at",
        ])
        .values_panic([
            tenant.0.into(),
            p.media_id.into(),
            p.name.into(),
            p.kind.as_str().into(),
            p.minor.into(),
            p.guardian_name.map(str::to_owned).into(),
            p.consent_on.into(),
            now().into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Records a signed consent (with the guardian for a minor).
pub async fn record_consent(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    on: NaiveDate,
    guardian_name: Option<&str>,
) -> Result<(), DbErr> {
    let q = Query::update()
        .table("photo_people")
        .value("consent_on", on)
        .value("guardian_name", guardian_name.map(str::to_owned))
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("withdrawn_on").is_null())
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Records a withdrawal. It is final: a new consent means a new entry.
pub async fn withdraw(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    on: NaiveDate,
) -> Result<(), DbErr> {
    let q = Query::update()
        .table("photo_people")
        .value("withdrawn_on", on)
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("withdrawn_on").is_null())
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Removes a person listed by mistake (a withdrawn consent stays on record).
pub async fn remove(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<bool, DbErr> {
    let q = Query::delete()
        .from_table("photo_people")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("withdrawn_on").is_null())
        .to_owned();
    Ok(db.execute(&q).await?.rows_affected() == 1)
}

/// The photo of a post as publishing needs it, or `None` for a post without a photo.
pub async fn photo_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<Option<PhotoFacts>, DbErr> {
    let Some(photo) = media::of_post(db, tenant, post_id).await? else {
        return Ok(None);
    };
    let people = list(db, tenant, photo.id).await?;
    Ok(Some(PhotoFacts {
        alt_text: photo.alt_text,
        people_in_photo: photo.people_in_photo,
        people: people.iter().map(PhotoPerson::facts).collect(),
    }))
}
