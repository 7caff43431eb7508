//! `/api/v1/analytics/…`: the dashboards' aggregates as JSON, under the same privacy rules:
//! for the team, leadership and the council only; groups of fewer than five people come back
//! with `suppressed: true` and no figures; there are no per-person figures here at all. The
//! one list of short links ([`links`]) follows the short-link pages instead: the team's list
//! and an Amtfluencer's own links.

mod links;

use amtfluencer_domain::analytics::{Certainty, GroupStats};
use amtfluencer_domain::links::Clicks;
use amtfluencer_domain::privacy::{AggregateAccess, Shown};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::db::{self, analytics::Range};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::pages::analytics::{RangeQuery, range_of};

#[derive(OpenApi)]
#[openapi(
    paths(summary, topics, page_effect, links::list_links),
    components(schemas(
        Summary,
        Figures,
        MonthFigures,
        TopicFigures,
        Topics,
        links::ClickFigures,
        links::ClickTotal,
        links::TopicClickFigures,
        links::LinkFigures,
        links::LinksAnswer,
        PageEffectAnswer,
        PageDayFigures,
        CorrelationFigures,
        ComparisonFigures,
        Freshness
    ))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/analytics/summary", get(summary))
        .route("/api/v1/analytics/topics", get(topics))
        .route("/api/v1/analytics/page-effect", get(page_effect))
        .route("/api/v1/analytics/links", get(links::list_links))
}

/// Figures of a group; all `null` and `suppressed: true` for fewer than five people.
#[derive(Serialize, ToSchema)]
pub struct Figures {
    pub suppressed: bool,
    pub posts: Option<usize>,
    pub people: Option<usize>,
    pub impressions: Option<i64>,
    pub interactions: Option<i64>,
    pub median_impressions: Option<f64>,
    /// Median of the posts' engagement rates (0.05 = 5 %).
    pub median_engagement_rate: Option<f64>,
}

fn figures(s: &Shown<GroupStats>) -> Figures {
    let v = s.value();
    Figures {
        suppressed: v.is_none(),
        posts: v.map(|s| s.posts),
        people: v.map(|s| s.people),
        impressions: v.map(|s| s.impressions),
        interactions: v.map(|s| s.interactions),
        median_impressions: v.and_then(|s| s.median_impressions),
        median_engagement_rate: v.and_then(|s| s.median_engagement_rate),
    }
}

/// Where the figures came from and how fresh they are.
#[derive(Serialize, ToSchema)]
pub struct Freshness {
    pub last_import_at: Option<DateTime<Utc>>,
    pub posts_observed_until: Option<DateTime<Utc>>,
    pub page_until: Option<NaiveDate>,
}

async fn freshness(state: &AppState, api: &ApiMember) -> Result<Freshness, AppError> {
    let f = db::analytics::freshness(&state.db, api.member.tenant_id()).await?;
    Ok(Freshness {
        last_import_at: f.last_import,
        posts_observed_until: f.posts_until,
        page_until: f.page_until,
    })
}

#[derive(Serialize, ToSchema)]
pub struct MonthFigures {
    /// The month's first day.
    pub month: NaiveDate,
    /// Posts a month the active Amtfluencer aim for together.
    pub orientation: i64,
    pub figures: Figures,
    /// Clicks on short links in the month.
    pub link_clicks: links::ClickFigures,
}

#[derive(Serialize, ToSchema)]
pub struct Summary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub total: Figures,
    pub months: Vec<MonthFigures>,
    /// Clicks on short links in the period, as far as the months show them.
    pub link_clicks: links::ClickTotal,
    pub freshness: Freshness,
}

fn access(api: &ApiMember) -> Result<AggregateAccess, AppError> {
    AggregateAccess::check(api.member.role).ok_or(AppError::Forbidden)
}

fn range(q: &RangeQuery) -> Result<Range, AppError> {
    range_of(q, db::now().date_naive())
}

