//! The fictional demo authority "Stadt Musterstadt am Rhein": people, a pilot cohort, the
//! topic catalogue, events, costs and six months of posts and figures. Deterministic (fixed
//! seed), written in one transaction, and skipped when the authority exists already.
//! `scale` seeds the same authority N times larger for benchmarks.

pub mod content;
mod history;
mod links;
mod people;
mod programme;
pub mod rng;

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use anyhow::Context;
use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, TransactionTrait};

use crate::db;
use crate::tenancy::TenantId;

pub const SLUG: &str = "musterstadt";
pub const PASSWORD: &str = "amtfluencer-demo";
pub const OPERATOR_EMAIL: &str = "operator@amtfluencer.example";

/// The logins printed at start: (role, email).
pub fn logins() -> Vec<(&'static str, String)> {
    let mut v = vec![
        (
            "Programmteam (admin)",
            "admin@musterstadt.example".to_owned(),
        ),
        (
            "Verwaltungsspitze (leadership)",
            "leadership@musterstadt.example".to_owned(),
        ),
        (
            "Personalrat (council)",
            "council@musterstadt.example".to_owned(),
        ),
    ];
    if let Some(p) = content::AMBASSADORS.first() {
        v.push((
            "Amtfluencer (ambassador)",
            people::email_for(p.first_name, p.last_name, 1),
        ));
    }
    v.push(("Betrieb (operator)", OPERATOR_EMAIL.to_owned()));
    v
}

#[derive(Debug, Default)]
pub struct SeedReport {
    pub skipped: bool,
    pub ambassadors: usize,
    pub posts: usize,
    pub snapshots: usize,
    pub page_days: usize,
}

/// Seeds the demo authority unless it exists. `scale` ≥ 1.
pub async fn seed(db: &DatabaseConnection, scale: u32) -> anyhow::Result<SeedReport> {
    let scale = scale.max(1);
    if db::tenants::by_slug(db, SLUG).await?.is_some() {
        return Ok(SeedReport {
            skipped: true,
            ..Default::default()
        });
    }
    // One hash for all demo accounts: hashing 20 times would only slow the start down.
    let hash = crate::auth::password::hash(PASSWORD.to_owned()).await?;
    let txn = db.begin().await?;
    let tenant = db::tenants::create(
        &txn,
        db::tenants::NewTenant {
            slug: Slug::parse(SLUG).context("demo slug")?,
            name: content::AUTHORITY_NAME.to_owned(),
            federal_state: FederalState::NW,
            time_zone: "Europe/Berlin".to_owned(),
        },
    )
    .await?;
    let tid = TenantId(tenant.id);
    let staff = staff_accounts(&txn, tid, &hash).await?;
    let cohorts = people::cohorts(&txn, tid, staff.leadership).await?;
    let ambassadors = people::ambassadors(&txn, tid, cohorts.pilot, scale, &hash).await?;
    people::candidates(&txn, tid, cohorts.next, staff.admin).await?;
    programme::events(&txn, tid, &cohorts, &ambassadors).await?;
    programme::costs(&txn, tid, cohorts.pilot).await?;
    let topics = programme::topics(&txn, tid).await?;
    db::guidelines::insert(
        &txn,
        tid,
        content::CONSENT_TEXT_VERSION,
        content::GUIDELINES_TITLE,
        content::GUIDELINES_BODY,
        Some(staff.admin),
    )
    .await?;
    let h = history::seed(&txn, tid, scale, &ambassadors, &topics).await?;
    if let Some(first) = ambassadors.first() {
        links::seed(&txn, tid, first.id, &topics).await?;
    }
    txn.commit().await?;
    Ok(SeedReport {
        skipped: false,
        ambassadors: ambassadors.len(),
        posts: h.posts,
        snapshots: h.snapshots,
        page_days: h.page_days,
    })
}

struct Staff {
    admin: i64,
    leadership: i64,
}

async fn staff_accounts(
    txn: &impl sea_orm::ConnectionTrait,
    tid: TenantId,
    hash: &str,
) -> anyhow::Result<Staff> {
    let mut ids = Vec::new();
    for (email, name, role) in [
        ("admin@musterstadt.example", "Sabine Krüger", Role::Admin),
        (
            "leadership@musterstadt.example",
            "Dr. Frank Albers",
            Role::Leadership,
        ),
        ("council@musterstadt.example", "Petra Vogt", Role::Council),
    ] {
        let email = Email::parse(email).context("demo email")?;
        let u = db::users::create(
            txn,
            db::users::NewUser {
                email: &email,
                display_name: name,
                password_hash: Some(hash.to_owned()),
                is_operator: false,
            },
        )
        .await?;
        db::users::add_membership(txn, tid, u.id, role).await?;
        ids.push(u.id);
    }
    let op = Email::parse(OPERATOR_EMAIL).context("demo email")?;
    if db::users::by_email(txn, &op).await?.is_none() {
        db::users::create(
            txn,
            db::users::NewUser {
                email: &op,
                display_name: "Kommunales Rechenzentrum (Betrieb)",
                password_hash: Some(hash.to_owned()),
                is_operator: true,
            },
        )
        .await?;
    }
    Ok(Staff {
        admin: ids[0],
        leadership: ids[1],
    })
}

/// A calendar date from the fixed demo content.
pub(crate) fn date(s: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").with_context(|| format!("demo date {s}"))
}
