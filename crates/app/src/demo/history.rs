//! The demo's history: posts, their metric snapshots, and the city page's daily figures.
//! Construction topics perform best, three ambassadors never post, and the page gains more
//! followers on days after ambassador posts (the effect the measurement should find).

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use sea_orm::{ConnectionTrait, Value};

use super::content::{CLOSING_QUESTIONS, HASHTAGS, HOOKS, STORY_SENTENCES, TOPICS};
use super::people::{AmbassadorRef, ids_of};
use super::rng::Rng;
use crate::db::{bulk::insert_rows, now};
use crate::tenancy::TenantId;

/// Days after publication at which a post's figures were observed: 20 snapshots.
const SNAPSHOT_DAYS: [i64; 20] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 21, 28, 42, 56, 70, 90,
];
/// Posts are written in chunks so that memory stays flat at any scale.
const CHUNK: usize = 5_000;

pub struct HistoryReport {
    pub posts: usize,
    pub snapshots: usize,
    pub page_days: usize,
}

struct PlannedPost {
    ambassador: i64,
    topic: i64,
    category: &'static str,
    status: &'static str,
    at: DateTime<Utc>,
    body: String,
    /// Expected final impressions (published posts only).
    reach: f64,
}

/// The history ends with the pilot on 31 July 2026; larger scales reach further back.
fn history_months(scale: u32) -> u32 {
    6 * scale.clamp(1, 14)
}

