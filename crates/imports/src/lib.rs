//! Reading LinkedIn's export files and matching the posts in them to our planned posts.
//!
//! Pure: bytes in, values out. No IO, no database; the app stores what [`parse`] returns in
//! `imports`, `post_metrics` and `page_metrics`, and lists what [`match_post`] could not place.
//!
//! ```text
//! let kind = detect(file_name, &bytes)?;      // by content: sheets and headers, name as a hint
//! let parsed = parse(kind, &bytes)?;          // whole-file errors: corrupt, unknown, column missing
//! for row in &parsed.posts { row.value … }    // per-row problems with German/English messages
//! let hash = file_hash(&bytes);               // imports.file_hash: the same file twice is a no-op
//! ```
//!
//! The layouts are described in the spec's "LinkedIn export files" section; columns are found by
//! name (see `columns.rs` for every accepted English and German name).

mod cell;
mod columns;
mod detect;
mod error;
mod grid;
mod header;
mod matching;
mod member;
mod model;
mod page;
mod post_key;
mod shares;
mod xls_guard;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

pub use detect::{detect, detect_and_parse};
pub use error::{ImportError, RowProblem, RowProblemKind};
pub use grid::{MAX_FILE_BYTES, MAX_ROWS};
pub use matching::{
    Candidate, CandidateIndex, DATE_WINDOW_DAYS, ImportedPost, LIKELY_THRESHOLD, Match, match_post,
    text_similarity,
};
pub use model::{FileKind, MemberDay, MemberSummary, PageDay, PostFigures, Row, Share};
pub use post_key::{NotAPostKey, PostIdKind, PostKey};

/// Everything read from one file. Only the lists that belong to the file's kind are filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub kind: FileKind,
    pub posts: Vec<Row<PostFigures>>,
    pub page_days: Vec<Row<PageDay>>,
    pub member_days: Vec<Row<MemberDay>>,
    pub member_summary: Option<MemberSummary>,
    pub shares: Vec<Row<Share>>,
    /// The first and last day the file has figures or posts for (`imports.covers_from/until`).
    pub covers: Option<(NaiveDate, NaiveDate)>,
}

impl Parsed {
    pub(crate) fn new(kind: FileKind) -> Self {
        Self {
            kind,
            posts: Vec::new(),
            page_days: Vec::new(),
            member_days: Vec::new(),
            member_summary: None,
            shares: Vec::new(),
            covers: None,
        }
    }

    /// Rows that were read without a problem.
    pub fn rows_ok(&self) -> usize {
        count_ok(&self.posts)
            + count_ok(&self.page_days)
            + count_ok(&self.member_days)
            + count_ok(&self.shares)
    }

    /// Every row that was not taken: sheet, line and problem, in file order per list.
    pub fn problems(&self) -> Vec<(&str, usize, &RowProblem)> {
        let mut out = Vec::new();
        collect_problems(&self.posts, &mut out);
        collect_problems(&self.page_days, &mut out);
        collect_problems(&self.member_days, &mut out);
        collect_problems(&self.shares, &mut out);
        out
    }

    /// The member's days with reach and follower figures joined, in date order.
    pub fn member_days_merged(&self) -> Vec<MemberDay> {
        let mut by_day: BTreeMap<NaiveDate, MemberDay> = BTreeMap::new();
        for day in self
            .member_days
            .iter()
            .filter_map(|r| r.value.as_ref().ok())
        {
            let merged = by_day.entry(day.day).or_insert_with(|| MemberDay {
                day: day.day,
                ..MemberDay::default()
            });
            merged.impressions = merged.impressions.or(day.impressions);
            merged.engagements = merged.engagements.or(day.engagements);
            merged.new_followers = merged.new_followers.or(day.new_followers);
        }
        by_day.into_values().collect()
    }

    /// Sets `covers` from the dates of the rows, unless the file stated its period.
    pub(crate) fn compute_covers(&mut self) {
        if self.covers.is_some() {
            return;
        }
        let days: Vec<NaiveDate> = self
            .page_days
            .iter()
            .filter_map(|r| r.value.as_ref().ok().map(|d| d.day))
            .chain(
                self.member_days
                    .iter()
                    .filter_map(|r| r.value.as_ref().ok().map(|d| d.day)),
            )
            .chain(
                self.posts
                    .iter()
                    .filter_map(|r| r.value.as_ref().ok()?.created),
            )
            .chain(
                self.shares
                    .iter()
                    .filter_map(|r| r.value.as_ref().ok().map(|s| s.posted_at.date())),
            )
            .collect();
        self.covers = days
            .iter()
            .min()
            .zip(days.iter().max())
            .map(|(a, b)| (*a, *b));
    }
}

fn count_ok<T>(rows: &[Row<T>]) -> usize {
    rows.iter().filter(|r| r.value.is_ok()).count()
}

fn collect_problems<'a, T>(rows: &'a [Row<T>], out: &mut Vec<(&'a str, usize, &'a RowProblem)>) {
    out.extend(rows.iter().filter_map(|r| {
        r.value
            .as_ref()
            .err()
            .map(|p| (r.sheet.as_str(), r.line, p))
    }));
}

/// Reads a file of the given kind. Whole-file problems are errors; problems in single rows are
/// kept in the rows. Never panics, whatever the bytes.
pub fn parse(kind: FileKind, bytes: &[u8]) -> Result<Parsed, ImportError> {
    grid::check_size(bytes)?;
    let mut parsed = match kind {
        FileKind::PageContent => page::content(bytes)?,
        FileKind::PageFollowers => page::followers(bytes)?,
        FileKind::MemberAnalytics => member::analytics(bytes)?,
        FileKind::MemberShares => shares::parse(bytes)?,
    };
    parsed.compute_covers();
    Ok(parsed)
}

/// SHA-256 of the file as lower-case hex (`imports.file_hash`).
pub fn file_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
