//! Short links: the team's pages, the public redirect with its counting rules, the clicks on
//! the dashboards and through the API with the privacy rules, and the link page's files.

mod api;
mod dashboards;
mod files;
mod follow;
mod manage;

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query};
use tower::ServiceExt;

use crate::support::TestApp;

pub const ADMIN: &str = "admin@musterstadt.example";
pub const LINKS: &str = "/t/musterstadt/links";
pub const TARGET: &str = "https://karriere.musterstadt.example/stellen/4711";

pub async fn tenant(app: &TestApp) -> TenantId {
    crate::cohorts::tenant(app).await
}

/// Creates a link through the form as the signed-in member; returns the page's answer.
pub async fn create(app: &mut TestApp, fields: &[(&str, &str)]) -> crate::support::Page {
    app.post_form(LINKS, LINKS, fields).await
}

/// Creates a link with this label and target and returns its stored row.
pub async fn created(
    app: &mut TestApp,
    label: &str,
    target: &str,
) -> db::entities::short_link::Model {
    let res = create(app, &[("label", label), ("target_url", target)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let t = tenant(app).await;
    db::links::list(&app.tdb.db, t)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.label == label)
        .expect("the new link")
}

/// A request to the public end of a link, as a browser without cookies sends it.
pub async fn follow(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut b = Request::builder().method(method).uri(path);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let mut req = b.body(Body::empty()).unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(
        "203.0.113.7:51000".parse::<std::net::SocketAddr>().unwrap(),
    ));
    let res = amtfluencer::web::router(app.state.clone())
        .oneshot(req)
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// The stored clicks of a link: (clicked_at, referrer host).
pub async fn clicks(
    app: &TestApp,
    link_id: i64,
) -> Vec<(chrono::DateTime<chrono::Utc>, Option<String>)> {
    let stmt = Query::select()
        .columns(["clicked_at", "referrer_host"])
        .from("link_clicks")
        .and_where(Expr::col("short_link_id").eq(link_id))
        .to_owned();
    app.tdb
        .db
        .query_all(&stmt)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get("", "clicked_at").unwrap(),
                r.try_get("", "referrer_host").unwrap(),
            )
        })
        .collect()
}

/// Clicks on links of the demo in a period, split into the authority's own links and links
/// in posts: (campaign clicks, post-link clicks, people behind the post links).
pub async fn demo_clicks(app: &TestApp, from: &str, to: &str) -> (i64, i64, usize) {
    let t = tenant(app).await;
    let at = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
    };
    let stmt = Query::select()
        .expr_as(Expr::col(("c", "id")), "id")
        .expr_as(Expr::col(("p", "ambassador_id")), "author")
        .from_as("link_clicks", "c")
        .join_as(
            JoinType::InnerJoin,
            "short_links",
            "l",
            Expr::col(("l", "id")).equals(("c", "short_link_id")),
        )
        .join_as(
            JoinType::LeftJoin,
            "posts",
            "p",
            Expr::col(("p", "id")).equals(("l", "post_id")),
        )
        .and_where(Expr::col(("c", "tenant_id")).eq(t.0))
        .and_where(Expr::col(("c", "clicked_at")).gte(at(from)))
        .and_where(Expr::col(("c", "clicked_at")).lt(at(to)))
        .to_owned();
    let mut campaign = 0;
    let mut posts = 0;
    let mut people = std::collections::HashSet::new();
    for r in app.tdb.db.query_all(&stmt).await.unwrap() {
        match r.try_get::<Option<i64>>("", "author").unwrap() {
            None => campaign += 1,
            Some(a) => {
                posts += 1;
                people.insert(a);
            }
        }
    }
    (campaign, posts, people.len())
}

/// The table row of the list page that names this label, up to its last cell.
pub fn row_of<'a>(body: &'a str, label: &str) -> &'a str {
    let at = body.find(&format!(">{label}<")).expect("the label");
    let start = body[..at].rfind("<tr>").unwrap_or(0);
    let end = at + body[at..].find("</tr>").unwrap_or(body.len() - at);
    body[start..end].trim_end()
}

/// A short link of another authority, labelled so that a leak is easy to see.
pub async fn link_of(db: &sea_orm::DatabaseConnection, tenant: TenantId) -> i64 {
    db::links::create(
        db,
        tenant,
        db::links::NewLink {
            label: "Nachbar-Stellenanzeige".into(),
            target: amtfluencer_domain::links::TargetUrl::parse(
                "https://nachbarstadt.example/stellen",
            )
            .unwrap(),
            post_id: None,
            topic_id: None,
        },
    )
    .await
    .unwrap()
    .id
}

/// The signed-in team of the demo reaches the other authority's link through none of its
/// own pages, and the link stays as it was.
pub async fn assert_unreachable(app: &mut TestApp, other: TenantId, link: i64) {
    for (method, path) in [
        ("GET", format!("{LINKS}/{link}")),
        ("POST", format!("{LINKS}/{link}")),
        ("POST", format!("{LINKS}/{link}/archive")),
        ("POST", format!("{LINKS}/{link}/restore")),
    ] {
        let res = if method == "GET" {
            app.get(&path).await
        } else {
            app.post_form(
                LINKS,
                &path,
                &[("label", "Übernommen"), ("target_url", TARGET)],
            )
            .await
        };
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert!(!res.body.contains("Nachbar-"), "{method} {path} leaked");
    }
    for path in [
        LINKS.to_owned(),
        format!("{LINKS}?format=csv"),
        "/t/musterstadt/analytics/topics".to_owned(),
    ] {
        assert!(
            !app.get(&path).await.body.contains("Nachbar-"),
            "{path} leaked"
        );
    }
    let after = db::links::get(&app.tdb.db, other, link)
        .await
        .unwrap()
        .unwrap();
    assert!(
        after.label == "Nachbar-Stellenanzeige" && after.archived_at.is_none(),
        "the other authority's link is untouched"
    );
}

/// A link in the first published post of this person, clicked `clicks` times now.
pub async fn post_link(
    app: &TestApp,
    person: i64,
    label: &str,
    topic_id: Option<i64>,
    clicks: usize,
) -> db::entities::short_link::Model {
    let t = tenant(app).await;
    let post = crate::metrics::published_posts(app, 100_000)
        .await
        .into_iter()
        .find(|p| p.1 == person)
        .expect("a post of the person")
        .0;
    let link = db::links::create(
        &app.tdb.db,
        t,
        db::links::NewLink {
            label: label.into(),
            target: amtfluencer_domain::links::TargetUrl::parse(TARGET).unwrap(),
            post_id: Some(post),
            topic_id,
        },
    )
    .await
    .unwrap();
    for _ in 0..clicks {
        db::links::record_click(&app.tdb.db, &link, db::now(), None)
            .await
            .unwrap();
    }
    link
}
