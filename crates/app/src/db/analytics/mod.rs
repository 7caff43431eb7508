//! Reading figures for the dashboards and the API, with the privacy rules in the queries:
//! programme-wide functions take an [`AggregateAccess`] and return only groups of at least
//! five people (smaller ones come back suppressed); a person's figures need a
//! [`PersonAccess`] for exactly that person; the list of who has not posted yet needs a
//! [`ParticipationAccess`]. Nothing here returns one person's figures without that proof.
//!
//! Figures are cumulative snapshots, so a post's latest figures are the largest of its
//! snapshots (across sources: import, manual entry, API).

mod cache;
mod cohort;
mod facts;
mod freshness;
mod links;
pub(crate) mod packed;
mod page;
mod report_links;

use std::collections::{BTreeMap, HashMap};

use amtfluencer_domain::analytics::{GroupStats, PostFigure, rank, summarise_among};
use amtfluencer_domain::privacy::{
    AggregateAccess, ParticipationAccess, PersonAccess, Shown, Subject, Viewer, gate,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};

pub use cache::purge_gone;
pub use cohort::{CohortFigures, cohort};
pub use freshness::{Freshness, freshness};
pub use links::{
    LinkCounts, LinkDetail, LinkLine, OwnLink, TopicClicks, clicks_by_month, clicks_by_topic,
    link_detail, link_lines, own_links,
};
pub use page::{PageDay, PageEffect, page_effect};
pub use report_links::{LinkClicks, link_clicks};

use crate::tenancy::TenantId;
use facts::{PostFact, Scope, post_facts, sharing_consents};

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One month of the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// The first day of the month.
    pub month: NaiveDate,
    pub posts: Shown<GroupStats>,
    /// Posts a month the active Amtfluencer aim for together (the orientation).
    pub orientation: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    pub total: Shown<GroupStats>,
    pub months: Vec<Month>,
    /// Per cohort: (cohort name, figures).
    pub cohorts: Vec<(String, Shown<GroupStats>)>,
    pub active_people: usize,
}

fn figure(f: &PostFact) -> Option<PostFigure> {
    f.figures.map(|(impressions, interactions)| PostFigure {
        ambassador_id: f.ambassador_id,
        impressions,
        interactions,
    })
}

/// Posts count even without figures; figures only where some were observed.
fn group(facts: &[&PostFact]) -> GroupStats {
    let with: Vec<PostFigure> = facts.iter().filter_map(|f| figure(f)).collect();
    let people =
        amtfluencer_domain::analytics::distinct_people(facts.iter().map(|f| f.ambassador_id));
    let mut s = summarise_among(&with, people);
    s.posts = facts.len();
    s
}

pub async fn programme(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    _: &AggregateAccess,
    range: Range,
) -> Result<Programme, DbErr> {
    let facts = post_facts(db, tenant, range, Scope::Everyone).await?;
    let orientation = facts::orientation(db, tenant, None).await?;
    let all: Vec<&PostFact> = facts.iter().collect();
    let months = by_month(&all, range, orientation);
    let cohort_names: HashMap<i64, String> = crate::db::cohorts::list(db, tenant)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut by_cohort: BTreeMap<String, Vec<&PostFact>> = BTreeMap::new();
    for f in &facts {
        if let Some(name) = f.cohort_id.and_then(|c| cohort_names.get(&c)) {
            by_cohort.entry(name.clone()).or_default().push(f);
        }
    }
    let total = group(&all);
    Ok(Programme {
        active_people: total.people,
        total: gate(total.people, total),
        months,
        cohorts: by_cohort
            .into_iter()
            .map(|(name, fs)| {
                let g = group(&fs);
                (name, gate(g.people, g))
            })
            .collect(),
    })
}

/// Every month of the range (those without posts too), each gated by the people who posted.
fn by_month(facts: &[&PostFact], range: Range, orientation: i64) -> Vec<Month> {
    let mut months: BTreeMap<NaiveDate, Vec<&PostFact>> = BTreeMap::new();
    let mut m = range.from.with_day(1).unwrap_or(range.from);
    while m <= range.to {
        months.insert(m, Vec::new());
        match m.checked_add_months(chrono::Months::new(1)) {
            Some(next) => m = next,
            None => break,
        }
    }
    for f in facts {
        let d = f.published.date_naive();
        months
            .entry(d.with_day(1).unwrap_or(d))
            .or_default()
            .push(f);
    }
    months
        .into_iter()
        .map(|(month, fs)| {
            let g = group(&fs);
            Month {
                month,
                posts: gate(g.people, g),
                orientation,
            }
        })
        .collect()
}

/// One line of the topic ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicLine {
    pub title: String,
    pub stats: Shown<GroupStats>,
    pub posts: usize,
}

/// Topics and topic categories ranked by median impressions, then engagement rate; groups of
/// fewer than five people come last, suppressed.
pub async fn topics(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    _: &AggregateAccess,
    range: Range,
) -> Result<(Vec<TopicLine>, Vec<TopicLine>), DbErr> {
    let facts = post_facts(db, tenant, range, Scope::Everyone).await?;
    let topics = facts::topic_names(db, tenant).await?;
    Ok(by_topic(&facts, &topics))
}

/// (topics, topic categories), each ranked.
fn by_topic(
    facts: &[PostFact],
    topics: &HashMap<i64, (String, String)>,
) -> (Vec<TopicLine>, Vec<TopicLine>) {
    let mut by_topic: HashMap<String, Vec<&PostFact>> = HashMap::new();
    let mut by_category: HashMap<String, Vec<&PostFact>> = HashMap::new();
    for f in facts {
        let (title, category) = f
            .topic_id
            .and_then(|t| topics.get(&t))
            .cloned()
            .unwrap_or_else(|| ("–".to_owned(), "–".to_owned()));
        by_topic.entry(title).or_default().push(f);
        by_category.entry(category).or_default().push(f);
    }
    (ranked(by_topic), ranked(by_category))
}

