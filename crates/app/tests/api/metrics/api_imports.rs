//! Imports through the API (`POST /api/v1/imports`): a dry run and its commit, the page's
//! followers export, and a member's own analytics export.

use axum::http::StatusCode;

use super::{ADMIN, C, count, published_posts, xlsx};
use crate::support::{Page, TestApp};

/// `Shares.csv` with the text of a planned post: matched by text and date, and the post gets
/// its LinkedIn link.
#[tokio::test]
async fn the_api_reports_a_dry_run_then_commits_once_and_names_the_duplicate() {
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    for mut app in TestApp::demo_all().await {
        let t = super::tenant(&app).await;
        let stmt = Query::select()
            .columns(["id", "body", "scheduled_at"])
            .from("posts")
            .and_where(Expr::col("tenant_id").eq(t.0))
            .and_where(Expr::col("status").eq("draft"))
            .and_where(Expr::col("scheduled_at").is_not_null())
            .limit(1)
            .to_owned();
        let row = app.tdb.db.query_one(&stmt).await.unwrap().unwrap();
        let (id, body): (i64, String) = (
            row.try_get("", "id").unwrap(),
            row.try_get("", "body").unwrap(),
        );
        let at: chrono::DateTime<chrono::Utc> = row.try_get("", "scheduled_at").unwrap();
        // Its author schedules it (the demo only plans).
        assert!(
            amtfluencer::db::publishing::schedule(&app.tdb.db, t, id, at)
                .await
                .unwrap()
        );
        let csv = format!(
            "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n{},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7301234567890123456,\"{}\",,,PUBLIC\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            body.replace('"', "\"\"")
        );
        let token = app.token_for(ADMIN).await;
        let call = |commit: bool| {
            format!(
                "/api/v1/imports{}",
                if commit { "?commit=true" } else { "" }
            )
        };
        for (commit, committed, outcome) in [
            (false, false, "imported"),
            (true, true, "imported"),
            (true, false, "skipped"),
        ] {
            let res = multipart_api(
                &mut app,
                &call(commit),
                &token,
                "Shares.csv",
                csv.as_bytes(),
            )
            .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
            assert_eq!(v["committed"], committed, "{v}");
            assert_eq!(v["report"]["kind"], "linkedin_member_shares");
            assert_eq!(v["report"]["rows"][0]["outcome"], outcome, "{v}");
            assert_eq!(v["report"]["rows"][0]["post_id"], id);
            if commit && !committed {
                assert!(v["duplicate_of"]["import_id"].is_i64(), "{v}");
            }
        }
        let post = Query::select()
            .column("external_id")
            .from("posts")
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        let linked: Option<String> = app
            .tdb
            .db
            .query_one(&post)
            .await
            .unwrap()
            .unwrap()
            .try_get("", "external_id")
            .unwrap();
        assert_eq!(linked.as_deref(), Some("urn:li:share:7301234567890123456"));
        assert_eq!(count(&app, "imports").await, 1);
        let leadership = app.token_for("leadership@musterstadt.example").await;
        let denied = multipart_api(
            &mut app,
            "/api/v1/imports",
            &leadership,
            "Shares.csv",
            csv.as_bytes(),
        )
        .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
    }
}

