//! The programme dashboard (team, leadership, council), and where `/analytics` leads.

use amtfluencer_domain::analytics::GroupStats;
use amtfluencer_domain::privacy::Shown;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};

use super::chart::{self, Chart, Kind, Series};
use super::format::num;
use super::{Dashboard, RangeQuery, Table, aggregates, de, headers, range_of, source_lines};
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{Cell, ExportQuery};
use crate::web::layout::PageCtx;

/// The first dashboard the member may open.
pub async fn show_index(member: Member) -> Result<Response, AppError> {
    member.require(amtfluencer_domain::permissions::Permission::ViewStart)?;
    let base = format!("/t/{}/analytics", member.tenant.slug);
    let to = if super::aggregates(&member).is_ok() {
        "programme"
    } else if member.can(amtfluencer_domain::permissions::Permission::ViewOwnFigures) {
        "personal"
    } else {
        return Err(AppError::Forbidden);
    };
    Ok(Redirect::to(&format!("{base}/{to}")).into_response())
}

pub(super) fn month_label(lang: Lang, m: NaiveDate) -> String {
    match lang {
        Lang::De => format!("{:02}/{}", m.month(), m.year()),
        Lang::En => format!("{}-{:02}", m.year(), m.month()),
    }
}

/// "–" for a suppressed group, with the reason once in the page's notes.
fn or_dash<T>(s: &Shown<T>, f: impl Fn(&T) -> Cell) -> Cell {
    s.value().map_or_else(Cell::dash, f)
}

/// The median impressions and the median engagement rate of a group.
pub(super) fn median_cells(lang: Lang, s: &GroupStats) -> (Cell, Cell) {
    (
        Cell::int_or_dash(lang, s.median_impressions.map(|v| v.round() as i64)),
        s.median_engagement_rate
            .map_or_else(Cell::dash, |v| Cell::pct(lang, v)),
    )
}