#[utoipa::path(get, path = "/api/v1/analytics/summary", tag = "figures",
    params(("from" = Option<String>, Query, description = "First day (YYYY-MM-DD); default a year before `to`"),
           ("to" = Option<String>, Query, description = "Last day (YYYY-MM-DD); default today")),
    responses((status = 200, body = Summary), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn summary(
    State(state): State<AppState>,
    api: ApiMember,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Summary>, AppError> {
    let access = access(&api)?;
    let r = range(&q)?;
    let tenant = api.member.tenant_id();
    let p = db::analytics::programme(&state.db, tenant, &access, r).await?;
    let clicks = db::analytics::clicks_by_month(&state.db, tenant, &access, r).await?;
    let in_month = |m: NaiveDate| {
        let c = clicks.iter().find(|(at, _)| *at == m).map(|(_, c)| *c);
        links::click_figures(&c.unwrap_or(Clicks {
            campaign: 0,
            posts: Shown::Suppressed { people: 0 },
        }))
    };
    Ok(Json(Summary {
        from: r.from,
        to: r.to,
        total: figures(&p.total),
        months: p
            .months
            .iter()
            .map(|m| MonthFigures {
                month: m.month,
                orientation: m.orientation,
                figures: figures(&m.posts),
                link_clicks: in_month(m.month),
            })
            .collect(),
        link_clicks: links::click_total(&clicks),
        freshness: freshness(&state, &api).await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct TopicFigures {
    pub title: String,
    /// The number of posts, shown also for suppressed groups.
    pub posts: usize,
    pub figures: Figures,
}

#[derive(Serialize, ToSchema)]
pub struct Topics {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Best first; suppressed topics last.
    pub topics: Vec<TopicFigures>,
    pub categories: Vec<TopicFigures>,
    /// Topics with short links: most clicks on the authority's own links first.
    pub link_topics: Vec<links::TopicClickFigures>,
    pub freshness: Freshness,
}

#[utoipa::path(get, path = "/api/v1/analytics/topics", tag = "figures",
    params(("from" = Option<String>, Query, description = "First day (YYYY-MM-DD)"),
           ("to" = Option<String>, Query, description = "Last day (YYYY-MM-DD)")),
    responses((status = 200, body = Topics), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn topics(
    State(state): State<AppState>,
    api: ApiMember,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Topics>, AppError> {
    let access = access(&api)?;
    let r = range(&q)?;
    let tenant = api.member.tenant_id();
    let (t, c) = db::analytics::topics(&state.db, tenant, &access, r).await?;
    let link_topics = db::analytics::clicks_by_topic(&state.db, tenant, &access, r)
        .await?
        .into_iter()
        .map(|t| links::TopicClickFigures {
            clicks: links::click_figures(&t.clicks),
            title: t.title,
            links: t.links,
        })
        .collect();
    let lines = |v: Vec<db::analytics::TopicLine>| {
        v.into_iter()
            .map(|l| TopicFigures {
                figures: figures(&l.stats),
                title: l.title,
                posts: l.posts,
            })
            .collect()
    };
    Ok(Json(Topics {
        from: r.from,
        to: r.to,
        topics: lines(t),
        categories: lines(c),
        link_topics,
        freshness: freshness(&state, &api).await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct PageDayFigures {
    pub day: NaiveDate,
    pub followers: Option<i64>,
    pub new_followers: Option<i64>,
    pub impressions: Option<i64>,
    /// Amtfluencer posts published that day (all people together).
    pub posts: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CorrelationFigures {
    /// Days between the posts and the page's new followers.
    pub lag_days: usize,
    pub r: f64,
    pub n: usize,
    pub low: f64,
    pub high: f64,
    /// clear, unclear or too_few_data.
    pub certainty: String,
}

#[derive(Serialize, ToSchema)]
pub struct ComparisonFigures {
    pub days_after_posts: usize,
    pub other_days: usize,
    pub mean_after_posts: f64,
    pub mean_other: f64,
    pub difference: f64,
    /// 95 % interval of the difference.
    pub low: f64,
    pub high: f64,
    pub certainty: String,
}

#[derive(Serialize, ToSchema)]
pub struct PageEffectAnswer {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<PageDayFigures>,
    pub correlations: Vec<CorrelationFigures>,
    /// New followers on the day of a post and the day after, against other days.
    pub followers: Option<ComparisonFigures>,
    pub impressions: Option<ComparisonFigures>,
    /// The comparison in words (German), with its uncertainty.
    pub statement: Vec<String>,
    pub freshness: Freshness,
}

fn certainty(c: Certainty) -> String {
    match c {
        Certainty::Clear => "clear",
        Certainty::Unclear => "unclear",
        Certainty::TooFewData => "too_few_data",
    }
    .to_owned()
}

fn comparison(c: &amtfluencer_domain::analytics::Comparison) -> ComparisonFigures {
    ComparisonFigures {
        days_after_posts: c.days_after_posts,
        other_days: c.other_days,
        mean_after_posts: c.mean_after_posts,
        mean_other: c.mean_other,
        difference: c.difference,
        low: c.low,
        high: c.high,
        certainty: certainty(c.certainty),
    }
}

#[utoipa::path(get, path = "/api/v1/analytics/page-effect", tag = "figures",
    params(("from" = Option<String>, Query, description = "First day (YYYY-MM-DD)"),
           ("to" = Option<String>, Query, description = "Last day (YYYY-MM-DD)")),
    responses((status = 200, body = PageEffectAnswer), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn page_effect(
    State(state): State<AppState>,
    api: ApiMember,
    Query(q): Query<RangeQuery>,
) -> Result<Json<PageEffectAnswer>, AppError> {
    let access = access(&api)?;
    let r = range(&q)?;
    let e = db::analytics::page_effect(&state.db, api.member.tenant_id(), &access, r).await?;
    let statement = crate::web::pages::analytics::statements_de(&state, &e);
    Ok(Json(PageEffectAnswer {
        from: r.from,
        to: r.to,
        days: e
            .days
            .iter()
            .map(|d| PageDayFigures {
                day: d.day,
                followers: d.followers,
                new_followers: d.new_followers,
                impressions: d.impressions,
                posts: d.posts,
            })
            .collect(),
        correlations: e
            .correlations
            .iter()
            .map(|c| CorrelationFigures {
                lag_days: c.lag,
                r: c.r,
                n: c.n,
                low: c.low,
                high: c.high,
                certainty: certainty(c.certainty),
            })
            .collect(),
        followers: e.followers.as_ref().map(comparison),
        impressions: e.impressions.as_ref().map(comparison),
        statement,
        freshness: freshness(&state, &api).await?,
    }))
}
