//! The team's working-time settings: core hours, workdays, closure days and blackout
//! periods, with the public holidays of the authority's state for this year and the next.

use amtfluencer_domain::calendar::{Blackout, ClosureDay, holidays};
use amtfluencer_domain::permissions::Permission;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveTime, Weekday, WeekdaySet};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::IdPath;
use super::plan::parse_time;
use crate::db::{
    self,
    calendar::settings::{WorkingTime, state_of},
};
use crate::error::AppError;
use crate::localtime;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::cohorts::parse_day;
use crate::web::pages::start::format_date;
use crate::web::render::page;

/// The closure days offered as checkboxes: (key, the rule).
fn known_closures() -> [(&'static str, ClosureDay); 4] {
    [
        ("christmas_eve", ClosureDay::christmas_eve()),
        ("new_years_eve", ClosureDay::new_years_eve()),
        (
            "weiberfastnacht",
            ClosureDay::weiberfastnacht()
                .from(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN)),
        ),
        ("rosenmontag", ClosureDay::rosenmontag()),
    ]
}

/// The hours form as typed: `workday` ("1".."7") and `closure` repeat, so it is read from
/// the raw pairs.
#[derive(Default, Clone)]
pub struct HoursForm {
    core_start: String,
    core_end: String,
    workdays: Vec<String>,
    closures: Vec<String>,
}

