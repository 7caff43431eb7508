//! A member's own analytics export: ENGAGEMENT (per day), FOLLOWERS (per day, with the total
//! above), TOP POSTS (two tables side by side under doubled column names) and DISCOVERY (the
//! period and overall figures as label/value pairs). Sheets are found by their content, so
//! translated sheet names do not matter.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::Parsed;
use crate::cell::{Cell, parse_date_time};
use crate::columns::*;
use crate::error::{ImportError, RowProblem, RowProblemKind};
use crate::grid::{Grid, load_grids};
use crate::header::{Column, best_header, normalise};
use crate::model::{FileKind, MemberDay, MemberSummary, PostFigures, Row};
use crate::page::{locate, rows};
use crate::post_key::PostKey;

/// Rows searched for the TOP POSTS header and the DISCOVERY labels.
const HEAD_ROWS: usize = 30;

pub(crate) fn analytics(bytes: &[u8]) -> Result<Parsed, ImportError> {
    analytics_of(load_grids(bytes)?)
}

pub(crate) fn analytics_of(grids: Vec<Grid>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(FileKind::MemberAnalytics);

    let (at, header) = locate(&grids, ENGAGEMENT_COLUMNS, Some(DATE.name), |h| {
        ENGAGEMENT_COLUMNS
            .iter()
            .try_for_each(|c| h.require(c.name))
    })
    .map_err(|e| match e {
        ImportError::HeaderNotFound { .. } => ImportError::MissingSheet {
            sheet: "ENGAGEMENT".into(),
        },
        other => other,
    })?;
    parsed.member_days = rows(&grids[at], &header, |r| {
        Ok(MemberDay {
            day: r.required(DATE.name, r.date(DATE.name)?)?,
            impressions: r.count(IMPRESSIONS.name)?,
            engagements: r.count(ENGAGEMENTS.name)?,
            new_followers: None,
        })
    });
    if let Some((at, header)) =
        best_header(&grids, MEMBER_FOLLOWER_COLUMNS, Some(NEW_FOLLOWERS.name), 2)
    {
        parsed.member_days.extend(rows(&grids[at], &header, |r| {
            Ok(MemberDay {
                day: r.required(DATE.name, r.date(DATE.name)?)?,
                new_followers: r.count(NEW_FOLLOWERS.name)?,
                ..MemberDay::default()
            })
        }));
    }

    let top = grids
        .iter()
        .find_map(|g| top_posts_header(g).map(|h| (g, h)))
        .ok_or_else(|| ImportError::MissingSheet {
            sheet: "TOP POSTS".into(),
        })?;
    parsed.posts = top_posts(top.0, &top.1);

    let summary = summary(&grids);
    parsed.covers = summary.period;
    parsed.member_summary = Some(summary);
    Ok(parsed)
}

/// One of the side-by-side tables: URL, publish date, and one metric.
#[derive(Debug, Clone)]
struct Half {
    url_col: usize,
    metric: Metric,
    headers: [String; 3],
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Metric {
    Engagements,
    Impressions,
}

/// The header row and its halves: every cell named like "Post URL" starts one.
fn top_posts_header(grid: &Grid) -> Option<(usize, Vec<Half>)> {
    (0..grid.rows.len().min(HEAD_ROWS)).find_map(|row| {
        let starts: Vec<usize> = grid.rows[row]
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Cell::Text(t) if MEMBER_POST_URL.matches(t)))
            .map(|(i, _)| i)
            .collect();
        if starts.is_empty() {
            return None;
        }
        let halves = starts
            .iter()
            .enumerate()
            .map(|(n, &col)| {
                let headers = [0, 1, 2].map(|k| grid.cell(row, col + k).text());
                let metric = if ENGAGEMENTS.matches(&headers[2]) {
                    Metric::Engagements
                } else if IMPRESSIONS.matches(&headers[2]) {
                    Metric::Impressions
                } else if n == 0 {
                    Metric::Engagements
                } else {
                    Metric::Impressions
                };
                Half {
                    url_col: col,
                    metric,
                    headers,
                }
            })
            .collect();
        Some((row, halves))
    })
}

