//! The balance of a selection: how a cohort compares to the workforce by department, track,
//! and — only where people gave them voluntarily — age band and gender. Small groups are not
//! shown on their own, so that nobody can be singled out.

use std::collections::BTreeMap;

/// Groups smaller than this are merged into "other / not shown".
pub const MIN_GROUP: usize = 3;

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
