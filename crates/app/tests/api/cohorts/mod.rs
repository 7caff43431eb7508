//! Cohorts: the decision step (leadership only, on a submitted evaluation, once, with reasons),
//! status steps, the cohort form, and the budget in euros — all through the router.

mod budget;
mod decision;
mod form;

use amtfluencer::db::{self, entities::cohort};
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::support::TestApp;

pub const ADMIN: &str = "admin@musterstadt.example";
pub const LEADERSHIP: &str = "leadership@musterstadt.example";
pub const COUNCIL: &str = "council@musterstadt.example";
pub const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";

pub async fn tenant(app: &TestApp) -> TenantId {
    TenantId(
        db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap()
            .id,
    )
}

/// The demo's cohort with this name.
pub async fn cohort_named(app: &TestApp, name: &str) -> cohort::Model {
    db::cohorts::list(&app.tdb.db, tenant(app).await)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap()
}

pub async fn reload(app: &TestApp, id: i64) -> cohort::Model {
    db::cohorts::get(&app.tdb.db, tenant(app).await, id)
        .await
        .unwrap()
        .unwrap()
}

pub async fn audit_count(app: &TestApp, action: &str) -> u64 {
    db::entities::audit_entry::Entity::find()
        .filter(db::entities::audit_entry::Column::Action.eq(action))
        .count(&app.tdb.db)
        .await
        .unwrap()
}

pub async fn as_user(app: &mut TestApp, email: &str) {
    app.cookies.remove("amtf_session");
    assert_eq!(
        app.login(email).await.status,
        StatusCode::SEE_OTHER,
        "{email}"
    );
}

/// The demo's pilot cohort and one of its cost items: the cohort routes are walked with real
/// ids, so that their pages render for every role that may see them.
pub async fn pilot_and_cost(app: &TestApp) -> (i64, i64) {
    let pilot = cohort_named(app, "Pilotrunde 2026").await.id;
    let costs = db::costs::list_for_cohort(&app.tdb.db, tenant(app).await, pilot)
        .await
        .unwrap();
    (pilot, costs[0].id)
}

/// A cohort (being evaluated, its evaluation submitted) and a cost item of authority `b`.
pub async fn cohort_and_cost_of(db: &sea_orm::DatabaseConnection, b: TenantId) -> (i64, i64) {
    use amtfluencer_domain::programme::{CohortStatus as S, CostCategory};
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let c = db::cohorts::create(
        db,
        b,
        db::cohorts::CohortFields {
            name: "Nachbar-Pilot".into(),
            phase: "Pilot".into(),
            starts_on: day("2026-01-01"),
            ends_on: day("2026-06-30"),
        },
    )
    .await
    .unwrap();
    for (from, to) in [(S::Planned, S::Running), (S::Running, S::Evaluating)] {
        assert!(
            db::cohorts::change_status(db, b, c.id, from, to)
                .await
                .unwrap()
        );
    }
    assert!(
        db::cohorts::submit_evaluation(db, b, c.id, db::now())
            .await
            .unwrap()
    );
    let cost = db::costs::add(
        db,
        b,
        c.id,
        db::costs::NewCost {
            category: CostCategory::Training,
            description: "Nachbar-Webinar".into(),
            amount_cents: 100_000,
            spent_on: day("2026-02-01"),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    (c.id, cost.id)
}
