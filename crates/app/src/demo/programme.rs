//! The demo's programme: events with attendance, the pilot's costs and the topic catalogue.

use anyhow::Context;
use chrono::{NaiveTime, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Value};

use super::content::{COSTS, EVENTS, TOPICS};
use super::date;
use super::people::{AmbassadorRef, Cohorts, ids_of};
use super::rng::Rng;
use crate::db::{bulk::insert_rows, entities::event, now};
use crate::tenancy::TenantId;

pub async fn events(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    cohorts: &Cohorts,
    people: &[AmbassadorRef],
) -> anyhow::Result<()> {
    let t = now();
    let mut rng = Rng::new(0x4576_656e);
    let candidates = ids_of(txn, "candidates", tid).await?;
    for e in &EVENTS {
        let day = date(e.date)?;
        let at = |hm: &str| -> anyhow::Result<chrono::DateTime<Utc>> {
            let time = NaiveTime::parse_from_str(hm, "%H:%M").context("demo time")?;
            // Demo events are in CET/CEST; an hour's offset is close enough for the demo.
            Ok(Utc.from_utc_datetime(&day.and_time(time)) - chrono::Duration::hours(1))
        };
        let future = e.attendance_percent == 0;
        let m = event::ActiveModel {
            tenant_id: Set(tid.0),
            cohort_id: Set(Some(if future { cohorts.next } else { cohorts.pilot })),
            kind: Set(e.kind.to_owned()),
            title: Set(e.title.to_owned()),
            starts_at: Set(at(e.start)?),
            ends_at: Set(at(e.end)?),
            location: Set(e.location.to_owned()),
            video_url: Set(e
                .online
                .then(|| "https://video.musterstadt.example/amtfluencer".to_owned())),
            capacity: Set(Some(i32::from(e.capacity))),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        };
        let event_id = event::Entity::insert(m).exec(txn).await?.last_insert_id;
        // Invitations went out three weeks before each event.
        let invited = at(e.start)? - chrono::Duration::days(21);
        let mut rows = Vec::new();
        if future {
            for (i, c) in candidates.iter().enumerate() {
                let rsvp = if i % 4 == 3 { "no" } else { "yes" };
                rows.push(vec![
                    Value::from(tid.0),
                    Value::from(event_id),
                    Value::BigInt(None),
                    Value::from(*c),
                    rsvp.into(),
                    false.into(),
                    t.into(),
                    invited.into(),
                ]);
            }
        } else {
            for a in people {
                let attended = rng.below(100) < u64::from(e.attendance_percent);
                rows.push(vec![
                    Value::from(tid.0),
                    Value::from(event_id),
                    Value::from(a.id),
                    Value::BigInt(None),
                    "yes".into(),
                    attended.into(),
                    t.into(),
                    invited.into(),
                ]);
            }
        }
        insert_rows(
            txn,
            "attendance",
            &[
                "tenant_id",
                "event_id",
                "ambassador_id",
                "candidate_id",
                "rsvp",
                "attended",
                "updated_at",
                "invited_at",
            ],
            rows,
        )
        .await?;
    }
    Ok(())
}

pub async fn costs(txn: &impl ConnectionTrait, tid: TenantId, pilot: i64) -> anyhow::Result<()> {
    let t = now();
    let mut rows = Vec::new();
    for c in &COSTS {
        rows.push(vec![
            Value::from(tid.0),
            Value::from(pilot),
            c.category.into(),
            c.description.into(),
            Value::from(c.amount_cents),
            date(c.date)?.into(),
            c.note.into(),
            t.into(),
            t.into(),
        ]);
    }
    insert_rows(
        txn,
        "costs",
        &[
            "tenant_id",
            "cohort_id",
            "category",
            "description",
            "amount_cents",
            "spent_on",
            "note",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    Ok(())
}

/// The topic catalogue; returns (id, category) in catalogue order.
pub async fn topics(
    txn: &impl ConnectionTrait,
    tid: TenantId,
) -> anyhow::Result<Vec<(i64, &'static str)>> {
    let t = now();
    let mut rows = Vec::new();
    for tp in &TOPICS {
        rows.push(vec![
            Value::from(tid.0),
            tp.title.into(),
            tp.description.into(),
            tp.prompt.into(),
            tp.photo_idea.into(),
            tp.category.into(),
            serde_json::to_string(tp.tags)?.into(),
            "active".into(),
            false.into(),
            t.into(),
            t.into(),
        ]);
    }
    insert_rows(
        txn,
        "topics",
        &[
            "tenant_id",
            "title",
            "description",
            "prompt",
            "photo_idea",
            "category",
            "tags",
            "status",
            "shared_with_network",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    let ids = ids_of(txn, "topics", tid).await?;
    Ok(ids
        .into_iter()
        .zip(TOPICS.iter().map(|t| t.category))
        .collect())
}
