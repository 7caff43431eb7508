//! Which authority a request belongs to. Tenant-scoped db functions take a [`TenantId`]
//! first, and the [`Member`] extractor proves who asks, in which authority, with which role.

use amtfluencer_domain::permissions::{Permission, Role, allows};

use crate::db::entities::{tenant, user};
use crate::error::AppError;

/// The id of an authority. Only obtained from a checked membership or from the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TenantId(pub i64);

/// A signed-in user acting in one authority with one role.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: user::Model,
    pub tenant: tenant::Model,
    pub role: Role,
}

impl Member {
    pub fn tenant_id(&self) -> TenantId {
        TenantId(self.tenant.id)
    }

    pub fn can(&self, permission: Permission) -> bool {
        allows(self.role, permission)
    }

    /// Forbidden when the role lacks the permission. (Objects of other authorities are never
    /// reached: their lookups are scoped by `TenantId` and answer 404.)
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}
