//! The Amtfluencer of an authority: listing, reading, changing, and the records their
//! onboarding checklist is derived from.

use amtfluencer_domain::onboarding::Facts;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};

use super::entities::ambassador::{self, Column as C, Entity as Ambassadors};
use super::now;
use crate::tenancy::TenantId;

/// The consent text version a participation consent must have to count as current.
pub const CURRENT_CONSENT_VERSION: &str = "2026-01";

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<ambassador::Model>, DbErr> {
    Ambassadors::find()
        .filter(C::TenantId.eq(tenant.0))
        .order_by_asc(C::LastName)
        .order_by_asc(C::FirstName)
        .all(db)
        .await
}

/// One person of this authority; another authority's id is simply not found.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<ambassador::Model>, DbErr> {
    Ambassadors::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await
}

/// The ambassador record of a signed-in user in this authority.
pub async fn of_user(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
) -> Result<Option<ambassador::Model>, DbErr> {
    Ambassadors::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::UserId.eq(user_id))
        .one(db)
        .await
}

/// Saves changed fields of a record fetched through [`get`] (so it is this authority's).
pub async fn save(
    db: &impl ConnectionTrait,
    mut am: ambassador::ActiveModel,
) -> Result<ambassador::Model, DbErr> {
    am.updated_at = Set(now());
    am.update(db).await
}

pub fn edit(m: ambassador::Model) -> ambassador::ActiveModel {
    m.into_active_model()
}

fn guidelines_ack(
    tenant: TenantId,
    ambassador_id: i64,
    version: &str,
) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from("consents")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("ambassador_id").eq(ambassador_id))
        .and_where(Expr::col("kind").eq("guidelines"))
        .and_where(Expr::col("text_version").eq(version))
        .and_where(Expr::col("withdrawn_at").is_null())
        .limit(1)
        .to_owned()
}

/// Whether the person acknowledged this version of the guidelines.
pub async fn acknowledged(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    version: &str,
) -> Result<bool, DbErr> {
    exists(db, guidelines_ack(tenant, ambassador_id, version)).await
}

/// Records the acknowledgement of a version of the guidelines.
pub async fn acknowledge(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    version: &str,
) -> Result<(), DbErr> {
    super::bulk::insert_rows(
        db,
        "consents",
        &[
            "tenant_id",
            "ambassador_id",
            "kind",
            "text_version",
            "by_guardian",
            "given_at",
        ],
        vec![vec![
            tenant.0.into(),
            ambassador_id.into(),
            "guidelines".into(),
            version.into(),
            false.into(),
            now().into(),
        ]],
    )
    .await
}

async fn exists(
    db: &impl ConnectionTrait,
    sql: sea_orm::sea_query::SelectStatement,
) -> Result<bool, DbErr> {
    Ok(db.query_one(&sql).await?.is_some())
}

/// What the records say about the onboarding of these people (one query per fact).
pub async fn onboarding_facts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    person: &ambassador::Model,
) -> Result<Facts, DbErr> {
    let consent = |kind: &'static str, current_only: bool| {
        let mut q = Query::select();
        q.expr(Expr::val(1))
            .from("consents")
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("ambassador_id").eq(person.id))
            .and_where(Expr::col("kind").eq(kind))
            .and_where(Expr::col("withdrawn_at").is_null());
        if current_only {
            q.and_where(Expr::col("text_version").eq(CURRENT_CONSENT_VERSION));
        }
        q.limit(1).to_owned()
    };
    let attended = |kind: &'static str| {
        Query::select()
            .expr(Expr::val(1))
            .from("attendance")
            .inner_join(
                "events",
                Expr::col(("events", "id")).equals(("attendance", "event_id")),
            )
            .and_where(Expr::col(("attendance", "tenant_id")).eq(tenant.0))
            .and_where(Expr::col(("attendance", "ambassador_id")).eq(person.id))
            .and_where(Expr::col(("attendance", "attended")).eq(true))
            .and_where(Expr::col(("events", "kind")).eq(kind))
            .limit(1)
            .to_owned()
    };
    let posted = Query::select()
        .expr(Expr::val(1))
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("ambassador_id").eq(person.id))
        .and_where(Expr::col("status").eq("published"))
        .limit(1)
        .to_owned();
    Ok(Facts {
        consent_current: exists(db, consent("participation", true)).await?,
        guidelines_current: match super::guidelines::current(db, tenant).await? {
            // Acknowledged in the version in force; with no guidelines there is nothing to read.
            Some(g) => exists(db, guidelines_ack(tenant, person.id, &g.version)).await?,
            None => true,
        },
        info_event_attended: exists(db, attended("info_event")).await?,
        photo_workshop_attended: exists(db, attended("kickoff_photo")).await?,
        text_workshop_attended: exists(db, attended("kickoff_text")).await?,
        profile_checked: person.linkedin_url.is_some(),
        first_post_published: exists(db, posted).await?,
    })
}

/// Records a consent given (a new row) or withdrawn (the open rows get `withdrawn_at`).
pub async fn set_consent(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    kind: &'static str,
    given: bool,
) -> Result<(), DbErr> {
    let t = now();
    if given {
        super::bulk::insert_rows(
            db,
            "consents",
            &[
                "tenant_id",
                "ambassador_id",
                "kind",
                "text_version",
                "by_guardian",
                "given_at",
            ],
            vec![vec![
                tenant.0.into(),
                ambassador_id.into(),
                kind.into(),
                CURRENT_CONSENT_VERSION.into(),
                false.into(),
                t.into(),
            ]],
        )
        .await
    } else {
        let stmt = Query::update()
            .table("consents")
            .value("withdrawn_at", t)
            .and_where(Expr::col("tenant_id").eq(tenant.0))
            .and_where(Expr::col("ambassador_id").eq(ambassador_id))
            .and_where(Expr::col("kind").eq(kind))
            .and_where(Expr::col("withdrawn_at").is_null())
            .to_owned();
        db.execute(&stmt).await.map(|_| ())
    }
}

/// The people who opted in to the public page: active or paused, in name order.
pub async fn public_profiles(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<ambassador::Model>, DbErr> {
    Ambassadors::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::PublicProfile.eq(true))
        .filter(C::Status.is_in(["active", "paused"]))
        .order_by_asc(C::LastName)
        .order_by_asc(C::FirstName)
        .all(db)
        .await
}
