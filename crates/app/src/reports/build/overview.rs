//! The report's frame: the figures at a glance, what worked and what did not, the
//! participants, leadership's decision and how the figures were made.

use amtfluencer_domain::privacy::Shown;

use super::{facts_table, headers, median_impressions, median_rate, people, stat, suppressed};
use crate::reports::data::ReportData;
use crate::reports::document::{Block, Cell, Section, Table};
use crate::reports::findings;
use crate::reports::words::Words;

/// The decision in one word: pending, approved or declined.
pub fn decision_label(d: &ReportData, w: &Words) -> String {
    w.t(&format!(
        "cohort-decision-{}",
        d.cohort.decision.as_deref().unwrap_or("pending")
    ))
}

pub fn overview(d: &ReportData, w: &Words) -> Section {
    let t = &d.figures.total;
    let gated = |n: usize| {
        if t.is_suppressed() {
            suppressed(w)
        } else {
            Cell::int(n)
        }
    };
    let rows = vec![
        (
            w.t("report-fig-participants"),
            Cell::int(d.participants.total),
        ),
        (w.t("report-fig-posters"), gated(d.figures.posters)),
        (w.t("report-fig-posts"), stat(w, t, |s| Cell::int(s.posts))),
        (
            w.t("report-fig-impressions"),
            stat(w, t, |s| Cell::Int(s.impressions)),
        ),
        (
            w.t("report-fig-interactions"),
            stat(w, t, |s| Cell::Int(s.interactions)),
        ),
        (
            w.t("report-fig-median-impressions"),
            stat(w, t, median_impressions),
        ),
        (w.t("report-fig-engagement"), stat(w, t, median_rate)),
        (
            w.t("report-fig-new-followers"),
            Cell::opt_int(d.page.new_followers),
        ),
        (
            w.t("report-fig-followers"),
            Cell::opt_int(d.page.last.map(|l| l.1)),
        ),
        (
            w.t("report-fig-link-clicks"),
            match &d.links.cohort {
                Shown::Value(l) => Cell::Int(l.clicks as i64),
                Shown::Suppressed { .. } => suppressed(w),
            },
        ),
        (w.t("cost-total"), Cell::Euro(d.budget.total_cents)),
        (
            w.t("cost-per-participant"),
            d.budget
                .per_participant_cents
                .map_or(Cell::Missing, Cell::Euro),
        ),
        (w.t("report-fig-cost-per-thousand"), cost_per_thousand(d, w)),
        (w.t("report-fig-decision"), Cell::Text(decision_label(d, w))),
    ];
    Section {
        id: "overview",
        heading: w.t("report-overview"),
        blocks: vec![facts_table(
            w,
            "figures",
            "report-sheet-figures",
            w.t("report-table-figures"),
            rows,
        )],
    }
}

pub fn cost_per_thousand(d: &ReportData, w: &Words) -> Cell {
    match d.cost_per_thousand {
        Shown::Value(v) => v.map_or(Cell::Missing, Cell::Euro),
        Shown::Suppressed { .. } => suppressed(w),
    }
}

pub fn findings(d: &ReportData, w: &Words) -> Section {
    let f = findings::findings(d, w);
    let list = |items: Vec<String>, none: &str| {
        if items.is_empty() {
            Block::Paragraph(w.t(none))
        } else {
            Block::Bullets(items)
        }
    };
    Section {
        id: "findings",
        heading: w.t("report-findings"),
        blocks: vec![
            Block::Paragraph(w.t("report-findings-intro")),
            Block::Subheading(w.t("report-worked")),
            list(f.worked, "report-worked-none"),
            Block::Subheading(w.t("report-not-worked")),
            list(f.not_worked, "report-not-worked-none"),
            Block::Subheading(w.t("report-open")),
            list(f.open, "report-open-none"),
        ],
    }
}

