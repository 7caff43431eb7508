//! LinkedIn export files → stored figures. [`plan`] reads a file and compares every row with
//! what is stored (nothing is written); [`apply`] writes a plan inside the caller's
//! transaction. The preview, the confirmation and the API all go through these two, so what
//! the preview shows is what the confirmation does.
//!
//! Idempotent twice over: a file whose hash was imported before is refused with the date of
//! that import, and a different file with the same figures finds them stored and skips them.

mod apply;
mod page_days;
mod posts;
mod report;

use std::collections::HashSet;

use amtfluencer_imports::{
    CandidateIndex, FileKind, ImportError, ImportedPost, Match, PostKey, RowProblem,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DbErr};

pub use apply::apply;
use posts::{ambiguous, excerpt, post_action, post_label, with_texts_needed};
pub use report::{Report, ReportRow, report};

use crate::db::metrics::{self, Figures, ImportRecord, PageDayRow};
use crate::tenancy::TenantId;

/// The channel of the page exports.
pub const CHANNEL: &str = "linkedin";
/// `post_metrics.source` and `page_metrics.source` of imported figures.
pub const SOURCE: &str = "import";

#[derive(Debug)]
pub enum PlanError {
    File(ImportError),
    Db(DbErr),
}

impl From<DbErr> for PlanError {
    fn from(e: DbErr) -> Self {
        Self::Db(e)
    }
}

/// Why a row is not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum Skip {
    Problem(RowProblem),
    NoFigures,
    /// The member export's daily profile figures: we keep figures per post only.
    NotStored,
    /// The same post or day came earlier in the file.
    Repeated,
    /// Our post is already linked to another LinkedIn post.
    LinkedElsewhere,
    /// An earlier import kept the same post for assignment; it still waits there.
    AlreadyWaiting,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    NewSnapshot {
        post_id: i64,
        figures: Figures,
    },
    UpdateSnapshot {
        post_id: i64,
        snapshot_id: i64,
        figures: Figures,
    },
    SameSnapshot {
        post_id: i64,
    },
    Link {
        post_id: i64,
        key: PostKey,
    },
    AlreadyLinked {
        post_id: i64,
    },
    Unmatched {
        candidates: Vec<i64>,
        key: Option<PostKey>,
        url: Option<String>,
        title: Option<String>,
        date: Option<NaiveDate>,
        figures: Option<Figures>,
    },
    /// A page day to insert (no id) or update (with id).
    PageDay(PageDayRow),
    SamePageDay,
    Skip(Skip),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Imported,
    Updated,
    Skipped,
    /// Kept aside for the team to assign to one of our posts.
    Unmatched,
}

impl Action {
    pub fn outcome(&self) -> Outcome {
        match self {
            Self::NewSnapshot { .. } | Self::Link { .. } => Outcome::Imported,
            Self::PageDay(r) if r.id.is_none() => Outcome::Imported,
            Self::UpdateSnapshot { .. } | Self::PageDay(_) => Outcome::Updated,
            Self::Unmatched { .. } => Outcome::Unmatched,
            Self::SameSnapshot { .. } | Self::AlreadyLinked { .. } | Self::SamePageDay => {
                Outcome::Skipped
            }
            Self::Skip(_) => Outcome::Skipped,
        }
    }

    pub fn post_id(&self) -> Option<i64> {
        match self {
            Self::NewSnapshot { post_id, .. }
            | Self::UpdateSnapshot { post_id, .. }
            | Self::SameSnapshot { post_id }
            | Self::Link { post_id, .. }
            | Self::AlreadyLinked { post_id } => Some(*post_id),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PlannedRow {
    pub line: usize,
    pub sheet: String,
    /// What the row is about: the post's title or link, or the day.
    pub label: String,
    pub action: Action,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub kind: FileKind,
    pub file_name: String,
    pub file_hash: String,
    pub covers: Option<(NaiveDate, NaiveDate)>,
    /// The moment the file's post figures are stored for: the day after the period it covers
    /// (or today, if that is earlier), at midnight UTC.
    pub observed_at: DateTime<Utc>,
    /// The earlier import of the same file: nothing will be written.
    pub duplicate_of: Option<ImportRecord>,
    /// Posts are matched only among this person's posts (a member's own export).
    pub ambassador_id: Option<i64>,
    pub rows: Vec<PlannedRow>,
}

impl Plan {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.rows
            .iter()
            .filter(|r| r.action.outcome() == outcome)
            .count()
    }

    /// Whether confirming would write anything.
    pub fn has_changes(&self) -> bool {
        self.duplicate_of.is_none()
            && self.rows.iter().any(|r| {
                matches!(
                    r.action.outcome(),
                    Outcome::Imported | Outcome::Updated | Outcome::Unmatched
                )
            })
    }
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN))
}

