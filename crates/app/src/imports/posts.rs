//! The rows about posts: which of our posts a row is, and what storing its figures would do.

use std::collections::{HashMap, HashSet};

use amtfluencer_imports::{CandidateIndex, ImportedPost, Match, PostFigures};
use sea_orm::{ConnectionTrait, DbErr};

use super::{Action, Skip};
use crate::db::metrics::{self, Figures};
use crate::tenancy::TenantId;

/// Reads the texts of the candidates that rows without a known key will be compared with:
/// an export whose posts all carry their LinkedIn key needs no text at all.
pub(super) async fn with_texts_needed(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    parsed: &amtfluencer_imports::Parsed,
    ambassador_id: Option<i64>,
    candidates: &mut [amtfluencer_imports::Candidate],
) -> Result<(), DbErr> {
    let wanted: HashSet<i64> = {
        let index = CandidateIndex::new(candidates);
        let posts = parsed.posts.iter().filter_map(|r| r.value.as_ref().ok());
        let shares = parsed.shares.iter().filter_map(|r| r.value.as_ref().ok());
        posts
            .map(ImportedPost::from)
            .chain(shares.map(ImportedPost::from))
            .map(|mut i| {
                i.ambassador_id = ambassador_id;
                i
            })
            .filter(|i| !index.placed_by_key(i))
            .flat_map(|i| index.text_candidates(i.date).collect::<Vec<_>>())
            .collect()
    };
    metrics::fill_texts(db, tenant, candidates, &wanted).await
}

pub(super) fn ambiguous(m: &Match) -> Vec<i64> {
    match m {
        Match::Ambiguous(ids) => ids.clone(),
        _ => Vec::new(),
    }
}

pub(super) fn excerpt(text: &str) -> String {
    let t: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        format!("{t}…")
    } else {
        t
    }
}

pub(super) fn post_label(f: &PostFigures) -> String {
    f.title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(excerpt)
        .or_else(|| f.url.clone())
        .unwrap_or_default()
}

/// The figures to store; `None` when the row has none at all. A member export counts only
/// "engagements"; without a breakdown they are stored as reactions (see docs/privacy/figures.md).
fn figures_of(f: &PostFigures) -> Option<Figures> {
    let broken_down = f.reactions.is_some() || f.comments.is_some() || f.reposts.is_some();
    if f.impressions.is_none() && !broken_down && f.engagements.is_none() {
        return None;
    }
    Some(Figures {
        impressions: f.impressions.unwrap_or(0),
        members_reached: f.members_reached,
        reactions: if broken_down {
            f.reactions.unwrap_or(0)
        } else {
            f.engagements.unwrap_or(0)
        },
        comments: f.comments.unwrap_or(0),
        reposts: f.reposts.unwrap_or(0),
        clicks: f.clicks,
    })
}

pub(super) fn post_action(
    f: &PostFigures,
    ambassador_id: Option<i64>,
    candidates: &CandidateIndex<'_>,
    stored: &HashMap<i64, (i64, Figures)>,
    seen: &mut HashSet<i64>,
) -> Action {
    let Some(figures) = figures_of(f) else {
        return Action::Skip(Skip::NoFigures);
    };
    let mut imported = ImportedPost::from(f);
    imported.ambassador_id = ambassador_id;
    let post_id = match candidates.match_post(&imported) {
        Match::Exact(id) | Match::Likely { id, .. } => id,
        m => {
            return Action::Unmatched {
                candidates: ambiguous(&m),
                key: f.key,
                url: f.url.clone(),
                title: f.title.clone(),
                date: f.created,
                figures: Some(figures),
            };
        }
    };
    if !seen.insert(post_id) {
        return Action::Skip(Skip::Repeated);
    }
    match stored.get(&post_id) {
        Some((_, old)) if *old == figures => Action::SameSnapshot { post_id },
        Some((snapshot_id, _)) => Action::UpdateSnapshot {
            post_id,
            snapshot_id: *snapshot_id,
            figures,
        },
        None => Action::NewSnapshot { post_id, figures },
    }
}
