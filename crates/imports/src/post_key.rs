//! One comparable identity for a LinkedIn post, read from any of the forms the exports and the
//! API use: `urn:li:activity:…`, `urn:li:share:…`, `urn:li:ugcPost:…`, feed URLs
//! (`/feed/update/urn:li:activity:…/`, also percent-encoded as in `Shares.csv`), and share URLs
//! (`/posts/name_slug-activity-…-AbCd`).
//!
//! What can be matched: the same post has an *activity* id (in the feed URLs of the analytics
//! exports) and a *share* or *ugcPost* id (returned by the Posts API and in `Shares.csv`), and the
//! numbers differ. Keys of the same kind compare exactly. Keys of different kinds cannot be
//! converted into one another; the ids do carry their creation time in milliseconds (the upper
//! 41 bits, as public tools that read post dates from URLs show; not documented by LinkedIn),
//! so [`PostKey::created_at`] lets the matcher treat two ids created within a few seconds of each
//! other as a likely, never an exact, match.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

amtfluencer_domain::text_enum! {
    /// Which of LinkedIn's id spaces a post id comes from.
    pub enum PostIdKind {
        Activity = "activity",
        Share = "share",
        UgcPost = "ugcPost",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostKey {
    pub kind: PostIdKind,
    pub id: u64,
}

/// Ids shorter than this are slug words or counters, not post ids (real ones have 19 digits).
const MIN_ID_DIGITS: usize = 10;
/// Two ids of different kinds created this close together are taken to be one post.
const SAME_POST_WINDOW_MS: i64 = 10_000;

impl PostKey {
    /// Reads a URN or a LinkedIn post URL; `None` for anything else (short links such as
    /// `lnkd.in/…` cannot be resolved offline).
    pub fn parse(input: &str) -> Option<Self> {
        let decoded = percent_decode(input.trim());
        let lower = decoded.to_ascii_lowercase();
        from_urn(&lower).or_else(|| from_slug(&lower))
    }

    /// `urn:li:activity:7123…`
    pub fn urn(&self) -> String {
        format!("urn:li:{}:{}", self.kind, self.id)
    }

    /// The public address of the post.
    pub fn url(&self) -> String {
        format!("https://www.linkedin.com/feed/update/{}/", self.urn())
    }

    /// The moment encoded in the id, if it is a plausible one.
    pub fn created_at(&self) -> Option<DateTime<Utc>> {
        let ms = i64::try_from(self.id >> 22).ok()?;
        let at = DateTime::from_timestamp_millis(ms)?;
        let plausible = DateTime::from_timestamp(1_262_304_000, 0)?
            ..DateTime::from_timestamp(4_102_444_800, 0)?;
        plausible.contains(&at).then_some(at)
    }

    /// Same kind and id.
    pub fn is_same(&self, other: &PostKey) -> bool {
        self == other
    }

    /// Different kinds whose ids were created within a few seconds of each other.
    pub fn is_probably_same(&self, other: &PostKey) -> bool {
        if self.kind == other.kind {
            return false;
        }
        match (self.created_at(), other.created_at()) {
            (Some(a), Some(b)) => (a - b).num_milliseconds().abs() <= SAME_POST_WINDOW_MS,
            _ => false,
        }
    }
}

fn from_urn(lower: &str) -> Option<PostKey> {
    let mut rest = lower;
    while let Some(at) = rest.find("urn:li:") {
        rest = &rest[at + "urn:li:".len()..];
        let Some((kind, tail)) = rest.split_once(':') else {
            break;
        };
        if let (Some(kind), Some(id)) = (kind_of(kind), leading_id(tail)) {
            return Some(PostKey { kind, id });
        }
    }
    None
}

/// `…/posts/jana-beispiel_kita-rheinpromenade-activity-7123…-AbCd?utm_source=…`
fn from_slug(lower: &str) -> Option<PostKey> {
    let path = lower.split(['?', '#']).next()?;
    let tokens: Vec<&str> = path.split(['-', '/', '_']).collect();
    tokens.windows(2).rev().find_map(|pair| {
        let kind = kind_of(pair[0])?;
        let id = leading_id(pair[1]).filter(|_| pair[1].chars().all(|c| c.is_ascii_digit()))?;
        Some(PostKey { kind, id })
    })
}

fn kind_of(lower: &str) -> Option<PostIdKind> {
    match lower {
        "activity" => Some(PostIdKind::Activity),
        "share" => Some(PostIdKind::Share),
        "ugcpost" => Some(PostIdKind::UgcPost),
        _ => None,
    }
}

fn leading_id(s: &str) -> Option<u64> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < MIN_ID_DIGITS {
        return None;
    }
    digits.parse().ok()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl fmt::Display for PostKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.urn())
    }
}

/// The input was no LinkedIn post URN or URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a LinkedIn post URN or URL: {0:?}")]
pub struct NotAPostKey(pub String);

impl FromStr for PostKey {
    type Err = NotAPostKey;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PostKey::parse(s).ok_or_else(|| NotAPostKey(s.to_owned()))
    }
}

impl TryFrom<String> for PostKey {
    type Error = NotAPostKey;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PostKey> for String {
    fn from(k: PostKey) -> String {
        k.urn()
    }
}

#[cfg(test)]
mod tests;
