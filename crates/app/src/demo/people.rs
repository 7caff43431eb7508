//! The demo's people, cohorts, candidates, events, costs and topics.

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use anyhow::Context;
use chrono::{NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Value};

use super::content::{self, AMBASSADORS, CANDIDATES};
use super::date;
use crate::db::{self, bulk::insert_rows, entities::cohort, now};
use crate::tenancy::TenantId;

pub struct Cohorts {
    pub pilot: i64,
    pub next: i64,
}

/// What the history generator needs to know about an ambassador.
pub struct AmbassadorRef {
    pub id: i64,
    pub activity: u8,
    pub goal: u8,
    pub prefers_construction: bool,
}

/// `vorname.nachname@musterstadt.example`, transliterated; copies beyond the first get a number.
pub fn email_for(first: &str, last: &str, copy: u32) -> String {
    let mut local = String::new();
    for c in format!("{first}.{last}").to_lowercase().chars() {
        match c {
            'ä' => local.push_str("ae"),
            'ö' => local.push_str("oe"),
            'ü' => local.push_str("ue"),
            'ß' => local.push_str("ss"),
            'ı' | 'í' | 'ì' | 'î' => local.push('i'),
            'ş' | 'ś' | 'š' => local.push('s'),
            'ç' | 'ć' | 'č' => local.push('c'),
            'ğ' => local.push('g'),
            'é' | 'è' | 'ê' | 'ë' => local.push('e'),
            'á' | 'à' | 'â' => local.push('a'),
            'ó' | 'ò' | 'ô' => local.push('o'),
            'ł' => local.push('l'),
            'ń' | 'ñ' => local.push('n'),
            'ż' | 'ź' | 'ž' => local.push('z'),
            c if c.is_ascii_alphanumeric() || c == '.' || c == '-' => local.push(c),
            _ => {}
        }
    }
    if copy > 1 {
        local.push_str(&copy.to_string());
    }
    format!("{local}@musterstadt.example")
}

pub async fn cohorts(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    _leadership: i64,
) -> anyhow::Result<Cohorts> {
    let t = now();
    let mut ids = Vec::new();
    for (name, phase, from, to, status, submitted) in [
        (
            "Pilotrunde 2026",
            "Pilot",
            "2026-02-01",
            "2026-07-31",
            "evaluating",
            true,
        ),
        (
            "Amtfluencer 2.0",
            "2.0",
            "2027-02-01",
            "2027-07-31",
            "planned",
            false,
        ),
    ] {
        let m = cohort::ActiveModel {
            tenant_id: Set(tid.0),
            name: Set(name.to_owned()),
            phase: Set(phase.to_owned()),
            starts_on: Set(date(from)?),
            ends_on: Set(date(to)?),
            status: Set(status.to_owned()),
            evaluation_submitted_at: Set(submitted.then_some(t)),
            decision: Set(None),
            decision_comment: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        };
        ids.push(cohort::Entity::insert(m).exec(txn).await?.last_insert_id);
    }
    Ok(Cohorts {
        pilot: ids[0],
        next: ids[1],
    })
}

/// Ids of a tenant's rows in insertion order.
pub async fn ids_of(
    txn: &impl ConnectionTrait,
    table: &'static str,
    tid: TenantId,
) -> anyhow::Result<Vec<i64>> {
    let stmt = Query::select()
        .column("id")
        .from(table)
        .and_where(Expr::col("tenant_id").eq(tid.0))
        .order_by("id", sea_orm::Order::Asc)
        .to_owned();
    let rows = txn.query_all(&stmt).await?;
    rows.iter()
        .map(|r| r.try_get_by_index::<i64>(0).map_err(Into::into))
        .collect()
}

