//! The audit log: who did what to which object, when. Append-only.

use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use super::entities::audit_entry::{self, Entity as Audit};
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