pub async fn show_programme(
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
    let p = db::analytics::programme(&state.db, tenant, &access, range).await?;
    let fresh = db::analytics::freshness(&state.db, tenant).await?;
    let clicks = db::analytics::clicks_by_month(&state.db, tenant, &access, range).await?;
    let mut v = Dashboard::new(
        ctx,
        &member,
        "analytics-programme",
        "analytics-programme-intro",
    )
    .with_range(range);
    let lang = v.ctx.lang;
    (v.sources, v.stale) = source_lines(&v.ctx, &fresh, today, false);
    v.statements.push(match &p.total {
        Shown::Value(t) => v.ctx.i18n.tr_args(
            lang,
            "analytics-programme-total",
            &[
                ("posts", &num(lang, t.posts as i64)),
                ("people", &num(lang, t.people as i64)),
                ("impressions", &num(lang, t.impressions)),
            ],
        ),
        Shown::Suppressed { .. } => v.ctx.t("analytics-suppressed-all"),
    });
    let labels: Vec<String> = p
        .months
        .iter()
        .map(|m| month_label(lang, m.month))
        .collect();
    let posts: Vec<Option<f64>> = p
        .months
        .iter()
        .map(|m| m.posts.value().map(|s| s.posts as f64))
        .collect();
    let orientation: Vec<Option<f64>> = p
        .months
        .iter()
        .map(|m| Some(m.orientation as f64))
        .collect();
    let suppressed = p.months.iter().filter(|m| m.posts.is_suppressed()).count();
    let rows: Vec<Vec<Cell>> = p
        .months
        .iter()
        .map(|m| {
            let (median, rate) = m
                .posts
                .value()
                .map_or((Cell::dash(), Cell::dash()), |s| median_cells(lang, s));
            vec![
                Cell::text(month_label(lang, m.month)),
                or_dash(&m.posts, |s| Cell::int(lang, s.posts as i64)),
                Cell::int(lang, m.orientation),
                or_dash(&m.posts, |s| Cell::int(lang, s.people as i64)),
                or_dash(&m.posts, |s| Cell::int(lang, s.impressions)),
                median,
                rate,
            ]
        })
        .collect();
    let month_headers = headers(
        &v.ctx,
        &[
            "analytics-col-month",
            "analytics-col-posts",
            "analytics-col-orientation",
            "analytics-col-active",
            "analytics-col-impressions",
            "analytics-col-median-impressions",
            "analytics-col-engagement",
        ],
    );
    let title = v.ctx.t("analytics-chart-posts");
    let mut summary = v.ctx.i18n.tr_args(
        lang,
        "analytics-chart-posts-summary",
        &[
            ("months", &p.months.len().to_string()),
            (
                "orientation",
                &num(lang, p.months.first().map_or(0, |m| m.orientation)),
            ),
        ],
    );
    if suppressed > 0 {
        summary.push(' ');
        summary.push_str(
            &v.ctx
                .t1("analytics-months-suppressed", "n", &suppressed.to_string()),
        );
    }
    v.charts.push(Chart {
        id: "posts".into(),
        file: de(&v.ctx, "analytics-chart-posts"),
        svg: chart::svg(
            "posts",
            &title,
            &labels,
            &[
                Series {
                    label: v.ctx.t("analytics-col-posts"),
                    kind: Kind::Bars,
                    values: posts,
                },
                Series {
                    label: v.ctx.t("analytics-col-orientation"),
                    kind: Kind::Line,
                    values: orientation,
                },
            ],
        ),
        title,
        summary,
        headers: month_headers.clone(),
        rows: rows.clone(),
    });
    let impressions: Vec<Option<f64>> = p
        .months
        .iter()
        .map(|m| m.posts.value().map(|s| s.impressions as f64))
        .collect();
    let rates: Vec<Option<f64>> = p
        .months
        .iter()
        .map(|m| m.posts.value().and_then(|s| s.median_engagement_rate))
        .collect();
    let best = p
        .months
        .iter()
        .filter_map(|m| m.posts.value().map(|s| (m.month, s.impressions)))
        .max_by_key(|(_, i)| *i);
    let title = v.ctx.t("analytics-chart-reach");
    v.charts.push(Chart {
        id: "reach".into(),
        file: de(&v.ctx, "analytics-chart-reach"),
        svg: chart::svg(
            "reach",
            &title,
            &labels,
            &[
                Series {
                    label: v.ctx.t("analytics-col-impressions"),
                    kind: Kind::Line,
                    values: impressions,
                },
                Series {
                    label: v.ctx.t("analytics-col-engagement"),
                    kind: Kind::Line,
                    values: rates,
                },
            ],
        ),
        title,
        summary: match best {
            Some((m, i)) => v.ctx.i18n.tr_args(
                lang,
                "analytics-chart-reach-summary",
                &[
                    ("month", &month_label(lang, m)),
                    ("impressions", &num(lang, i)),
                ],
            ),
            None => v.ctx.t("analytics-no-figures"),
        },
        headers: month_headers,
        rows,
    });
    v.tables.push(Table {
        id: "cohorts".into(),
        heading: v.ctx.t("analytics-cohorts"),
        file: de(&v.ctx, "analytics-cohorts"),
        intro: Some(v.ctx.t("analytics-min-group")),
        headers: headers(
            &v.ctx,
            &[
                "analytics-col-cohort",
                "analytics-col-posts",
                "analytics-col-active",
                "analytics-col-impressions",
                "analytics-col-median-impressions",
                "analytics-col-engagement",
            ],
        ),
        rows: p
            .cohorts
            .iter()
            .map(|(name, s)| match s {
                Shown::Value(s) => {
                    let (m, r) = median_cells(lang, s);
                    vec![
                        Cell::text(name),
                        Cell::int(lang, s.posts as i64),
                        Cell::int(lang, s.people as i64),
                        Cell::int(lang, s.impressions),
                        m,
                        r,
                    ]
                }
                Shown::Suppressed { .. } => {
                    let mut row = vec![
                        Cell::text(name),
                        Cell::text(v.ctx.t("analytics-suppressed")),
                    ];
                    row.extend(std::iter::repeat_n(Cell::dash(), 4));
                    row
                }
            })
            .collect(),
        empty: v.ctx.t("analytics-no-figures"),
    });
    v.statements.push(super::links::statement(&v.ctx, &clicks));
    v.tables.push(super::links::month_table(&v.ctx, &clicks));
    v.respond(&x)
}
