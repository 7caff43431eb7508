use super::*;
use crate::post_key::PostIdKind;

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 3, d)
}

fn candidate(id: i64, text: &str, date: Option<NaiveDate>) -> Candidate {
    Candidate {
        id,
        key: None,
        text: text.into(),
        date,
        ambassador_id: 1,
    }
}

const KITA: &str = "Heute zeige ich euch unsere neue Kita an der Rheinpromenade in Musterstadt am Rhein. Zwei Jahre Bauzeit, 80 Plätze und ein Garten direkt am Wasser. #Bauen #Kita";
const BRIDGE: &str = "Unsere Brückenprüfer waren heute auf der Rheinbrücke unterwegs: alle sechs Jahre wird jede Brücke der Stadt genau untersucht. #Bauen";
const WASTE: &str = "Was passiert eigentlich mit dem Sperrmüll? Ein Tag mit der Abfallwirtschaft der Stadt Musterstadt am Rhein.";

fn activity(id: u64) -> Option<PostKey> {
    Some(PostKey {
        kind: PostIdKind::Activity,
        id,
    })
}

#[test]
fn the_same_key_is_an_exact_match_whatever_the_text() {
    let mut ours = candidate(7, "ganz anderer Text", day(20));
    ours.key = activity(7_123_456_789_012_345_678);
    let imported = ImportedPost {
        key: ours.key,
        ..ImportedPost::default()
    };
    assert_eq!(
        match_post(&imported, &[candidate(1, KITA, day(4)), ours]),
        Match::Exact(7)
    );
}

#[test]
fn a_cut_off_title_within_three_days_is_a_likely_match() {
    let imported = ImportedPost {
        text: Some(
            "Heute zeige ich euch unsere neue Kita an der Rheinpromenade in Musterstadt…".into(),
        ),
        date: day(5),
        ..ImportedPost::default()
    };
    let found = match_post(
        &imported,
        &[
            candidate(1, BRIDGE, day(4)),
            candidate(2, KITA, day(3)),
            candidate(3, WASTE, day(5)),
        ],
    );
    assert!(
        matches!(found, Match::Likely { id: 2, score } if score > 0.9),
        "{found:?}"
    );
}

#[test]
fn escaped_little_text_and_hashtag_templates_compare_equal_to_the_shown_text() {
    let ours = r"Heute zeige ich euch unsere neue Kita \(Rheinpromenade\) {hashtag|\#|Bauen}";
    let shown = "Heute zeige ich euch unsere neue Kita (Rheinpromenade) #Bauen";
    assert!(text_similarity(ours, shown) > 0.99);
    assert!(text_similarity(KITA, WASTE) < 0.4);
    assert_eq!(text_similarity("", KITA), 0.0);
}

#[test]
fn the_same_text_a_week_apart_is_no_match() {
    let imported = ImportedPost {
        text: Some(KITA.into()),
        date: day(12),
        ..ImportedPost::default()
    };
    assert_eq!(
        match_post(&imported, &[candidate(2, KITA, day(3))]),
        Match::None
    );
}

#[test]
fn two_near_identical_candidates_are_ambiguous() {
    let imported = ImportedPost {
        text: Some(KITA.into()),
        date: day(4),
        ..ImportedPost::default()
    };
    let found = match_post(
        &imported,
        &[
            candidate(1, KITA, day(3)),
            candidate(2, WASTE, day(4)),
            candidate(3, KITA, day(5)),
        ],
    );
    assert_eq!(found, Match::Ambiguous(vec![1, 3]));
}

#[test]
fn an_unknown_text_finds_nothing_and_is_left_for_the_team() {
    let imported = ImportedPost {
        text: Some("Stellenausschreibung: Wir suchen eine Sachbearbeitung im Ordnungsamt.".into()),
        date: day(4),
        ..ImportedPost::default()
    };
    assert_eq!(
        match_post(
            &imported,
            &[candidate(1, KITA, day(4)), candidate(2, BRIDGE, day(4))]
        ),
        Match::None
    );
}

#[test]
fn without_dates_only_a_near_identical_text_matches() {
    let imported = ImportedPost {
        text: Some(KITA.into()),
        ..ImportedPost::default()
    };
    assert!(matches!(
        match_post(&imported, &[candidate(2, KITA, None)]),
        Match::Likely { id: 2, .. }
    ));
    let loose = ImportedPost {
        text: Some("Heute zeige ich euch unsere Baustelle".into()),
        ..ImportedPost::default()
    };
    assert_eq!(match_post(&loose, &[candidate(2, KITA, None)]), Match::None);
}

