//! Users and their memberships in authorities.

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::entities::membership::{self, Column as MC, Entity as Memberships};
use super::entities::tenant::{self, Entity as Tenants};
use super::entities::user::{self, Column as C, Entity as Users};
use super::now;
use crate::tenancy::TenantId;

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    pub password_hash: Option<String>,
    pub is_operator: bool,
}

pub async fn create(db: &impl ConnectionTrait, new: NewUser<'_>) -> Result<user::Model, DbErr> {
    let t = now();
    let model = user::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        display_name: Set(new.display_name.to_owned()),
        password_hash: Set(new.password_hash),
        locale: Set(None),
        is_operator: Set(new.is_operator),
        disabled_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Users::insert(model).exec_with_returning(db).await
}

pub async fn by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, DbErr> {
    Users::find()
        .filter(C::Email.eq(email.as_str()))
        .one(db)
        .await
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<user::Model>, DbErr> {
    Users::find_by_id(id).one(db).await
}

pub async fn add_membership(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
    role: Role,
) -> Result<membership::Model, DbErr> {
    let t = now();
    let model = membership::ActiveModel {
        tenant_id: Set(tenant.0),
        user_id: Set(user_id),
        role: Set(role.as_str().to_owned()),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    Memberships::insert(model).exec_with_returning(db).await
}

/// The user's role in the authority, if they are a member.
pub async fn role_in(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
) -> Result<Option<Role>, DbErr> {
    let m = Memberships::find()
        .filter(MC::TenantId.eq(tenant.0))
        .filter(MC::UserId.eq(user_id))
        .one(db)
        .await?;
    Ok(m.and_then(|m| m.role.parse().ok()))
}

/// The authorities a user belongs to, with their role in each.
pub async fn memberships_of(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<(tenant::Model, Role)>, DbErr> {
    let rows = Memberships::find()
        .filter(MC::UserId.eq(user_id))
        .find_also_related(Tenants)
        .order_by_asc(MC::TenantId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(m, t)| Some((t?, m.role.parse().ok()?)))
        .collect())
}

/// Remembers the person's interface language (`de` or `en`).
pub async fn set_locale(
    db: &impl ConnectionTrait,
    user_id: i64,
    locale: &str,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    Users::update_many()
        .col_expr(C::Locale, Expr::value(locale))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