impl HoursForm {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let all = |key: &str| -> Vec<String> {
            pairs
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let one = |key: &str| all(key).into_iter().next().unwrap_or_default();
        Self {
            core_start: one("core_start"),
            core_end: one("core_end"),
            workdays: all("workday"),
            closures: all("closure"),
        }
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct BlackoutForm {
    from: String,
    to: String,
    reason: String,
}

pub struct HolidayYear {
    pub year: i32,
    pub rows: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "calendar/settings.html")]
struct SettingsView {
    ctx: PageCtx,
    base: String,
    state_name: String,
    hours: HoursForm,
    hour_errors: FieldErrors,
    weekdays: Vec<(String, String)>,
    /// (key, label, checked)
    closures: Vec<(&'static str, String, bool)>,
    blackouts: Vec<(i64, String, String)>,
    blackout: BlackoutForm,
    blackout_errors: FieldErrors,
    years: Vec<HolidayYear>,
    saved: bool,
}

fn form_of(w: &WorkingTime) -> HoursForm {
    HoursForm {
        core_start: w.core_start.format("%H:%M").to_string(),
        core_end: w.core_end.format("%H:%M").to_string(),
        workdays: w
            .workdays
            .iter(Weekday::Mon)
            .map(|d| d.number_from_monday().to_string())
            .collect(),
        closures: known_closures()
            .into_iter()
            .filter(|(_, c)| w.closure_days.iter().any(|x| x.day == c.day))
            .map(|(k, _)| k.to_owned())
            .collect(),
    }
}

async fn settings_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    hours: Option<(HoursForm, FieldErrors)>,
    blackout: Option<(BlackoutForm, FieldErrors)>,
    saved: bool,
) -> Result<Response, AppError> {
    let tenant = member.tenant_id();
    let (hours, hour_errors) = match hours {
        Some(h) => h,
        None => (
            form_of(&db::calendar::settings::working_time(&state.db, tenant).await?),
            FieldErrors::default(),
        ),
    };
    let (blackout, blackout_errors) = blackout.unwrap_or_default();
    let status = if hour_errors.is_empty() {
        blackout_errors.status()
    } else {
        hour_errors.status()
    };
    let st = state_of(&member.tenant);
    let this_year =
        localtime::to_local(localtime::zone(&member.tenant.time_zone), db::now()).year();
    let years = [this_year, this_year + 1]
        .into_iter()
        .map(|year| HolidayYear {
            year,
            rows: holidays(st, year)
                .unwrap_or_default()
                .iter()
                .map(|h| {
                    let name = match ctx.lang {
                        crate::i18n::Lang::De => h.name.to_owned(),
                        crate::i18n::Lang::En => h.name_en().to_owned(),
                    };
                    (format_date(ctx.lang, h.date), name)
                })
                .collect(),
        })
        .collect();
    let blackouts = db::calendar::settings::blackouts(&state.db, tenant)
        .await?
        .into_iter()
        .map(|b| {
            let span = format!(
                "{} – {}",
                format_date(ctx.lang, b.starts_on),
                format_date(ctx.lang, b.ends_on)
            );
            (b.id, span, b.reason)
        })
        .collect();
    let mut res = page(&SettingsView {
        base: format!("/t/{}/settings/working-time", member.tenant.slug),
        state_name: st.name_de().to_owned(),
        weekdays: (1..=7)
            .map(|n| (n.to_string(), ctx.t(&format!("weekday-{n}"))))
            .collect(),
        closures: known_closures()
            .into_iter()
            .map(|(k, _)| {
                (
                    k,
                    ctx.t(&format!("closure-{k}")),
                    hours.closures.iter().any(|c| c == k),
                )
            })
            .collect(),
        hours,
        hour_errors,
        blackouts,
        blackout,
        blackout_errors,
        years,
        saved,
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedFlag {
    saved: Option<String>,
}

pub async fn show_settings(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    axum::extract::Query(flag): axum::extract::Query<SavedFlag>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    settings_page(&state, ctx, &member, None, None, flag.saved.is_some()).await
}

pub async fn save_settings(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let form = HoursForm::from_pairs(&pairs);
    let mut errors = FieldErrors::default();
    let start = parse_time(&form.core_start);
    if start.is_none() {
        errors.add("core_start", ctx.t("calendar-error-time"));
    }
    let end = parse_time(&form.core_end);
    if end.is_none() {
        errors.add("core_end", ctx.t("calendar-error-time"));
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        errors.add("core_end", ctx.t("settings-error-order"));
    }
    let workdays: WeekdaySet = form
        .workdays
        .iter()
        .filter_map(|d| d.parse::<u8>().ok())
        .filter(|n| (1..=7).contains(n))
        .filter_map(|n| Weekday::try_from(n - 1).ok())
        .collect();
    if workdays.is_empty() {
        errors.add("workdays", ctx.t("settings-error-workdays"));
    }
    let (Some(core_start), Some(core_end), true) = (start, end, errors.is_empty()) else {
        return settings_page(&state, ctx, &member, Some((form, errors)), None, false).await;
    };
    let closure_days = known_closures()
        .into_iter()
        .filter(|(k, _)| form.closures.iter().any(|c| c == k))
        .map(|(_, c)| c)
        .collect();
    let w = WorkingTime {
        core_start,
        core_end,
        workdays,
        closure_days,
    };
    let txn = state.db.begin().await?;
    db::calendar::settings::save_working_time(&txn, member.tenant_id(), &w).await?;
    let details = serde_json::json!({ "core_start": form.core_start, "core_end": form.core_end, "workdays": form.workdays, "closures": form.closures });
    db::audit::by_member(
        &txn,
        &member,
        "working_time.updated",
        "tenant",
        member.tenant.id,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{slug}/settings/working-time?saved=1")).into_response())
}

pub async fn add_blackout(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(slug): Path<String>,
    Form(form): Form<BlackoutForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let mut errors = FieldErrors::default();
    let from = parse_day(&form.from);
    if from.is_none() {
        errors.add("from", ctx.t("calendar-error-date"));
    }
    let to = parse_day(&form.to);
    if to.is_none() {
        errors.add("to", ctx.t("calendar-error-date"));
    }
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        errors.add("to", ctx.t("settings-error-blackout-order"));
    }
    let reason = form.reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 200 {
        errors.add("reason", ctx.t("settings-error-reason"));
    }
    let (Some(from), Some(to), true) = (from, to, errors.is_empty()) else {
        return settings_page(&state, ctx, &member, None, Some((form, errors)), false).await;
    };
    let txn = state.db.begin().await?;
    let b = db::calendar::settings::add_blackout(
        &txn,
        member.tenant_id(),
        &Blackout { from, to, reason },
    )
    .await?;
    let details = serde_json::json!({ "from": b.starts_on, "to": b.ends_on, "reason": b.reason });
    db::audit::by_member(&txn, &member, "blackout.added", "blackout", b.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{slug}/settings/working-time?saved=1")).into_response())
}

pub async fn delete_blackout(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<IdPath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageSettings)?;
    let txn = state.db.begin().await?;
    if !db::calendar::settings::delete_blackout(&txn, member.tenant_id(), p.id).await? {
        return Err(AppError::NotFound);
    }
    db::audit::by_member(
        &txn,
        &member,
        "blackout.deleted",
        "blackout",
        p.id,
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/settings/working-time?saved=1", p.slug)).into_response())
}