#[test]
fn a_candidate_with_another_key_of_the_same_kind_is_another_post() {
    let mut ours = candidate(2, KITA, day(4));
    ours.key = activity(7_000_000_000_000_000_001);
    let imported = ImportedPost {
        key: activity(7_000_000_000_000_000_002),
        text: Some(KITA.into()),
        date: day(4),
        ..ImportedPost::default()
    };
    assert_eq!(match_post(&imported, &[ours]), Match::None);
}

#[test]
fn a_share_key_created_seconds_before_the_activity_is_likely_the_same_post() {
    let ms: u64 = 1_741_078_800_000;
    let mut ours = candidate(2, "Text wurde nach dem Posten noch geändert", day(4));
    ours.key = Some(PostKey {
        kind: PostIdKind::Share,
        id: (ms << 22) | 5,
    });
    let imported = ImportedPost {
        key: activity(((ms + 1_500) << 22) | 9),
        text: None,
        date: day(4),
        ..ImportedPost::default()
    };
    assert!(
        matches!(match_post(&imported, &[ours]), Match::Likely { id: 2, score } if score >= 0.95)
    );
}

#[test]
fn only_the_ambassadors_own_posts_are_candidates_for_a_member_export() {
    let mut other = candidate(2, KITA, day(4));
    other.ambassador_id = 9;
    let imported = ImportedPost {
        text: Some(KITA.into()),
        date: day(4),
        ambassador_id: Some(1),
        ..ImportedPost::default()
    };
    assert_eq!(match_post(&imported, &[other]), Match::None);
}

#[test]
fn a_share_from_the_csv_becomes_an_imported_post_with_its_text_and_day() {
    let share = Share {
        posted_at: day(4).and_then(|d| d.and_hms_opt(8, 15, 0)).expect("time"),
        key: None,
        link: None,
        commentary: KITA.into(),
        shared_url: None,
        media_url: None,
        visibility: None,
    };
    let imported = ImportedPost {
        ambassador_id: Some(1),
        ..ImportedPost::from(&share)
    };
    assert_eq!(imported.date, day(4));
    assert!(matches!(
        match_post(&imported, &[candidate(5, KITA, day(4))]),
        Match::Likely { id: 5, .. }
    ));
}

/// The matching of the time before the index: every candidate scored.
fn match_by_scanning(imported: &ImportedPost, candidates: &[Candidate]) -> Match {
    let pool: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| imported.ambassador_id.is_none_or(|a| a == c.ambassador_id))
        .collect();
    if let Some(key) = imported.key {
        let same: Vec<i64> = pool
            .iter()
            .filter(|c| c.key == Some(key))
            .map(|c| c.id)
            .collect();
        match same.as_slice() {
            [one] => return Match::Exact(*one),
            [] => {}
            many => return Match::Ambiguous(many.to_vec()),
        }
    }
    let scored: Vec<(i64, f64)> = pool
        .iter()
        .filter(|c| !is_other_post(imported.key, c.key))
        .filter_map(|c| score(imported, c).map(|s| (c.id, s)))
        .collect();
    best_of(scored)
}

#[test]
fn the_index_matches_exactly_as_scoring_every_candidate_would() {
    let texts = [KITA, BRIDGE, WASTE];
    // Candidates over two months, some without a date, some with keys, of three people;
    // the same texts recur, so that windows, ties and ambiguity all occur.
    let candidates: Vec<Candidate> = (0..160)
        .map(|i: i64| Candidate {
            id: i,
            key: (i % 5 == 0).then(|| PostKey {
                kind: PostIdKind::Activity,
                id: 7_100_000_000_000_000_000 + i as u64,
            }),
            text: format!("{} {}", texts[(i % 3) as usize], i % 7),
            date: (i % 11 != 0).then(|| {
                NaiveDate::from_ymd_opt(2025, 3, 1).unwrap() + chrono::Duration::days(i % 60)
            }),
            ambassador_id: i % 3,
        })
        .collect();
    let index = CandidateIndex::new(&candidates);
    let mut compared = 0;
    for j in 0..120i64 {
        let imported = ImportedPost {
            key: (j % 4 == 0).then(|| PostKey {
                kind: PostIdKind::Activity,
                id: 7_100_000_000_000_000_000 + (j * 3) as u64,
            }),
            text: (j % 9 != 0).then(|| format!("{} {}", texts[(j % 3) as usize], j % 5)),
            date: (j % 13 != 0).then(|| {
                NaiveDate::from_ymd_opt(2025, 2, 25).unwrap() + chrono::Duration::days(j % 70)
            }),
            ambassador_id: (j % 2 == 0).then_some(j % 3),
        };
        let expected = match_by_scanning(&imported, &candidates);
        assert_eq!(index.match_post(&imported), expected, "row {j}");
        if !matches!(expected, Match::None) {
            compared += 1;
        }
    }
    assert!(compared > 40, "too few rows found anything: {compared}");
}
