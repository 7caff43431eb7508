//! Placing an imported post among our planned and published posts.
//!
//! 1. By key: a candidate with the same post key is the post (`Exact`). A candidate whose key has
//!    the same kind but another id is another post and is never matched by text.
//! 2. By text and date: the texts' character-trigram similarity (after normalising case,
//!    punctuation, links, LinkedIn's escapes and hashtag templates; the page export's title is
//!    only the start of the text, so a long text is compared by its beginning), for candidates
//!    whose date lies within [`DATE_WINDOW_DAYS`] of the imported date. Without a date on either
//!    side a much higher similarity is needed. An activity key created within seconds of a
//!    candidate's share/ugcPost key counts as strong evidence (see [`PostKey`]).
//! 3. Several candidates scoring about the same are `Ambiguous`; the team assigns them by hand.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use crate::model::{PostFigures, Share};
use crate::post_key::PostKey;

/// Days an imported post's date may lie from the candidate's published or scheduled date.
pub const DATE_WINDOW_DAYS: i64 = 3;
/// Similarity (0–1) from which a text match with a fitting date counts as likely.
pub const LIKELY_THRESHOLD: f64 = 0.6;
/// Similarity needed when a date is missing on either side.
const UNDATED_THRESHOLD: f64 = 0.85;
/// Candidates this close to the best are as good as the best.
const AMBIGUITY_MARGIN: f64 = 0.05;
/// Score given to ids of different kinds created within seconds of each other.
const KEY_TIME_SCORE: f64 = 0.95;
/// Below this length a text is not compared by its beginning only.
const MIN_PREFIX_CHARS: usize = 24;

/// A post found in an export file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedPost {
    pub key: Option<PostKey>,
    /// The text or its beginning (page export title, `ShareCommentary`).
    pub text: Option<String>,
    pub date: Option<NaiveDate>,
    /// Set for a member's own export: only that ambassador's posts are candidates.
    pub ambassador_id: Option<i64>,
}

/// One of our posts.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    /// From `posts.external_id` / `external_url`, when it was published through us.
    pub key: Option<PostKey>,
    pub text: String,
    /// Published date, else scheduled date.
    pub date: Option<NaiveDate>,
    pub ambassador_id: i64,
}

impl From<&PostFigures> for ImportedPost {
    fn from(p: &PostFigures) -> Self {
        Self {
            key: p.key,
            text: p.title.clone(),
            date: p.created,
            ambassador_id: None,
        }
    }
}

impl From<&Share> for ImportedPost {
    fn from(s: &Share) -> Self {
        Self {
            key: s.key,
            text: Some(s.commentary.clone()),
            date: Some(s.posted_at.date()),
            ambassador_id: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Match {
    /// Same post key.
    Exact(i64),
    /// Best text/date match, with its score (0–1).
    Likely {
        id: i64,
        score: f64,
    },
    /// Several candidates fit equally well, best first.
    Ambiguous(Vec<i64>),
    None,
}

pub fn match_post(imported: &ImportedPost, candidates: &[Candidate]) -> Match {
    CandidateIndex::new(candidates).match_post(imported)
}

/// Our posts, indexed once for many imported rows: by key, and by date for the text
/// comparison, so that a row is compared with the few posts of its days instead of all.
/// Matching through the index gives exactly what a comparison with every candidate gives.
///
/// The lookups are sorted lists searched by halving: built for all of an authority's posts
/// (280,000 at the demo ×100) in a fraction of the time hash maps took, with a list per key.
pub struct CandidateIndex<'a> {
    all: &'a [Candidate],
    /// (key, position) of every candidate with a key, sorted.
    by_key: Vec<(PostKey, usize)>,
    /// (id, position) of every candidate, sorted.
    by_id: Vec<(i64, usize)>,
    /// (date, position) of every dated candidate, sorted.
    by_date: Vec<(NaiveDate, usize)>,
    undated: Vec<usize>,
}

impl<'a> CandidateIndex<'a> {
    pub fn new(all: &'a [Candidate]) -> Self {
        let mut by_key = Vec::with_capacity(all.len());
        let mut by_id = Vec::with_capacity(all.len());
        let mut by_date = Vec::with_capacity(all.len());
        let mut undated = Vec::new();
        for (i, c) in all.iter().enumerate() {
            by_id.push((c.id, i));
            if let Some(k) = c.key {
                by_key.push((k, i));
            }
            match c.date {
                Some(d) => by_date.push((d, i)),
                None => undated.push(i),
            }
        }
        // By position within a key too, so that candidates of one key keep their order.
        by_key.sort_unstable();
        by_id.sort_unstable();
        by_date.sort_unstable();
        Self {
            all,
            by_key,
            by_id,
            by_date,
            undated,
        }
    }

    /// Whether the row is placed by its key alone, without comparing texts.
    pub fn placed_by_key(&self, imported: &ImportedPost) -> bool {
        imported.key.is_some_and(|k| {
            self.with_key(k).any(|i| {
                imported
                    .ambassador_id
                    .is_none_or(|a| a == self.all[i].ambassador_id)
            })
        })
    }

    /// The ids of the candidates a row of this date is compared with by text.
    pub fn text_candidates(&self, date: Option<NaiveDate>) -> impl Iterator<Item = i64> + '_ {
        self.text_pool(date).into_iter().map(|i| self.all[i].id)
    }

    pub fn get(&self, id: i64) -> Option<&'a Candidate> {
        let at = self.by_id.partition_point(|(x, _)| *x < id);
        match self.by_id.get(at) {
            Some((x, i)) if *x == id => Some(&self.all[*i]),
            _ => None,
        }
    }

