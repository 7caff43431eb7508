//! Which export a file is, by its content: the bytes decide between spreadsheet and CSV, the
//! sheets and headers between the kinds. The file name only breaks a tie, because people rename
//! downloads and LinkedIn changes its names.

use crate::Parsed;
use crate::columns::*;
use crate::error::ImportError;
use crate::grid::{Grid, check_size, load_grids, looks_like_spreadsheet};
use crate::header::{best_header, normalise};
use crate::model::FileKind;
use crate::shares;

/// Sheet names of the member analytics workbook (English; German guesses).
const MEMBER_SHEETS: &[&str] = &[
    "topposts",
    "engagement",
    "discovery",
    "topbeiträge",
    "interaktionen",
];

pub fn detect(file_name: &str, bytes: &[u8]) -> Result<FileKind, ImportError> {
    check_size(bytes)?;
    if !looks_like_spreadsheet(bytes) {
        return detect_csv(file_name, bytes);
    }
    kind_of(file_name, &load_grids(bytes)?)
}

/// Detects a file's kind and reads it, unpacking a workbook once (not once for each).
pub fn detect_and_parse(file_name: &str, bytes: &[u8]) -> Result<(FileKind, Parsed), ImportError> {
    check_size(bytes)?;
    if !looks_like_spreadsheet(bytes) {
        let kind = detect_csv(file_name, bytes)?;
        return Ok((kind, crate::parse(kind, bytes)?));
    }
    let grids = load_grids(bytes)?;
    let kind = kind_of(file_name, &grids)?;
    let mut parsed = match kind {
        FileKind::PageContent => crate::page::content_of(grids)?,
        FileKind::PageFollowers => crate::page::followers_of(grids)?,
        FileKind::MemberAnalytics => crate::member::analytics_of(grids)?,
        FileKind::MemberShares => return Ok((kind, crate::parse(kind, bytes)?)),
    };
    parsed.compute_covers();
    Ok((kind, parsed))
}

fn kind_of(file_name: &str, grids: &[Grid]) -> Result<FileKind, ImportError> {
    let member_sheets = grids
        .iter()
        .filter(|g| MEMBER_SHEETS.contains(&normalise(&g.name).as_str()))
        .count();
    if member_sheets >= 2 {
        return Ok(FileKind::MemberAnalytics);
    }
    let posts = best_header(grids, POST_COLUMNS, None, 3).map_or(0, |(_, h)| h.len());
    let followers =
        best_header(grids, FOLLOWER_COLUMNS, Some(DATE.name), 2).map_or(0, |(_, h)| h.len());
    let engagement = best_header(grids, ENGAGEMENT_COLUMNS, Some(DATE.name), 3).is_some();
    let top_posts = best_header(grids, TOP_POST_COLUMNS, Some(MEMBER_POST_URL.name), 2).is_some();
    if engagement && top_posts {
        return Ok(FileKind::MemberAnalytics);
    }
    match (posts > 0, followers > 0) {
        (true, false) => Ok(FileKind::PageContent),
        (false, true) => Ok(FileKind::PageFollowers),
        (true, true) if posts >= followers => Ok(FileKind::PageContent),
        (true, true) => Ok(FileKind::PageFollowers),
        (false, false) => by_name(file_name).ok_or(ImportError::UnknownLayout),
    }
}

fn detect_csv(file_name: &str, bytes: &[u8]) -> Result<FileKind, ImportError> {
    let lower = file_name.to_lowercase();
    let spreadsheet_name = [".xls", ".xlsx", ".xlsm"]
        .iter()
        .any(|e| lower.ends_with(e));
    if spreadsheet_name || bytes.contains(&0) {
        return Err(ImportError::NotASpreadsheet);
    }
    match shares::header_of(bytes, SHARE_COLUMNS) {
        Some(h) if h.has(SHARE_LINK.name) || h.has(SHARE_COMMENTARY.name) => {
            Ok(FileKind::MemberShares)
        }
        _ if lower.ends_with(".csv") => Err(ImportError::UnknownLayout),
        _ => Err(ImportError::NotASpreadsheet),
    }
}

/// LinkedIn's own names: `<page>_content_<timestamp>.xls`, `<page>_followers_<timestamp>.xls`.
fn by_name(file_name: &str) -> Option<FileKind> {
    let lower = file_name.to_lowercase();
    if lower.contains("follower") {
        Some(FileKind::PageFollowers)
    } else if lower.contains("content") || lower.contains("update") || lower.contains("inhalt") {
        Some(FileKind::PageContent)
    } else {
        None
    }
}
