//! Posts on their way out: scheduling, the record of an attempt made before sending, and the
//! outcome. A post counts as published only with the network's id and address.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::planned_post::{self, Column as C, Entity as Posts};
use super::entities::post_image::{self, Column as M, Entity as Images};
use super::now;
use crate::tenancy::TenantId;

/// Why a post stopped; shown with `failure_reason`.
pub mod kind {
    /// The connection is gone or expired: connect again.
    pub const RECONNECT: &str = "reconnect";
    /// The network (or our check) refused the content.
    pub const REJECTED: &str = "rejected";
    /// Perhaps posted, perhaps not: the person has to look.
    pub const UNCONFIRMED: &str = "unconfirmed";
    /// Waiting to be tried again (throttled, outage).
    pub const RETRYING: &str = "retrying";
    /// Something on our side (configuration, a missing photo).
    pub const SETUP: &str = "setup";
}

pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<planned_post::Model>, DbErr> {
    Posts::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await
}

/// A post by id, whichever authority (for jobs, which carry the tenant in the post).
pub async fn by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<planned_post::Model>, DbErr> {
    Posts::find_by_id(id).one(db).await
}

/// A person's posts that can still be scheduled or are on their way, soonest first.
pub async fn of_ambassador(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
) -> Result<Vec<planned_post::Model>, DbErr> {
    Posts::find()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::AmbassadorId.eq(ambassador_id))
        .order_by_desc(C::UpdatedAt)
        .all(db)
        .await
}

/// Plans a post for `at`: clears what an earlier attempt left behind.
pub async fn schedule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = Posts::update_many()
        .col_expr(C::Status, Expr::value("scheduled"))
        .col_expr(C::ScheduledAt, Expr::value(at))
        .col_expr(C::FailureReason, Expr::value(Option::<String>::None))
        .col_expr(C::FailureKind, Expr::value(Option::<String>::None))
        .col_expr(
            C::PublishStartedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.is_not_in(["published"]))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Takes a scheduled post back to draft.
