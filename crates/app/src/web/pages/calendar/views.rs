//! Month, week and list view of the calendar, with the hints of each post and, for the
//! team, the weeks in which nothing is planned.

use std::collections::HashMap;

use amtfluencer_domain::calendar::{WorkingTimeRules, holiday_on};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::{Datelike, Months, NaiveDate, TimeDelta, Weekday};
use serde::Deserialize;

use super::{Planner, hints_for, pauses, planner, warning_text, zone};
use crate::db::{self, calendar::posts::CalendarPost};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::pages::cohorts::parse_day;
use crate::web::pages::start::format_date;
use crate::web::render::page;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ViewQuery {
    view: String,
    date: String,
}

/// A post as one line in a day.
pub struct Item {
    pub id: i64,
    pub time: String,
    pub label: String,
    pub status: String,
    /// Own (or the team's): a link, draggable, with hints.
    pub editable: bool,
    pub published: bool,
    pub hints: Vec<String>,
}

pub struct Day {
    pub date: String,
    pub label: String,
    pub in_month: bool,
    pub today: bool,
    /// Holiday, closure or blackout.
    pub note: Option<String>,
    pub items: Vec<Item>,
}

pub struct Gap {
    pub label: String,
}

#[derive(Template)]
#[template(path = "calendar/view.html")]
struct CalendarView {
    ctx: PageCtx,
    base: String,
    view: &'static str,
    heading: String,
    weekdays: Vec<String>,
    weeks: Vec<Vec<Day>>,
    list: Vec<(String, Item)>,
    prev: String,
    next: String,
    today: String,
    gaps: Vec<Gap>,
    is_team: bool,
}

fn weekday_names(ctx: &PageCtx) -> Vec<String> {
    (0..7u8)
        .filter_map(|i| Weekday::try_from(i).ok())
        .map(|d| ctx.t(&format!("weekday-{}", d.number_from_monday())))
        .collect()
}

fn day_note(rules: &WorkingTimeRules, ctx: &PageCtx, d: NaiveDate) -> Option<String> {
    if let Ok(Some(h)) = holiday_on(rules.state, d) {
        return Some(match ctx.lang {
            crate::i18n::Lang::De => h.name.to_owned(),
            crate::i18n::Lang::En => h.name_en().to_owned(),
        });
    }
    rules
        .not_working_reasons(d)
        .into_iter()
        .find(|r| {
            !matches!(
                r,
                amtfluencer_domain::calendar::NotWorkingReason::Weekend(_)
            )
        })
        .map(|r| match ctx.lang {
            crate::i18n::Lang::De => r.text_de(),
            crate::i18n::Lang::En => r.text_en(),
        })
}

