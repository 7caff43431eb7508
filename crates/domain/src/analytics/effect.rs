//! How much the authority's page moves after ambassador posts: a lagged correlation between the
//! daily number of posts and the page's daily figure, and a before/after comparison of days
//! shortly after posts with the other days. Both come with a 95 % interval, so that the words on
//! the dashboard can say how sure they are. Correlation is not cause; the words say that too.

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_964;
/// Fewer days than this on either side make any statement too unsure to make.
pub const MIN_DAYS: usize = 14;

/// How sure a statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// The 95 % interval lies wholly on one side of zero.
    Clear,
    /// The interval includes zero: no effect can be told from chance.
    Unclear,
    /// Too few days to say anything.
    TooFewData,
}

/// Pearson's r between posts on a day and the page figure `lag` days later.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Correlation {
    pub lag: usize,
    pub r: f64,
    pub n: usize,
    /// 95 % interval by Fisher's z transformation.
    pub low: f64,
    pub high: f64,
    pub certainty: Certainty,
}

/// `x[i]` against `y[i + lag]`. `None` when there are fewer than three pairs or either series
/// does not vary.
pub fn lagged_correlation(x: &[f64], y: &[f64], lag: usize) -> Option<Correlation> {
    let pairs: Vec<(f64, f64)> = x
        .iter()
        .zip(y.iter().skip(lag))
        .map(|(a, b)| (*a, *b))
        .collect();
    let n = pairs.len();
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / nf,
        pairs.iter().map(|p| p.1).sum::<f64>() / nf,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in &pairs {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let (low, high) = if n > 3 {
        let z = r.clamp(-0.999_999, 0.999_999).atanh();
        let se = 1.0 / (nf - 3.0).sqrt();
        ((z - Z95 * se).tanh(), (z + Z95 * se).tanh())
    } else {
        (-1.0, 1.0)
    };
    Some(Correlation {
        lag,
        r,
        n,
        low,
        high,
        certainty: certainty(n, n, low, high),
    })
}

/// Days within `window` days after a day with posts (the day itself included) compared with
/// the other days: the difference of the page figure's means with a 95 % interval (Welch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub days_after_posts: usize,
    pub other_days: usize,
    pub mean_after_posts: f64,
    pub mean_other: f64,
    /// `mean_after_posts - mean_other`.
    pub difference: f64,
    pub low: f64,
    pub high: f64,
    pub certainty: Certainty,
}

pub fn before_after(posts: &[f64], outcome: &[f64], window: usize) -> Option<Comparison> {
    let n = posts.len().min(outcome.len());
    let mut after = Vec::new();
    let mut other = Vec::new();
    for i in 0..n {
        let from = i.saturating_sub(window);
        if posts[from..=i].iter().any(|p| *p > 0.0) {
            after.push(outcome[i]);
        } else {
            other.push(outcome[i]);
        }
    }
    if after.is_empty() || other.is_empty() {
        return None;
    }
    let (ma, va) = mean_var(&after);
    let (mo, vo) = mean_var(&other);
    let difference = ma - mo;
    let se = (va / after.len() as f64 + vo / other.len() as f64).sqrt();
    let (low, high) = (difference - Z95 * se, difference + Z95 * se);
    Some(Comparison {
        days_after_posts: after.len(),
        other_days: other.len(),
        mean_after_posts: ma,
        mean_other: mo,
        difference,
        low,
        high,
        certainty: certainty(after.len(), other.len(), low, high),
    })
}

fn mean_var(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = if v.len() > 1 {
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var)
}

fn certainty(n_a: usize, n_b: usize, low: f64, high: f64) -> Certainty {
    if n_a < MIN_DAYS || n_b < MIN_DAYS {
        Certainty::TooFewData
    } else if low > 0.0 || high < 0.0 {
        Certainty::Clear
    } else {
        Certainty::Unclear
    }
}