pub async fn unschedule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<bool, DbErr> {
    let res = Posts::update_many()
        .col_expr(C::Status, Expr::value("draft"))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("scheduled"))
        .filter(C::PublishStartedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Scheduled posts of every authority that are due by `until`.
pub async fn due(
    db: &impl ConnectionTrait,
    until: DateTime<Utc>,
) -> Result<Vec<planned_post::Model>, DbErr> {
    Posts::find()
        .filter(C::Status.eq("scheduled"))
        .filter(C::ScheduledAt.lte(until))
        .order_by_asc(C::ScheduledAt)
        .all(db)
        .await
}

/// Records, before anything is sent, that an attempt begins. False when the post is no
/// longer scheduled for `at` or an attempt is already recorded (a crash, or another worker).
pub async fn begin_attempt(
    db: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let t = now();
    let res = Posts::update_many()
        .col_expr(C::PublishStartedAt, Expr::value(t))
        .col_expr(C::UpdatedAt, Expr::value(t))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("scheduled"))
        .filter(C::ScheduledAt.eq(at))
        .filter(C::PublishStartedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The network said nothing was created: the attempt is over and may be repeated.
pub async fn attempt_failed_cleanly(
    db: &impl ConnectionTrait,
    id: i64,
    reason: &str,
) -> Result<(), DbErr> {
    Posts::update_many()
        .col_expr(
            C::PublishStartedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(C::FailureKind, Expr::value(kind::RETRYING))
        .col_expr(C::FailureReason, Expr::value(reason))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("scheduled"))
        .exec(db)
        .await?;
    Ok(())
}

/// The network confirmed the post with its id and address.
pub async fn mark_published(
    db: &impl ConnectionTrait,
    id: i64,
    external_id: &str,
    external_url: &str,
) -> Result<(), DbErr> {
    let t = now();
    Posts::update_many()
        .col_expr(C::Status, Expr::value("published"))
        .col_expr(C::PublishedAt, Expr::value(t))
        .col_expr(C::ExternalId, Expr::value(external_id))
        .col_expr(C::ExternalUrl, Expr::value(external_url))
        .col_expr(C::FailureReason, Expr::value(Option::<String>::None))
        .col_expr(C::FailureKind, Expr::value(Option::<String>::None))
        .col_expr(C::UpdatedAt, Expr::value(t))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The post stops here; `reason` tells the person in plain German what to do.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    failure_kind: &str,
    reason: &str,
) -> Result<(), DbErr> {
    Posts::update_many()
        .col_expr(C::Status, Expr::value("failed"))
        .col_expr(C::FailureKind, Expr::value(failure_kind))
        .col_expr(C::FailureReason, Expr::value(reason))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("scheduled"))
        .exec(db)
        .await?;
    Ok(())
}

/// The person looked after an unconfirmed attempt and found the post: published with the
/// network's id and address from its link. False when the post's fate is no longer unknown.
pub async fn confirm_published(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    external_id: &str,
    external_url: &str,
) -> Result<bool, DbErr> {
    let t = now();
    let res = Posts::update_many()
        .col_expr(C::Status, Expr::value("published"))
        .col_expr(C::PublishedAt, Expr::value(t))
        .col_expr(C::ExternalId, Expr::value(external_id))
        .col_expr(C::ExternalUrl, Expr::value(external_url))
        .col_expr(C::FailureReason, Expr::value(Option::<String>::None))
        .col_expr(C::FailureKind, Expr::value(Option::<String>::None))
        .col_expr(C::UpdatedAt, Expr::value(t))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("failed"))
        .filter(C::FailureKind.eq(kind::UNCONFIRMED))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The person looked after an unconfirmed attempt and the post is not there: a draft again,
/// to be scheduled anew. False when the post's fate is no longer unknown.
pub async fn confirm_not_published(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<bool, DbErr> {
    let res = Posts::update_many()
        .col_expr(C::Status, Expr::value("draft"))
        .col_expr(C::FailureReason, Expr::value(Option::<String>::None))
        .col_expr(C::FailureKind, Expr::value(Option::<String>::None))
        .col_expr(
            C::PublishStartedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("failed"))
        .filter(C::FailureKind.eq(kind::UNCONFIRMED))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Published posts of one network, of every authority, since `since` and not deleted there:
/// the ones whose counts are read.
pub async fn recent_published(
    db: &impl ConnectionTrait,
    channel: &str,
    since: DateTime<Utc>,
) -> Result<Vec<planned_post::Model>, DbErr> {
    Posts::find()
        .filter(C::Channel.eq(channel))
        .filter(C::Status.eq("published"))
        .filter(C::PublishedAt.gte(since))
        .filter(C::ExternalId.is_not_null())
        .filter(C::RemoteDeletedAt.is_null())
        .order_by_asc(C::TenantId)
        .order_by_asc(C::AmbassadorId)
        .order_by_asc(C::PublishedAt)
        .all(db)
        .await
}

/// Records that the counts were asked for, and what went wrong (`None`: nothing).
pub async fn counts_checked(
    db: &impl ConnectionTrait,
    id: i64,
    error: Option<&str>,
) -> Result<(), DbErr> {
    Posts::update_many()
        .col_expr(C::CountsCheckedAt, Expr::value(now()))
        .col_expr(C::CountsError, Expr::value(error.map(str::to_owned)))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The network says the post no longer exists: kept as published, marked deleted there.
pub async fn mark_remote_deleted(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    let t = now();
    Posts::update_many()
        .col_expr(C::RemoteDeletedAt, Expr::value(t))
        .col_expr(C::CountsCheckedAt, Expr::value(t))
        .col_expr(C::CountsError, Expr::value(Option::<String>::None))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The photo of a post, if it has one.
pub async fn image_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<Option<post_image::Model>, DbErr> {
    Images::find()
        .filter(M::TenantId.eq(tenant.0))
        .filter(M::PostId.eq(post_id))
        .order_by_asc(M::Id)
        .one(db)
        .await
}
