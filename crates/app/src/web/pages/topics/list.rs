//! The catalogue with its filters and, for an Amtfluencer, the "ideas for you".

use std::collections::{BTreeSet, HashMap};

use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::TimeDelta;
use serde::Deserialize;

use super::{engagement, last_used, status_label};
use crate::db::{self, topics::TopicStats, topics::entity::Model};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// Topics nobody used for this long count as "not covered lately".
const QUIET_WEEKS: i64 = 6;
const IDEAS: usize = 5;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filter {
    category: String,
    tag: String,
    status: String,
    proposed: Option<String>,
}

pub struct Row {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub tags: String,
    pub status: String,
    pub uses: u32,
    pub last_used: String,
    pub median_impressions: String,
    pub median_engagement: String,
}

pub struct Idea {
    pub id: i64,
    pub title: String,
    pub prompt: String,
    pub reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "topics/list.html")]
struct CatalogueView {
    ctx: PageCtx,
    base: String,
    rows: Vec<Row>,
    categories: Vec<String>,
    tags: Vec<String>,
    statuses: Vec<(&'static str, String)>,
    filter: Filter,
    ideas: Vec<Idea>,
    can_propose: bool,
    is_team: bool,
    proposed_count: usize,
}

fn row(ctx: &PageCtx, t: &Model, s: &TopicStats) -> Row {
    let dash = || "–".to_owned();
    Row {
        id: t.id,
        title: t.title.clone(),
        category: t.category.clone(),
        tags: t.tag_list().join(", "),
        status: status_label(ctx, &t.status),
        uses: s.uses,
        last_used: last_used(ctx, s.last_used),
        median_impressions: s.median_impressions.map_or_else(dash, |v| v.to_string()),
        median_engagement: s
            .median_engagement
            .map_or_else(dash, |v| engagement(ctx.lang, v)),
    }
}

pub async fn list_topics(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> Result<Response, AppError> {
    member.require(Permission::ViewStart)?;
    let tenant = member.tenant_id();
    let is_team = member.can(Permission::EditTopics);
    let all = db::topics::list(&state.db, tenant).await?;
    let stats = db::topics::stats(&state.db, tenant).await?;
    let empty = TopicStats::default();
    let visible: Vec<&Model> = all
        .iter()
        .filter(|t| {
            is_team
                || t.status == "active"
                || (t.status == "proposed" && t.proposed_by == Some(member.user.id))
        })
        .collect();
    let categories: BTreeSet<String> = visible.iter().map(|t| t.category.clone()).collect();
    let tags: BTreeSet<String> = visible.iter().flat_map(|t| t.tag_list()).collect();
    let wanted_status = if filter.status.is_empty() {
        "active"
    } else {
        filter.status.as_str()
    };
    let rows = visible
        .iter()
        .filter(|t| filter.category.is_empty() || t.category == filter.category)
        .filter(|t| filter.tag.is_empty() || t.tag_list().contains(&filter.tag))
        .filter(|t| wanted_status == "all" || t.status == wanted_status)
        .map(|t| row(&ctx, t, stats.get(&t.id).unwrap_or(&empty)))
        .collect();
    let ideas = match db::ambassadors::of_user(&state.db, tenant, member.user.id).await? {
        Some(me) if member.can(Permission::WritePosts) => {
            ideas_for(&state, &ctx, &member, &all, &stats, me.id, &me.department).await?
        }
        _ => Vec::new(),
    };
    let statuses = ["active", "proposed", "merged", "archived"]
        .into_iter()
        .map(|s| (s, status_label(&ctx, s)))
        .collect();
    Ok(page(&CatalogueView {
        base: format!("/t/{slug}/topics"),
        rows,
        categories: categories.into_iter().collect(),
        tags: tags.into_iter().collect(),
        statuses,
        proposed_count: all.iter().filter(|t| t.status == "proposed").count(),
        filter,
        ideas,
        can_propose: member.can(Permission::ProposeTopics),
        is_team,
        ctx: ctx.for_member(&member),
    }))
}

/// Active topics the person has not used, nobody used for [`QUIET_WEEKS`] and nobody has
/// planned, ranked by how well they did and how close they are to the person's department.
async fn ideas_for(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    all: &[Model],
    stats: &HashMap<i64, TopicStats>,
    ambassador_id: i64,
    department: &str,
) -> Result<Vec<Idea>, AppError> {
    let (mine, dept) =
        db::topics::idea_facts(&state.db, member.tenant_id(), ambassador_id, department).await?;
    let quiet_since = db::now() - TimeDelta::weeks(QUIET_WEEKS);
    let best = stats
        .values()
        .filter_map(|s| s.median_impressions)
        .max()
        .unwrap_or(0);
    let empty = TopicStats::default();
    let mut scored: Vec<(f64, &Model, Vec<String>)> = all
        .iter()
        .filter(|t| t.status == "active" && !mine.contains(&t.id))
        .filter_map(|t| {
            let s = stats.get(&t.id).unwrap_or(&empty);
            if s.planned > 0 || s.last_used.is_some_and(|at| at > quiet_since) {
                return None;
            }
            let mut reasons = vec![ctx.t("idea-not-yours")];
            reasons.push(match s.last_used {
                Some(at) => ctx.t1("idea-quiet", "date", &last_used(ctx, Some(at))),
                None => ctx.t("idea-never-used"),
            });
            let perf = match s.median_impressions {
                Some(m) if best > 0 => {
                    let share = m as f64 / best as f64;
                    if share >= 0.6 {
                        reasons.push(ctx.t1("idea-performs", "impressions", &m.to_string()));
                    }
                    share
                }
                _ => 0.4,
            };
            let colleagues = dept.get(&t.id).copied().unwrap_or(0);
            if colleagues > 0 {
                reasons.push(ctx.t("idea-department"));
            }
            Some((perf + 0.3 * f64::from(colleagues.min(3)), t, reasons))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.title.cmp(&b.1.title)));
    Ok(scored
        .into_iter()
        .take(IDEAS)
        .map(|(_, t, reasons)| Idea {
            id: t.id,
            title: t.title.clone(),
            prompt: t.prompt.clone(),
            reasons,
        })
        .collect())
}