pub async fn seed(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    scale: u32,
    people: &[AmbassadorRef],
    topics: &[(i64, &'static str)],
) -> anyhow::Result<HistoryReport> {
    let mut rng = Rng::new(0x4d75_7374_6572 ^ u64::from(scale));
    let end = NaiveDate::from_ymd_opt(2026, 7, 31).unwrap_or_default();
    let months = history_months(scale);
    let start = end
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(end)
        + Duration::days(1);
    let posts = plan_posts(&mut rng, people, topics, start, end, months);
    let published_days: Vec<NaiveDate> = posts
        .iter()
        .filter(|p| p.status == "published")
        .map(|p| p.at.date_naive())
        .collect();

    let mut snapshots = 0;
    for (c, chunk) in posts.chunks(CHUNK).enumerate() {
        let rows = chunk
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let published = p.status == "published";
                // A LinkedIn-like share URN, unique per post.
                let urn = format!(
                    "urn:li:share:{}",
                    7_180_000_000_000_000_000u64 + (c * CHUNK + i) as u64
                );
                let url = format!("https://www.linkedin.com/feed/update/{urn}/");
                vec![
                    Value::from(tid.0),
                    Value::from(p.ambassador),
                    Value::from(p.topic),
                    "linkedin".into(),
                    p.status.into(),
                    p.body.clone().into(),
                    Some(p.at).into(),
                    published.then_some(p.at).into(),
                    published.then_some(urn).into(),
                    published.then_some(url).into(),
                    p.at.into(),
                    p.at.into(),
                ]
            })
            .collect();
        insert_rows(
            txn,
            "posts",
            &[
                "tenant_id",
                "ambassador_id",
                "topic_id",
                "channel",
                "status",
                "body",
                "scheduled_at",
                "published_at",
                "external_id",
                "external_url",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        .await?;
    }
    // Metric snapshots, chunk by chunk, for the published posts in insertion order.
    let ids = ids_of(txn, "posts", tid).await?;
    let today = now();
    for (chunk_ids, chunk_posts) in ids.chunks(CHUNK).zip(posts.chunks(CHUNK)) {
        let mut rows = Vec::with_capacity(CHUNK * SNAPSHOT_DAYS.len());
        for (id, p) in chunk_ids.iter().zip(chunk_posts) {
            if p.status != "published" {
                continue;
            }
            for d in SNAPSHOT_DAYS {
                let observed = p.at + Duration::days(d);
                if observed > today {
                    break;
                }
                let share = 1.0 - (-(d as f64) / 3.0).exp();
                let imp = (p.reach * share).round();
                rows.push(vec![
                    Value::from(tid.0),
                    Value::from(*id),
                    observed.into(),
                    "import".into(),
                    Value::from(imp as i64),
                    Value::from(Some((imp * 0.7) as i64)),
                    Value::from((imp * 0.025) as i64),
                    Value::from((imp * 0.004) as i64),
                    Value::from((imp * 0.002) as i64),
                    Value::from(Some((imp * 0.01) as i64)),
                ]);
            }
        }
        snapshots += rows.len();
        insert_rows(
            txn,
            "post_metrics",
            &[
                "tenant_id",
                "post_id",
                "observed_at",
                "source",
                "impressions",
                "members_reached",
                "reactions",
                "comments",
                "reposts",
                "clicks",
            ],
            rows,
        )
        .await?;
    }
    crate::db::metrics::figures::rebuild_all(txn, tid).await?;
    let page_days = page_metrics(txn, tid, &mut rng, start, end, &published_days, scale).await?;
    Ok(HistoryReport {
        posts: posts.len(),
        snapshots,
        page_days,
    })
}

fn plan_posts(
    rng: &mut Rng,
    people: &[AmbassadorRef],
    topics: &[(i64, &'static str)],
    start: NaiveDate,
    end: NaiveDate,
    months: u32,
) -> Vec<PlannedPost> {
    let construction: Vec<_> = topics.iter().filter(|t| t.1 == "Bauen").collect();
    let other: Vec<_> = topics.iter().filter(|t| t.1 != "Bauen").collect();
    let mut out = Vec::new();
    for a in people.iter().filter(|a| a.activity > 0) {
        let per_month = f64::from(a.goal) * (0.55 + 0.15 * f64::from(a.activity));
        for m in 0..months {
            let month_start = start
                .checked_add_months(chrono::Months::new(m))
                .unwrap_or(start);
            let n = (per_month + rng.range_f(-0.8, 0.8)).round().max(0.0) as u32;
            for _ in 0..n {
                let pool = if a.prefers_construction && rng.chance(0.7) {
                    &construction
                } else {
                    &other
                };
                let &&(topic, category) = rng.pick(pool);
                let day = working_day(month_start + Duration::days(rng.below(28) as i64));
                if day > end {
                    continue;
                }
                // 8:00–14:59 UTC: inside core hours in German time.
                let at = Utc.from_utc_datetime(
                    &day.and_hms_opt(8 + rng.below(7) as u32, rng.below(60) as u32, 0)
                        .unwrap_or_default(),
                );
                let base = if category == "Bauen" { 1900.0 } else { 750.0 };
                let reach = base * (0.7 + 0.1 * f64::from(a.activity)) * rng.range_f(0.55, 1.6);
                out.push(PlannedPost {
                    ambassador: a.id,
                    topic,
                    category,
                    status: "published",
                    at,
                    body: String::new(),
                    reach,
                });
            }
        }
    }
    // A few plans for the coming weeks, so that the calendar has something to show. Planned,
    // not scheduled: a scheduled post goes out through its author's connection, and demo
    // people have none, so it would only fail at its minute.
    let soon = now().date_naive();
    for (i, a) in people.iter().filter(|a| a.activity > 0).take(8).enumerate() {
        let &(topic, category) = &topics[(i * 7) % topics.len()];
        let day = working_day(soon + Duration::days(3 + 4 * i as i64));
        let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 30, 0).unwrap_or_default());
        let status = if i % 3 == 2 { "idea" } else { "draft" };
        out.push(PlannedPost {
            ambassador: a.id,
            topic,
            category,
            status,
            at,
            body: String::new(),
            reach: 0.0,
        });
    }
    out.sort_by_key(|p| (p.at, p.ambassador));
    for p in &mut out {
        p.body = post_text(rng, p.topic, p.category, topics);
    }
    out
}

fn working_day(mut d: NaiveDate) -> NaiveDate {
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d += Duration::days(1);
    }
    d
}

fn post_text(rng: &mut Rng, topic: i64, category: &str, topics: &[(i64, &'static str)]) -> String {
    let title = topics
        .iter()
        .position(|t| t.0 == topic)
        .map_or("", |i| TOPICS[i].title);
    let hook = rng.pick(HOOKS).replace("{topic}", title);
    let story = STORY_SENTENCES
        .iter()
        .find(|(c, _)| *c == category)
        .map_or("", |(_, s)| *rng.pick(s));
    let question = rng.pick(CLOSING_QUESTIONS);
    let mut tags = vec!["Musterstadt", "Amtfluencer"];
    for _ in 0..2 {
        let t = *rng.pick(HASHTAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
    format!("{hook}\n\n{story}\n\n{question}\n\n{}", tags.join(" "))
}

async fn page_metrics(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    rng: &mut Rng,
    start: NaiveDate,
    end: NaiveDate,
    published: &[NaiveDate],
    scale: u32,
) -> anyhow::Result<usize> {
    let mut per_day = std::collections::HashMap::<NaiveDate, u32>::new();
    for d in published {
        *per_day.entry(*d).or_default() += 1;
    }
    let posts_on = |d: NaiveDate| f64::from(*per_day.get(&d).unwrap_or(&0)) / f64::from(scale);
    let mut followers: f64 = 4200.0;
    let mut rows = Vec::new();
    let mut day = start;
    while day <= end {
        let recent = posts_on(day)
            + 0.6 * posts_on(day - Duration::days(1))
            + 0.3 * posts_on(day - Duration::days(2));
        let new = (2.0 + 2.5 * recent + rng.range_f(-1.5, 2.5))
            .max(0.0)
            .round();
        followers += new;
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let impressions =
            ((if weekend { 350.0 } else { 900.0 }) + 180.0 * recent + rng.range_f(-120.0, 160.0))
                .round();
        rows.push(vec![
            Value::from(tid.0),
            "linkedin".into(),
            day.into(),
            "import".into(),
            Value::from(followers as i64),
            Value::from(new as i64),
            Value::from(impressions as i64),
            Value::from(Some((impressions * 0.62) as i64)),
            Value::from(Some((impressions * 0.012) as i64)),
            Value::from((impressions * 0.02) as i64),
            Value::from((impressions * 0.002) as i64),
            Value::from((impressions * 0.001) as i64),
        ]);
        day += Duration::days(1);
    }
    let n = rows.len();
    insert_rows(
        txn,
        "page_metrics",
        &[
            "tenant_id",
            "channel",
            "day",
            "source",
            "followers",
            "new_followers",
            "impressions",
            "unique_impressions",
            "clicks",
            "reactions",
            "comments",
            "reposts",
        ],
        rows,
    )
    .await?;
    Ok(n)
}
