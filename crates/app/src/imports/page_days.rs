//! The page's days of a page export, compared with the stored days.

use std::collections::{HashMap, HashSet};

use amtfluencer_imports::{FileKind, RowProblem};
use sea_orm::{ConnectionTrait, DbErr};

use super::{Action, CHANNEL, PlannedRow, SOURCE, Skip};
use crate::db::metrics::{self, PageDayRow};
use crate::tenancy::TenantId;

/// The page's days: merged into the stored day of the same source, followers counted on from
/// the last stored count before the file's first day.
pub(super) async fn page_rows(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    kind: FileKind,
    days: &[amtfluencer_imports::Row<amtfluencer_imports::PageDay>],
    out: &mut Vec<PlannedRow>,
) -> Result<(), DbErr> {
    let ok: Vec<&amtfluencer_imports::PageDay> =
        days.iter().filter_map(|r| r.value.as_ref().ok()).collect();
    let (Some(first), Some(last)) = (
        ok.iter().map(|d| d.day).min(),
        ok.iter().map(|d| d.day).max(),
    ) else {
        for r in days {
            if let Err(p) = &r.value {
                out.push(problem_row(r.line, &r.sheet, p));
            }
        }
        return Ok(());
    };
    let stored = metrics::page_days(db, tenant, CHANNEL, SOURCE, first, last).await?;
    let base = metrics::followers_before(db, tenant, CHANNEL, first).await?;
    // Running follower count per day, from the followers export's daily gains.
    let mut running = HashMap::new();
    if kind == FileKind::PageFollowers {
        let mut sorted = ok.clone();
        sorted.sort_by_key(|d| d.day);
        let mut total = base;
        for d in sorted {
            total += d.new_followers.unwrap_or(0);
            running.entry(d.day).or_insert(total);
        }
    }
    let mut seen = HashSet::new();
    for r in days {
        let d = match &r.value {
            Err(p) => {
                out.push(problem_row(r.line, &r.sheet, p));
                continue;
            }
            Ok(d) => d,
        };
        let action = if !seen.insert(d.day) {
            Action::Skip(Skip::Repeated)
        } else {
            let old = stored.get(&d.day).cloned();
            let mut row = old.clone().unwrap_or(PageDayRow {
                id: None,
                day: d.day,
                followers: base,
                ..PageDayRow::default()
            });
            row.impressions = d.impressions.unwrap_or(row.impressions);
            row.unique_impressions = d.unique_impressions.or(row.unique_impressions);
            row.clicks = d.clicks.or(row.clicks);
            row.reactions = d.reactions.unwrap_or(row.reactions);
            row.comments = d.comments.unwrap_or(row.comments);
            row.reposts = d.reposts.unwrap_or(row.reposts);
            row.new_followers = d.new_followers.unwrap_or(row.new_followers);
            if let Some(f) = running.get(&d.day) {
                row.followers = *f;
            }
            if old.as_ref() == Some(&row) {
                Action::SamePageDay
            } else {
                Action::PageDay(row)
            }
        };
        out.push(PlannedRow {
            line: r.line,
            sheet: r.sheet.clone(),
            label: d.day.to_string(),
            action,
        });
    }
    Ok(())
}

fn problem_row(line: usize, sheet: &str, p: &RowProblem) -> PlannedRow {
    PlannedRow {
        line,
        sheet: sheet.to_owned(),
        label: String::new(),
        action: Action::Skip(Skip::Problem(p.clone())),
    }
}