async fn multipart_api(
    app: &mut TestApp,
    path: &str,
    token: &str,
    name: &str,
    bytes: &[u8],
) -> Page {
    use axum::body::Body;
    use axum::http::{Request, header};
    let boundary = "----metrics-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// The page's follower count on a day, as stored from imports.
async fn followers_on(app: &TestApp, day: &str) -> Option<(i64, i64)> {
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let t = super::tenant(app).await;
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let stmt = Query::select()
        .columns(["followers", "new_followers"])
        .from("page_metrics")
        .and_where(Expr::col("tenant_id").eq(t.0))
        .and_where(Expr::col("day").eq(day))
        .to_owned();
    let r = app.tdb.db.query_one(&stmt).await.unwrap()?;
    Some((
        r.try_get("", "followers").unwrap(),
        r.try_get("", "new_followers").unwrap(),
    ))
}

fn followers_export(days: &[(&'static str, f64)]) -> Vec<u8> {
    let mut rows = vec![vec![
        C::T("Date"),
        C::T("Sponsored followers"),
        C::T("Organic followers"),
        C::T("Auto-invited followers"),
        C::T("Total followers"),
    ]];
    for (day, total) in days {
        rows.push(vec![
            C::T(day),
            C::N(0.0),
            C::N(*total),
            C::N(0.0),
            C::N(*total),
        ]);
    }
    xlsx(&[("New followers", rows)])
}

#[tokio::test]
async fn a_followers_export_continues_the_count_and_an_overlapping_one_updates_only_what_changed() {
    for mut app in TestApp::demo_all().await {
        let (base, _) = followers_on(&app, "2026-07-31")
            .await
            .expect("the demo's last day");
        let token = app.token_for(ADMIN).await;
        let first = followers_export(&[
            ("08/01/2026", 5.0),
            ("08/02/2026", 7.0),
            ("08/03/2026", 9.0),
        ]);
        let res = multipart_api(
            &mut app,
            "/api/v1/imports?commit=true",
            &token,
            "Follower.xlsx",
            &first,
        )
        .await;
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(
            (v["committed"].clone(), v["report"]["imported"].clone()),
            (true.into(), 3.into()),
            "{v}"
        );
        assert_eq!(followers_on(&app, "2026-08-03").await, Some((base + 21, 9)));

        let second = followers_export(&[("08/02/2026", 7.0), ("08/03/2026", 10.0)]);
        let res = multipart_api(
            &mut app,
            "/api/v1/imports?commit=true&lang=en",
            &token,
            "Follower-2.xlsx",
            &second,
        )
        .await;
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        let outcomes: Vec<&str> = v["report"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["outcome"].as_str().unwrap())
            .collect();
        assert_eq!(outcomes, ["skipped", "updated"], "{v}");
        assert_eq!(
            v["report"]["rows"][0]["reason"],
            "already stored with the same figures"
        );
        assert_eq!(
            followers_on(&app, "2026-08-03").await,
            Some((base + 22, 10))
        );
    }
}

/// A member's own analytics: TOP POSTS holds two tables side by side; only the person's own
/// posts are candidates, and the daily profile figures are not stored.
#[tokio::test]
async fn a_members_export_is_matched_among_their_own_posts_only() {
    for mut app in TestApp::demo_all().await {
        let posts = published_posts(&app, 300).await;
        let (mine, person, url, day) = posts[0].clone();
        let (other, _, other_url, other_day) =
            posts.iter().find(|p| p.1 != person).unwrap().clone();
        let file = xlsx(&[
            (
                "DISCOVERY",
                vec![
                    vec![C::T("Overall Performance"), C::T("2/1/2026 - 7/31/2026")],
                    vec![C::T("Impressions"), C::T("5,432")],
                ],
            ),
            (
                "ENGAGEMENT",
                vec![
                    vec![C::T("Date"), C::T("Impressions"), C::T("Engagements")],
                    vec![C::T("3/1/2026"), C::N(120.0), C::N(7.0)],
                ],
            ),
            (
                "TOP POSTS",
                vec![
                    vec![C::T(
                        "Maximum of 50 posts available to include in this list",
                    )],
                    vec![C::E],
                    vec![
                        C::T("Post URL"),
                        C::T("Post publish date"),
                        C::T("Engagements"),
                        C::E,
                        C::T("Post URL"),
                        C::T("Post publish date"),
                        C::T("Impressions"),
                    ],
                    vec![
                        C::S(url.clone()),
                        C::S(day.clone()),
                        C::N(40.0),
                        C::E,
                        C::S(url),
                        C::S(day),
                        C::N(3000.0),
                    ],
                    vec![
                        C::S(other_url.clone()),
                        C::S(other_day.clone()),
                        C::N(9.0),
                        C::E,
                        C::S(other_url),
                        C::S(other_day),
                        C::N(800.0),
                    ],
                ],
            ),
            (
                "FOLLOWERS",
                vec![
                    vec![C::T("Total followers on 7/31/2026:"), C::N(812.0)],
                    vec![C::E],
                    vec![C::T("Date"), C::T("New followers")],
                    vec![C::T("3/1/2026"), C::N(2.0)],
                ],
            ),
        ]);
        let token = app.token_for(ADMIN).await;
        let path = format!("/api/v1/imports?commit=true&ambassador_id={person}");
        let res = multipart_api(&mut app, &path, &token, "Analytics.xlsx", &file).await;
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["report"]["kind"], "linkedin_member_analytics", "{v}");
        assert_eq!(v["report"]["imported"], 1, "{v}");
        assert_eq!(
            v["report"]["unmatched"], 1,
            "another person's post is not theirs: {v}"
        );
        assert!(
            v.to_string()
                .contains("Tageswerte des eigenen Profils werden nicht gespeichert")
        );
        let import_id = v["import_id"].as_i64().unwrap();
        use sea_orm::ConnectionTrait;
        use sea_orm::sea_query::{Expr, ExprTrait, Query};
        let stmt = Query::select()
            .columns(["post_id", "impressions", "reactions"])
            .from("post_metrics")
            .and_where(Expr::col("import_id").eq(import_id))
            .to_owned();
        let rows: Vec<(i64, i64, i64)> = app
            .tdb
            .db
            .query_all(&stmt)
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r.try_get("", "post_id").unwrap(),
                    r.try_get("", "impressions").unwrap(),
                    r.try_get("", "reactions").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [(mine, 3000, 40)],
            "engagements stored as reactions; {other} untouched"
        );
    }
}