fn top_posts(grid: &Grid, (header_row, halves): &(usize, Vec<Half>)) -> Vec<Row<PostFigures>> {
    let mut out: Vec<Row<PostFigures>> = Vec::new();
    let mut by_join_key: HashMap<String, usize> = HashMap::new();
    for row in header_row + 1..grid.rows.len() {
        for half in halves {
            let url = grid.cell(row, half.url_col).text();
            if url.is_empty() {
                continue;
            }
            let line = row + 1;
            let read = read_half(grid, row, half, &url);
            let figures = match read {
                Ok(f) => f,
                Err(problem) => {
                    out.push(Row {
                        line,
                        sheet: grid.name.clone(),
                        value: Err(problem),
                    });
                    continue;
                }
            };
            let join = join_key(&url, figures.key);
            match by_join_key.get(&join).and_then(|&i| out.get_mut(i)) {
                Some(Row {
                    value: Ok(existing),
                    ..
                }) => merge(existing, figures),
                _ => {
                    by_join_key.insert(join, out.len());
                    out.push(Row {
                        line,
                        sheet: grid.name.clone(),
                        value: Ok(figures),
                    });
                }
            }
        }
    }
    out
}

fn read_half(grid: &Grid, row: usize, half: &Half, url: &str) -> Result<PostFigures, RowProblem> {
    let at = |k: usize, kind| RowProblem::new(Some(&half.headers[k]), kind);
    let key = PostKey::parse(url);
    if key.is_none() && !url.contains("://") {
        return Err(at(
            0,
            RowProblemKind::NotAPostLink {
                found: url.to_owned(),
            },
        ));
    }
    let created = grid
        .cell(row, half.url_col + 1)
        .date()
        .map_err(|k| at(1, k))?;
    let value = grid
        .cell(row, half.url_col + 2)
        .count()
        .map_err(|k| at(2, k))?;
    let mut figures = PostFigures {
        key,
        url: Some(url.to_owned()),
        created,
        ..PostFigures::default()
    };
    match half.metric {
        Metric::Engagements => figures.engagements = value,
        Metric::Impressions => figures.impressions = value,
    }
    Ok(figures)
}

/// The two halves list the same posts in different orders; join on the post key, or on the
/// link without its query when it names no post.
fn join_key(url: &str, key: Option<PostKey>) -> String {
    key.map_or_else(
        || {
            url.split('?')
                .next()
                .unwrap_or(url)
                .trim_end_matches('/')
                .to_ascii_lowercase()
        },
        |k| k.urn(),
    )
}

fn merge(into: &mut PostFigures, other: PostFigures) {
    into.created = into.created.or(other.created);
    into.engagements = into.engagements.or(other.engagements);
    into.impressions = into.impressions.or(other.impressions);
}

fn summary(grids: &[Grid]) -> MemberSummary {
    let mut s = MemberSummary::default();
    for grid in grids {
        for row in 0..grid.rows.len().min(HEAD_ROWS) {
            let label = grid.cell(row, 0).text();
            let value = grid.cell(row, 1);
            let is = |c: Column| c.matches(&label);
            if is(DISCOVERY_IMPRESSIONS) && s.impressions.is_none() {
                s.impressions = value.count().ok().flatten();
            } else if is(DISCOVERY_REACHED) && s.members_reached.is_none() {
                s.members_reached = value.count().ok().flatten();
            } else if is(DISCOVERY_PERIOD) && s.period.is_none() {
                s.period = period(&value.text());
            } else if s.total_followers.is_none() {
                let l = normalise(&label);
                if TOTAL_FOLLOWERS_PREFIXES.iter().any(|p| l.starts_with(p)) {
                    s.total_followers = value.count().ok().flatten();
                }
            }
        }
    }
    s
}

/// "12/1/2024 - 2/28/2025"
fn period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (from, until) = text.split_once(" - ").or_else(|| text.split_once(" – "))?;
    let from = parse_date_time(from)?.date();
    let until = parse_date_time(until)?.date();
    (from <= until).then_some((from, until))
}
