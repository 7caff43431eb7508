use axum::http::StatusCode;

use super::{ADMIN, C, count, impressions, published_posts, xlsx};
use crate::support::{Page, TestApp};

const PAGE: &str = "/t/musterstadt/imports";

/// A page content export as LinkedIn lays it out: a description line above the header, German
/// number formats as text, an empty row, a post we do not know and a row without a link.
fn content_export(known_url: &str, known_day: &str) -> Vec<u8> {
    content_export_titled(
        known_url,
        known_day,
        "Aggregated metrics for updates published by Stadt Musterstadt. Data is not real-time.",
    )
}

fn content_export_titled(known_url: &str, known_day: &str, description: &'static str) -> Vec<u8> {
    let header = [
        "Post title",
        "Post link",
        "Post type",
        "Created date",
        "Impressions",
        "Clicks",
        "Likes",
        "Comments",
        "Reposts",
        "Engagement rate",
    ];
    xlsx(&[(
        "Update metrics",
        vec![
            vec![C::T(description)],
            header.iter().map(|h| C::T(h)).collect(),
            vec![
                C::T("Ein bekannter Beitrag"),
                C::S(known_url.into()),
                C::T("Organic"),
                C::S(known_day.into()),
                C::T("12.345"),
                C::N(40.0),
                C::T("321"),
                C::N(12.0),
                C::N(3.0),
                C::T("4,5 %"),
            ],
            vec![],
            vec![
                C::T("Ein Beitrag, den es bei uns nicht gibt"),
                C::T("https://www.linkedin.com/feed/update/urn:li:share:7999999999999999999/"),
                C::T("Organic"),
                C::T("03/02/2026"),
                C::N(500.0),
                C::E,
                C::N(10.0),
                C::N(1.0),
                C::N(0.0),
                C::E,
            ],
            vec![
                C::T("Ohne Link"),
                C::E,
                C::T("Organic"),
                C::T("03/02/2026"),
                C::N(70.0),
                C::E,
                C::N(1.0),
                C::N(0.0),
                C::N(0.0),
                C::E,
            ],
        ],
    )])
}

async fn upload(app: &mut TestApp, name: &str, bytes: &[u8]) -> Page {
    let csrf = app.get(PAGE).await.csrf();
    app.post_multipart(PAGE, &[("csrf", &csrf)], &[("file", name, bytes)])
        .await
}

fn hidden(page: &Page, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.body.find(&marker).expect("a confirm form") + marker.len();
    let end = page.body[start..].find('"').unwrap();
    page.body[start..start + end].to_owned()
}

async fn confirm(app: &mut TestApp, preview: &Page) -> Page {
    let csrf = preview.csrf();
    let (file_name, data) = (hidden(preview, "file_name"), hidden(preview, "data"));
    app.post_multipart(
        &format!("{PAGE}/confirm"),
        &[
            ("csrf", &csrf),
            ("file_name", &file_name),
            ("ambassador_id", ""),
            ("data", &data),
        ],
        &[],
    )
    .await
}

