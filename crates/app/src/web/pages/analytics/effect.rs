//! The page effect dashboard: the page's weeks with the posting activity laid over them, and
//! the effect in words with its uncertainty.

use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{Datelike, Duration, NaiveDate};

use super::chart::{self, Chart, Kind, Series};
use super::format::num;
use super::{Dashboard, RangeQuery, aggregates, de, headers, range_of, source_lines};
use crate::db::{self, analytics::PageEffect};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{Cell, ExportQuery};
use crate::web::layout::PageCtx;

/// The page effect in words, with its uncertainty.
pub fn effect_statements(ctx: &PageCtx, e: &PageEffect) -> Vec<String> {
    crate::reports::Words::new(&ctx.i18n, ctx.lang).effect_statements(e)
}

pub async fn show_page_effect(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<RangeQuery>,
    Query(x): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let access = aggregates(&member)?;
    let today = db::now().date_naive();
    let range = range_of(&q, today)?;
    let tenant = member.tenant_id();
    let e = db::analytics::page_effect(&state.db, tenant, &access, range).await?;
    let fresh = db::analytics::freshness(&state.db, tenant).await?;
    let mut v = Dashboard::new(
        ctx,
        &member,
        "analytics-page-effect",
        "analytics-page-effect-intro",
    )
    .with_range(range);
    let lang = v.ctx.lang;
    (v.sources, v.stale) = source_lines(&v.ctx, &fresh, today, true);
    v.statements = effect_statements(&v.ctx, &e);
    // Weeks (from Monday) keep the chart readable over a year.
    let mut weeks: Vec<(NaiveDate, Option<i64>, Option<i64>, i64)> = Vec::new();
    for d in &e.days {
        let monday = d.day - Duration::days(i64::from(d.day.weekday().num_days_from_monday()));
        if weeks.last().is_none_or(|w| w.0 != monday) {
            weeks.push((monday, None, None, 0));
        }
        if let Some(w) = weeks.last_mut() {
            w.1 = match (w.1, d.new_followers) {
                (a, None) => a,
                (a, Some(b)) => Some(a.unwrap_or(0) + b),
            };
            w.2 = d.followers.or(w.2);
            w.3 += d.posts;
        }
    }
    let labels: Vec<String> = weeks
        .iter()
        .map(|w| super::format_date(lang, w.0))
        .collect();
    let title = v.ctx.t("analytics-chart-page");
    let total_new: i64 = weeks.iter().filter_map(|w| w.1).sum();
    let total_posts: i64 = weeks.iter().map(|w| w.3).sum();
    v.charts.push(Chart {
        id: "page".into(),
        file: de(&v.ctx, "analytics-chart-page"),
        svg: chart::svg(
            "page",
            &title,
            &labels,
            &[
                Series {
                    label: v.ctx.t("analytics-col-new-followers"),
                    kind: Kind::Line,
                    values: weeks.iter().map(|w| w.1.map(|x| x as f64)).collect(),
                },
                Series {
                    label: v.ctx.t("analytics-col-posts"),
                    kind: Kind::Bars,
                    values: weeks.iter().map(|w| Some(w.3 as f64)).collect(),
                },
            ],
        ),
        title,
        summary: v.ctx.i18n.tr_args(
            lang,
            "analytics-chart-page-summary",
            &[
                ("weeks", &weeks.len().to_string()),
                ("new", &num(lang, total_new)),
                ("posts", &num(lang, total_posts)),
            ],
        ),
        headers: headers(
            &v.ctx,
            &[
                "analytics-col-week",
                "analytics-col-new-followers",
                "analytics-col-followers",
                "analytics-col-posts",
            ],
        ),
        rows: weeks
            .iter()
            .map(|w| {
                vec![
                    Cell::date(lang, w.0),
                    Cell::int_or_dash(lang, w.1),
                    Cell::int_or_dash(lang, w.2),
                    Cell::int(lang, w.3),
                ]
            })
            .collect(),
    });
    v.respond(&x)
}
