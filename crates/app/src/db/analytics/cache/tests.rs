//! The kept facts: found under their stamp, period, authority and database only, brought up
//! to date from where their changes begin, and within their limits.

use chrono::TimeZone;

use super::*;

fn range(day: i64) -> Range {
    let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day);
    Range { from: d, to: d }
}

fn facts(n: usize) -> Arc<[Fact]> {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    (0..n)
        .map(|i| Fact {
            post_id: i as i64,
            ambassador_id: 1,
            topic_id: None,
            published: at,
            figures: None,
        })
        .collect()
}

fn st(version: i64) -> Stamp {
    Stamp {
        version,
        since: 0,
        origin: 0,
    }
}

fn fact(post_id: i64, day: u32, impressions: i64) -> Fact {
    Fact {
        post_id,
        ambassador_id: 1,
        topic_id: None,
        published: Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(),
        figures: Some((impressions, 0)),
    }
}

#[test]
fn changes_replace_their_earlier_facts_and_deletions_leave_theirs_out() {
    let earlier: Arc<[Fact]> = vec![fact(1, 1, 10), fact(2, 2, 20), fact(3, 3, 30)].into();
    // Unchanged: the same facts, not a copy.
    let same = merged(&earlier, Vec::new(), &[]);
    assert!(Arc::ptr_eq(&same, &earlier));
    // Post 2 has new figures, post 3 went, post 4 is new (published before post 2), post 1
    // was deleted and written anew (moved to a later day): it is in both lists.
    let changed = vec![fact(2, 2, 25), fact(4, 1, 40), fact(1, 5, 10)];
    let out = merged(&earlier, changed, &[3, 1]);
    assert_eq!(
        out.iter()
            .map(|f| (f.post_id, f.figures.unwrap().0))
            .collect::<Vec<_>>(),
        vec![(4, 40), (2, 25), (1, 10)]
    );
    // A deleted post that is not kept changes nothing.
    let out = merged(&earlier, Vec::new(), &[99]);
    assert_eq!(out.len(), 3);
}

#[test]
fn kept_facts_are_brought_up_to_date_from_where_their_changes_begin() {
    let mut k = Kept::default();
    let at = |version, since| Stamp {
        version,
        since,
        origin: 5,
    };
    k.put(1, range(1), at(7, 40), facts(3));
    let now = Instant::now();
    let (since, earlier) = k.changes_from(1, range(1), at(8, 45), now).unwrap();
    assert_eq!((since, earlier.len()), (40, 3));
    assert!(k.changes_from(1, range(2), at(8, 45), now).is_none());
    assert!(k.changes_from(2, range(1), at(8, 45), now).is_none());
    // Another database's authority 1, or a history that went back: read in full.
    let elsewhere = Stamp {
        origin: 6,
        ..at(8, 45)
    };
    assert!(k.changes_from(1, range(1), elsewhere, now).is_none());
    assert!(
        k.get(
            1,
            range(1),
            Stamp {
                origin: 6,
                ..at(7, 40)
            }
        )
        .is_none()
    );
    assert!(k.changes_from(1, range(1), at(8, 39), now).is_none());
    // Too old to follow: read in full.
    assert!(
        k.changes_from(1, range(1), at(8, 45), now + CHANGES_FOLLOWED_FOR)
            .is_none()
    );
}

#[test]
fn a_kept_fact_is_as_small_as_the_limit_assumes() {
    assert!(std::mem::size_of::<Fact>() <= 72);
}

#[test]
fn kept_facts_are_found_only_under_their_stamp_period_and_authority() {
    let mut k = Kept::default();
    k.put(1, range(1), st(7), facts(3));
    assert_eq!(k.get(1, range(1), st(7)).map(|f| f.len()), Some(3));
    assert!(k.get(1, range(1), st(8)).is_none());
    assert!(k.get(1, range(2), st(7)).is_none());
    assert!(k.get(2, range(1), st(7)).is_none());
    // A newer stamp of the period replaces the older facts.
    k.put(1, range(1), st(8), facts(4));
    assert!(k.get(1, range(1), st(7)).is_none());
    assert_eq!(k.get(1, range(1), st(8)).map(|f| f.len()), Some(4));
    assert_eq!(k.entries.len(), 1);
}

#[test]
fn the_least_recently_used_period_goes_first() {
    let mut k = Kept::default();
    for day in 1..=i64::try_from(MAX_ENTRIES).unwrap() {
        k.put(1, range(day), st(1), facts(1));
    }
    // Day 1 is used again, so day 2 is now the least recently used.
    assert!(k.get(1, range(1), st(1)).is_some());
    k.put(1, range(100), st(2), facts(1));
    assert_eq!(k.entries.len(), MAX_ENTRIES);
    assert!(k.get(1, range(1), st(1)).is_some());
    assert!(k.get(1, range(2), st(1)).is_none());
}

#[test]
fn the_kept_facts_stay_within_their_limit() {
    let mut k = Kept::default();
    k.put(1, range(1), st(1), facts(MAX_FACTS / 2));
    k.put(1, range(2), st(1), facts(MAX_FACTS / 2));
    k.put(1, range(3), st(1), facts(10));
    assert!(k.get(1, range(1), st(1)).is_none());
    assert!(k.get(1, range(3), st(1)).is_some());
    // A period larger than the whole limit is not kept at all.
    k.put(1, range(4), st(1), facts(MAX_FACTS + 1));
    assert!(k.get(1, range(4), st(1)).is_none());
    assert!(k.get(1, range(2), st(1)).is_some());
}
