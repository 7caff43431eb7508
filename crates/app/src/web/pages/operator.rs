//! The instance operator's pages: the authorities on the instance (create, configure,
//! suspend) and the instance's health. No authority's personal data appears here.

use amtfluencer_domain::types::{FederalState, Slug, required_text};
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::{self, entities::tenant};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;
use crate::web::session::Viewer;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/operator", get(show_instance))
        .route("/operator/tenants/new", get(new_tenant).post(create_tenant))
        .route(
            "/operator/tenants/{slug}",
            get(edit_tenant).post(update_tenant),
        )
        .route("/operator/tenants/{slug}/suspend", post(suspend_tenant))
        .route("/operator/tenants/{slug}/resume", post(resume_tenant))
}

/// The signed-in instance operator; anyone else gets 404.
pub struct Operator(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for Operator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let v = Viewer::from_request_parts(parts, state).await?;
        if v.user.is_operator {
            Ok(Self(v))
        } else {
            Err(AppError::NotFound)
        }
    }
}

#[derive(Template)]
#[template(path = "operator/index.html")]
struct InstancePage {
    ctx: PageCtx,
    tenants: Vec<(tenant::Model, i64)>,
    database: String,
    db_ok: bool,
    jobs: Vec<(String, i64)>,
    version: &'static str,
}

async fn show_instance(
    State(state): State<AppState>,
    ctx: PageCtx,
    _op: Operator,
) -> Result<Response, AppError> {
    let tenants = db::tenants::list_with_member_counts(&state.db).await?;
    let jobs = db::jobs::count_by_status(&state.db).await?;
    let database = if state.config.is_sqlite() {
        "SQLite"
    } else {
        "PostgreSQL"
    }
    .to_owned();
    Ok(page(&InstancePage {
        ctx: ctx.for_operator(),
        tenants,
        database,
        db_ok: db::ping(&state.db).await,
        jobs: ["queued", "running", "done", "dead"]
            .iter()
            .map(|s| {
                (
                    s.to_string(),
                    jobs.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
                )
            })
            .collect(),
        version: env!("CARGO_PKG_VERSION"),
    }))
}

#[derive(Deserialize, Default, Clone)]
struct TenantForm {
    #[serde(default)]
    slug: String,
    name: String,
    state: String,
    time_zone: String,
}

#[derive(Template)]
#[template(path = "operator/tenant.html")]
struct TenantPage {
    ctx: PageCtx,
    /// None while creating.
    existing: Option<tenant::Model>,
    form: TenantForm,
    errors: Vec<(&'static str, String)>,
    states: Vec<(&'static str, &'static str)>,
}

impl TenantPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn states() -> Vec<(&'static str, &'static str)> {
    FederalState::ALL
        .iter()
        .map(|s| (s.as_str(), s.name_de()))
        .collect()
}

fn form_page(
    ctx: PageCtx,
    existing: Option<tenant::Model>,
    form: TenantForm,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = page(&TenantPage {
        ctx: ctx.for_operator(),
        existing,
        form,
        errors,
        states: states(),
    });
    *res.status_mut() = status;
    res
}

async fn new_tenant(ctx: PageCtx, _op: Operator) -> Response {
    let form = TenantForm {
        state: "NW".into(),
        time_zone: "Europe/Berlin".into(),
        ..Default::default()
    };
    form_page(ctx, None, form, Vec::new())
}

/// The checked settings, or the messages for the fields that are wrong.
fn check(
    ctx: &PageCtx,
    f: &TenantForm,
) -> Result<db::tenants::TenantChanges, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let name = required_text(&f.name, 200)
        .map_err(|_| errors.push(("name", ctx.t("operator-error-name"))));
    let state = f
        .state
        .parse::<FederalState>()
        .map_err(|_| errors.push(("state", ctx.t("operator-error-state"))));
    let tz_ok = crate::localtime::is_known_zone(f.time_zone.trim());
    if !tz_ok {
        errors.push(("time_zone", ctx.t("operator-error-time-zone")));
    }
    match (name, state) {
        (Ok(name), Ok(federal_state)) if tz_ok => Ok(db::tenants::TenantChanges {
            name,
            federal_state,
            time_zone: f.time_zone.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

async fn create_tenant(
    State(state): State<AppState>,
    ctx: PageCtx,
    op: Operator,
    Form(f): Form<TenantForm>,
) -> Result<Response, AppError> {
    let slug = match Slug::parse(&f.slug) {
        Ok(s) if db::tenants::by_slug(&state.db, s.as_str()).await?.is_some() => {
            Err("operator-error-slug-taken")
        }
        Ok(s) => Ok(s),
        Err(_) => Err("operator-error-slug"),
    };
    match (slug, check(&ctx, &f)) {
        (Ok(slug), Ok(c)) => {
            let new = db::tenants::NewTenant {
                slug,
                name: c.name,
                federal_state: c.federal_state,
                time_zone: c.time_zone,
            };
            let t = db::tenants::create(&state.db, new).await?;
            audit(&state, &op, &t, "tenant.created").await?;
            Ok(Redirect::to("/operator").into_response())
        }
        (slug, checked) => {
            let mut errors = checked.err().unwrap_or_default();
            if let Err(key) = slug {
                errors.insert(0, ("slug", ctx.t(key)));
            }
            Ok(form_page(ctx, None, f, errors))
        }
    }
}

async fn find(state: &AppState, slug: &str) -> Result<tenant::Model, AppError> {
    db::tenants::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

async fn edit_tenant(
    State(state): State<AppState>,
    ctx: PageCtx,
    _op: Operator,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let t = find(&state, &slug).await?;
    let form = TenantForm {
        slug: t.slug.clone(),
        name: t.name.clone(),
        state: t.federal_state.clone(),
        time_zone: t.time_zone.clone(),
    };
    Ok(form_page(ctx, Some(t), form, Vec::new()))
}

async fn update_tenant(
    State(state): State<AppState>,
    ctx: PageCtx,
    op: Operator,
    Path(slug): Path<String>,
    Form(f): Form<TenantForm>,
) -> Result<Response, AppError> {
    let t = find(&state, &slug).await?;
    match check(&ctx, &f) {
        Ok(c) => {
            db::tenants::update(&state.db, t.id, c).await?;
            audit(&state, &op, &t, "tenant.updated").await?;
            Ok(Redirect::to("/operator").into_response())
        }
        Err(errors) => Ok(form_page(ctx, Some(t), f, errors)),
    }
}

async fn suspend_tenant(
    State(state): State<AppState>,
    op: Operator,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let t = find(&state, &slug).await?;
    db::tenants::set_suspended(&state.db, t.id, true).await?;
    audit(&state, &op, &t, "tenant.suspended").await?;
    Ok(Redirect::to(&format!("/operator/tenants/{slug}")).into_response())
}

async fn resume_tenant(
    State(state): State<AppState>,
    op: Operator,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let t = find(&state, &slug).await?;
    db::tenants::set_suspended(&state.db, t.id, false).await?;
    audit(&state, &op, &t, "tenant.resumed").await?;
    Ok(Redirect::to(&format!("/operator/tenants/{slug}")).into_response())
}

/// Operator actions are logged in the authority's own log, visible to its team and council.
async fn audit(
    state: &AppState,
    op: &Operator,
    t: &tenant::Model,
    action: &'static str,
) -> Result<(), AppError> {
    db::audit::record(
        &state.db,
        Some(TenantId(t.id)),
        db::audit::Entry {
            actor_user_id: Some(op.0.user.id),
            action,
            object_type: "tenant",
            object_id: Some(t.slug.clone()),
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}
