//! The topics dashboard: which topics and topic areas carry (team, leadership, council).

use amtfluencer_domain::privacy::Shown;
use axum::extract::{Query, State};
use axum::response::Response;

use super::chart::{self, Chart, Kind, Series};
use super::format::num;
use super::programme::median_cells;
use super::{Dashboard, RangeQuery, Table, aggregates, de, headers, range_of, source_lines};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{Cell, ExportQuery};
use crate::web::layout::PageCtx;

pub async fn show_topics(
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
    let (topics, categories) = db::analytics::topics(&state.db, tenant, &access, range).await?;
    let fresh = db::analytics::freshness(&state.db, tenant).await?;
    let links = db::analytics::clicks_by_topic(&state.db, tenant, &access, range).await?;
    let mut v = Dashboard::new(ctx, &member, "analytics-topics", "analytics-topics-intro")
        .with_range(range);
    let lang = v.ctx.lang;
    (v.sources, v.stale) = source_lines(&v.ctx, &fresh, today, false);
    let shown: Vec<&db::analytics::TopicLine> = categories
        .iter()
        .filter(|c| !c.stats.is_suppressed())
        .collect();
    let title = v.ctx.t("analytics-chart-categories");
    let ranking_headers = headers(
        &v.ctx,
        &[
            "analytics-col-rank",
            "analytics-col-topic",
            "analytics-col-posts",
            "analytics-col-median-impressions",
            "analytics-col-engagement",
        ],
    );
    let rows_of = |lines: &[db::analytics::TopicLine]| -> Vec<Vec<Cell>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| match &l.stats {
                Shown::Value(s) => {
                    let (m, r) = median_cells(lang, s);
                    vec![
                        Cell::int(lang, i as i64 + 1),
                        Cell::text(&l.title),
                        Cell::int(lang, l.posts as i64),
                        m,
                        r,
                    ]
                }
                Shown::Suppressed { .. } => vec![
                    Cell::dash(),
                    Cell::text(&l.title),
                    Cell::int(lang, l.posts as i64),
                    Cell::text(v.ctx.t("analytics-suppressed")),
                    Cell::dash(),
                ],
            })
            .collect()
    };
    v.charts.push(Chart {
        id: "categories".into(),
        file: de(&v.ctx, "analytics-chart-categories"),
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
        headers: ranking_headers.clone(),
        rows: rows_of(&categories),
    });
    v.tables.push(Table {
        id: "topics".into(),
        heading: v.ctx.t("analytics-topic-ranking"),
        file: de(&v.ctx, "analytics-topic-ranking"),
        intro: Some(v.ctx.t("analytics-min-group")),
        headers: ranking_headers,
        rows: rows_of(&topics),
        empty: v.ctx.t("analytics-no-figures"),
    });
    v.tables.push(super::links::topic_table(&v.ctx, &links));
    v.respond(&x)
}
