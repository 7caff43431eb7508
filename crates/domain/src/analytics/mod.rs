//! Aggregation maths for the dashboards: medians, engagement rates, group summaries that know
//! how many people they cover, and the page effect (`effect`) with its uncertainty.
//!
//! Medians rather than means: one post that travels far would otherwise decide a topic's rank.

mod effect;

pub use effect::{Certainty, Comparison, Correlation, before_after, lagged_correlation};

/// The middle value (the mean of the two middle values for an even count); `None` for none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    median_of(&mut v)
}

/// [`median`] of values that are all finite, reordering them: a selection in linear time
/// rather than a sort, since a dashboard takes the medians of tens of thousands of posts.
pub fn median_of(v: &mut [f64]) -> Option<f64> {
    let n = v.len();
    if n == 0 {
        return None;
    }
    let (lower, middle, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    let middle = *middle;
    Some(if n.is_multiple_of(2) {
        // The other middle value is the largest of the lower half.
        let below = lower
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .unwrap_or(middle);
        (below + middle) / 2.0
    } else {
        middle
    })
}

/// How many different people, without hashing every post's author (a dashboard counts the
/// people of tens of thousands of posts, per month and per cohort): ids of one authority lie
/// close together, so they are marked in a bit set spanning their range; ids spread wider
/// than that are sorted instead.
pub fn distinct_people(ids: impl Iterator<Item = i64>) -> usize {
    let ids: Vec<i64> = ids.collect();
    let (Some(&min), Some(&max)) = (ids.iter().min(), ids.iter().max()) else {
        return 0;
    };
    let span = max.abs_diff(min);
    if span <= 64 * (ids.len() as u64 + 1024) {
        let mut seen = vec![0u64; usize::try_from(span / 64 + 1).unwrap_or(0)];
        let mut count = 0;
        for id in ids {
            let offset = id.abs_diff(min);
            let (word, bit) = ((offset / 64) as usize, offset % 64);
            if seen[word] & (1 << bit) == 0 {
                seen[word] |= 1 << bit;
                count += 1;
            }
        }
        count
    } else {
        let mut ids = ids;
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Interactions per impression (0.05 is 5 %): reactions, comments, reposts and, where known,
/// clicks, divided by impressions. `None` without impressions.
pub fn engagement_rate(impressions: i64, interactions: i64) -> Option<f64> {
    (impressions > 0).then(|| interactions.max(0) as f64 / impressions as f64)
}

/// The latest figures of one post, with the person who wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostFigure {
    pub ambassador_id: i64,
    pub impressions: i64,
    pub interactions: i64,
}

/// A group of posts (a topic, a month, a cohort) summarised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupStats {
    pub posts: usize,
    /// Distinct people who wrote the posts: what the minimum group size counts.
    pub people: usize,
    pub impressions: i64,
    pub interactions: i64,
    pub median_impressions: Option<f64>,
    /// The median of the posts' engagement rates.
    pub median_engagement_rate: Option<f64>,
}

pub fn summarise(posts: &[PostFigure]) -> GroupStats {
    summarise_among(
        posts,
        distinct_people(posts.iter().map(|p| p.ambassador_id)),
    )
}

/// [`summarise`] for a group whose people are already counted (a dashboard counts everyone
/// who posted, also those whose posts have no figures yet).
pub fn summarise_among(posts: &[PostFigure], people: usize) -> GroupStats {
    let mut impressions: Vec<f64> = posts.iter().map(|p| p.impressions as f64).collect();
    let mut rates: Vec<f64> = posts
        .iter()
        .filter_map(|p| engagement_rate(p.impressions, p.interactions))
        .collect();
    GroupStats {
        posts: posts.len(),
        people,
        impressions: posts.iter().map(|p| p.impressions).sum(),
        interactions: posts.iter().map(|p| p.interactions).sum(),
        median_impressions: median_of(&mut impressions),
        median_engagement_rate: median_of(&mut rates),
    }
}

/// Groups ranked by median impressions, then by median engagement rate, best first; groups
/// without figures last.
pub fn rank<K: Clone>(groups: &[(K, GroupStats)]) -> Vec<(K, GroupStats)> {
    let mut v = groups.to_vec();
    v.sort_by(|a, b| {
        let key = |g: &GroupStats| {
            (
                g.median_impressions.unwrap_or(f64::NEG_INFINITY),
                g.median_engagement_rate.unwrap_or(f64::NEG_INFINITY),
            )
        };
        let (ka, kb) = (key(&a.1), key(&b.1));
        kb.0.total_cmp(&ka.0).then(kb.1.total_cmp(&ka.1))
    });
    v
}

#[cfg(test)]
mod tests;
