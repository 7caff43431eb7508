//! The demo's short links: job postings and a campaign page of the fictional city, one link
//! in an Amtfluencer's post (whose clicks the dashboards keep to themselves), one switched
//! off, and clicks over the pilot months.

use amtfluencer_domain::links::{ShortCode, TargetUrl, click_hour};
use anyhow::Context;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::Value;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};

use super::rng::Rng;
use crate::db::{self, bulk::insert_rows, links::NewLink};
use crate::tenancy::TenantId;

struct DemoLink {
    label: &'static str,
    target: &'static str,
    /// The first topic of this category.
    category: Option<&'static str>,
    /// In the first Amtfluencer's first published post.
    in_post: bool,
    /// About this many clicks a day.
    per_day: u64,
    switched_off: bool,
}

const LINKS: [DemoLink; 5] = [
    DemoLink {
        label: "Stellenanzeige Bauingenieurin / Bauingenieur (m/w/d)",
        target: "https://karriere.musterstadt.example/stellen/bauingenieur-2026",
        category: Some("Bauen"),
        in_post: false,
        per_day: 6,
        switched_off: false,
    },
    DemoLink {
        label: "Ausbildung 2026: Verwaltungsfachangestellte",
        target: "https://karriere.musterstadt.example/ausbildung/verwaltung",
        category: Some("Ausbildung"),
        in_post: false,
        per_day: 4,
        switched_off: false,
    },
    DemoLink {
        label: "Kampagne „Musterstadt macht Platz“",
        target: "https://www.musterstadt.example/innenstadt",
        category: None,
        in_post: false,
        per_day: 3,
        switched_off: false,
    },
    DemoLink {
        label: "Tag der offenen Tür im Rathaus",
        target: "https://www.musterstadt.example/tag-der-offenen-tuer",
        category: None,
        in_post: true,
        per_day: 2,
        switched_off: false,
    },
    DemoLink {
        label: "Stellenanzeige Erzieherin / Erzieher Kita Sonnenblume (besetzt)",
        target: "https://karriere.musterstadt.example/stellen/kita-sonnenblume",
        category: None,
        in_post: false,
        per_day: 2,
        switched_off: true,
    },
];

const REFERRERS: [Option<&str>; 4] = [
    Some("www.linkedin.com"),
    Some("lnkd.in"),
    Some("www.musterstadt.example"),
    None,
];

pub async fn seed(
    txn: &impl ConnectionTrait,
    tid: TenantId,
    first_ambassador: i64,
    topics: &[(i64, &'static str)],
) -> anyhow::Result<usize> {
    let mut rng = Rng::new(0x6b75_727a_6c69_6e6b);
    let post = Query::select()
        .column("id")
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tid.0))
        .and_where(Expr::col("ambassador_id").eq(first_ambassador))
        .and_where(Expr::col("status").eq("published"))
        .order_by("published_at", Order::Asc)
        .limit(1)
        .to_owned();
    let post_id: Option<i64> = match txn.query_one(&post).await? {
        Some(r) => Some(r.try_get("", "id")?),
        None => None,
    };
    let start = NaiveDate::from_ymd_opt(2026, 2, 1).context("demo date")?;
    let mut clicks = 0;
    for l in LINKS {
        let code = loop {
            let bytes: Vec<u8> = (0..32).map(|_| rng.below(256) as u8).collect();
            if let Some(c) = ShortCode::from_random(&bytes) {
                break c;
            }
        };
        let link = db::links::create_with_code(
            txn,
            tid,
            NewLink {
                label: l.label.to_owned(),
                target: TargetUrl::parse(l.target).context("demo link target")?,
                post_id: if l.in_post { post_id } else { None },
                topic_id: l
                    .category
                    .and_then(|c| topics.iter().find(|(_, cat)| *cat == c).map(|t| t.0)),
            },
            &code,
        )
        .await?;
        if l.switched_off {
            db::links::set_archived(txn, &link, true).await?;
        }
        let mut rows = Vec::new();
        for day in 0..181 {
            let d = start + Duration::days(day);
            for _ in 0..rng.below(l.per_day * 2 + 1) {
                let at = Utc.from_utc_datetime(&d.and_hms_opt(7, 0, 0).unwrap_or_default())
                    + Duration::minutes(rng.below(14 * 60) as i64);
                let from = *rng.pick(&REFERRERS);
                rows.push(vec![
                    Value::from(tid.0),
                    Value::from(link.id),
                    click_hour(at).into(),
                    from.map(str::to_owned).into(),
                ]);
            }
        }
        clicks += rows.len();
        for chunk in rows.chunks(500) {
            insert_rows(
                txn,
                "link_clicks",
                &["tenant_id", "short_link_id", "clicked_at", "referrer_host"],
                chunk.to_vec(),
            )
            .await?;
        }
    }
    Ok(clicks)
}