    /// Positions of the candidates with this key, in their original order.
    fn with_key(&self, key: PostKey) -> impl Iterator<Item = usize> + '_ {
        let start = self.by_key.partition_point(|(k, _)| *k < key);
        self.by_key[start..]
            .iter()
            .take_while(move |(k, _)| *k == key)
            .map(|(_, i)| *i)
    }

    /// Positions of the candidates a row may be compared with by text, in their original
    /// order (ties between equal scores go to the earlier candidate, as without the index).
    fn text_pool(&self, date: Option<NaiveDate>) -> Vec<usize> {
        let Some(d) = date else {
            return (0..self.all.len()).collect();
        };
        let window = Duration::days(DATE_WINDOW_DAYS);
        let (from, to) = (d - window, d + window);
        let start = self.by_date.partition_point(|(x, _)| *x < from);
        let mut pool: Vec<usize> = self.by_date[start..]
            .iter()
            .take_while(|(x, _)| *x <= to)
            .map(|(_, i)| *i)
            .chain(self.undated.iter().copied())
            .collect();
        pool.sort_unstable();
        pool
    }

    pub fn match_post(&self, imported: &ImportedPost) -> Match {
        let mine = |c: &&Candidate| imported.ambassador_id.is_none_or(|a| a == c.ambassador_id);
        if let Some(key) = imported.key {
            let same: Vec<i64> = self
                .with_key(key)
                .map(|i| &self.all[i])
                .filter(mine)
                .map(|c| c.id)
                .collect();
            match same.as_slice() {
                [one] => return Match::Exact(*one),
                [] => {}
                many => return Match::Ambiguous(many.to_vec()),
            }
        }

        let scored: Vec<(i64, f64)> = self
            .text_pool(imported.date)
            .into_iter()
            .map(|i| &self.all[i])
            .filter(mine)
            .filter(|c| !is_other_post(imported.key, c.key))
            .filter_map(|c| score(imported, c).map(|s| (c.id, s)))
            .collect();
        best_of(scored)
    }
}

/// The best of the scored candidates: likely, or ambiguous when others score about the same.
fn best_of(mut scored: Vec<(i64, f64)>) -> Match {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [] => Match::None,
        [(id, best), rest @ ..] => {
            let close: Vec<i64> = rest
                .iter()
                .take_while(|(_, s)| best - s <= AMBIGUITY_MARGIN)
                .map(|(id, _)| *id)
                .collect();
            if close.is_empty() {
                Match::Likely {
                    id: *id,
                    score: *best,
                }
            } else {
                Match::Ambiguous(std::iter::once(*id).chain(close).collect())
            }
        }
    }
}

/// Two keys of the same kind with different ids name different posts.
fn is_other_post(a: Option<PostKey>, b: Option<PostKey>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.kind == b.kind && a.id != b.id)
}

fn score(imported: &ImportedPost, c: &Candidate) -> Option<f64> {
    let key_time = matches!((imported.key, c.key), (Some(a), Some(b)) if a.is_probably_same(&b));
    let days_apart = imported
        .date
        .zip(c.date)
        .map(|(a, b)| (a - b).num_days().abs());
    if days_apart.is_some_and(|d| d > DATE_WINDOW_DAYS) {
        return None;
    }
    let text = imported
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map_or(0.0, |t| text_similarity(t, &c.text));
    let threshold = if days_apart.is_some() {
        LIKELY_THRESHOLD
    } else {
        UNDATED_THRESHOLD
    };
    let s = if key_time {
        text.max(KEY_TIME_SCORE)
    } else {
        text
    };
    (s >= threshold).then_some(s)
}

/// Similarity of two post texts from 0 (nothing shared) to 1 (the same after normalising):
/// the Dice coefficient of their character trigrams. When one text is much shorter (a title or
/// a cut-off beginning), the longer one is compared by its beginning of about the same length.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalise_text(a), normalise_text(b));
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let short_len = short.chars().count();
    let long = if short_len >= MIN_PREFIX_CHARS {
        long.chars().take(short_len + short_len / 10 + 2).collect()
    } else {
        long
    };
    let (x, y) = (trigrams(&short), trigrams(&long));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let shared = x.intersection(&y).count();
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Lower case words separated by single spaces; links, URNs, escapes and the `{hashtag|\#|…}`
/// template are removed, so our stored text and LinkedIn's shown text compare equal.
fn normalise_text(text: &str) -> String {
    let text = text.replace("{hashtag|\\#|", " ").replace('\\', "");
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| {
            let l = w.to_lowercase();
            !(l.contains("://")
                || l.starts_with("www.")
                || l.contains("urn:li:")
                || l.contains("lnkd.in/"))
        })
        .map(|w| {
            w.chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect::<String>()
        })
        .collect();
    words
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn trigrams(s: &str) -> HashSet<[char; 3]> {
    let chars: Vec<char> = format!(" {s} ").chars().collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

#[cfg(test)]
mod tests;
