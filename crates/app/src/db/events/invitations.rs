//! Invitations to an event: who is invited, answers through the app or the RSVP link, and
//! who attended.

use std::collections::HashMap;

use amtfluencer_domain::programme::Rsvp;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::super::entities::attendance::{self, Column as A, Entity as Attendance};
use super::super::entities::event::{self, Column as E, Entity as Events};
use super::super::entities::{ambassador, candidate};
use super::super::now;
use super::{Guest, Invitee};
use crate::tenancy::TenantId;

/// Everyone invited to an event, by name.
pub async fn invitees(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    event_id: i64,
) -> Result<Vec<Invitee>, DbErr> {
    let rows = Attendance::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::EventId.eq(event_id))
        .order_by_asc(A::Id)
        .all(db)
        .await?;
    let amb_ids: Vec<i64> = rows.iter().filter_map(|r| r.ambassador_id).collect();
    let cand_ids: Vec<i64> = rows.iter().filter_map(|r| r.candidate_id).collect();
    let ambassadors: HashMap<i64, ambassador::Model> = ambassador::Entity::find()
        .filter(ambassador::Column::TenantId.eq(tenant.0))
        .filter(ambassador::Column::Id.is_in(amb_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let candidates: HashMap<i64, candidate::Model> = candidate::Entity::find()
        .filter(candidate::Column::TenantId.eq(tenant.0))
        .filter(candidate::Column::Id.is_in(cand_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut out: Vec<Invitee> = rows
        .into_iter()
        .filter_map(|r| {
            if let Some(a) = r.ambassador_id.and_then(|id| ambassadors.get(&id)) {
                return Some(Invitee {
                    guest: Guest::Ambassador(a.id),
                    first_name: a.first_name.clone(),
                    last_name: a.last_name.clone(),
                    email: a.email.clone(),
                    invitation: r,
                });
            }
            let c = r.candidate_id.and_then(|id| candidates.get(&id))?;
            Some(Invitee {
                guest: Guest::Candidate(c.id),
                first_name: c.first_name.clone(),
                last_name: c.last_name.clone(),
                email: c.email.clone(),
                invitation: r,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.last_name.to_lowercase(), a.first_name.to_lowercase())
            .cmp(&(b.last_name.to_lowercase(), b.first_name.to_lowercase()))
    });
    Ok(out)
}

/// Invites a person; `None` when the person was already invited (inviting twice changes
/// nothing and sends nothing).
pub async fn invite(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    event_id: i64,
    guest: Guest,
    token_hash: String,
) -> Result<Option<attendance::Model>, DbErr> {
    let existing = Attendance::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::EventId.eq(event_id))
        .filter(match guest {
            Guest::Ambassador(id) => A::AmbassadorId.eq(id),
            Guest::Candidate(id) => A::CandidateId.eq(id),
        })
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(None);
    }
    let t = now();
    let (ambassador_id, candidate_id) = match guest {
        Guest::Ambassador(id) => (Some(id), None),
        Guest::Candidate(id) => (None, Some(id)),
    };
    let m = attendance::ActiveModel {
        tenant_id: Set(tenant.0),
        event_id: Set(event_id),
        ambassador_id: Set(ambassador_id),
        candidate_id: Set(candidate_id),
        rsvp: Set(None),
        attended: Set(false),
        updated_at: Set(t),
        invited_at: Set(Some(t)),
        rsvp_token_hash: Set(Some(token_hash)),
        ..Default::default()
    };
    Attendance::insert(m)
        .exec_with_returning(db)
        .await
        .map(Some)
}

/// Replaces the secret behind an invitation's RSVP link (the previous link stops working).
pub async fn set_token_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    invitation_id: i64,
    token_hash: String,
) -> Result<(), DbErr> {
    Attendance::update_many()
        .col_expr(A::RsvpTokenHash, Expr::value(token_hash))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(invitation_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The invitation behind an RSVP link (any authority: the token is the proof).
pub async fn by_token_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<attendance::Model>, DbErr> {
    Attendance::find()
        .filter(A::RsvpTokenHash.eq(token_hash))
        .one(db)
        .await
}

/// The invitation of one Amtfluencer to an event.
pub async fn invitation_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    event_id: i64,
    ambassador_id: i64,
) -> Result<Option<attendance::Model>, DbErr> {
    Attendance::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::EventId.eq(event_id))
        .filter(A::AmbassadorId.eq(ambassador_id))
        .one(db)
        .await
}

/// Records an answer.
pub async fn set_rsvp(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    invitation_id: i64,
    rsvp: Rsvp,
) -> Result<bool, DbErr> {
    let res = Attendance::update_many()
        .col_expr(A::Rsvp, Expr::value(rsvp.as_str()))
        .col_expr(A::UpdatedAt, Expr::value(now()))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(invitation_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Sets who attended: the listed invitations attended, all others of the event did not.
/// Returns the invitations whose attendance changed.
pub async fn record_attendance(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    event_id: i64,
    present: &[i64],
) -> Result<Vec<attendance::Model>, DbErr> {
    let rows = Attendance::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::EventId.eq(event_id))
        .all(db)
        .await?;
    let t = now();
    let mut changed = Vec::new();
    for mut r in rows {
        let attended = present.contains(&r.id);
        if r.attended == attended {
            continue;
        }
        Attendance::update_many()
            .col_expr(A::Attended, Expr::value(attended))
            .col_expr(A::UpdatedAt, Expr::value(t))
            .filter(A::TenantId.eq(tenant.0))
            .filter(A::Id.eq(r.id))
            .exec(db)
            .await?;
        r.attended = attended;
        changed.push(r);
    }
    Ok(changed)
}

/// Every event an Amtfluencer is invited to, the latest first, with the invitation.
pub async fn all_for(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ambassador_id: i64,
) -> Result<Vec<(event::Model, attendance::Model)>, DbErr> {
    let mut invitations: HashMap<i64, attendance::Model> = Attendance::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::AmbassadorId.eq(ambassador_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.event_id, a))
        .collect();
    let events = Events::find()
        .filter(E::TenantId.eq(tenant.0))
        .filter(E::Id.is_in(invitations.keys().copied().collect::<Vec<_>>()))
        .order_by_desc(E::StartsAt)
        .all(db)
        .await?;
    Ok(events
        .into_iter()
        .filter_map(|e| {
            let a = invitations.remove(&e.id)?;
            Some((e, a))
        })
        .collect())
}
