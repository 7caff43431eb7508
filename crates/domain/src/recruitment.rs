//! The balance of a selection: how a cohort compares to the workforce by department, track,
//! and — only where people gave them voluntarily — age band and gender. Small groups are not
//! shown on their own, so that nobody can be singled out.

use std::collections::BTreeMap;

use crate::programme::may_be_minor;
use crate::types::Email;

/// Groups smaller than this are merged into "other / not shown".
pub const MIN_GROUP: usize = 3;

/// The version of the text a colleague agrees to when nominating themselves; it is kept in
/// the audit entry of the self-nomination.
pub const AGREEMENT_VERSION: &str = "2026-11";

crate::text_enum! {
    /// Gender, given voluntarily (one letter, as stored).
    pub enum Gender {
        Female = "f",
        Male = "m",
        Diverse = "d",
    }
}

/// What the team knows about a candidate's age, for the consent of a guardian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeFlag {
    /// May be under 18: consents need a guardian.
    MayBeMinor,
    Adult,
    /// No birth year given: nobody is flagged, but the team should know it does not know.
    Unknown,
}

pub fn age_flag(birth_year: Option<i32>, year: i32) -> AgeFlag {
    match birth_year {
        None => AgeFlag::Unknown,
        Some(_) if may_be_minor(birth_year, year) => AgeFlag::MayBeMinor,
        Some(_) => AgeFlag::Adult,
    }
}

/// A birth year someone working at the authority can have: 14 to 80 years ago.
pub fn plausible_birth_year(birth_year: i32, year: i32) -> bool {
    (year - 80..=year - 14).contains(&birth_year)
}

/// Whether `email` belongs to one of the authority's staff domains (exact match after the
/// `@`, case-insensitive; a leading `@` in the list is ignored). No domains: any address.
pub fn staff_email_allowed(email: &Email, domains: &[String]) -> bool {
    let Some((_, domain)) = email.as_str().rsplit_once('@') else {
        return false;
    };
    domains.is_empty()
        || domains.iter().any(|d| {
            d.trim()
                .trim_start_matches('@')
                .eq_ignore_ascii_case(domain)
        })
}

/// The age bands [`age_band`] gives, youngest first.
pub const AGE_BANDS: [&str; 6] = ["under-18", "18-24", "25-34", "35-44", "45-54", "55-plus"];

/// The age band of someone born in `birth_year`, in `year`.
pub fn age_band(birth_year: Option<i32>, year: i32) -> Option<&'static str> {
    let age = year - birth_year?;
    Some(match age {
        i32::MIN..=17 => "under-18",
        18..=24 => "18-24",
        25..=34 => "25-34",
        35..=44 => "35-44",
        45..=54 => "45-54",
        _ => "55-plus",
    })
}

/// Counts per value; values given by fewer than `MIN_GROUP` people and missing values are
/// counted under `None` ("not shown").
pub fn distribution<'a>(
    values: impl IntoIterator<Item = Option<&'a str>>,
) -> Vec<(Option<String>, usize)> {
    let mut counts: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v.map(str::to_owned)).or_default() += 1;
    }
    let mut hidden = counts.remove(&None).unwrap_or(0);
    let mut shown: Vec<(Option<String>, usize)> = Vec::new();
    for (k, n) in counts {
        if n < MIN_GROUP {
            hidden += n;
        } else {
            shown.push((k, n));
        }
    }
    shown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if hidden > 0 {
        shown.push((None, hidden));
    }
    shown
}

/// Share in percent, rounded; 0 for an empty whole.
pub fn percent(part: usize, whole: usize) -> u32 {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or(0, |p| u32::try_from(p).unwrap_or(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apprentice_born_2010_is_flagged_an_adult_is_not_and_no_year_is_unknown() {
        assert_eq!(age_flag(Some(2010), 2026), AgeFlag::MayBeMinor);
        assert_eq!(age_flag(Some(2009), 2026), AgeFlag::MayBeMinor);
        assert_eq!(age_flag(Some(1990), 2026), AgeFlag::Adult);
        assert_eq!(age_flag(None, 2026), AgeFlag::Unknown);
    }

    #[test]
    fn a_birth_year_must_be_plausible_for_staff() {
        assert!(plausible_birth_year(2010, 2026));
        assert!(plausible_birth_year(1950, 2026));
        assert!(!plausible_birth_year(2020, 2026));
        assert!(!plausible_birth_year(1900, 2026));
    }

    #[test]
    fn staff_domains_restrict_the_address_only_when_set() {
        let e = Email::parse("anna@musterstadt.de").unwrap();
        assert!(staff_email_allowed(&e, &[]));
        assert!(staff_email_allowed(&e, &["@Musterstadt.de".to_owned()]));
        assert!(!staff_email_allowed(&e, &["kreis-nord.de".to_owned()]));
        let sub = Email::parse("anna@mail.musterstadt.de").unwrap();
        assert!(!staff_email_allowed(&sub, &["musterstadt.de".to_owned()]));
    }

    #[test]
    fn age_bands_follow_the_birth_year() {
        assert_eq!(age_band(Some(2009), 2026), Some("under-18"));
        assert_eq!(age_band(Some(2001), 2026), Some("25-34"));
        assert_eq!(age_band(None, 2026), None);
    }

    #[test]
    fn small_groups_are_not_shown_on_their_own() {
        let d = distribution([
            Some("Tiefbau"),
            Some("Tiefbau"),
            Some("Tiefbau"),
            Some("Kultur"),
            None,
        ]);
        assert_eq!(d, vec![(Some("Tiefbau".to_owned()), 3), (None, 2)]);
    }

    #[test]
    fn percentages_round_and_survive_an_empty_whole() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 0), 0);
    }
}
