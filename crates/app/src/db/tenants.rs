//! Authorities (tenants).

use amtfluencer_domain::types::{FederalState, Slug};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
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

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<tenant::Model>, DbErr> {
    Tenants::find().order_by_asc(C::Name).all(db).await
}
