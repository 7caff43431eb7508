//! `/api/v1/calendar/…`: public holidays of every German state, slot suggestions with their
//! reasons, and the planned posts of the editorial calendar.

mod posts;

use amtfluencer_domain::calendar::{
    FIRST_YEAR, LAST_YEAR, SlotReason, SlotRequest, holidays, suggest_slots,
};
use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::types::FederalState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::auth::ApiMember;
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::pages::calendar::{MIN_SPACING, Planner, planner, zone};

#[derive(OpenApi)]
#[openapi(
    paths(
        list_holidays,
        list_slots,
        posts::list_posts,
        posts::create_post,
        posts::show_post,
        posts::update_post,
        posts::delete_post
    ),
    components(schemas(
        Holiday,
        SuggestedSlot,
        Reason,
        posts::CalendarPost,
        posts::PlanIn,
        posts::PlanChanges
    ))
)]
pub struct Doc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/calendar/holidays", get(list_holidays))
        .route("/api/v1/calendar/slots", get(list_slots))
        .merge(posts::router())
}

/// At most this many slots per request.
const MAX_SLOTS: usize = 20;

/// The language of an API answer: `?lang=`, then `Accept-Language`, then German.
pub fn api_lang(lang: Option<&str>, headers: &HeaderMap) -> Lang {
    lang.and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// A 400 answer naming the field.
pub fn bad_request(field: &str, detail: String) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "errors": [{ "detail": detail, "field": field }] })),
    )
        .into_response()
}

fn say(lang: Lang, de: &str, en: &str) -> String {
    match lang {
        Lang::De => de.to_owned(),
        Lang::En => en.to_owned(),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct HolidayQuery {
    /// State code: BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH.
    state: Option<String>,
    /// Year, 1995–2100.
    year: Option<String>,
    /// de or en (else `Accept-Language`).
    lang: Option<String>,
}

/// A statutory public holiday in the whole state.
#[derive(Serialize, ToSchema)]
pub struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: NaiveDate,
    pub name: String,
}

#[utoipa::path(get, path = "/api/v1/calendar/holidays", tag = "calendar", params(HolidayQuery),
    responses((status = 200, body = Vec<Holiday>), (status = 400, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_holidays(
    api: ApiMember,
    headers: HeaderMap,
    Query(q): Query<HolidayQuery>,
) -> Result<Response, AppError> {
    api.require(Permission::ViewStart)?;
    let lang = api_lang(q.lang.as_deref(), &headers);
    let codes = FederalState::ALL
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let Some(state) = q
        .state
        .as_deref()
        .and_then(|s| s.trim().to_uppercase().parse::<FederalState>().ok())
    else {
        let de = format!("Unbekanntes Bundesland. Erlaubt sind: {codes}.");
        let en = format!("Unknown state. Use one of: {codes}.");
        return Ok(bad_request("state", say(lang, &de, &en)));
    };
    let year = q.year.as_deref().and_then(|y| y.trim().parse::<i32>().ok());
    let Some(year) = year.filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y)) else {
        let de = format!("Das Jahr muss zwischen {FIRST_YEAR} und {LAST_YEAR} liegen.");
        let en = format!("The year must lie between {FIRST_YEAR} and {LAST_YEAR}.");
        return Ok(bad_request("year", say(lang, &de, &en)));
    };
    let list = holidays(state, year).map_err(|e| AppError::BadRequest(e.text_en()))?;
    Ok(Json(
        list.iter()
            .map(|h| Holiday {
                date: h.date,
                name: match lang {
                    Lang::De => h.name.to_owned(),
                    Lang::En => h.name_en().to_owned(),
                },
            })
            .collect::<Vec<_>>(),
    )
    .into_response())
}

#[derive(Deserialize, IntoParams)]
pub struct SlotQuery {
    /// First day, `YYYY-MM-DD`.
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (at most a year after `from`).
    to: Option<String>,
    /// The Amtfluencer's id; Amtfluencer may only ask for themselves (the default).
    ambassador: Option<i64>,
    /// How many slots (1–20, default 5).
    count: Option<usize>,
    /// de or en (else `Accept-Language`).
    lang: Option<String>,
}

/// A suggested posting time.
#[derive(Serialize, ToSchema)]
pub struct SuggestedSlot {
    pub start: DateTime<Utc>,
    /// The authority's wall-clock time, `YYYY-MM-DDTHH:MM:SS`.
    #[schema(value_type = String)]
    pub local: NaiveDateTime,
    pub reasons: Vec<Reason>,
}

/// Why a slot was suggested.
#[derive(Serialize, ToSchema)]
pub struct Reason {
    /// working_day, core_hours, spacing, performance, no_history or default_preference.
    pub code: &'static str,
    pub text: String,
}

fn reason_code(r: &SlotReason) -> &'static str {
    match r {
        SlotReason::WorkingDay { .. } => "working_day",
        SlotReason::InsideCoreHours { .. } => "core_hours",
        SlotReason::Spacing { .. } => "spacing",
        SlotReason::Performance { .. } => "performance",
        SlotReason::NoHistory { .. } => "no_history",
        SlotReason::DefaultPreference { .. } => "default_preference",
    }
}

