//! Short links for job postings and campaign pages (`/l/{code}`): how codes look, which
//! targets are accepted, what a click keeps (the hour and the referring site, nothing about
//! the person), which requests are not clicks, and how clicks are summed so that no figure
//! points at one person.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use url::Url;

use crate::privacy::{Shown, gate};

/// Lowercase letters and digits without the look-alikes 0/o, 1/l/i: a code read aloud or
/// typed from a printed flyer comes out right.
pub const CODE_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// 31^8 ≈ 8.5 · 10^11 codes: short enough to type, too many to try one's way through.
pub const CODE_LEN: usize = 8;
pub const MAX_URL_LEN: usize = 2000;
pub const MAX_LABEL_CHARS: usize = 120;

/// A short link's code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShortCode(String);

impl ShortCode {
    /// A code from random bytes, without bias: bytes at or above the largest multiple of the
    /// alphabet's length are skipped. `None` when the bytes ran out first (ask again).
    pub fn from_random(bytes: &[u8]) -> Option<Self> {
        let n = CODE_ALPHABET.len();
        let limit = 256 - 256 % n;
        let code: String = bytes
            .iter()
            .map(|b| usize::from(*b))
            .filter(|b| *b < limit)
            .take(CODE_LEN)
            .map(|b| char::from(CODE_ALPHABET[b % n]))
            .collect();
        (code.len() == CODE_LEN).then_some(Self(code))
    }

    /// A code as typed: case does not matter, anything outside the alphabet is no code.
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim().to_ascii_lowercase();
        let ok = s.len() == CODE_LEN && s.bytes().all(|b| CODE_ALPHABET.contains(&b));
        ok.then_some(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why an address cannot be a short link's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("must not be empty")]
    Empty,
    #[error("is too long (at most {MAX_URL_LEN} characters)")]
    TooLong,
    #[error("is not a web address")]
    Invalid,
    #[error("must start with https://")]
    NotHttps,
    #[error("must not contain a user name or password")]
    Credentials,
}

/// An https address with a host and without credentials, as the browser will be sent there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetUrl(String);

impl TargetUrl {
    pub fn parse(input: &str) -> Result<Self, TargetError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(TargetError::Empty);
        }
        if s.chars().count() > MAX_URL_LEN {
            return Err(TargetError::TooLong);
        }
        let url = Url::parse(s).map_err(|_| TargetError::Invalid)?;
        if url.scheme() != "https" {
            return Err(if url.scheme() == "http" {
                TargetError::NotHttps
            } else {
                TargetError::Invalid
            });
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(TargetError::Invalid);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(TargetError::Credentials);
        }
        let out = url.to_string();
        if out.len() > MAX_URL_LEN {
            return Err(TargetError::TooLong);
        }
        Ok(Self(out))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The referring site of a click: its host only (no path, no query), for http(s) referrers.
pub fn referrer_host(referer: &str) -> Option<String> {
    let url = Url::parse(referer.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    (!host.is_empty() && host.len() <= 253).then_some(host)
}

/// Words in a user agent that mark link previews, crawlers and scripts.
const AUTOMATED: [&str; 12] = [
    "bot",
    "crawl",
    "spider",
    "slurp",
    "preview",
    "facebookexternalhit",
    "embedly",
    "whatsapp",
    "headless",
    "curl/",
    "wget/",
    "python-",
];

/// Requests that are not a person following the link: link previews (LinkedIn fetches every
/// link in a new post), crawlers, scripts without a user agent, and the browser's prefetch.
pub fn is_automated(user_agent: Option<&str>, purpose: Option<&str>) -> bool {
    if purpose.is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.contains("prefetch") || p.contains("prerender") || p.contains("preview")
    }) {
        return true;
    }
    let Some(ua) = user_agent.map(str::trim).filter(|u| !u.is_empty()) else {
        return true;
    };
    let ua = ua.to_ascii_lowercase();
    AUTOMATED.iter().any(|w| ua.contains(w))
}

/// The time a click is kept with: the full hour. Every figure shown needs no more, and a
/// coarse time cannot be matched with other records of the same moment.
pub fn click_hour(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::hours(1)).unwrap_or(at)
}

/// Clicks of a group of links. Clicks on links of the authority (a job posting, a campaign
/// page) are the authority's figure; clicks on links that belong to a person's post are
/// that person's figure and are shown summed only over at least five people.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clicks {
    pub campaign: i64,
    pub posts: Shown<i64>,
}

