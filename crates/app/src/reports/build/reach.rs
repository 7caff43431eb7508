//! The authority page's growth with the page effect, the short-link clicks and the costs.

use amtfluencer_domain::privacy::Shown;

use super::overview::cost_per_thousand;
use super::{facts_table, headers, suppressed};
use crate::reports::data::ReportData;
use crate::reports::document::{Block, Cell, Chart, Section, Series, SeriesKind, Table};
use crate::reports::words::Words;

pub fn page(d: &ReportData, w: &Words) -> Section {
    let g = &d.page;
    let mut blocks = Vec::new();
    blocks.push(Block::Paragraph(match (g.first, g.last) {
        (Some((from, first)), Some((to, last))) => {
            let diff = last - first;
            let share = if first > 0 {
                w.pct(diff as f64 / first as f64)
            } else {
                "–".to_owned()
            };
            w.ta(
                "report-page-growth",
                &[
                    ("from", &w.date(from)),
                    ("first", &w.num(first)),
                    ("to", &w.date(to)),
                    ("last", &w.num(last)),
                    ("diff", &w.num(diff)),
                    ("share", &share),
                    ("new", &g.new_followers.map_or("–".into(), |n| w.num(n))),
                    (
                        "impressions",
                        &g.impressions.map_or("–".into(), |n| w.num(n)),
                    ),
                ],
            )
        }
        _ => w.t("report-page-none"),
    }));
    let labels: Vec<String> = g.months.iter().map(|m| w.month(m.month)).collect();
    let total_posts: i64 = g.months.iter().map(|m| m.posts).sum();
    blocks.push(Block::Chart(Chart {
        id: "page-chart",
        title: w.t("report-chart-page"),
        summary: w.ta(
            "report-chart-page-summary",
            &[
                ("months", &g.months.len().to_string()),
                ("new", &g.new_followers.map_or("–".into(), |n| w.num(n))),
                ("posts", &w.num(total_posts)),
            ],
        ),
        labels,
        series: vec![
            Series {
                label: w.t("analytics-col-new-followers"),
                kind: SeriesKind::Line,
                values: g
                    .months
                    .iter()
                    .map(|m| m.new_followers.map(|n| n as f64))
                    .collect(),
            },
            Series {
                label: w.t("report-col-all-posts"),
                kind: SeriesKind::Bars,
                values: g.months.iter().map(|m| Some(m.posts as f64)).collect(),
            },
        ],
        shared_scale: false,
    }));
    blocks.push(Block::Table(Table {
        id: "page",
        sheet: w.t("report-sheet-page"),
        caption: w.t("report-table-page"),
        headers: headers(
            w,
            &[
                "analytics-col-month",
                "report-col-followers-end",
                "analytics-col-new-followers",
                "report-col-page-impressions",
                "report-col-all-posts",
            ],
        ),
        rows: g
            .months
            .iter()
            .map(|m| {
                vec![
                    Cell::Month(m.month),
                    Cell::opt_int(m.followers),
                    Cell::opt_int(m.new_followers),
                    Cell::opt_int(m.impressions),
                    Cell::Int(m.posts),
                ]
            })
            .collect(),
        empty: w.t("report-page-none"),
    }));
    blocks.push(Block::Subheading(w.t("report-effect")));
    blocks.extend(
        w.effect_statements(&d.effect)
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.push(Block::Paragraph(w.t("report-effect-scope")));
    Section {
        id: "page-growth",
        heading: w.t("report-page"),
        blocks,
    }
}

pub fn links(d: &ReportData, w: &Words) -> Section {
    let l = &d.links;
    let (links, clicks) = match &l.cohort {
        Shown::Value(c) => (Cell::Int(c.links as i64), Cell::Int(c.clicks as i64)),
        Shown::Suppressed { .. } => (suppressed(w), suppressed(w)),
    };
    let rows = vec![
        (w.t("report-links-cohort-links"), links),
        (w.t("report-links-cohort-clicks"), clicks),
        (w.t("report-links-all-links"), Cell::Int(l.all_links as i64)),
        (
            w.t("report-links-all-clicks"),
            Cell::Int(l.all_clicks as i64),
        ),
    ];
    Section {
        id: "links",
        heading: w.t("report-links"),
        blocks: vec![
            Block::Paragraph(w.t("report-links-intro")),
            facts_table(
                w,
                "link-clicks",
                "report-sheet-links",
                w.t("report-table-links"),
                rows,
            ),
        ],
    }
}

pub fn costs(d: &ReportData, w: &Words) -> Section {
    let b = &d.budget;
    let mut rows: Vec<Vec<Cell>> = b
        .by_category
        .iter()
        .map(|(c, cents)| {
            vec![
                Cell::Text(w.t(&format!("cost-category-{c}"))),
                Cell::Euro(*cents),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text(w.t("cost-total")),
        Cell::Euro(b.total_cents),
    ]);
    rows.push(vec![
        Cell::Text(w.t("cost-per-participant")),
        b.per_participant_cents.map_or(Cell::Missing, Cell::Euro),
    ]);
    rows.push(vec![
        Cell::Text(w.t("report-fig-cost-per-thousand")),
        cost_per_thousand(d, w),
    ]);
    Section {
        id: "costs",
        heading: w.t("report-costs"),
        blocks: vec![
            Block::Paragraph(w.ta(
                "report-costs-intro",
                &[("participants", &w.num(b.participants as i64))],
            )),
            Block::Table(Table {
                id: "cost-table",
                sheet: w.t("report-sheet-costs"),
                caption: w.t("cost-by-category"),
                headers: headers(w, &["cost-category", "cost-amount"]),
                rows,
                empty: w.t("cost-none"),
            }),
        ],
    }
}
