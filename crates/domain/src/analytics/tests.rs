use super::*;

fn post(person: i64, impressions: i64, interactions: i64) -> PostFigure {
    PostFigure {
        ambassador_id: person,
        impressions,
        interactions,
    }
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[5.0, 1.0, 9.0]), Some(5.0));
    assert_eq!(median(&[]), None);
}

#[test]
fn one_viral_post_does_not_move_the_median() {
    assert_eq!(
        median(&[800.0, 900.0, 1000.0, 250_000.0, 950.0]),
        Some(950.0)
    );
}

#[test]
fn the_engagement_rate_needs_impressions() {
    assert_eq!(engagement_rate(1000, 50), Some(0.05));
    assert_eq!(engagement_rate(0, 50), None);
}

#[test]
fn a_summary_counts_distinct_people_not_posts() {
    let s = summarise(&[post(1, 100, 5), post(1, 300, 30), post(2, 200, 10)]);
    assert_eq!(s.posts, 3);
    assert_eq!(s.people, 2);
    assert_eq!(s.impressions, 600);
    assert_eq!(s.median_impressions, Some(200.0));
    assert_eq!(s.median_engagement_rate, Some(0.05));
}

#[test]
fn groups_rank_by_median_impressions_then_engagement() {
    let a = summarise(&[post(1, 100, 1)]);
    let b = summarise(&[post(1, 900, 1)]);
    let c = summarise(&[post(1, 100, 50)]);
    let ranked: Vec<&str> = rank(&[("a", a), ("b", b), ("c", c)])
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(ranked, ["b", "c", "a"]);
}

/// Posts on every third day; the page gains three extra followers the day after a post.
fn lifted_series(days: usize) -> (Vec<f64>, Vec<f64>) {
    let posts: Vec<f64> = (0..days).map(|d| f64::from(u8::from(d % 3 == 0))).collect();
    let gains: Vec<f64> = (0..days)
        .map(|d| {
            let noise = [0.0, 1.0, -1.0, 0.5, -0.5][d % 5];
            2.0 + noise
                + if d > 0 && posts[d - 1] > 0.0 {
                    3.0
                } else {
                    0.0
                }
        })
        .collect();
    (posts, gains)
}

#[test]
fn a_lift_the_day_after_posts_shows_at_lag_one_and_not_at_lag_zero() {
    let (posts, gains) = lifted_series(120);
    let lag1 = lagged_correlation(&posts, &gains, 1).unwrap();
    let lag0 = lagged_correlation(&posts, &gains, 0).unwrap();
    assert!(lag1.r > 0.7, "{lag1:?}");
    assert_eq!(lag1.certainty, Certainty::Clear);
    assert!(lag0.r < lag1.r);
    assert!(lag1.low < lag1.r && lag1.r < lag1.high);
}

#[test]
fn a_series_that_does_not_vary_has_no_correlation() {
    assert_eq!(lagged_correlation(&[1.0; 30], &[2.0; 30], 0), None);
    assert_eq!(lagged_correlation(&[1.0, 2.0], &[2.0, 3.0], 0), None);
}

#[test]
fn days_after_posts_gain_more_and_the_interval_says_so() {
    let (posts, gains) = lifted_series(120);
    let c = before_after(&posts, &gains, 1).unwrap();
    assert!(c.difference > 1.0, "{c:?}");
    assert!(c.low > 0.0 && c.low < c.difference && c.difference < c.high);
    assert_eq!(c.certainty, Certainty::Clear);
    assert_eq!(c.days_after_posts + c.other_days, 120);
}

#[test]
fn noise_alone_is_called_unclear() {
    let posts: Vec<f64> = (0..100).map(|d| f64::from(u8::from(d % 4 == 0))).collect();
    let gains: Vec<f64> = (0..100).map(|d| [3.0, 1.0, 2.0, 4.0, 0.0][d % 5]).collect();
    let c = before_after(&posts, &gains, 0).unwrap();
    assert_eq!(c.certainty, Certainty::Unclear, "{c:?}");
}

#[test]
fn ten_days_are_too_few_to_say_anything() {
    let (posts, gains) = lifted_series(10);
    let c = before_after(&posts, &gains, 1).unwrap();
    assert_eq!(c.certainty, Certainty::TooFewData);
}

/// The selection gives what sorting gives, for every length and for repeated values.
#[test]
fn the_median_by_selection_agrees_with_the_median_of_the_sorted_values() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for len in 1usize..200 {
        let values: Vec<f64> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Few distinct values, so that ties are common.
                (seed % 37) as f64
            })
            .collect();
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let mid = len / 2;
        let expected = if len.is_multiple_of(2) {
            (sorted[mid - 1] + sorted[mid]) / 2.0
        } else {
            sorted[mid]
        };
        assert_eq!(median(&values), Some(expected), "{values:?}");
    }
    assert_eq!(median(&[f64::NAN, 3.0, f64::INFINITY, 1.0]), Some(2.0));
}

#[test]
fn distinct_people_are_counted_once_each() {
    assert_eq!(distinct_people([7, 3, 7, 7, 1, 3].into_iter()), 3);
    assert_eq!(distinct_people(std::iter::empty()), 0);
    // Across a word boundary of the bit set, and ids too far apart for one.
    assert_eq!(distinct_people([63, 64, 0, 127, 128, 64].into_iter()), 5);
    assert_eq!(
        distinct_people([i64::MAX, i64::MIN, 0, i64::MAX, -5].into_iter()),
        4
    );
    let many: Vec<i64> = (0..10_000)
        .map(|i| 1_000_000 + (i * 7919) % 1_800)
        .collect();
    assert_eq!(distinct_people(many.into_iter()), 1_800);
}