#[tokio::test]
async fn a_page_export_is_previewed_then_imported_and_the_same_file_again_changes_nothing() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let posts = published_posts(&app, 2).await;
        let (known, _, url, day) = &posts[0];
        let file = content_export(url, day);
        let snapshots = count(&app, "post_metrics").await;

        let preview = upload(&mut app, "Inhalte.xlsx", &file).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        for text in [
            "1 neu, 0 aktualisiert, 1 übersprungen, 1 zum Zuordnen vorgemerkt.",
            "kein passender Beitrag gefunden; zum Zuordnen vorgemerkt",
            "Spalte „Post link“: ist leer",
            "Ein bekannter Beitrag",
        ] {
            assert!(preview.body.contains(text), "{text} ({})", app.tdb.backend);
        }
        assert_eq!(
            count(&app, "post_metrics").await,
            snapshots,
            "a preview saves nothing"
        );

        let done = confirm(&mut app, &preview).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(
            impressions(&app, *known, "import").await,
            Some(12_345),
            "German thousands"
        );
        assert_eq!(count(&app, "post_metrics").await, snapshots + 1);
        assert_eq!(count(&app, "import_unmatched").await, 1);
        assert_eq!(count(&app, "imports").await, 1);

        let again = upload(&mut app, "Inhalte-Kopie.xlsx", &file).await;
        assert!(
            again.body.contains("Diese Datei wurde bereits am"),
            "{}",
            again.body
        );
        assert!(
            !again.body.contains("name=\"data\""),
            "no confirmation for a duplicate"
        );
        assert_eq!(count(&app, "post_metrics").await, snapshots + 1);
        assert_eq!(count(&app, "imports").await, 1);

        // The same figures in another file: stored already, the unknown post already waiting.
        let resaved = content_export_titled(url, day, "Exported again");
        let again = upload(&mut app, "Inhalte-neu.xlsx", &resaved).await;
        assert!(
            again
                .body
                .contains("0 neu, 0 aktualisiert, 3 übersprungen, 0 zum Zuordnen vorgemerkt."),
            "{}",
            again.body
        );
        assert!(
            again
                .body
                .contains("wartet schon aus einem früheren Import auf die Zuordnung")
        );
        assert!(!again.body.contains("name=\"data\""), "nothing to save");
        assert!(
            !again.body.contains("bereits am"),
            "another file, not a duplicate"
        );
    }
}

#[tokio::test]
async fn an_unmatched_post_is_listed_and_assigning_it_stores_its_figures() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let posts = published_posts(&app, 2).await;
        let preview = upload(
            &mut app,
            "Inhalte.xlsx",
            &content_export(&posts[0].2, &posts[0].3),
        )
        .await;
        confirm(&mut app, &preview).await;
        let list = app.get(PAGE).await;
        assert!(list.body.contains("Ein Beitrag, den es bei uns nicht gibt"));
        let marker = "/unmatched/";
        let start = list.body.find(marker).unwrap() + marker.len();
        let id: String = list.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let target = posts[1].0;
        let res = app
            .post_form(
                PAGE,
                &format!("{PAGE}/unmatched/{id}/assign"),
                &[("post_id", &target.to_string())],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert_eq!(impressions(&app, target, "import").await, Some(500));
        let after = app.get(PAGE).await;
        assert!(
            after
                .body
                .contains("Alle importierten Beiträge sind zugeordnet.")
        );
    }
}

#[tokio::test]
async fn a_missing_column_is_named_and_nothing_is_saved() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let file = xlsx(&[(
            "Update metrics",
            vec![
                vec![
                    C::T("Post title"),
                    C::T("Post link"),
                    C::T("Created date"),
                    C::T("Likes"),
                ],
                vec![
                    C::T("x"),
                    C::T("https://www.linkedin.com/feed/update/urn:li:share:7180000000000000000/"),
                    C::T("03/02/2026"),
                    C::N(3.0),
                ],
            ],
        )]);
        let res = upload(&mut app, "Inhalte.xlsx", &file).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Impressions"), "{}", res.body);
        assert_eq!(count(&app, "imports").await, 0);
    }
}

#[tokio::test]
async fn figures_entered_by_hand_are_stored_for_the_day_and_replaced_when_entered_again() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let post = published_posts(&app, 1).await[0].0;
        for n in ["1.500", "1.700"] {
            let res = app
                .post_form(
                    PAGE,
                    &format!("{PAGE}/manual"),
                    &[
                        ("post_id", &post.to_string()),
                        ("observed_on", "2026-08-01"),
                        ("impressions", n),
                        ("reactions", "20"),
                        ("comments", "2"),
                        ("reposts", ""),
                    ],
                )
                .await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        }
        assert_eq!(impressions(&app, post, "manual").await, Some(1_700));
    }
}

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
