//! The aggregate dashboards: programme, topics and page effect (team, leadership, council).

use amtfluencer_domain::analytics::GroupStats;
use amtfluencer_domain::privacy::Shown;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};

use super::chart::{self, Chart, Kind, Series};
use super::format::{num, pct};
use super::{Dashboard, RangeQuery, Table, aggregates, range_of, source_lines};
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

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

fn month_label(lang: Lang, m: NaiveDate) -> String {
    match lang {
        Lang::De => format!("{:02}/{}", m.month(), m.year()),
        Lang::En => format!("{}-{:02}", m.year(), m.month()),
    }
}

/// "–" for a suppressed group, with the reason once in the page's notes.
fn or_dash<T>(s: &Shown<T>, f: impl Fn(&T) -> String) -> String {
    s.value().map_or_else(|| "–".to_owned(), f)
}

fn median_text(lang: Lang, s: &GroupStats) -> (String, String) {
    (
        s.median_impressions
            .map_or("–".into(), |v| num(lang, v.round() as i64)),
        s.median_engagement_rate
            .map_or("–".into(), |v| pct(lang, v)),
    )
}

pub async fn show_programme(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let access = aggregates(&member)?;
    let today = db::now().date_naive();
    let range = range_of(&q, today)?;
    let tenant = member.tenant_id();
    let p = db::analytics::programme(&state.db, tenant, &access, range).await?;
    let fresh = db::analytics::freshness(&state.db, tenant).await?;
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
    let rows: Vec<Vec<String>> = p
        .months
        .iter()
        .map(|m| {
            let (median, rate) = m
                .posts
                .value()
                .map_or(("–".into(), "–".into()), |s| median_text(lang, s));
            vec![
                month_label(lang, m.month),
                or_dash(&m.posts, |s| num(lang, s.posts as i64)),
                num(lang, m.orientation),
                or_dash(&m.posts, |s| num(lang, s.people as i64)),
                or_dash(&m.posts, |s| num(lang, s.impressions)),
                median,
                rate,
            ]
        })
        .collect();
    let headers: Vec<String> = [
        "analytics-col-month",
        "analytics-col-posts",
        "analytics-col-orientation",
        "analytics-col-active",
        "analytics-col-impressions",
        "analytics-col-median-impressions",
        "analytics-col-engagement",
    ]
    .iter()
    .map(|k| v.ctx.t(k))
    .collect();
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
        headers: headers.clone(),
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
        headers,
        rows,
    });
    v.tables.push(Table {
        id: "cohorts".into(),
        heading: v.ctx.t("analytics-cohorts"),
        intro: Some(v.ctx.t("analytics-min-group")),
        headers: [
            "analytics-col-cohort",
            "analytics-col-posts",
            "analytics-col-active",
            "analytics-col-impressions",
            "analytics-col-median-impressions",
            "analytics-col-engagement",
        ]
        .iter()
        .map(|k| v.ctx.t(k))
        .collect(),
        rows: p
            .cohorts
            .iter()
            .map(|(name, s)| match s {
                Shown::Value(s) => {
                    let (m, r) = median_text(lang, s);
                    vec![
                        name.clone(),
                        num(lang, s.posts as i64),
                        num(lang, s.people as i64),
                        num(lang, s.impressions),
                        m,
                        r,
                    ]
                }
                Shown::Suppressed { .. } => {
                    let d = "–".to_owned();
                    vec![
                        name.clone(),
                        v.ctx.t("analytics-suppressed"),
                        d.clone(),
                        d.clone(),
                        d.clone(),
                        d,
                    ]
                }
            })
            .collect(),
        empty: v.ctx.t("analytics-no-figures"),
    });
    Ok(page(&v))
}

pub async fn show_topics(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let access = aggregates(&member)?;
    let today = db::now().date_naive();
    let range = range_of(&q, today)?;
    let tenant = member.tenant_id();
    let (topics, categories) = db::analytics::topics(&state.db, tenant, &access, range).await?;
    let fresh = db::analytics::freshness(&state.db, tenant).await?;
    let mut v = Dashboard::new(ctx, &member, "analytics-topics", "analytics-topics-intro")
        .with_range(range);
    let lang = v.ctx.lang;
    (v.sources, v.stale) = source_lines(&v.ctx, &fresh, today, false);
    let shown: Vec<&db::analytics::TopicLine> = categories
        .iter()
        .filter(|c| !c.stats.is_suppressed())
        .collect();
    let title = v.ctx.t("analytics-chart-categories");
    let headers: Vec<String> = [
        "analytics-col-rank",
        "analytics-col-topic",
        "analytics-col-posts",
        "analytics-col-median-impressions",
        "analytics-col-engagement",
    ]
    .iter()
    .map(|k| v.ctx.t(k))
    .collect();
    let rows_of = |lines: &[db::analytics::TopicLine]| -> Vec<Vec<String>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| match &l.stats {
                Shown::Value(s) => {
                    let (m, r) = median_text(lang, s);
                    vec![
                        (i + 1).to_string(),
                        l.title.clone(),
                        num(lang, l.posts as i64),
                        m,
                        r,
                    ]
                }
                Shown::Suppressed { .. } => vec![
                    "–".into(),
                    l.title.clone(),
                    num(lang, l.posts as i64),
                    v.ctx.t("analytics-suppressed"),
                    "–".into(),
                ],
            })
            .collect()
    };
    v.charts.push(Chart {
        id: "categories".into(),
        svg: chart::svg(
            "categories",
            &title,
            &shown.iter().map(|c| c.title.clone()).collect::<Vec<_>>(),
            &[Series {
                label: v.ctx.t("analytics-col-median-impressions"),
                kind: Kind::Bars,
                values: shown
                    .iter()
                    .map(|c| c.stats.value().and_then(|s| s.median_impressions))
                    .collect(),
            }],
        ),
        title,
        summary: match shown.first() {
            Some(best) => v.ctx.i18n.tr_args(
                lang,
                "analytics-chart-categories-summary",
                &[
                    ("category", best.title.as_str()),
                    ("n", &best.posts.to_string()),
                    (
                        "median",
                        &best
                            .stats
                            .value()
                            .and_then(|s| s.median_impressions)
                            .map_or("–".into(), |m| num(lang, m.round() as i64)),
                    ),
                ],
            ),
            None => v.ctx.t("analytics-no-figures"),
        },
        headers: headers.clone(),
        rows: rows_of(&categories),
    });
    v.tables.push(Table {
        id: "topics".into(),
        heading: v.ctx.t("analytics-topic-ranking"),
        intro: Some(v.ctx.t("analytics-min-group")),
        headers,
        rows: rows_of(&topics),
        empty: v.ctx.t("analytics-no-figures"),
    });
    Ok(page(&v))
}
