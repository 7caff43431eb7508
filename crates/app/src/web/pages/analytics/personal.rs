//! Pages about people: who has not posted yet (for the team, to offer help), the figures
//! people chose to share with the team, and each Amtfluencer's own figures.

use amtfluencer_domain::analytics::engagement_rate;
use amtfluencer_domain::privacy::Viewer;
use axum::extract::{Query, State};
use axum::response::Response;

use super::chart::{self, Chart, Kind, Series};
use super::format::num;
use super::{Dashboard, RangeQuery, Table, de, headers, participation, range_of, source_lines};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{Cell, ExportQuery};
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;

pub async fn show_participation(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<RangeQuery>,
    Query(x): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let access = participation(&member)?;
    let today = db::now().date_naive();
    let range = range_of(&q, today)?;
    let tenant = member.tenant_id();
    let missing = db::analytics::not_posted_yet(&state.db, tenant, &access).await?;
    let mut v = Dashboard::new(
        ctx,
        &member,
        "analytics-participation",
        "analytics-participation-intro",
    )
    .with_range(range);
    let lang = v.ctx.lang;
    v.tables.push(Table {
        id: "not-posted".into(),
        heading: v.ctx.t("analytics-not-posted"),
        file: de(&v.ctx, "analytics-not-posted"),
        intro: Some(v.ctx.t("analytics-not-posted-intro")),
        headers: headers(&v.ctx, &["analytics-col-name", "analytics-col-status"]),
        rows: missing
            .iter()
            .map(|p| {
                vec![
                    Cell::text(&p.name),
                    Cell::text(v.ctx.t(&format!("status-{}", p.status))),
                ]
            })
            .collect(),
        empty: v.ctx.t("analytics-not-posted-none"),
    });
    let viewer = Viewer {
        role: member.role,
        ambassador_id: None,
    };
    let sharing = db::analytics::shared_with_viewer(&state.db, tenant, &viewer).await?;
    let rows: Vec<Vec<Cell>> = db::analytics::people(&state.db, tenant, &sharing, range)
        .await?
        .into_iter()
        .map(|f| {
            vec![
                Cell::text(f.name),
                Cell::int(lang, f.stats.posts as i64),
                Cell::int(lang, f.stats.impressions),
                f.stats
                    .median_engagement_rate
                    .map_or_else(Cell::dash, |r| Cell::pct(lang, r)),
            ]
        })
        .collect();
    v.tables.push(Table {
        id: "shared".into(),
        heading: v.ctx.t("analytics-shared"),
        file: de(&v.ctx, "analytics-shared"),
        intro: Some(v.ctx.t("analytics-shared-intro")),
        headers: headers(
            &v.ctx,
            &[
                "analytics-col-name",
                "analytics-col-posts",
                "analytics-col-impressions",
                "analytics-col-engagement",
            ],
        ),
        rows,
        empty: v.ctx.t("analytics-shared-none"),
    });
    v.respond(&x)
}

pub async fn show_personal(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(q): Query<RangeQuery>,
    Query(x): Query<ExportQuery>,
) -> Result<Response, AppError> {
    member.require(amtfluencer_domain::permissions::Permission::ViewOwnFigures)?;
    let today = db::now().date_naive();
    let range = range_of(&q, today)?;
    let tenant = member.tenant_id();
    let access = super::own_figures(&state, &member).await?;
    let f = db::analytics::person(&state.db, tenant, &access, range)
        .await?
        .ok_or(AppError::NotFound)?;
    let fresh = db::analytics::freshness(&state.db, tenant).await?;
    let links = db::analytics::own_links(&state.db, tenant, &access, range).await?;
    let mut v = Dashboard::new(
        ctx,
        &member,
        "analytics-personal",
        "analytics-personal-intro",
    )
    .with_range(range);
    let lang = v.ctx.lang;
    (v.sources, v.stale) = source_lines(&v.ctx, &fresh, today, false);
    v.statements.push(
        v.ctx.i18n.tr_args(
            lang,
            "analytics-personal-total",
            &[
                ("posts", &num(lang, f.stats.posts as i64)),
                ("impressions", &num(lang, f.stats.impressions)),
                (
                    "median",
                    &f.stats
                        .median_impressions
                        .map_or("–".into(), |m| num(lang, m.round() as i64)),
                ),
            ],
        ),
    );
    v.statements.push(v.ctx.t1(
        "analytics-personal-goal",
        "goal",
        &f.monthly_goal.to_string(),
    ));
    let labels: Vec<String> = f.months.iter().map(|m| format_date(lang, m.0)).collect();
    let title = v.ctx.t("analytics-chart-own");
    v.charts.push(Chart {
        id: "own".into(),
        file: de(&v.ctx, "analytics-chart-own"),
        svg: chart::svg(
            "own",
            &title,
            &labels,
            &[
                Series {
                    label: v.ctx.t("analytics-col-impressions"),
                    kind: Kind::Bars,
                    values: f.months.iter().map(|m| Some(m.2 as f64)).collect(),
                },
                Series {
                    label: v.ctx.t("analytics-col-posts"),
                    kind: Kind::Line,
                    values: f.months.iter().map(|m| Some(m.1 as f64)).collect(),
                },
            ],
        ),
        title,
        summary: v.ctx.i18n.tr_args(
            lang,
            "analytics-chart-own-summary",
            &[
                ("months", &f.months.len().to_string()),
                ("impressions", &num(lang, f.stats.impressions)),
            ],
        ),
        headers: headers(
            &v.ctx,
            &[
                "analytics-col-month",
                "analytics-col-posts",
                "analytics-col-impressions",
            ],
        ),
        rows: f
            .months
            .iter()
            .map(|m| {
                vec![
                    Cell::date(lang, m.0),
                    Cell::int(lang, m.1 as i64),
                    Cell::int(lang, m.2),
                ]
            })
            .collect(),
    });
    v.tables.push(Table {
        id: "own-posts".into(),
        heading: v.ctx.t("analytics-own-posts"),
        file: de(&v.ctx, "analytics-own-posts"),
        intro: None,
        headers: headers(
            &v.ctx,
            &[
                "analytics-col-date",
                "analytics-col-post",
                "analytics-col-impressions",
                "analytics-col-interactions",
                "analytics-col-engagement",
            ],
        ),
        rows: f
            .posts
            .iter()
            .map(|p| {
                vec![
                    Cell::date(lang, p.published.date_naive()),
                    Cell::text(&p.excerpt),
                    Cell::int_or_dash(lang, p.impressions),
                    Cell::int_or_dash(lang, p.interactions),
                    p.impressions
                        .zip(p.interactions)
                        .and_then(|(i, x)| engagement_rate(i, x))
                        .map_or_else(Cell::dash, |r| Cell::pct(lang, r)),
                ]
            })
            .collect(),
        empty: v.ctx.t("analytics-own-none"),
    });
    v.tables.push(super::links::own_table(&v.ctx, &links));
    v.respond(&x)
}