fn ranked(groups: HashMap<String, Vec<&PostFact>>) -> Vec<TopicLine> {
    let stats: Vec<(String, GroupStats)> =
        groups.into_iter().map(|(k, fs)| (k, group(&fs))).collect();
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    for (title, s) in rank(&stats) {
        let line = TopicLine {
            title,
            posts: s.posts,
            stats: gate(s.people, s),
        };
        if line.stats.is_suppressed() {
            hidden.push(line);
        } else {
            shown.push(line);
        }
    }
    hidden.sort_by(|a, b| a.title.cmp(&b.title));
    shown.extend(hidden);
    shown
}

/// An Amtfluencer in the participation list: no published post yet.
#[derive(Debug, Clone, PartialEq)]
pub struct NotPosted {
    pub ambassador_id: i64,
    pub name: String,
    pub status: String,
}

pub async fn not_posted_yet(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    _: &ParticipationAccess,
) -> Result<Vec<NotPosted>, DbErr> {
    let mut out: Vec<NotPosted> = facts::without_posts(db, tenant)
        .await?
        .into_iter()
        .map(|(id, first, last, status)| NotPosted {
            ambassador_id: id,
            name: format!("{first} {last}"),
            status,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// One of a person's posts with its latest figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnPost {
    pub post_id: i64,
    pub published: DateTime<Utc>,
    pub excerpt: String,
    pub impressions: Option<i64>,
    pub interactions: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonFigures {
    pub ambassador_id: i64,
    pub name: String,
    pub monthly_goal: i32,
    pub posts: Vec<OwnPost>,
    pub stats: GroupStats,
    /// Impressions of the posts published in each month.
    pub months: Vec<(NaiveDate, usize, i64)>,
}

/// One person's figures; only with the proof that the viewer may see them.
pub async fn person(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    access: &PersonAccess,
    range: Range,
) -> Result<Option<PersonFigures>, DbErr> {
    let id = access.ambassador_id();
    let Some(a) = crate::db::ambassadors::get(db, tenant, id).await? else {
        return Ok(None);
    };
    let facts = post_facts(db, tenant, range, Scope::Person(id)).await?;
    let all: Vec<&PostFact> = facts.iter().collect();
    let mut months: BTreeMap<NaiveDate, (usize, i64)> = BTreeMap::new();
    for f in &facts {
        let d = f.published.date_naive();
        let e = months.entry(d.with_day(1).unwrap_or(d)).or_default();
        e.0 += 1;
        e.1 += f.figures.map_or(0, |x| x.0);
    }
    Ok(Some(PersonFigures {
        ambassador_id: id,
        name: format!("{} {}", a.first_name, a.last_name),
        monthly_goal: a.monthly_goal,
        stats: group(&all),
        months: months.into_iter().map(|(m, (n, i))| (m, n, i)).collect(),
        posts: facts
            .iter()
            .rev()
            .map(|f| OwnPost {
                post_id: f.post_id,
                published: f.published,
                excerpt: f.excerpt.clone(),
                impressions: f.figures.map(|x| x.0),
                interactions: f.figures.map(|x| x.1),
            })
            .collect(),
    }))
}

/// One person's totals in a list of several.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSummary {
    pub ambassador_id: i64,
    pub name: String,
    pub stats: GroupStats,
}

/// The totals of several people, each only with the proof that the viewer may see them, in
/// the order given: one read of the period's posts of just these people, not one per person.
pub async fn people(
    db: &(impl ConnectionTrait + 'static),
    tenant: TenantId,
    listed: &[Listed],
    range: Range,
) -> Result<Vec<PersonSummary>, DbErr> {
    if listed.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = listed.iter().map(|l| l.access.ambassador_id()).collect();
    let facts = post_facts(db, tenant, range, Scope::Authors(&ids)).await?;
    let mut by_person: HashMap<i64, Vec<&PostFact>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for f in &facts {
        if let Some(v) = by_person.get_mut(&f.ambassador_id) {
            v.push(f);
        }
    }
    Ok(listed
        .iter()
        .map(|l| {
            let id = l.access.ambassador_id();
            PersonSummary {
                ambassador_id: id,
                name: l.name.clone(),
                stats: group(by_person.get(&id).map_or(&[][..], Vec::as_slice)),
            }
        })
        .collect())
}

/// A person the viewer may see the figures of, with the proof and the name to show.
#[derive(Debug, Clone)]
pub struct Listed {
    pub access: PersonAccess,
    pub name: String,
}

/// The people whose figures the viewer may see besides their own: for the team, those who
/// share them; for anyone else, nobody. Sorted by name, never by figures.
pub async fn shared_with_viewer(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    viewer: &Viewer,
) -> Result<Vec<Listed>, DbErr> {
    let sharing = sharing_consents(db, tenant).await?;
    Ok(facts::by_last_name(db, tenant)
        .await?
        .into_iter()
        .filter(|(id, _)| viewer.ambassador_id != Some(*id))
        .filter_map(|(id, name)| {
            let access = PersonAccess::check(
                viewer,
                &Subject {
                    ambassador_id: id,
                    shares_with_team: sharing.contains(&id),
                },
            )?;
            Some(Listed { access, name })
        })
        .collect())
}
