//! Posts, reach and engagement by month, and the topic ranking.

use amtfluencer_domain::privacy::Shown;

use super::{headers, median_impressions, median_rate, stat, suppressed};
use crate::db::analytics::TopicLine;
use crate::reports::data::ReportData;
use crate::reports::document::{Block, Cell, Chart, Section, Series, SeriesKind, Table};
use crate::reports::words::Words;

pub fn posts(d: &ReportData, w: &Words) -> Section {
    let f = &d.figures;
    let mut blocks = vec![Block::Paragraph(match &f.total {
        Shown::Value(t) => w.ta(
            "analytics-programme-total",
            &[
                ("posts", &w.count(t.posts)),
                ("people", &w.count(t.people)),
                ("impressions", &w.num(t.impressions)),
            ],
        ),
        Shown::Suppressed { .. } => w.t("analytics-suppressed-all"),
    })];
    let orientation = f.months.first().map_or(0, |m| m.orientation);
    let labels: Vec<String> = f.months.iter().map(|m| w.month(m.month)).collect();
    let suppressed_months = f.months.iter().filter(|m| m.posts.is_suppressed()).count();
    let mut summary = w.ta(
        "analytics-chart-posts-summary",
        &[
            ("months", &f.months.len().to_string()),
            ("orientation", &w.num(orientation)),
        ],
    );
    if suppressed_months > 0 {
        summary.push(' ');
        summary.push_str(&w.ta(
            "analytics-months-suppressed",
            &[("n", &suppressed_months.to_string())],
        ));
    }
    blocks.push(Block::Chart(Chart {
        id: "posts-chart",
        title: w.t("analytics-chart-posts"),
        summary,
        labels: labels.clone(),
        series: vec![
            Series {
                label: w.t("analytics-col-posts"),
                kind: SeriesKind::Bars,
                values: f
                    .months
                    .iter()
                    .map(|m| m.posts.value().map(|s| s.posts as f64))
                    .collect(),
            },
            Series {
                label: w.t("analytics-col-orientation"),
                kind: SeriesKind::Line,
                values: f
                    .months
                    .iter()
                    .map(|m| Some(m.orientation as f64))
                    .collect(),
            },
        ],
        shared_scale: true,
    }));
    let best = f
        .months
        .iter()
        .filter_map(|m| m.posts.value().map(|s| (m.month, s.impressions)))
        .max_by_key(|(_, i)| *i);
    blocks.push(Block::Chart(Chart {
        id: "reach-chart",
        title: w.t("analytics-chart-reach"),
        summary: match best {
            Some((m, i)) => w.ta(
                "analytics-chart-reach-summary",
                &[("month", &w.month(m)), ("impressions", &w.num(i))],
            ),
            None => w.t("analytics-no-figures"),
        },
        labels,
        series: vec![
            Series {
                label: w.t("analytics-col-impressions"),
                kind: SeriesKind::Line,
                values: f
                    .months
                    .iter()
                    .map(|m| m.posts.value().map(|s| s.impressions as f64))
                    .collect(),
            },
            Series {
                label: w.t("analytics-col-engagement"),
                kind: SeriesKind::Line,
                values: f
                    .months
                    .iter()
                    .map(|m| m.posts.value().and_then(|s| s.median_engagement_rate))
                    .collect(),
            },
        ],
        shared_scale: false,
    }));
    blocks.push(Block::Table(Table {
        id: "months",
        sheet: w.t("report-sheet-months"),
        caption: w.t("report-table-months"),
        headers: headers(
            w,
            &[
                "analytics-col-month",
                "analytics-col-posts",
                "analytics-col-orientation",
                "analytics-col-active",
                "analytics-col-impressions",
                "analytics-col-interactions",
                "analytics-col-median-impressions",
                "analytics-col-engagement",
            ],
        ),
        rows: f
            .months
            .iter()
            .map(|m| {
                let p = &m.posts;
                vec![
                    Cell::Month(m.month),
                    stat(w, p, |s| Cell::int(s.posts)),
                    Cell::Int(m.orientation),
                    stat(w, p, |s| Cell::int(s.people)),
                    stat(w, p, |s| Cell::Int(s.impressions)),
                    stat(w, p, |s| Cell::Int(s.interactions)),
                    stat(w, p, median_impressions),
                    stat(w, p, median_rate),
                ]
            })
            .collect(),
        empty: w.t("analytics-no-figures"),
    }));
    blocks.push(Block::Paragraph(
        w.ta("report-orientation-note", &[("n", &w.num(orientation))]),
    ));
    Section {
        id: "posts",
        heading: w.t("report-posts"),
        blocks,
    }
}

fn ranking(
    w: &Words,
    id: &'static str,
    sheet_key: &str,
    caption: String,
    lines: &[TopicLine],
) -> Block {
    let mut rank = 0;
    Block::Table(Table {
        id,
        sheet: w.t(sheet_key),
        caption,
        headers: headers(
            w,
            &[
                "analytics-col-rank",
                "analytics-col-topic",
                "analytics-col-posts",
                "analytics-col-median-impressions",
                "analytics-col-engagement",
            ],
        ),
        rows: lines
            .iter()
            .map(|l| match &l.stats {
                Shown::Value(s) => {
                    rank += 1;
                    vec![
                        Cell::Int(rank),
                        Cell::Text(l.title.clone()),
                        Cell::int(l.posts),
                        median_impressions(s),
                        median_rate(s),
                    ]
                }
                Shown::Suppressed { .. } => vec![
                    Cell::Missing,
                    Cell::Text(l.title.clone()),
                    Cell::int(l.posts),
                    suppressed(w),
                    suppressed(w),
                ],
            })
            .collect(),
        empty: w.t("analytics-no-figures"),
    })
}

pub fn topics(d: &ReportData, w: &Words) -> Section {
    let f = &d.figures;
    let shown: Vec<&TopicLine> = f
        .categories
        .iter()
        .filter(|c| !c.stats.is_suppressed())
        .collect();
    let chart = Chart {
        id: "categories-chart",
        title: w.t("analytics-chart-categories"),
        summary: match shown.first() {
            Some(best) => w.ta(
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
                            .map_or("–".into(), |m| w.num(m.round() as i64)),
                    ),
                ],
            ),
            None => w.t("analytics-no-figures"),
        },
        labels: shown.iter().map(|c| c.title.clone()).collect(),
        series: vec![Series {
            label: w.t("analytics-col-median-impressions"),
            kind: SeriesKind::Bars,
            values: shown
                .iter()
                .map(|c| c.stats.value().and_then(|s| s.median_impressions))
                .collect(),
        }],
        shared_scale: true,
    };
    Section {
        id: "topics",
        heading: w.t("report-topics"),
        blocks: vec![
            Block::Paragraph(w.t("analytics-topics-intro")),
            Block::Paragraph(w.t("analytics-min-group")),
            Block::Chart(chart),
            ranking(
                w,
                "categories",
                "report-sheet-categories",
                w.t("analytics-chart-categories"),
                &f.categories,
            ),
            ranking(
                w,
                "topics",
                "report-sheet-topics",
                w.t("analytics-topic-ranking"),
                &f.topics,
            ),
        ],
    }
}
