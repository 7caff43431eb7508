//! The report's figures laid out as a [`Document`] in one language: which sections, in which
//! order, with which tables. Suppressed groups say so in their cells; nothing is left out
//! silently.

mod overview;
mod posts;
mod reach;

use amtfluencer_domain::analytics::GroupStats;
use amtfluencer_domain::privacy::Shown;

use super::data::ReportData;
use super::document::{Block, Cell, Document, Table};
use super::words::Words;

pub fn document(d: &ReportData, w: &Words) -> Document {
    let c = &d.cohort;
    let mut byline = vec![w.ta(
        "report-byline-cohort",
        &[
            ("phase", &c.phase),
            ("from", &w.date(c.starts_on)),
            ("to", &w.date(c.ends_on)),
            ("status", &w.t(&format!("cohort-status-{}", c.status))),
        ],
    )];
    if !d.started {
        byline.push(w.ta(
            "report-byline-not-started",
            &[("date", &w.date(c.starts_on))],
        ));
    } else if d.cut_at_today {
        byline.push(w.ta(
            "report-byline-cut",
            &[("date", &w.date(d.range.to)), ("end", &w.date(c.ends_on))],
        ));
    }
    byline.push(w.ta(
        "report-byline-generated",
        &[("at", &w.timestamp(d.generated_at))],
    ));
    Document {
        title: w.ta("report-title", &[("cohort", &c.name)]),
        authority: d.authority.clone(),
        byline,
        sections: vec![
            overview::overview(d, w),
            overview::findings(d, w),
            overview::participants(d, w),
            posts::posts(d, w),
            posts::topics(d, w),
            reach::page(d, w),
            reach::links(d, w),
            reach::costs(d, w),
            overview::decision(d, w),
            overview::method(d, w),
        ],
    }
}

/// The note in a cell of a group that is too small to show.
fn suppressed(w: &Words) -> Cell {
    Cell::Suppressed(w.t("analytics-suppressed"))
}

/// A count of people, or the note that it is too small to show.
fn people(w: &Words, n: &Shown<usize>) -> Cell {
    match n {
        Shown::Value(n) => Cell::int(*n),
        Shown::Suppressed { .. } => suppressed(w),
    }
}

/// A figure of a group, or the note that the group is too small to show.
fn stat(w: &Words, s: &Shown<GroupStats>, f: impl Fn(&GroupStats) -> Cell) -> Cell {
    s.value().map_or_else(|| suppressed(w), f)
}

fn median_impressions(s: &GroupStats) -> Cell {
    s.median_impressions
        .map_or(Cell::Missing, |m| Cell::Int(m.round() as i64))
}

fn median_rate(s: &GroupStats) -> Cell {
    s.median_engagement_rate.map_or(Cell::Missing, Cell::Rate)
}

fn headers(w: &Words, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| w.t(k)).collect()
}

/// A table of (figure, value) rows.
fn facts_table(
    w: &Words,
    id: &'static str,
    sheet_key: &str,
    caption: String,
    rows: Vec<(String, Cell)>,
) -> Block {
    Block::Table(Table {
        id,
        sheet: w.t(sheet_key),
        caption,
        headers: headers(w, &["report-col-figure", "report-col-value"]),
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k), v])
            .collect(),
        empty: w.t("analytics-no-figures"),
    })
}
