//! The editorial calendar: month, week and list of the authority's planned and published
//! posts; planning "topic X on day Y at Z" with hints from the working-time rules; moving a
//! post by drag and drop or by a form; the team's working-time settings; calendar feeds.
//!
//! Who sees what: the team everything with names; an Amtfluencer their own posts in full
//! and everyone else's only as "planned" with the topic (no names), so that nobody's
//! activity is on show but everybody can avoid the same slot and topic.

mod feeds;
mod plan;
mod post;
mod settings;
mod views;

use amtfluencer_domain::calendar::PlannedPost;
use amtfluencer_domain::calendar::{ScheduleWarning, check_planned};
use amtfluencer_domain::permissions::Permission;
use axum::Router;
use axum::routing::{get, post as post_route};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::db::{self, calendar::post as post_entity, entities::ambassador};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;

pub use feeds::show_feed_ics;

/// Posts on the authority's channel should be at least this far apart.
pub const MIN_SPACING: TimeDelta = TimeDelta::hours(2);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/calendar", get(views::show_calendar))
        .route(
            "/t/{slug}/calendar/plan",
            get(plan::new_plan).post(plan::create_plan),
        )
        .route("/t/{slug}/calendar/posts/{id}", get(post::show_post))
        .route(
            "/t/{slug}/calendar/posts/{id}/move",
            post_route(post::move_post),
        )
        .route(
            "/t/{slug}/calendar/posts/{id}/delete",
            post_route(post::delete_post),
        )
        .route(
            "/t/{slug}/calendar/feed",
            get(feeds::show_feed).post(feeds::reset_feed),
        )
        .route(
            "/t/{slug}/settings/working-time",
            get(settings::show_settings).post(settings::save_settings),
        )
        .route(
            "/t/{slug}/settings/working-time/blackouts",
            post_route(settings::add_blackout),
        )
        .route(
            "/t/{slug}/settings/working-time/blackouts/{id}/delete",
            post_route(settings::delete_blackout),
        )
        .route("/feeds/{token}", get(feeds::show_feed_ics))
}

/// `/t/{slug}/…/{id}`
#[derive(serde::Deserialize)]
pub struct IdPath {
    pub slug: String,
    pub id: i64,
}

/// Who plans: the team (for anyone) or an Amtfluencer (for themself).
#[derive(Debug, Clone)]
pub enum Planner {
    Team,
    Ambassador(Box<ambassador::Model>),
}

impl Planner {
    pub fn is_team(&self) -> bool {
        matches!(self, Self::Team)
    }

    pub fn own_id(&self) -> Option<i64> {
        match self {
            Self::Team => None,
            Self::Ambassador(a) => Some(a.id),
        }
    }

    /// Whether this planner may see the post in full and change it.
    pub fn owns(&self, p: &post_entity::Model) -> bool {
        match self {
            Self::Team => true,
            Self::Ambassador(a) => a.id == p.ambassador_id,
        }
    }
}

/// The planner behind a member: the team, or an Amtfluencer with a record; else forbidden.
pub async fn planner(state: &AppState, member: &Member) -> Result<Planner, AppError> {
    member.require(Permission::WritePosts)?;
    if member.can(Permission::ManageProgramme) {
        return Ok(Planner::Team);
    }
    db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .map(|a| Planner::Ambassador(Box::new(a)))
        .ok_or(AppError::Forbidden)
}

/// A post the planner may change, or 404 (another authority's, or someone else's).
pub async fn find_own_post(
    state: &AppState,
    member: &Member,
    who: &Planner,
    id: i64,
) -> Result<post_entity::Model, AppError> {
    let p = db::calendar::posts::get(&state.db, member.tenant_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !who.owns(&p) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

pub fn zone(member: &Member) -> Tz {
    localtime::zone(&member.tenant.time_zone)
}

/// The hints for a post of `ambassador_id` at `at` about `topic`.
pub async fn warnings(
    state: &AppState,
    member: &Member,
    ambassador_id: i64,
    topic: Option<i64>,
    at: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<ScheduleWarning>, AppError> {
    let tenant = member.tenant_id();
    let rules = db::calendar::settings::rules(&state.db, &member.tenant).await?;
    let pause = db::ambassadors::get(&state.db, tenant, ambassador_id)
        .await?
        .and_then(|a| a.paused_until);
    let others = db::calendar::posts::neighbours(&state.db, tenant, at, except).await?;
    Ok(check_planned(
        &rules,
        &zone(member),
        &PlannedPost { at, topic },
        pause,
        &others,
        MIN_SPACING,
    ))
}

pub fn warning_text(lang: Lang, w: &ScheduleWarning) -> String {
    match lang {
        Lang::De => w.text_de(),
        Lang::En => w.text_en(),
    }
}

/// The hints of every unpublished post in `posts`, checked against the others in `posts`.
pub fn hints_for(
    rules: &amtfluencer_domain::calendar::WorkingTimeRules,
    tz: &Tz,
    posts: &[db::calendar::posts::CalendarPost],
    pauses: &std::collections::HashMap<i64, chrono::NaiveDate>,
) -> std::collections::HashMap<i64, Vec<ScheduleWarning>> {
    posts
        .iter()
        .filter(|p| !p.published())
        .map(|p| {
            let others: Vec<PlannedPost> = posts
                .iter()
                .filter(|o| o.post.id != p.post.id)
                .map(|o| PlannedPost {
                    at: o.at,
                    topic: o.post.topic_id,
                })
                .collect();
            let w = check_planned(
                rules,
                tz,
                &PlannedPost {
                    at: p.at,
                    topic: p.post.topic_id,
                },
                pauses.get(&p.post.ambassador_id).copied(),
                &others,
                MIN_SPACING,
            );
            (p.post.id, w)
        })
        .collect()
}

/// Each person's last day of pause.
pub async fn pauses(
    state: &AppState,
    member: &Member,
) -> Result<std::collections::HashMap<i64, chrono::NaiveDate>, AppError> {
    Ok(db::ambassadors::list(&state.db, member.tenant_id())
        .await?
        .into_iter()
        .filter_map(|a| a.paused_until.map(|d| (a.id, d)))
        .collect())
}