fn parse_date(text: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text?.trim(), "%Y-%m-%d").ok()
}

#[utoipa::path(get, path = "/api/v1/calendar/slots", tag = "calendar", params(SlotQuery),
    responses((status = 200, body = Vec<SuggestedSlot>), (status = 400, body = super::ErrorBody),
        (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_slots(
    State(state): State<AppState>,
    api: ApiMember,
    headers: HeaderMap,
    Query(q): Query<SlotQuery>,
) -> Result<Response, AppError> {
    let member = &api.member;
    let who = planner(&state, member).await?;
    let lang = api_lang(q.lang.as_deref(), &headers);
    let Some(from) = parse_date(q.from.as_deref()) else {
        return Ok(bad_request(
            "from",
            say(
                lang,
                "Bitte ein Datum wie 2026-03-02 angeben.",
                "Give a date such as 2026-03-02.",
            ),
        ));
    };
    let to = parse_date(q.to.as_deref()).unwrap_or(from + TimeDelta::days(13));
    if to < from || to - from > TimeDelta::days(366) {
        return Ok(bad_request(
            "to",
            say(
                lang,
                "Das Ende muss nach dem Anfang liegen, höchstens ein Jahr später.",
                "The end must lie after the start, at most a year later.",
            ),
        ));
    }
    let tenant = member.tenant_id();
    let person = match (&who, q.ambassador) {
        (Planner::Ambassador(me), None) => Some((**me).clone()),
        (Planner::Ambassador(me), Some(id)) if id == me.id => Some((**me).clone()),
        (Planner::Ambassador(_), Some(_)) => return Err(AppError::Forbidden),
        (Planner::Team, Some(id)) => Some(
            db::ambassadors::get(&state.db, tenant, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        (Planner::Team, None) => None,
    };
    let rules = db::calendar::settings::rules(&state.db, &member.tenant).await?;
    let tz = zone(member);
    let day = TimeDelta::days(1);
    let window_from = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - day;
    let window_to = to.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() + day * 2;
    let planned: Vec<DateTime<Utc>> =
        db::calendar::posts::in_range(&state.db, tenant, window_from, window_to)
            .await?
            .into_iter()
            .map(|p| p.at)
            .collect();
    let performance = db::calendar::posts::performance(&state.db, tenant, tz).await?;
    let slots = suggest_slots(&SlotRequest {
        rules: &rules,
        tz,
        pause_until: person.as_ref().and_then(|p| p.paused_until),
        from,
        to,
        not_before: Some(db::now()),
        planned: &planned,
        performance: &performance,
        count: q.count.unwrap_or(5).clamp(1, MAX_SLOTS),
        min_spacing: MIN_SPACING,
    });
    let out: Vec<SuggestedSlot> = slots
        .into_iter()
        .map(|s| SuggestedSlot {
            start: s.start,
            local: s.local,
            reasons: s
                .reasons
                .iter()
                .map(|r| Reason {
                    code: reason_code(r),
                    text: match lang {
                        Lang::De => r.text_de(),
                        Lang::En => r.text_en(),
                    },
                })
                .collect(),
        })
        .collect();
    Ok(Json(out).into_response())
}
