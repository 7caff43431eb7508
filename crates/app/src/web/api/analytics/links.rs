//! Short-link clicks in the analytics API, under the rules of the pages: clicks on the
//! authority's own links (no post attributed) are the authority's figure; clicks on a link in
//! a post are its author's figure, per link only for the author and, with the author's
//! consent, for the programme team, and in sums only over at least five people. Leadership
//! and the council get the sums (`summary`, `topics`) and no per-link figures.

use amtfluencer_domain::links::Clicks;
use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::privacy::{AggregateAccess, Shown, Viewer};
use axum::Json;
use axum::extract::{Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::range;
use crate::db::{self, analytics::Range, entities::short_link::Model as Link};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::api::auth::ApiMember;
use crate::web::pages::analytics::RangeQuery;
use crate::web::pages::links::short_url;

/// Clicks on short links in a month or a topic.
#[derive(Serialize, ToSchema)]
pub struct ClickFigures {
    /// Clicks on the authority's own links (job postings, campaign pages: no post attributed).
    pub campaign: i64,
    /// Clicks on links in posts, summed over at least five people; `null` when the clicked
    /// links are in the posts of one to four people.
    pub posts: Option<i64>,
    /// `true` when the clicks on links in posts are left out for that reason.
    pub posts_suppressed: bool,
}

pub fn click_figures(c: &Clicks) -> ClickFigures {
    let (posts, posts_suppressed) = match c.posts {
        Shown::Value(n) => (Some(n), false),
        // No link in a post was clicked: a zero that points at nobody.
        Shown::Suppressed { people: 0 } => (Some(0), false),
        Shown::Suppressed { .. } => (None, true),
    };
    ClickFigures {
        campaign: c.campaign,
        posts,
        posts_suppressed,
    }
}

/// The period's clicks as the programme dashboard states them.
#[derive(Serialize, ToSchema)]
pub struct ClickTotal {
    /// Clicks on the authority's own links plus the clicks on links in posts of the months
    /// that show them.
    pub shown: i64,
    /// `true` when some month's clicks on links in posts are left out (fewer than five people).
    pub partial: bool,
}

/// The sum of what the months show: never a figure that a left-out month could be read from.
pub fn click_total(months: &[(NaiveDate, Clicks)]) -> ClickTotal {
    ClickTotal {
        shown: months
            .iter()
            .map(|(_, c)| c.campaign + c.posts.value().copied().unwrap_or(0))
            .sum(),
        partial: months
            .iter()
            .any(|(_, c)| matches!(c.posts, Shown::Suppressed { people } if people > 0)),
    }
}

/// The clicks on the links of one topic (its own or its posts').
#[derive(Serialize, ToSchema)]
pub struct TopicClickFigures {
    pub title: String,
    /// Links attributed to the topic, directly or through their post.
    pub links: usize,
    pub clicks: ClickFigures,
}

/// A short link with its clicks in the period, where the caller may see them.
#[derive(Serialize, ToSchema)]
pub struct LinkFigures {
    pub id: i64,
    pub code: String,
    pub label: String,
    /// The public address (`<base_url>/l/<code>`).
    pub short_url: String,
    pub target_url: String,
    /// The post the link is in; its clicks are then the post's author's figure.
    pub post_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// Switched off: the link no longer redirects.
    pub archived: bool,
    /// Clicks in the period; `null` when withheld.
    pub clicks: Option<i64>,
    /// `true` for a link in the post of a person who does not share their figures with the
    /// programme team: its clicks appear only in sums over at least five people.
    pub withheld: bool,
}

#[derive(Serialize, ToSchema)]
pub struct LinksAnswer {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Newest first. The team: every link of the authority; an Amtfluencer: the links in
    /// their own posts.
    pub links: Vec<LinkFigures>,
}

fn link_figures(state: &AppState, link: Link, clicks: Option<i64>) -> LinkFigures {
    LinkFigures {
        short_url: short_url(state, &link.code),
        id: link.id,
        code: link.code,
        label: link.label,
        target_url: link.target_url,
        post_id: link.post_id,
        topic_id: link.topic_id,
        created_at: link.created_at,
        archived: link.archived_at.is_some(),
        withheld: clicks.is_none(),
        clicks,
    }
}

/// The team's list: a link in a post shows its clicks only with its author's consent.
async fn team_links(
    state: &AppState,
    member: &Member,
    r: Range,
) -> Result<Vec<LinkFigures>, AppError> {
    let access = AggregateAccess::check(member.role).ok_or(AppError::Forbidden)?;
    let viewer = Viewer {
        role: member.role,
        ambassador_id: None,
    };
    let lines =
        db::analytics::link_lines(&state.db, member.tenant_id(), &access, &viewer, r).await?;
    Ok(lines
        .into_iter()
        .map(|l| link_figures(state, l.link, l.counts.map(|c| c.in_range)))
        .collect())
}

/// An Amtfluencer's list: the links in their own posts, whatever their consent.
async fn own_links(
    state: &AppState,
    member: &Member,
    r: Range,
) -> Result<Vec<LinkFigures>, AppError> {
    let tenant = member.tenant_id();
    let access = crate::web::pages::analytics::own_figures(state, member).await?;
    Ok(db::analytics::own_links(&state.db, tenant, &access, r)
        .await?
        .into_iter()
        .map(|l| link_figures(state, l.link, Some(l.clicks)))
        .collect())
}

#[utoipa::path(get, path = "/api/v1/analytics/links", tag = "figures",
    params(("from" = Option<String>, Query, description = "First day (YYYY-MM-DD); default a year before `to`"),
           ("to" = Option<String>, Query, description = "Last day (YYYY-MM-DD); default today")),
    responses((status = 200, body = LinksAnswer), (status = 403, body = super::super::ErrorBody),
              (status = 422, body = super::super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_links(
    State(state): State<AppState>,
    api: ApiMember,
    Query(q): Query<RangeQuery>,
) -> Result<Json<LinksAnswer>, AppError> {
    let member = &api.member;
    let team = member.can(Permission::ManageProgramme);
    if !team && !member.can(Permission::ViewOwnFigures) {
        return Err(AppError::Forbidden);
    }
    let r = range(&q)?;
    let links = if team {
        team_links(&state, member, r).await?
    } else {
        own_links(&state, member, r).await?
    };
    Ok(Json(LinksAnswer {
        from: r.from,
        to: r.to,
        links,
    }))
}