pub async fn ambassadors(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    pilot: i64,
    scale: u32,
    hash: &str,
) -> anyhow::Result<Vec<AmbassadorRef>> {
    let t = now();
    let mut rows = Vec::new();
    let mut refs = Vec::new();
    for copy in 1..=scale {
        for (i, p) in AMBASSADORS.iter().enumerate() {
            let email = email_for(p.first_name, p.last_name, copy);
            let user_id = if copy == 1 {
                let e = Email::parse(&email).context("demo email")?;
                let u = db::users::create(
                    txn,
                    db::users::NewUser {
                        email: &e,
                        display_name: &format!("{} {}", p.first_name, p.last_name),
                        password_hash: Some(hash.to_owned()),
                        is_operator: false,
                    },
                )
                .await?;
                db::users::add_membership(txn, tid, u.id, Role::Ambassador).await?;
                Some(u.id)
            } else {
                None
            };
            // One person has paused ("Landunter"), the last one is still onboarding.
            let (status, paused_until) = match i {
                5 => ("paused", Some(date("2026-12-18")?)),
                17 => ("onboarding", None),
                _ => ("active", None),
            };
            let slug = email
                .split('@')
                .next()
                .unwrap_or_default()
                .replace('.', "-");
            rows.push(vec![
                Value::from(tid.0),
                p.first_name.into(),
                p.last_name.into(),
                email.into(),
                p.department.into(),
                p.job_title.into(),
                p.track.into(),
                p.gender.map(str::to_owned).into(),
                p.birth_year.map(i32::from).into(),
                user_id.into(),
                Value::from(pilot),
                status.into(),
                paused_until.into(),
                i32::from(p.monthly_goal).into(),
                Some(format!("https://www.linkedin.com/in/{slug}-musterstadt")).into(),
                p.bio.into(),
                serde_json::to_string(p.ask_me_about)?.into(),
                (i % 3 == 0).into(),
                t.into(),
                t.into(),
            ]);
            refs.push(AmbassadorRef {
                id: 0,
                activity: p.activity,
                goal: p.monthly_goal,
                prefers_construction: p.prefers_construction,
            });
        }
    }
    insert_rows(
        txn,
        "ambassadors",
        &[
            "tenant_id",
            "first_name",
            "last_name",
            "email",
            "department",
            "job_title",
            "track",
            "gender",
            "birth_year",
            "user_id",
            "cohort_id",
            "status",
            "paused_until",
            "monthly_goal",
            "linkedin_url",
            "bio",
            "ask_me_about",
            "public_profile",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    let ids = ids_of(txn, "ambassadors", tid).await?;
    for (r, id) in refs.iter_mut().zip(ids) {
        r.id = id;
    }
    consents(txn, tid, &refs).await?;
    Ok(refs)
}

async fn consents(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    people: &[AmbassadorRef],
) -> anyhow::Result<()> {
    let given = Utc.from_utc_datetime(&date("2026-01-20")?.and_time(NaiveTime::MIN));
    let mut rows = Vec::new();
    for (n, a) in people.iter().enumerate() {
        let seed = &AMBASSADORS[n % AMBASSADORS.len()];
        let minor =
            amtfluencer_domain::programme::may_be_minor(seed.birth_year.map(i32::from), 2026);
        let mut kinds = vec!["participation", "guidelines", "photos"];
        if n % 2 == 0 {
            kinds.push("figures_to_team");
        }
        if n % 3 == 0 {
            kinds.push("public_profile");
        }
        for kind in kinds {
            rows.push(vec![
                Value::from(tid.0),
                Value::from(a.id),
                kind.into(),
                content::CONSENT_TEXT_VERSION.into(),
                minor.into(),
                given.into(),
            ]);
        }
    }
    insert_rows(
        txn,
        "consents",
        &[
            "tenant_id",
            "ambassador_id",
            "kind",
            "text_version",
            "by_guardian",
            "given_at",
        ],
        rows,
    )
    .await?;
    Ok(())
}

pub async fn candidates(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    next: i64,
    admin: i64,
) -> anyhow::Result<()> {
    let t = now();
    let rows = CANDIDATES
        .iter()
        .map(|c| {
            vec![
                Value::from(tid.0),
                c.first_name.into(),
                c.last_name.into(),
                email_for(c.first_name, c.last_name, 1).into(),
                c.department.into(),
                c.job_title.into(),
                c.track.into(),
                c.gender.map(str::to_owned).into(),
                c.birth_year.map(i32::from).into(),
                Value::from(next),
                c.status.into(),
                c.self_nominated.into(),
                c.note.into(),
                t.into(),
                t.into(),
            ]
        })
        .collect();
    insert_rows(
        txn,
        "candidates",
        &[
            "tenant_id",
            "first_name",
            "last_name",
            "email",
            "department",
            "job_title",
            "track",
            "gender",
            "birth_year",
            "cohort_id",
            "status",
            "self_nominated",
            "team_note",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    let ids = ids_of(txn, "candidates", tid).await?;
    let noms = CANDIDATES
        .iter()
        .zip(&ids)
        .filter(|(c, _)| !c.self_nominated)
        .map(|(_, id)| {
            vec![
                Value::from(tid.0),
                Value::from(*id),
                Value::from(admin),
                "Vorgeschlagen vom Programmteam nach dem Netzwerktreffen.".into(),
                t.into(),
            ]
        })
        .collect();
    insert_rows(
        txn,
        "nominations",
        &[
            "tenant_id",
            "candidate_id",
            "nominated_by",
            "reason",
            "created_at",
        ],
        noms,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::email_for;

    #[test]
    fn demo_emails_are_plain_ascii() {
        assert_eq!(
            email_for("Mehmet", "Yıldırım", 1),
            "mehmet.yildirim@musterstadt.example"
        );
        assert_eq!(
            email_for("Jörg", "Weiß", 3),
            "joerg.weiss3@musterstadt.example"
        );
    }
}