pub fn participants(d: &ReportData, w: &Words) -> Section {
    let p = &d.participants;
    let table = |id, sheet_key: &str, caption: &str, first: &str, rows: Vec<Vec<Cell>>| {
        Block::Table(Table {
            id,
            sheet: w.t(sheet_key),
            caption: w.t(caption),
            headers: headers(w, &[first, "report-col-people"]),
            rows,
            empty: w.t("report-no-participants"),
        })
    };
    let status_rows = p
        .by_status
        .iter()
        .map(|(s, n)| vec![Cell::Text(w.t(&format!("status-{s}"))), people(w, n)])
        .collect();
    let track_rows = p
        .by_track
        .iter()
        .map(|(t, n)| vec![Cell::Text(w.t(&format!("track-{t}"))), people(w, n)])
        .collect();
    let mut step_rows: Vec<Vec<Cell>> = p
        .steps
        .iter()
        .map(|(s, n)| vec![Cell::Text(w.t(s.key())), people(w, n)])
        .collect();
    step_rows.push(vec![
        Cell::Text(w.t("report-onboarded")),
        people(w, &p.onboarded),
    ]);
    let none = p.total == 0;
    let rows = |r: Vec<Vec<Cell>>| if none { Vec::new() } else { r };
    Section {
        id: "participants",
        heading: w.t("report-participants"),
        blocks: vec![
            Block::Paragraph(w.ta("report-participants-intro", &[("total", &w.count(p.total))])),
            table(
                "status",
                "report-sheet-status",
                "report-table-status",
                "report-col-status",
                rows(status_rows),
            ),
            table(
                "tracks",
                "report-sheet-tracks",
                "report-table-tracks",
                "people-track",
                rows(track_rows),
            ),
            table(
                "onboarding",
                "report-sheet-onboarding",
                "report-table-onboarding",
                "report-col-step",
                rows(step_rows),
            ),
        ],
    }
}

pub fn decision(d: &ReportData, w: &Words) -> Section {
    let c = &d.cohort;
    let mut blocks = Vec::new();
    let submitted = c.evaluation_submitted_at.map(|t| w.timestamp(t));
    match (&c.decision, c.decided_at) {
        (Some(_), Some(at)) => {
            let by = d
                .decided_by
                .clone()
                .unwrap_or_else(|| w.t("cohort-decided-by-unknown"));
            blocks.push(Block::Paragraph(decision_label(d, w)));
            blocks.push(Block::Paragraph(w.ta(
                "cohort-decided-by",
                &[("name", &by), ("at", &w.timestamp(at))],
            )));
        }
        _ if submitted.is_some() => {
            blocks.push(Block::Paragraph(w.t("cohort-awaiting-decision")));
        }
        _ => blocks.push(Block::Paragraph(w.t("cohort-decision-none"))),
    }
    let text = |s: Option<String>| s.map_or(Cell::Missing, Cell::Text);
    let rows = vec![
        (
            w.t("cohort-status"),
            Cell::Text(w.t(&format!("cohort-status-{}", c.status))),
        ),
        (w.t("report-submitted"), text(submitted)),
        (w.t("cohort-decision"), Cell::Text(decision_label(d, w))),
        (w.t("report-decided-by"), text(d.decided_by.clone())),
        (
            w.t("report-decided-at"),
            text(c.decided_at.map(|t| w.timestamp(t))),
        ),
        (
            w.t("cohort-decision-comment"),
            text(c.decision_comment.clone().filter(|s| !s.is_empty())),
        ),
    ];
    blocks.push(facts_table(
        w,
        "decision-table",
        "report-sheet-decision",
        w.t("report-table-decision"),
        rows,
    ));
    Section {
        id: "decision",
        heading: w.t("report-decision"),
        blocks,
    }
}

pub fn method(d: &ReportData, w: &Words) -> Section {
    let date = |x: chrono::NaiveDate| w.date(x);
    let f = &d.freshness;
    let mut sources = vec![w.t("analytics-source")];
    sources.push(match f.last_import {
        Some(at) => w.ta("analytics-last-import", &[("date", &date(at.date_naive()))]),
        None => w.t("analytics-no-import"),
    });
    if let Some(at) = f.posts_until {
        sources.push(w.ta("analytics-posts-until", &[("date", &date(at.date_naive()))]));
    }
    if let Some(day) = f.page_until {
        sources.push(w.ta("analytics-page-until", &[("date", &date(day))]));
    }
    Section {
        id: "method",
        heading: w.t("report-method"),
        blocks: vec![
            Block::Bullets(vec![
                w.t("report-method-phase"),
                w.t("report-method-aggregates"),
                w.t("analytics-min-group"),
                w.t("report-method-medians"),
                w.t("report-method-interactions"),
            ]),
            Block::Subheading(w.t("analytics-sources")),
            Block::Bullets(sources),
        ],
    }
}
