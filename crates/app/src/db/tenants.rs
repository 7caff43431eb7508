//! Authorities (tenants).

use amtfluencer_domain::types::{FederalState, Slug};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entities::tenant::{self, Column as C, Entity as Tenants};
use super::now;

pub struct NewTenant {
    pub slug: Slug,
    pub name: String,
    pub federal_state: FederalState,
    pub time_zone: String,
}

pub async fn create(db: &impl ConnectionTrait, new: NewTenant) -> Result<tenant::Model, DbErr> {
    let t = now();
    let model = tenant::ActiveModel {
        slug: Set(new.slug.as_str().to_owned()),
        name: Set(new.name),
        federal_state: Set(new.federal_state.as_str().to_owned()),
        time_zone: Set(new.time_zone),
        settings: Set("{}".to_owned()),
        suspended_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Tenants::insert(model).exec_with_returning(db).await
}

pub async fn by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<tenant::Model>, DbErr> {
    Tenants::find().filter(C::Slug.eq(slug)).one(db).await
}

/// An authority by its id (for links that carry their own proof, such as RSVP links).
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<Option<tenant::Model>, DbErr> {
    tenant::Entity::find_by_id(id).one(db).await
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<tenant::Model>, DbErr> {
    Tenants::find().order_by_asc(C::Name).all(db).await
}

/// The editable settings of an authority.
pub struct TenantChanges {
    pub name: String,
    pub federal_state: FederalState,
    pub time_zone: String,
}

pub async fn update(db: &impl ConnectionTrait, id: i64, c: TenantChanges) -> Result<(), DbErr> {
    Tenants::update_many()
        .col_expr(C::Name, Expr::value(c.name))
        .col_expr(C::FederalState, Expr::value(c.federal_state.as_str()))
        .col_expr(C::TimeZone, Expr::value(c.time_zone))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Suspends (`true`) or resumes an authority; its members cannot reach it while suspended.
pub async fn set_suspended(
    db: &impl ConnectionTrait,
    id: i64,
    suspended: bool,
) -> Result<(), DbErr> {
    let at = now();
    Tenants::update_many()
        .col_expr(C::SuspendedAt, Expr::value(suspended.then_some(at)))
        .col_expr(C::UpdatedAt, Expr::value(at))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Every authority with its number of members (the operator's overview: no personal data).
pub async fn list_with_member_counts(
    db: &impl ConnectionTrait,
) -> Result<Vec<(tenant::Model, i64)>, DbErr> {
    use super::entities::membership;
    let tenants = list(db).await?;
    let counts: Vec<(i64, i64)> = membership::Entity::find()
        .select_only()
        .column(membership::Column::TenantId)
        .column_as(membership::Column::Id.count(), "n")
        .group_by(membership::Column::TenantId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(tenants
        .into_iter()
        .map(|t| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == t.id)
                .map_or(0, |(_, n)| *n);
            (t, n)
        })
        .collect())
}
