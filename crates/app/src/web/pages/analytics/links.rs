//! Short-link clicks on the dashboards: per month on the programme page, per topic on the
//! topics page, and one's own links on the personal page. Clicks on links of a person's post
//! come summed over at least five people or not at all (`db::analytics::links`).

use amtfluencer_domain::links::Clicks;
use amtfluencer_domain::privacy::Shown;
use chrono::NaiveDate;

use super::format::num;
use super::programme::month_label;
use super::{Table, de, headers};
use crate::db::analytics::{OwnLink, TopicClicks};
use crate::web::export::Cell;
use crate::web::layout::PageCtx;

/// The clicks on post links: a number, a dash when no post link was clicked, or the note that
/// fewer than five people's links were.
fn post_cell(ctx: &PageCtx, s: &Shown<i64>) -> Cell {
    match s {
        Shown::Value(n) => Cell::int(ctx.lang, *n),
        Shown::Suppressed { people: 0 } => Cell::dash(),
        Shown::Suppressed { .. } => Cell::text(ctx.t("analytics-suppressed")),
    }
}

/// The clicks of the period in one sentence.
pub fn statement(ctx: &PageCtx, months: &[(NaiveDate, Clicks)]) -> String {
    let shown: i64 = months
        .iter()
        .map(|(_, c)| c.campaign + c.posts.value().copied().unwrap_or(0))
        .sum();
    let partial = months
        .iter()
        .any(|(_, c)| matches!(c.posts, Shown::Suppressed { people } if people > 0));
    let mut s = ctx.t1("analytics-links-total", "clicks", &num(ctx.lang, shown));
    if partial {
        s.push(' ');
        s.push_str(&ctx.t("analytics-links-partial"));
    }
    s
}

pub fn month_table(ctx: &PageCtx, months: &[(NaiveDate, Clicks)]) -> Table {
    let any = months
        .iter()
        .any(|(_, c)| c.campaign > 0 || !matches!(c.posts, Shown::Suppressed { people: 0 }));
    Table {
        id: "link-clicks".into(),
        heading: ctx.t("analytics-links"),
        file: de(ctx, "analytics-links"),
        intro: Some(ctx.t("analytics-links-intro")),
        headers: headers(
            ctx,
            &[
                "analytics-col-month",
                "analytics-col-clicks-campaign",
                "analytics-col-clicks-posts",
            ],
        ),
        rows: if any {
            months
                .iter()
                .map(|(m, c)| {
                    vec![
                        Cell::text(month_label(ctx.lang, *m)),
                        Cell::int(ctx.lang, c.campaign),
                        post_cell(ctx, &c.posts),
                    ]
                })
                .collect()
        } else {
            Vec::new()
        },
        empty: ctx.t("analytics-links-none"),
    }
}

pub fn topic_table(ctx: &PageCtx, topics: &[TopicClicks]) -> Table {
    Table {
        id: "topic-links".into(),
        heading: ctx.t("analytics-topic-links"),
        file: de(ctx, "analytics-topic-links"),
        intro: Some(ctx.t("analytics-topic-links-intro")),
        headers: headers(
            ctx,
            &[
                "analytics-col-topic",
                "analytics-col-links",
                "analytics-col-clicks-campaign",
                "analytics-col-clicks-posts",
            ],
        ),
        rows: topics
            .iter()
            .map(|t| {
                vec![
                    Cell::text(&t.title),
                    Cell::int(ctx.lang, t.links as i64),
                    Cell::int(ctx.lang, t.clicks.campaign),
                    post_cell(ctx, &t.clicks.posts),
                ]
            })
            .collect(),
        empty: ctx.t("analytics-topic-links-none"),
    }
}

/// One's own links: a person's own figures, so without any suppression.
pub fn own_table(ctx: &PageCtx, links: &[OwnLink]) -> Table {
    Table {
        id: "own-links".into(),
        heading: ctx.t("analytics-own-links"),
        file: de(ctx, "analytics-own-links"),
        intro: Some(ctx.t("analytics-own-links-intro")),
        headers: headers(
            ctx,
            &[
                "analytics-col-label",
                "analytics-col-short-link",
                "analytics-col-clicks",
            ],
        ),
        rows: links
            .iter()
            .map(|l| {
                vec![
                    Cell::text(&l.link.label),
                    Cell::text(format!("/l/{}", l.link.code)),
                    Cell::int(ctx.lang, l.clicks),
                ]
            })
            .collect(),
        empty: ctx.t("analytics-own-links-none"),
    }
}
