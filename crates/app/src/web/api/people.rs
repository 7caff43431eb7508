//! `/api/v1/people`: the Amtfluencer of the authority with their onboarding (the programme
//! team), and the CSV import as a preview or, with `commit=true`, applied.

use amtfluencer_domain::onboarding::{Step, checklist};
use amtfluencer_domain::people_import;
use amtfluencer_domain::permissions::Permission;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Multipart, Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::db::{self, entities::ambassador, roster::Action};
use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    paths(list_people, show_person, import_people),
    components(schemas(Person, OnboardingStep, ImportReport, ImportRow))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/people", get(list_people))
        .route("/api/v1/people/{id}", get(show_person))
        .route(
            "/api/v1/people/import",
            post(import_people).layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
        )
}

/// An Amtfluencer as the programme team sees them.
#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub department: String,
    pub job_title: String,
    /// employee, apprentice or working_student.
    pub track: String,
    /// candidate, onboarding, active, paused or alumni.
    pub status: String,
    pub cohort_id: Option<i64>,
    pub paused_until: Option<chrono::NaiveDate>,
    /// Posts a month the person aims for.
    pub monthly_goal: i32,
    pub linkedin_url: Option<String>,
    pub public_profile: bool,
    /// The onboarding checklist, derived from records (consents, attendance, posts).
    pub onboarding: Vec<OnboardingStep>,
}

#[derive(Serialize, ToSchema)]
pub struct OnboardingStep {
    /// consent, guidelines, info_event, photo_workshop, text_workshop, profile, first_post.
    pub step: String,
    pub done: bool,
}

fn step_id(s: Step) -> &'static str {
    match s {
        Step::Consent => "consent",
        Step::Guidelines => "guidelines",
        Step::InfoEvent => "info_event",
        Step::PhotoWorkshop => "photo_workshop",
        Step::TextWorkshop => "text_workshop",
        Step::Profile => "profile",
        Step::FirstPost => "first_post",
    }
}

fn person(a: ambassador::Model, facts: &amtfluencer_domain::onboarding::Facts) -> Person {
    Person {
        onboarding: checklist(facts)
            .into_iter()
            .map(|(s, done)| OnboardingStep {
                step: step_id(s).to_owned(),
                done,
            })
            .collect(),
        id: a.id,
        first_name: a.first_name,
        last_name: a.last_name,
        email: a.email,
        department: a.department,
        job_title: a.job_title,
        track: a.track,
        status: a.status,
        cohort_id: a.cohort_id,
        paused_until: a.paused_until,
        monthly_goal: a.monthly_goal,
        linkedin_url: a.linkedin_url,
        public_profile: a.public_profile,
    }
}

#[utoipa::path(get, path = "/api/v1/people", tag = "programme",
    responses((status = 200, body = Vec<Person>), (status = 403, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_people(
    State(state): State<AppState>,
    api: ApiMember,
) -> Result<Json<Vec<Person>>, AppError> {
    api.require(Permission::ManageProgramme)?;
    let tenant = api.member.tenant_id();
    let people = db::ambassadors::list(&state.db, tenant).await?;
    let facts = db::onboarding::facts_all(&state.db, tenant, &people).await?;
    Ok(Json(
        people
            .into_iter()
            .zip(facts.iter())
            .map(|(a, f)| person(a, f))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "programme",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 200, body = Person), (status = 404, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show_person(
    State(state): State<AppState>,
    api: ApiMember,
    Path(id): Path<i64>,
) -> Result<Json<Person>, AppError> {
    api.require(Permission::ManageProgramme)?;
    let tenant = api.member.tenant_id();
    let a = db::ambassadors::get(&state.db, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts = db::ambassadors::onboarding_facts(&state.db, tenant, &a).await?;
    Ok(Json(person(a, &facts)))
}

#[derive(Deserialize)]
pub struct ImportQuery {
    #[serde(default)]
    commit: bool,
}

/// What an import does (or did, with `commit=true`), row by row.
#[derive(Serialize, ToSchema)]
pub struct ImportReport {
    pub committed: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: usize,
    pub rows: Vec<ImportRow>,
}

#[derive(Serialize, ToSchema)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub email: Option<String>,
    /// create, update, unchanged or error.
    pub outcome: String,
    /// Changed fields (update) or problems as `column: message` (error), in German.
    pub details: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/people/import", tag = "programme",
    params(("commit" = Option<bool>, Query, description = "Apply the import; without it, only the report")),
    request_body(content_type = "multipart/form-data", description = "The CSV file in the field `file`"),
    responses((status = 200, body = ImportReport), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn import_people(
    State(state): State<AppState>,
    api: ApiMember,
    Query(q): Query<ImportQuery>,
    mut multipart: Multipart,
) -> Result<Json<ImportReport>, AppError> {
    api.require(Permission::ManageProgramme)?;
    if q.commit {
        api.require_write()?;
    }
    let mut bytes = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        if field.name() == Some("file") {
            bytes = Some(
                field
                    .bytes()
                    .await
                    .map_err(|e| AppError::BadRequest(e.body_text()))?,
            );
        }
    }
    let invalid = |detail: String| {
        AppError::Validation(vec![crate::error::FieldError {
            field: Some("file".into()),
            detail,
        }])
    };
    let bytes = bytes.ok_or_else(|| invalid("no file in the field `file`".into()))?;
    let mut rows = people_import::read(&bytes)
        .map_err(|p| invalid(format!("{p:?}")))?
        .1;
    people_import::flag_duplicates(&mut rows);
    let tenant = api.member.tenant_id();
    let plan = db::roster::plan(&state.db, tenant, rows).await?;
    let i18n = &state.i18n;
    let de = |key: &str| i18n.tr(crate::i18n::Lang::De, key);
    let report_rows = plan
        .rows
        .iter()
        .map(|r| {
            let (outcome, details) = match &r.action {
                Action::Create => ("create", vec![]),
                Action::Unchanged => ("unchanged", vec![]),
                Action::Update { fields, .. } => {
                    ("update", fields.iter().map(|f| de(f.key())).collect())
                }
                Action::Invalid(ps) => (
                    "error",
                    ps.iter()
                        .map(|p| format!("{}: {}", de(p.column.key()), de(p.key)))
                        .collect(),
                ),
            };
            ImportRow {
                line: r.line,
                email: r.person.as_ref().map(|p| p.email.to_string()),
                outcome: outcome.to_owned(),
                details,
            }
        })
        .collect();
    let committed = q.commit && !plan.has_errors() && plan.has_changes();
    if committed {
        let txn = state.db.begin().await?;
        let done = db::roster::apply(&txn, tenant, &plan).await?;
        let details =
            serde_json::json!({ "created": done.created, "updated": done.updated, "via": "api" });
        db::audit::by_member(&txn, &api.member, "people.imported", "import", 0, details).await?;
        txn.commit().await?;
    }
    Ok(Json(ImportReport {
        committed,
        created: plan.count(|a| matches!(a, Action::Create)),
        updated: plan.count(|a| matches!(a, Action::Update { .. })),
        unchanged: plan.count(|a| matches!(a, Action::Unchanged)),
        errors: plan.count(|a| matches!(a, Action::Invalid(_))),
        rows: report_rows,
    }))
}
