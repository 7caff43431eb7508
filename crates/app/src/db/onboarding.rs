//! The onboarding facts of many people at once: three queries for a whole list instead of
//! several per person (see `ambassadors::onboarding_facts` for one person; both read the same
//! records and must agree, which a test checks).

use std::collections::HashSet;

use amtfluencer_domain::onboarding::Facts;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};

use super::ambassadors::CURRENT_CONSENT_VERSION;
use super::entities::ambassador;
use crate::tenancy::TenantId;

/// Facts for each person, in the order given.
pub async fn facts_all(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    people: &[ambassador::Model],
) -> Result<Vec<Facts>, DbErr> {
    let guidelines = super::guidelines::current(db, tenant).await?;
    let consents = Query::select()
        .columns(["ambassador_id", "kind", "text_version"])
        .from("consents")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("withdrawn_at").is_null())
        .and_where(Expr::col("ambassador_id").is_not_null())
        .and_where(Expr::col("kind").is_in(["participation", "guidelines"]))
        .to_owned();
    let mut participation = HashSet::new();
    let mut acknowledged = HashSet::new();
    for row in db.query_all(&consents).await? {
        let id: i64 = row.try_get("", "ambassador_id")?;
        let kind: String = row.try_get("", "kind")?;
        let version: String = row.try_get("", "text_version")?;
        match kind.as_str() {
            "participation" if version == CURRENT_CONSENT_VERSION => {
                participation.insert(id);
            }
            "guidelines" if guidelines.as_ref().is_some_and(|g| g.version == version) => {
                acknowledged.insert(id);
            }
            _ => {}
        }
    }
    let attended_q = Query::select()
        .column(("attendance", "ambassador_id"))
        .column(("events", "kind"))
        .from("attendance")
        .inner_join(
            "events",
            Expr::col(("events", "id")).equals(("attendance", "event_id")),
        )
        .and_where(Expr::col(("attendance", "tenant_id")).eq(tenant.0))
        .and_where(Expr::col(("attendance", "attended")).eq(true))
        .and_where(Expr::col(("attendance", "ambassador_id")).is_not_null())
        .to_owned();
    let mut attended: HashSet<(i64, String)> = HashSet::new();
    for row in db.query_all(&attended_q).await? {
        attended.insert((row.try_get("", "ambassador_id")?, row.try_get("", "kind")?));
    }
    let posted_q = Query::select()
        .distinct()
        .column("ambassador_id")
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("status").eq("published"))
        .to_owned();
    let mut posted = HashSet::new();
    for row in db.query_all(&posted_q).await? {
        posted.insert(row.try_get::<i64>("", "ambassador_id")?);
    }
    let went = |id: i64, kind: &str| attended.contains(&(id, kind.to_owned()));
    Ok(people
        .iter()
        .map(|p| Facts {
            consent_current: participation.contains(&p.id),
            guidelines_current: guidelines.is_none() || acknowledged.contains(&p.id),
            info_event_attended: went(p.id, "info_event"),
            photo_workshop_attended: went(p.id, "kickoff_photo"),
            text_workshop_attended: went(p.id, "kickoff_text"),
            profile_checked: p.linkedin_url.is_some(),
            first_post_published: posted.contains(&p.id),
        })
        .collect())
}