/// Reads the file and decides, row by row, what confirming it would do.
pub async fn plan(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    file_name: &str,
    bytes: &[u8],
    ambassador_id: Option<i64>,
    today: NaiveDate,
) -> Result<Plan, PlanError> {
    // The file is read on a blocking thread (a large workbook takes most of a second) while
    // the database gives what any post rows are matched against; a file without post rows
    // (a follower export) just leaves that unused.
    let reading = {
        let (name, bytes) = (file_name.to_owned(), bytes.to_vec());
        tokio::task::spawn_blocking(move || amtfluencer_imports::detect_and_parse(&name, &bytes))
    };
    let file_hash = amtfluencer_imports::file_hash(bytes);
    let stored = async {
        let duplicate_of = metrics::import_by_hash(db, tenant, &file_hash).await?;
        let waiting: HashSet<String> = metrics::list_unmatched(db, tenant, None)
            .await?
            .into_iter()
            .filter_map(|u| u.post_urn)
            .collect();
        let candidates = metrics::candidates(db, tenant).await?;
        Ok::<_, DbErr>((duplicate_of, waiting, candidates))
    };
    let (read, stored) = tokio::join!(reading, stored);
    let (kind, parsed) = read
        .map_err(|_| {
            PlanError::File(ImportError::Corrupt {
                detail: "unreadable structure".into(),
            })
        })?
        .map_err(PlanError::File)?;
    let (duplicate_of, mut waiting, mut candidates) = stored?;
    let observed_day = parsed
        .covers
        .map_or(today, |(_, until)| (until + Duration::days(1)).min(today));
    let mut plan = Plan {
        kind,
        file_name: file_name.to_owned(),
        duplicate_of,
        file_hash,
        covers: parsed.covers,
        observed_at: midnight(observed_day),
        ambassador_id,
        rows: Vec::new(),
    };
    if parsed.posts.is_empty() && parsed.shares.is_empty() {
        candidates.clear();
        waiting.clear();
    } else {
        with_texts_needed(db, tenant, &parsed, ambassador_id, &mut candidates).await?;
    }
    let index = CandidateIndex::new(&candidates);
    if !parsed.posts.is_empty() {
        let stored = metrics::snapshots_at(db, tenant, SOURCE, plan.observed_at).await?;
        let mut seen = HashSet::new();
        for row in &parsed.posts {
            let (label, action) = match &row.value {
                Err(p) => (String::new(), Action::Skip(Skip::Problem(p.clone()))),
                Ok(f) => (
                    post_label(f),
                    post_action(f, ambassador_id, &index, &stored, &mut seen),
                ),
            };
            plan.rows.push(PlannedRow {
                line: row.line,
                sheet: row.sheet.clone(),
                label,
                action,
            });
        }
    }
    if !parsed.page_days.is_empty() {
        page_days::page_rows(db, tenant, kind, &parsed.page_days, &mut plan.rows).await?;
    }
    for row in &parsed.member_days {
        plan.rows.push(PlannedRow {
            line: row.line,
            sheet: row.sheet.clone(),
            label: row
                .value
                .as_ref()
                .map(|d| d.day.to_string())
                .unwrap_or_default(),
            action: Action::Skip(match &row.value {
                Ok(_) => Skip::NotStored,
                Err(p) => Skip::Problem(p.clone()),
            }),
        });
    }
    let mut linked = HashSet::new();
    for row in &parsed.shares {
        let (label, action) = match &row.value {
            Err(p) => (String::new(), Action::Skip(Skip::Problem(p.clone()))),
            Ok(s) => {
                let mut imported = ImportedPost::from(s);
                imported.ambassador_id = ambassador_id;
                let label = s.link.clone().unwrap_or_else(|| excerpt(&s.commentary));
                let action = match index.match_post(&imported) {
                    Match::Exact(id) => Action::AlreadyLinked { post_id: id },
                    Match::Likely { id, .. } => {
                        let ours = index.get(id).and_then(|c| c.key);
                        match (ours, s.key) {
                            _ if !linked.insert(id) => Action::Skip(Skip::Repeated),
                            (None, Some(key)) => Action::Link { post_id: id, key },
                            (Some(o), Some(k)) if !o.is_same(&k) => {
                                Action::Skip(Skip::LinkedElsewhere)
                            }
                            _ => Action::AlreadyLinked { post_id: id },
                        }
                    }
                    m => Action::Unmatched {
                        candidates: ambiguous(&m),
                        key: s.key,
                        url: s.link.clone(),
                        title: Some(excerpt(&s.commentary)),
                        date: Some(s.posted_at.date()),
                        figures: None,
                    },
                };
                (label, action)
            }
        };
        plan.rows.push(PlannedRow {
            line: row.line,
            sheet: row.sheet.clone(),
            label,
            action,
        });
    }
    for row in &mut plan.rows {
        if let Action::Unmatched { key: Some(k), .. } = &row.action
            && waiting.contains(&k.urn())
        {
            row.action = Action::Skip(Skip::AlreadyWaiting);
        }
    }
    Ok(plan)
}
