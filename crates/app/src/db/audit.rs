//! The audit log: who did what to which object, when. Append-only.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::audit_entry::{self, Column as C, Entity as Audit};
use super::entities::{membership, user};
use super::now;
use crate::tenancy::TenantId;

pub struct Entry<'a> {
    pub actor_user_id: Option<i64>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: Option<String>,
    pub details: serde_json::Value,
}

pub async fn record(
    db: &impl ConnectionTrait,
    tenant: Option<TenantId>,
    e: Entry<'_>,
) -> Result<(), DbErr> {
    let model = audit_entry::ActiveModel {
        tenant_id: Set(tenant.map(|t| t.0)),
        actor_user_id: Set(e.actor_user_id),
        action: Set(e.action.to_owned()),
        object_type: Set(e.object_type.to_owned()),
        object_id: Set(e.object_id),
        details: Set(e.details.to_string()),
        created_at: Set(now()),
        ..Default::default()
    };
    Audit::insert(model).exec(db).await?;
    Ok(())
}

/// Records what a member did to an object of their authority.
pub async fn by_member(
    db: &impl ConnectionTrait,
    member: &crate::tenancy::Member,
    action: &str,
    object_type: &str,
    object_id: i64,
    details: serde_json::Value,
) -> Result<(), DbErr> {
    record(
        db,
        Some(member.tenant_id()),
        Entry {
            actor_user_id: Some(member.user.id),
            action,
            object_type,
            object_id: Some(object_id.to_string()),
            details,
        },
    )
    .await
}

/// What the audit page filters by; all optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub actor_email: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// An entry with the actor's name, for display.
#[derive(Debug, Clone)]
pub struct Row {
    pub entry: audit_entry::Model,
    pub actor: Option<String>,
}

/// The authority's entries, and the sign-ins of its members (which belong to no authority).
fn scope(tenant: TenantId) -> Condition {
    let members = Query::select()
        .column(membership::Column::UserId)
        .from(membership::Entity)
        .and_where(Expr::col(membership::Column::TenantId).eq(tenant.0))
        .to_owned();
    Condition::any().add(C::TenantId.eq(tenant.0)).add(
        Condition::all()
            .add(C::TenantId.is_null())
            .add(C::ActorUserId.in_subquery(members)),
    )
}

/// One page of an authority's audit log, newest first, and the total count.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    f: &Filter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<Row>, u64), DbErr> {
    let mut q = Audit::find().filter(scope(tenant));
    if let Some(a) = &f.action {
        q = q.filter(C::Action.eq(a.as_str()));
    }
    if let Some(email) = &f.actor_email {
        let ids = Query::select()
            .column(user::Column::Id)
            .from(user::Entity)
            .and_where(Expr::col(user::Column::Email).eq(email.to_lowercase()))
            .to_owned();
        q = q.filter(C::ActorUserId.in_subquery(ids));
    }
    if let Some(from) = f.from {
        q = q.filter(C::CreatedAt.gte(from));
    }
    if let Some(until) = f.until {
        q = q.filter(C::CreatedAt.lt(until));
    }
    let total = q.clone().count(db).await?;
    let entries = q
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .offset(page * per_page)
        .limit(per_page)
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    let rows = entries
        .into_iter()
        .map(|(entry, u)| Row {
            entry,
            actor: u.map(|u| format!("{} <{}>", u.display_name, u.email)),
        })
        .collect();
    Ok((rows, total))
}

/// The actions that occur in an authority's log, for the filter.
pub async fn actions(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<String>, DbErr> {
    let rows: Vec<String> = Audit::find()
        .select_only()
        .column(C::Action)
        .distinct()
        .filter(scope(tenant))
        .order_by_asc(C::Action)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}

/// Removes entries older than the retention period.
pub async fn purge_older_than(db: &impl ConnectionTrait, days: u32) -> Result<u64, DbErr> {
    let cutoff = now() - chrono::Duration::days(i64::from(days));
    let res = Audit::delete_many()
        .filter(C::CreatedAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
