//! Single sign-on settings of the authorities, sign-ins in progress and linked identities.

use std::collections::BTreeMap;

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    TransactionSession, TransactionTrait,
};

use super::entities::identity::{self, Column as IC, Entity as Identities};
use super::entities::membership::{Column as MC, Entity as Memberships};
use super::entities::oidc_flow::{self, Column as FC, Entity as Flows};
use super::entities::oidc_provider::{self, Column as PC, Entity as Providers};
use super::entities::tenant::{self, Column as TC, Entity as Tenants};
use super::entities::user::{self, Entity as Users};
use super::{now, users};
use crate::tenancy::TenantId;

/// What an admin sets for their authority (everything but the client secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSettings {
    pub issuer: String,
    pub client_id: String,
    pub allowed_domains: Vec<String>,
    pub role_claim: String,
    pub role_mapping: BTreeMap<String, Role>,
    pub default_role: Option<Role>,
    pub enabled: bool,
}

/// An authority's stored provider.
#[derive(Debug, Clone)]
pub struct Provider {
    pub id: i64,
    pub settings: ProviderSettings,
    /// See `crate::crypto`.
    pub client_secret_enc: Vec<u8>,
}

impl From<oidc_provider::Model> for Provider {
    fn from(m: oidc_provider::Model) -> Self {
        Self {
            id: m.id,
            settings: ProviderSettings {
                allowed_domains: serde_json::from_str(&m.allowed_domains).unwrap_or_default(),
                role_mapping: serde_json::from_str::<BTreeMap<String, String>>(&m.role_mapping)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|(v, r)| Some((v, r.parse().ok()?)))
                    .collect(),
                default_role: m.default_role.and_then(|r| r.parse().ok()),
                issuer: m.issuer,
                client_id: m.client_id,
                role_claim: m.role_claim,
                enabled: m.enabled,
            },
            client_secret_enc: m.client_secret_enc,
        }
    }
}

/// Authorities whose members can sign in with their organisation's account, as
/// (authority name, slug), for the login page.
pub async fn login_choices(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DbErr> {
    let rows = Providers::find()
        .filter(PC::Enabled.eq(true))
        .find_also_related(Tenants)
        .filter(TC::SuspendedAt.is_null())
        .order_by_asc(TC::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(_, t)| t.map(|t| (t.name, t.slug)))
        .collect())
}

/// The authority's provider, if one is configured (enabled or not).
pub async fn provider(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Option<Provider>, DbErr> {
    let m = Providers::find()
        .filter(PC::TenantId.eq(tenant.0))
        .order_by_asc(PC::Id)
        .one(db)
        .await?;
    Ok(m.map(Provider::from))
}

/// Creates or replaces the authority's provider; `client_secret_enc` None keeps the stored
/// secret. Returns whether the provider was created.
pub async fn save_provider(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    s: &ProviderSettings,
    client_secret_enc: Option<Vec<u8>>,
) -> Result<bool, DbErr> {
    let t = now();
    let existing = provider(db, tenant).await?;
    let mapping: BTreeMap<&str, &str> = s
        .role_mapping
        .iter()
        .map(|(v, r)| (v.as_str(), r.as_str()))
        .collect();
    let mut model = oidc_provider::ActiveModel {
        tenant_id: Set(tenant.0),
        issuer: Set(s.issuer.clone()),
        client_id: Set(s.client_id.clone()),
        allowed_domains: Set(serde_json::json!(s.allowed_domains).to_string()),
        role_claim: Set(s.role_claim.clone()),
        role_mapping: Set(serde_json::json!(mapping).to_string()),
        default_role: Set(s.default_role.map(|r| r.as_str().to_owned())),
        enabled: Set(s.enabled),
        updated_at: Set(t),
        ..Default::default()
    };
    if let Some(secret) = client_secret_enc {
        model.client_secret_enc = Set(secret);
    }
    match existing {
        Some(p) => {
            model.id = Set(p.id);
            Providers::update(model).exec(db).await?;
            Ok(false)
        }
        None => {
            model.created_at = Set(t);
            Providers::insert(model).exec(db).await?;
            Ok(true)
        }
    }
}

/// An authority by id (a sign-in in progress knows only the id).
pub async fn tenant_by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<tenant::Model>, DbErr> {
    Tenants::find_by_id(id).one(db).await
}

pub struct NewFlow<'a> {
    pub state_hash: String,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub next: &'a str,
}

/// Records a sign-in in progress, and clears those that ran out.
pub async fn start_flow(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    f: NewFlow<'_>,
) -> Result<(), DbErr> {
    let t = now();
    Flows::delete_many()
        .filter(FC::ExpiresAt.lt(t))
        .exec(db)
        .await?;
    let model = oidc_flow::ActiveModel {
        state_hash: Set(f.state_hash),
        tenant_id: Set(tenant.0),
        nonce: Set(f.nonce.to_owned()),
        pkce_verifier: Set(f.pkce_verifier.to_owned()),
        next: Set(f.next.to_owned()),
        created_at: Set(t),
        expires_at: Set(t + crate::auth::oidc::FLOW_LIFETIME),
    };
    Flows::insert(model).exec(db).await?;
    Ok(())
}

