//! Connected accounts (`channel_accounts`), connections in progress (`channel_oauth_states`)
//! and our app's registration per Mastodon instance (`mastodon_apps`). Tokens and secrets
//! arrive here already encrypted; this module never sees them in clear.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::entities::channel_account::{self, Column as C, Entity as Accounts};
use super::entities::channel_oauth_state::{self, Column as S, Entity as States};
use super::entities::mastodon_app::{self, Column as A, Entity as Apps};
use super::now;
use crate::auth::tokens::{hash_token, random_token};
use crate::tenancy::TenantId;

pub const CONNECTED: &str = "connected";
/// The network refused the token: the person has to connect again.
pub const EXPIRED: &str = "expired";

/// A connection just completed.
pub struct NewConnection {
    pub ambassador_id: i64,
    pub channel: &'static str,
    pub instance_url: Option<String>,
    pub external_account_id: String,
    pub display_name: String,
    pub account_url: Option<String>,
    pub access_token_enc: Vec<u8>,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub scopes: String,
}

/// Stores a connection; one per person and network, so connecting again replaces the old
/// token and resets the reminders.
pub async fn save(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewConnection,
) -> Result<channel_account::Model, DbErr> {
    let t = now();
    let existing = Accounts::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::AmbassadorId.eq(new.ambassador_id))
        .filter(C::Channel.eq(new.channel))
        .one(db)
        .await?;
    let mut m = channel_account::ActiveModel {
        tenant_id: Set(tenant.0),
        ambassador_id: Set(Some(new.ambassador_id)),
        channel: Set(new.channel.to_owned()),
        instance_url: Set(new.instance_url),
        external_account_id: Set(new.external_account_id),
        display_name: Set(new.display_name),
        access_token_enc: Set(new.access_token_enc),
        refresh_token_enc: Set(None),
        token_expires_at: Set(new.token_expires_at),
        scopes: Set(new.scopes),
        status: Set(CONNECTED.to_owned()),
        last_checked_at: Set(Some(t)),
        updated_at: Set(t),
        reminded_days: Set(None),
        account_url: Set(new.account_url),
        last_error: Set(None),
        ..Default::default()
    };
    match existing {
        Some(old) => {
            m.id = Set(old.id);
            Accounts::update(m).exec(db).await
        }
        None => {
            m.created_at = Set(t);
            Accounts::insert(m).exec_with_returning(db).await
        }
    }
}

/// A person's connections, LinkedIn first.
pub async fn of_ambassador(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
) -> Result<Vec<channel_account::Model>, DbErr> {
    Accounts::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::AmbassadorId.eq(ambassador_id))
        .order_by_asc(C::Channel)
        .all(db)
        .await
}

/// The person's connection to `channel`, whatever its state.
pub async fn for_channel(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    channel: &str,
) -> Result<Option<channel_account::Model>, DbErr> {
    Accounts::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::AmbassadorId.eq(ambassador_id))
        .filter(C::Channel.eq(channel))
        .one(db)
        .await
}

/// Every connection of the authority, for the team's health view.
pub async fn all(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<channel_account::Model>, DbErr> {
    Accounts::find()
        .filter(C::TenantId.eq(tenant.0))
        .order_by_asc(C::TokenExpiresAt)
        .all(db)
        .await
}

/// Removes a person's connection (and with it the token); false when there is none.
pub async fn remove(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
    id: i64,
) -> Result<bool, DbErr> {
    let res = Accounts::delete_many()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::AmbassadorId.eq(ambassador_id))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The network refused the token: remember why, so the person sees it.
pub async fn mark_expired(db: &impl ConnectionTrait, id: i64, message: &str) -> Result<(), DbErr> {
    Accounts::update_many()
        .col_expr(C::Status, Expr::value(EXPIRED))
        .col_expr(C::LastError, Expr::value(message))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Connected accounts of every authority whose token ends before `before`.
pub async fn expiring(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<Vec<channel_account::Model>, DbErr> {
    Accounts::find()
        .filter(C::Status.eq(CONNECTED))
        .filter(C::TokenExpiresAt.lt(before))
        .all(db)
        .await
}

/// Records that the reminder for `days` went out; false when it had been recorded already
/// (another instance was quicker).
pub async fn mark_reminded(db: &impl ConnectionTrait, id: i64, days: i32) -> Result<bool, DbErr> {
    let res = Accounts::update_many()
        .col_expr(C::RemindedDays, Expr::value(days))
        .filter(C::Id.eq(id))
        .filter(
            sea_orm::Condition::any()
                .add(C::RemindedDays.is_null())
                .add(C::RemindedDays.gt(days)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Where a connection in progress goes back to.
pub struct NewState {
    pub user_id: i64,
    pub ambassador_id: i64,
    pub channel: &'static str,
    pub instance_url: Option<String>,
}

/// Starts a connection; returns the `state` to send along (only its hash is stored).
pub async fn start(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewState,
) -> Result<String, DbErr> {
    let state = random_token();
    let t = now();
    let m = channel_oauth_state::ActiveModel {
        state_hash: Set(hash_token(&state)),
        tenant_id: Set(tenant.0),
        user_id: Set(new.user_id),
        ambassador_id: Set(new.ambassador_id),
        channel: Set(new.channel.to_owned()),
        instance_url: Set(new.instance_url),
        expires_at: Set(t + chrono::Duration::minutes(15)),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    States::insert(m).exec(db).await?;
    Ok(state)
}

/// Takes a connection in progress by its `state`: once, and only before it expires.
pub async fn take(
    db: &impl ConnectionTrait,
    state: &str,
) -> Result<Option<channel_oauth_state::Model>, DbErr> {
    let Some(found) = States::find()
        .filter(S::StateHash.eq(hash_token(state)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let res = States::delete_many()
        .filter(S::Id.eq(found.id))
        .exec(db)
        .await?;
    Ok((res.rows_affected == 1 && found.expires_at > now()).then_some(found))
}

/// Removes connections in progress that were never completed.
pub async fn purge_states(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let res = States::delete_many()
        .filter(S::ExpiresAt.lt(now()))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Our registration on a Mastodon instance for this redirect address, if made before.
pub async fn mastodon_app(
    db: &impl ConnectionTrait,
    instance_url: &str,
    redirect_uri: &str,
) -> Result<Option<mastodon_app::Model>, DbErr> {
    Apps::find()
        .filter(A::InstanceUrl.eq(instance_url))
        .filter(A::RedirectUri.eq(redirect_uri))
        .one(db)
        .await
}

/// Keeps a new registration; when two requests registered at once, the first one stays.
pub async fn save_mastodon_app(
    db: &impl ConnectionTrait,
    instance_url: &str,
    redirect_uri: &str,
    client_id: &str,
    client_secret_enc: Vec<u8>,
) -> Result<mastodon_app::Model, DbErr> {
    let m = mastodon_app::ActiveModel {
        instance_url: Set(instance_url.to_owned()),
        redirect_uri: Set(redirect_uri.to_owned()),
        client_id: Set(client_id.to_owned()),
        client_secret_enc: Set(client_secret_enc),
        created_at: Set(now()),
        ..Default::default()
    };
    let inserted = Apps::insert(m)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([A::InstanceUrl, A::RedirectUri])
                .do_nothing()
                .to_owned(),
        )
        .exec(db)
        .await;
    match inserted {
        Ok(_) | Err(DbErr::RecordNotInserted) => mastodon_app(db, instance_url, redirect_uri)
            .await?
            .ok_or(DbErr::RecordNotFound("mastodon app".to_owned())),
        Err(e) => Err(e),
    }
}
