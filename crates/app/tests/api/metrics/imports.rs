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
