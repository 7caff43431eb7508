//! An authority's working-time rules as stored; without a row the defaults apply.

use amtfluencer_domain::calendar::{Blackout, ClosureDay, RecurringDay, WorkingTimeRules};
use amtfluencer_domain::types::FederalState;
use chrono::{NaiveDate, NaiveTime, Weekday, WeekdaySet};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::blackout::{self, Column as B, Entity as Blackouts};
use super::working_time::{self, Column as W, Entity as WorkingTimeRows};
use crate::db::entities::tenant;
use crate::db::now;
use crate::tenancy::TenantId;

/// A closure day as stored in JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredClosure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    easter: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<NaiveTime>,
    name: String,
}

impl StoredClosure {
    fn of(c: &ClosureDay) -> Self {
        let (month, day, easter) = match c.day {
            RecurringDay::Fixed { month, day } => (Some(month), Some(day), None),
            RecurringDay::EasterOffset(d) => (None, None, Some(d)),
        };
        Self {
            month,
            day,
            easter,
            from: c.closed_from,
            name: c.name.clone(),
        }
    }

    fn to_domain(&self) -> Option<ClosureDay> {
        let day = match (self.month, self.day, self.easter) {
            (_, _, Some(d)) => RecurringDay::EasterOffset(d),
            (Some(month), Some(day), None) => RecurringDay::Fixed { month, day },
            _ => return None,
        };
        Some(ClosureDay {
            day,
            closed_from: self.from,
            name: self.name.clone(),
        })
    }
}

/// The stored part of the rules (the federal state lives on the tenant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingTime {
    pub core_start: NaiveTime,
    pub core_end: NaiveTime,
    pub workdays: WeekdaySet,
    pub closure_days: Vec<ClosureDay>,
}

impl WorkingTime {
    pub fn defaults() -> Self {
        let d = WorkingTimeRules::new(FederalState::NW);
        Self {
            core_start: d.core_start,
            core_end: d.core_end,
            workdays: d.workdays,
            closure_days: d.closure_days,
        }
    }
}

/// The authority's federal state; an unknown code falls back to NRW.
pub fn state_of(t: &tenant::Model) -> FederalState {
    t.federal_state.parse().unwrap_or(FederalState::NW)
}

pub async fn working_time(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<WorkingTime, DbErr> {
    let Some(row) = WorkingTimeRows::find()
        .filter(W::TenantId.eq(tenant.0))
        .one(db)
        .await?
    else {
        return Ok(WorkingTime::defaults());
    };
    let defaults = WorkingTime::defaults();
    let workdays = row
        .workdays
        .split(',')
        .filter_map(|d| d.trim().parse::<u8>().ok())
        .filter_map(|n| Weekday::try_from(n.wrapping_sub(1)).ok())
        .collect::<WeekdaySet>();
    let closures: Vec<StoredClosure> = serde_json::from_str(&row.closure_days).unwrap_or_default();
    Ok(WorkingTime {
        core_start: row.core_start.parse().unwrap_or(defaults.core_start),
        core_end: row.core_end.parse().unwrap_or(defaults.core_end),
        workdays,
        closure_days: closures
            .iter()
            .filter_map(StoredClosure::to_domain)
            .collect(),
    })
}

pub async fn save_working_time(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    w: &WorkingTime,
) -> Result<(), DbErr> {
    let workdays = w
        .workdays
        .iter(Weekday::Mon)
        .map(|d| d.number_from_monday().to_string())
        .collect::<Vec<_>>()
        .join(",");
    let closures: Vec<StoredClosure> = w.closure_days.iter().map(StoredClosure::of).collect();
    let closures = serde_json::to_string(&closures).unwrap_or_else(|_| "[]".to_owned());
    let existing = WorkingTimeRows::find()
        .filter(W::TenantId.eq(tenant.0))
        .one(db)
        .await?;
    let mut m = match existing {
        Some(row) => row.into(),
        None => working_time::ActiveModel {
            tenant_id: Set(tenant.0),
            ..Default::default()
        },
    };
    m.core_start = Set(w.core_start.format("%H:%M").to_string());
    m.core_end = Set(w.core_end.format("%H:%M").to_string());
    m.workdays = Set(workdays);
    m.closure_days = Set(closures);
    m.updated_at = Set(now());
    m.save(db).await?;
    Ok(())
}

pub async fn blackouts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<blackout::Model>, DbErr> {
    Blackouts::find()
        .filter(B::TenantId.eq(tenant.0))
        .order_by_asc(B::StartsOn)
        .all(db)
        .await
}

pub async fn add_blackout(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    b: &Blackout,
) -> Result<blackout::Model, DbErr> {
    blackout::ActiveModel {
        tenant_id: Set(tenant.0),
        starts_on: Set(b.from),
        ends_on: Set(b.to),
        reason: Set(b.reason.clone()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn delete_blackout(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<bool, DbErr> {
    let res = Blackouts::delete_many()
        .filter(B::TenantId.eq(tenant.0))
        .filter(B::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// The authority's full rules: its state, its stored working time and its blackouts.
pub async fn rules(
    db: &impl ConnectionTrait,
    t: &tenant::Model,
) -> Result<WorkingTimeRules, DbErr> {
    let tid = TenantId(t.id);
    let w = working_time(db, tid).await?;
    let blackouts = blackouts(db, tid)
        .await?
        .into_iter()
        .map(|b| Blackout {
            from: b.starts_on,
            to: b.ends_on,
            reason: b.reason,
        })
        .collect();
    Ok(WorkingTimeRules {
        state: state_of(t),
        core_start: w.core_start,
        core_end: w.core_end,
        workdays: w.workdays,
        closure_days: w.closure_days,
        blackouts,
    })
}

/// Whether `d` lies inside a blackout (for listing).
pub fn in_blackout(blackouts: &[blackout::Model], d: NaiveDate) -> Option<&blackout::Model> {
    blackouts
        .iter()
        .find(|b| b.starts_on <= d && d <= b.ends_on)
}