fn item(
    ctx: &PageCtx,
    who: &Planner,
    tz: chrono_tz::Tz,
    p: &CalendarPost,
    hints: &HashMap<i64, Vec<amtfluencer_domain::calendar::ScheduleWarning>>,
) -> Item {
    let editable = who.owns(&p.post);
    let topic = p
        .topic_title
        .clone()
        .unwrap_or_else(|| ctx.t("calendar-no-topic"));
    let label = if editable && who.is_team() {
        format!("{topic} ({} {})", p.first_name, p.last_name)
    } else if editable {
        topic
    } else {
        ctx.t1("calendar-planned-by-other", "topic", &topic)
    };
    Item {
        id: p.post.id,
        time: localtime::to_local(tz, p.at).format("%H:%M").to_string(),
        label,
        status: ctx.t(&format!("post-status-{}", p.post.status)),
        editable,
        published: p.published(),
        hints: if editable {
            hints
                .get(&p.post.id)
                .map(|w| w.iter().map(|w| warning_text(ctx.lang, w)).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        },
    }
}

pub async fn show_calendar(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
    Query(q): Query<ViewQuery>,
) -> Result<Response, AppError> {
    let who = planner(&state, &member).await?;
    let tz = zone(&member);
    let today = localtime::to_local(tz, db::now()).date();
    let anchor = parse_day(&q.date).unwrap_or(today);
    let view: &'static str = match q.view.as_str() {
        "week" => "week",
        "list" => "list",
        _ => "month",
    };
    let (first, last, prev, next, heading) = match view {
        "week" => {
            let monday =
                anchor - TimeDelta::days(i64::from(anchor.weekday().num_days_from_monday()));
            let sunday = monday + TimeDelta::days(6);
            let heading = ctx.t1("calendar-week-of", "date", &format_date(ctx.lang, monday));
            (
                monday,
                sunday,
                monday - TimeDelta::days(7),
                monday + TimeDelta::days(7),
                heading,
            )
        }
        "list" => {
            let end = anchor + TimeDelta::weeks(8) - TimeDelta::days(1);
            let heading = ctx.t1("calendar-list-from", "date", &format_date(ctx.lang, anchor));
            (
                anchor,
                end,
                anchor - TimeDelta::weeks(8),
                anchor + TimeDelta::weeks(8),
                heading,
            )
        }
        _ => {
            let month_start = anchor.with_day(1).unwrap_or(anchor);
            let month_end = month_start + Months::new(1) - TimeDelta::days(1);
            let first = month_start
                - TimeDelta::days(i64::from(month_start.weekday().num_days_from_monday()));
            let last = month_end
                + TimeDelta::days(i64::from(6 - month_end.weekday().num_days_from_monday()));
            let heading = format!(
                "{} {}",
                ctx.t(&format!("month-{}", month_start.month())),
                month_start.year()
            );
            (
                first,
                last,
                month_start - Months::new(1),
                month_start + Months::new(1),
                heading,
            )
        }
    };
    let start = localtime::from_local(tz, first, chrono::NaiveTime::MIN)
        .unwrap_or_else(|_| first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    let end = localtime::from_local(tz, last + TimeDelta::days(1), chrono::NaiveTime::MIN)
        .unwrap_or_else(|_| last.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    let tenant = member.tenant_id();
    let posts = db::calendar::posts::in_range(
        &state.db,
        tenant,
        start - TimeDelta::days(7),
        end + TimeDelta::days(7),
    )
    .await?;
    let rules = db::calendar::settings::rules(&state.db, &member.tenant).await?;
    let hints = hints_for(&rules, &tz, &posts, &pauses(&state, &member).await?);
    let visible: Vec<&CalendarPost> = posts
        .iter()
        .filter(|p| p.at >= start && p.at < end)
        .collect();
    let mut by_day: HashMap<NaiveDate, Vec<Item>> = HashMap::new();
    let mut list = Vec::new();
    for p in &visible {
        let d = localtime::to_local(tz, p.at).date();
        let it = item(&ctx, &who, tz, p, &hints);
        if view == "list" {
            list.push((format_date(ctx.lang, d), it));
        } else {
            by_day.entry(d).or_default().push(it);
        }
    }
    let mut weeks = Vec::new();
    if view != "list" {
        let mut d = first;
        while d <= last {
            let mut week = Vec::new();
            for _ in 0..7 {
                week.push(Day {
                    date: d.to_string(),
                    label: if view == "week" {
                        format!(
                            "{} {}",
                            ctx.t(&format!("weekday-{}", d.weekday().number_from_monday())),
                            format_date(ctx.lang, d)
                        )
                    } else {
                        d.day().to_string()
                    },
                    in_month: view == "week" || d.month() == anchor.month(),
                    today: d == today,
                    note: day_note(&rules, &ctx, d),
                    items: by_day.remove(&d).unwrap_or_default(),
                });
                d += TimeDelta::days(1);
            }
            weeks.push(week);
        }
    }
    let gaps = if who.is_team() {
        gaps(&ctx, first, last, today, &visible, tz)
    } else {
        Vec::new()
    };
    Ok(page(&CalendarView {
        base: format!("/t/{slug}/calendar"),
        view,
        heading,
        weekdays: weekday_names(&ctx),
        weeks,
        list,
        prev: prev.to_string(),
        next: next.to_string(),
        today: today.to_string(),
        gaps,
        is_team: who.is_team(),
        ctx: ctx.for_member(&member),
    }))
}

/// Weeks (Monday to Sunday) from today on inside the shown range with nothing planned.
fn gaps(
    ctx: &PageCtx,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
    posts: &[&CalendarPost],
    tz: chrono_tz::Tz,
) -> Vec<Gap> {
    let mut monday = first - TimeDelta::days(i64::from(first.weekday().num_days_from_monday()));
    let mut out = Vec::new();
    while monday <= last {
        let sunday = monday + TimeDelta::days(6);
        let any = posts.iter().any(|p| {
            let d = localtime::to_local(tz, p.at).date();
            d >= monday && d <= sunday
        });
        if sunday >= today && !any {
            let week = monday.iso_week().week().to_string();
            out.push(Gap {
                label: ctx.tr_gap(
                    &week,
                    &format_date(ctx.lang, monday),
                    &format_date(ctx.lang, sunday),
                ),
            });
        }
        monday += TimeDelta::days(7);
    }
    out
}

trait GapText {
    fn tr_gap(&self, week: &str, from: &str, to: &str) -> String;
}

impl GapText for PageCtx {
    fn tr_gap(&self, week: &str, from: &str, to: &str) -> String {
        self.i18n.tr_args(
            self.lang,
            "calendar-gap",
            &[("week", week), ("from", from), ("to", to)],
        )
    }
}