/// Sums (clicks, author of the link's post) pairs.
pub fn tally(rows: impl IntoIterator<Item = (i64, Option<i64>)>) -> Clicks {
    let mut campaign = 0;
    let mut posts = 0;
    let mut authors = std::collections::HashSet::new();
    for (clicks, author) in rows {
        match author {
            None => campaign += clicks,
            Some(a) => {
                posts += clicks;
                authors.insert(a);
            }
        }
    }
    Clicks {
        campaign,
        posts: gate(authors.len(), posts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_no_look_alike_characters() {
        for c in b"01oil" {
            assert!(!CODE_ALPHABET.contains(c), "{}", char::from(*c));
        }
        let bytes: Vec<u8> = (0..=255).collect();
        let code = ShortCode::from_random(&bytes).unwrap();
        assert_eq!(code.as_str().len(), CODE_LEN);
        assert_eq!(code.as_str(), "23456789");
    }

    #[test]
    fn biased_bytes_are_skipped_and_too_few_bytes_give_no_code() {
        let mut bytes = vec![255u8, 250, 248];
        bytes.extend([0u8; 8]);
        assert_eq!(ShortCode::from_random(&bytes).unwrap().as_str(), "22222222");
        assert_eq!(ShortCode::from_random(&[0; 7]), None);
        assert_eq!(ShortCode::from_random(&[255; 64]), None);
    }

    #[test]
    fn a_typed_code_is_read_case_insensitively_and_strictly() {
        assert_eq!(ShortCode::parse(" AB3DEFGH ").unwrap().as_str(), "ab3defgh");
        for bad in [
            "ab3defg",
            "ab3defghj",
            "ab3defg0",
            "ab3defgl",
            "../admin",
            "",
        ] {
            assert_eq!(ShortCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_https_addresses_with_a_host_and_without_credentials_are_targets() {
        assert_eq!(
            TargetUrl::parse(" https://karriere.musterstadt.example/stellen/4711?src=li ")
                .unwrap()
                .as_str(),
            "https://karriere.musterstadt.example/stellen/4711?src=li"
        );
        assert_eq!(
            TargetUrl::parse("HTTPS://Example.ORG").unwrap().as_str(),
            "https://example.org/"
        );
        for (bad, why) in [
            ("", TargetError::Empty),
            ("   ", TargetError::Empty),
            ("http://example.org/", TargetError::NotHttps),
            ("javascript:alert(1)", TargetError::Invalid),
            ("ftp://example.org/", TargetError::Invalid),
            ("example.org/stellen", TargetError::Invalid),
            ("https://", TargetError::Invalid),
            ("https://user:pw@example.org/", TargetError::Credentials),
            ("https://user@example.org/", TargetError::Credentials),
        ] {
            assert_eq!(TargetUrl::parse(bad), Err(why), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(TargetUrl::parse(&long), Err(TargetError::TooLong));
    }

    #[test]
    fn a_click_keeps_only_the_referring_host() {
        assert_eq!(
            referrer_host("https://www.LinkedIn.com/feed/update/urn:li:activity:1?x=y").as_deref(),
            Some("www.linkedin.com")
        );
        assert_eq!(referrer_host("android-app://com.linkedin.android/"), None);
        assert_eq!(referrer_host("nonsense"), None);
    }

    #[test]
    fn link_previews_crawlers_scripts_and_prefetches_are_not_clicks() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert!(!is_automated(Some(firefox), None));
        for ua in [
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "facebookexternalhit/1.1",
            "Mozilla/5.0 (compatible; Googlebot/2.1)",
            "curl/8.5.0",
            "python-requests/2.31",
            "Mozilla/5.0 HeadlessChrome/120.0",
            "",
        ] {
            assert!(is_automated(Some(ua), None), "{ua}");
        }
        assert!(is_automated(None, None));
        assert!(is_automated(Some(firefox), Some("prefetch;prerender")));
    }

    #[test]
    fn a_click_is_kept_with_the_full_hour() {
        let at = DateTime::parse_from_rfc3339("2026-03-04T09:41:27.5+00:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(click_hour(at).to_rfc3339(), "2026-03-04T09:00:00+00:00");
    }

    #[test]
    fn clicks_on_post_links_of_fewer_than_five_people_are_suppressed() {
        let t = tally([(40, None), (3, Some(1)), (4, Some(2)), (5, Some(2))]);
        assert_eq!(t.campaign, 40);
        assert_eq!(t.posts, Shown::Suppressed { people: 2 });
        let five: Vec<(i64, Option<i64>)> = (1..=5).map(|a| (2, Some(a))).collect();
        assert_eq!(tally(five).posts, Shown::Value(10));
        assert_eq!(tally([]).campaign, 0);
    }
}
