//! Short links for job postings and campaign pages. The programme team creates them (https
//! targets only), attributes them to a post and/or a topic, reads the clicks per link and
//! switches links off; anyone follows them through `/l/{code}` (see [`follow`]), which sets
//! no cookie and keeps only the hour of a click and the referring site.

mod detail;
pub mod follow;
mod list;

use amtfluencer_domain::links::{MAX_LABEL_CHARS, TargetError, TargetUrl};
use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::types::{ParseError, required_text};
use axum::Router;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::{self, links::NewLink};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/links",
            get(list::list_links).post(list::create_link),
        )
        .route(
            "/t/{slug}/links/{id}",
            get(detail::show_link).post(detail::update_link),
        )
        .route("/t/{slug}/links/{id}/archive", post(detail::archive_link))
        .route("/t/{slug}/links/{id}/restore", post(detail::restore_link))
}

/// `/t/{slug}/links/{id}…`
#[derive(Deserialize)]
pub struct LinkPath {
    pub slug: String,
    pub id: i64,
}

/// A link as typed; all text, so that a wrong value comes back as typed.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct LinkForm {
    pub label: String,
    pub target_url: String,
    pub post_id: String,
    pub topic_id: String,
}

impl LinkForm {
    pub fn of(link: &db::entities::short_link::Model) -> Self {
        Self {
            label: link.label.clone(),
            target_url: link.target_url.clone(),
            post_id: link.post_id.map(|i| i.to_string()).unwrap_or_default(),
            topic_id: link.topic_id.map(|i| i.to_string()).unwrap_or_default(),
        }
    }

    /// Checks the input; a post or topic must be one of this authority's.
    pub async fn check(
        &self,
        state: &AppState,
        ctx: &PageCtx,
        member: &Member,
    ) -> Result<Result<NewLink, FieldErrors>, AppError> {
        let tenant = member.tenant_id();
        let mut errors = FieldErrors::default();
        let label = match required_text(&self.label, MAX_LABEL_CHARS) {
            Ok(l) => Some(l),
            Err(ParseError::TooLong(_)) => {
                errors.add("label", ctx.t("links-error-label-long"));
                None
            }
            Err(_) => {
                errors.add("label", ctx.t("links-error-label"));
                None
            }
        };
        let target = TargetUrl::parse(&self.target_url)
            .map_err(|e| {
                let key = match e {
                    TargetError::Empty => "links-error-url-empty",
                    TargetError::TooLong => "links-error-url-long",
                    TargetError::Invalid => "links-error-url-invalid",
                    TargetError::NotHttps => "links-error-url-https",
                    TargetError::Credentials => "links-error-url-credentials",
                };
                errors.add("target_url", ctx.t(key));
            })
            .ok();
        let post_id = match optional_id(&self.post_id) {
            Ok(None) => None,
            Ok(Some(id)) if db::links::post_exists(&state.db, tenant, id).await? => Some(id),
            _ => {
                errors.add("post_id", ctx.t("links-error-post"));
                None
            }
        };
        let topic_id = match optional_id(&self.topic_id) {
            Ok(None) => None,
            Ok(Some(id)) if db::topics::get(&state.db, tenant, id).await?.is_some() => Some(id),
            _ => {
                errors.add("topic_id", ctx.t("links-error-topic"));
                None
            }
        };
        Ok(match (label, target) {
            (Some(label), Some(target)) if errors.is_empty() => Ok(NewLink {
                label,
                target,
                post_id,
                topic_id,
            }),
            _ => Err(errors),
        })
    }
}

/// "" is none; anything but a number is a mistake.
fn optional_id(s: &str) -> Result<Option<i64>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse().map(Some).map_err(|_| ())
}

/// The choices of the form: posts around today (and the current one) and the topics.
pub struct Choices {
    pub posts: Vec<(String, String)>,
    pub topics: Vec<(String, String)>,
}

pub async fn choices(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    keep_post: Option<i64>,
) -> Result<Choices, AppError> {
    let tenant = member.tenant_id();
    let posts = db::links::post_choices(&state.db, tenant, db::now(), keep_post)
        .await?
        .into_iter()
        .map(|p| {
            let when =
                p.at.map(|d| format_date(ctx.lang, d.date_naive()))
                    .unwrap_or_else(|| ctx.t("links-post-undated"));
            (
                p.id.to_string(),
                format!("{when} – {} – {}", p.author, p.excerpt),
            )
        })
        .collect();
    let topics = db::topics::list(&state.db, tenant)
        .await?
        .into_iter()
        .filter(|t| t.status != "merged")
        .map(|t| (t.id.to_string(), format!("{} ({})", t.title, t.category)))
        .collect();
    Ok(Choices { posts, topics })
}

/// The team's pages need the permission to run the programme.
pub fn require(member: &Member) -> Result<(), AppError> {
    member.require(Permission::ManageProgramme)
}

/// The public address of a link.
pub fn short_url(state: &AppState, code: &str) -> String {
    format!("{}/l/{code}", state.config.base_url.trim_end_matches('/'))
}

async fn audit(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    id: i64,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    db::audit::record(
        db,
        Some(member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action,
            object_type: "short_link",
            object_id: Some(id.to_string()),
            details,
        },
    )
    .await?;
    Ok(())
}
