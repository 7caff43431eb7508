//! The studio settings of an authority: its inclusive-language style for the text checks
//! (some states forbid gender characters in official texts, so "off" and pair forms are
//! there), and whether posts get a second look: never (the default), on marked topics, or
//! always.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::studio::InclusiveStyle;
use amtfluencer_domain::studio::ready::ReviewPolicy;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;

use crate::db::{self, reviews};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::layout::PageCtx;
use crate::web::render::page;

pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

pub struct TopicBox {
    pub id: i64,
    pub title: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "reviews/settings.html")]
struct SettingsPage {
    ctx: PageCtx,
    styles: Vec<Choice>,
    policies: Vec<Choice>,
    topics: Vec<TopicBox>,
    saved: bool,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    axum::extract::Query(q): axum::extract::Query<Saved>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let tenant = member.tenant_id();
    let s = reviews::StudioSettings::of(&member.tenant);
    let marked = reviews::review_topics(&state.db, tenant).await?;
    let topics = db::topics::list(&state.db, tenant)
        .await?
        .into_iter()
        .filter(|t| t.status != "archived" && t.status != "merged")
        .map(|t| TopicBox {
            checked: marked.contains(&t.id),
            id: t.id,
            title: t.title,
        })
        .collect();
    let styles = InclusiveStyle::ALL
        .iter()
        .map(|v| Choice {
            value: v.as_str(),
            label: ctx.t(&format!("studio-style-{}", v.as_str())),
            selected: *v == s.inclusive_style,
        })
        .collect();
    let policies = ReviewPolicy::ALL
        .iter()
        .map(|v| Choice {
            value: v.as_str(),
            label: ctx.t(&format!("review-policy-{}", v.as_str())),
            selected: *v == s.review,
        })
        .collect();
    Ok(page(&SettingsPage {
        styles,
        policies,
        topics,
        saved: q.saved.is_some(),
        ctx: ctx.for_member(&member),
    }))
}

pub async fn save(
    State(state): State<AppState>,
    member: Member,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let one = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
    let settings = reviews::StudioSettings {
        inclusive_style: one("inclusive_style")
            .parse()
            .map_err(|_| bad("inclusive_style"))?,
        review: one("review").parse().map_err(|_| bad("review"))?,
    };
    let topics: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "topic")
        .map(|(_, v)| v.parse().map_err(|_| bad("topic")))
        .collect::<Result<_, _>>()?;
    let tenant = member.tenant_id();
    let txn = state.db.begin().await?;
    reviews::save_settings(&txn, &member.tenant, settings).await?;
    reviews::set_review_topics(&txn, tenant, &topics).await?;
    let details = serde_json::json!({
        "inclusive_style": settings.inclusive_style.as_str(),
        "review": settings.review.as_str(),
        "topics": topics,
    });
    db::audit::by_member(
        &txn,
        &member,
        "settings.studio",
        "tenant",
        tenant.0,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{slug}/settings/studio?saved=1")).into_response())
}
