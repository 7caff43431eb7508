//! Events of the programme (info event, kickoff workshops, webinars, network meetings), the
//! invitations to them, the answers (RSVP) and who attended. Attendance feeds the onboarding
//! checklist (see `ambassadors::onboarding_facts`) and the candidates' recruitment status.

use std::collections::HashMap;

use amtfluencer_domain::programme::{EventKind, Rsvp};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::entities::attendance::{self, Column as A, Entity as Attendance};
use super::entities::event::{self, Column as E, Entity as Events};
use super::now;
use crate::tenancy::TenantId;

mod invitations;

pub use invitations::*;

/// A checked event.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub video_url: Option<String>,
    pub capacity: Option<i32>,
    pub cohort_id: Option<i64>,
}

/// Who an invitation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guest {
    Ambassador(i64),
    Candidate(i64),
}

/// An invitation with the person's name and address.
#[derive(Debug, Clone)]
pub struct Invitee {
    pub invitation: attendance::Model,
    pub guest: Guest,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
}

/// Answers and attendance of one event, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub invited: u64,
    pub yes: u64,
    pub no: u64,
    pub attended: u64,
}

/// The events of an authority, the latest first, with their counts.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<(event::Model, Counts)>, DbErr> {
    let events = Events::find()
        .filter(E::TenantId.eq(tenant.0))
        .order_by_desc(E::StartsAt)
        .order_by_desc(E::Id)
        .all(db)
        .await?;
    let rows = Attendance::find()
        .filter(A::TenantId.eq(tenant.0))
        .all(db)
        .await?;
    let mut counts: HashMap<i64, Counts> = HashMap::new();
    for r in rows {
        count_into(counts.entry(r.event_id).or_default(), &r);
    }
    Ok(events
        .into_iter()
        .map(|e| {
            let c = counts.get(&e.id).copied().unwrap_or_default();
            (e, c)
        })
        .collect())
}

fn count_into(c: &mut Counts, r: &attendance::Model) {
    c.invited += 1;
    match r.rsvp.as_deref().and_then(|v| v.parse::<Rsvp>().ok()) {
        Some(Rsvp::Yes) => c.yes += 1,
        Some(Rsvp::No) => c.no += 1,
        None => {}
    }
    if r.attended {
        c.attended += 1;
    }
}

/// The counts of one event.
pub fn counts(invitees: &[Invitee]) -> Counts {
    let mut c = Counts::default();
    for i in invitees {
        count_into(&mut c, &i.invitation);
    }
    c
}

/// One event of this authority.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<event::Model>, DbErr> {
    Events::find_by_id(id)
        .filter(E::TenantId.eq(tenant.0))
        .one(db)
        .await
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    e: NewEvent,
) -> Result<event::Model, DbErr> {
    let t = now();
    let m = event::ActiveModel {
        tenant_id: Set(tenant.0),
        created_at: Set(t),
        sequence: Set(0),
        cancelled_at: Set(None),
        ..fields(e, t)
    };
    Events::insert(m).exec_with_returning(db).await
}

fn fields(e: NewEvent, t: DateTime<Utc>) -> event::ActiveModel {
    event::ActiveModel {
        cohort_id: Set(e.cohort_id),
        kind: Set(e.kind.as_str().to_owned()),
        title: Set(e.title),
        description: Set(e.description),
        starts_at: Set(e.starts_at),
        ends_at: Set(e.ends_at),
        location: Set(e.location),
        video_url: Set(e.video_url),
        capacity: Set(e.capacity),
        updated_at: Set(t),
        ..Default::default()
    }
}

/// Changes an event and raises its sequence, so calendars replace their copy.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    current: &event::Model,
    e: NewEvent,
) -> Result<event::Model, DbErr> {
    let m = event::ActiveModel {
        sequence: Set(current.sequence + 1),
        ..fields(e, now())
    };
    save(db, tenant, current.id, m).await
}

/// Writes the set fields of one event of this authority and reads it back.
async fn save(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    m: event::ActiveModel,
) -> Result<event::Model, DbErr> {
    Events::update_many()
        .set(m)
        .filter(E::TenantId.eq(tenant.0))
        .filter(E::Id.eq(id))
        .exec(db)
        .await?;
    get(db, tenant, id)
        .await?
        .ok_or(DbErr::RecordNotFound(format!("event {id}")))
}

/// Calls an event off (it stays listed, marked as cancelled).
pub async fn cancel(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    current: &event::Model,
) -> Result<event::Model, DbErr> {
    let t = now();
    let m = event::ActiveModel {
        sequence: Set(current.sequence + 1),
        cancelled_at: Set(Some(t)),
        updated_at: Set(t),
        ..Default::default()
    };
    save(db, tenant, current.id, m).await
}