/// Takes a sign-in in progress out of the table: each one can be completed once, by
/// whichever request deletes it first, and only before it expires.
pub async fn take_flow(
    db: &impl ConnectionTrait,
    state_hash: &str,
) -> Result<Option<oidc_flow::Model>, DbErr> {
    let Some(flow) = Flows::find_by_id(state_hash.to_owned()).one(db).await? else {
        return Ok(None);
    };
    let deleted = Flows::delete_many()
        .filter(FC::StateHash.eq(state_hash))
        .exec(db)
        .await?;
    Ok(Some(flow).filter(|f| deleted.rows_affected == 1 && f.expires_at > now()))
}

/// A person as the provider vouches for them.
pub struct SsoPerson<'a> {
    pub issuer: &'a str,
    pub subject: &'a str,
    pub email: &'a Email,
    pub display_name: &'a str,
    pub role: Role,
}

#[derive(Debug)]
pub enum SignIn {
    Member {
        user: user::Model,
        created: bool,
        previous_role: Option<Role>,
    },
    /// The account is disabled.
    Disabled,
    /// An account with this address belongs to authorities that do not trust this provider
    /// (or to the operator); linking it would let this provider sign in to them.
    AccountElsewhere,
}

/// Finds the person by linked identity or by address, creates them on their first sign-in,
/// links the identity and sets their role in the authority, all in one transaction.
pub async fn sign_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    tenant: TenantId,
    p: SsoPerson<'_>,
) -> Result<SignIn, DbErr> {
    let txn = db.begin().await?;
    let mut created = false;
    let user = match by_identity(&txn, p.issuer, p.subject).await? {
        Some(u) => u,
        None => {
            let user = match users::by_email(&txn, p.email).await? {
                Some(u) if !may_link(&txn, tenant, &u, p.issuer).await? => {
                    return Ok(SignIn::AccountElsewhere);
                }
                Some(u) => u,
                None => {
                    created = true;
                    let new = users::NewUser {
                        email: p.email,
                        display_name: p.display_name,
                        password_hash: None,
                        is_operator: false,
                    };
                    users::create(&txn, new).await?
                }
            };
            if user.disabled_at.is_none() {
                link_identity(&txn, user.id, p.issuer, p.subject).await?;
            }
            user
        }
    };
    if user.disabled_at.is_some() {
        return Ok(SignIn::Disabled);
    }
    let previous_role = users::role_in(&txn, tenant, user.id).await?;
    match previous_role {
        None => {
            users::add_membership(&txn, tenant, user.id, p.role).await?;
        }
        Some(r) if r != p.role => set_role(&txn, tenant, user.id, p.role).await?,
        Some(_) => {}
    }
    txn.commit().await?;
    Ok(SignIn::Member {
        user,
        created,
        previous_role,
    })
}

async fn by_identity(
    db: &impl ConnectionTrait,
    issuer: &str,
    subject: &str,
) -> Result<Option<user::Model>, DbErr> {
    let Some(i) = Identities::find()
        .filter(IC::Issuer.eq(issuer))
        .filter(IC::Subject.eq(subject))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Users::find_by_id(i.user_id).one(db).await
}

/// An existing account may be linked by its address when every other authority it belongs
/// to trusts the same issuer; never the operator's.
async fn may_link(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user: &user::Model,
    issuer: &str,
) -> Result<bool, DbErr> {
    if user.is_operator {
        return Ok(false);
    }
    for (t, _) in users::memberships_of(db, user.id).await? {
        if t.id == tenant.0 {
            continue;
        }
        let trusted = provider(db, TenantId(t.id))
            .await?
            .is_some_and(|p| p.settings.issuer == issuer);
        if !trusted {
            return Ok(false);
        }
    }
    Ok(true)
}

async fn link_identity(
    db: &impl ConnectionTrait,
    user_id: i64,
    issuer: &str,
    subject: &str,
) -> Result<(), DbErr> {
    let model = identity::ActiveModel {
        user_id: Set(user_id),
        issuer: Set(issuer.to_owned()),
        subject: Set(subject.to_owned()),
        created_at: Set(now()),
        ..Default::default()
    };
    Identities::insert(model).exec(db).await?;
    Ok(())
}

async fn set_role(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
    role: Role,
) -> Result<(), DbErr> {
    Memberships::update_many()
        .col_expr(MC::Role, Expr::value(role.as_str()))
        .col_expr(MC::UpdatedAt, Expr::value(now()))
        .filter(MC::TenantId.eq(tenant.0))
        .filter(MC::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The identities linked to a user, as (issuer, subject).
pub async fn identities_of(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<(String, String)>, DbErr> {
    let rows = Identities::find()
        .filter(IC::UserId.eq(user_id))
        .order_by_asc(IC::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|i| (i.issuer, i.subject)).collect())
}
