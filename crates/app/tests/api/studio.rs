//! The writing studio: starting from a template, saving with versions, saving while typing,
//! the preview showing exactly the text, and marking a post published by hand.

use axum::http::StatusCode;

use crate::support::{Page, TestApp};

const KATHARINA: &str = "katharina.brenner@musterstadt.example";

async fn start(app: &mut TestApp, template: &str) -> String {
    let res = app
        .post_form(
            "/t/musterstadt/studio",
            "/t/musterstadt/studio",
            &[("template", template), ("topic_id", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location.unwrap()
}

/// The text between two markers of the page, HTML entities undone.
fn between(page: &Page, open: &str, close: &str) -> String {
    let start = page.body.find(open).map(|i| i + open.len()).unwrap_or(0);
    let end = page.body[start..].find(close).map_or(start, |i| start + i);
    unescape(&page.body[start..end])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn a_post_starts_from_a_template_and_the_preview_shows_exactly_its_text() {
    for mut app in TestApp::demo_all().await {
        app.login(KATHARINA).await;
        let editor = start(&mut app, "day").await;
        let page = app.get(&editor).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Ein Tag als [deine Aufgabe]"));

        let text = "Was macht eigentlich eine Bauingenieurin bei der Stadt? 🚧\n\nHeute war ich mit dem Team auf der Baustelle der neuen Radwegbrücke über die Rheinaue. Zwischen Statik, Naturschutz & Bürgerfragen gab es viel zu klären – und <viel> Kaffee.\n\nWas würdet ihr gern über meinen Job wissen?\n\n#Bauamt #Radverkehr #Musterstadt #Karriere";
        let res = app.post_form(&editor, &editor, &[("body", text)]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let page = app.get(res.location.as_deref().unwrap()).await;
        assert!(page.body.contains("Gespeichert und geprüft."));
        // The preview's two parts put together are the text, byte for byte.
        let before = between(&page, "<span class=\"li-before\">", "</span>");
        let after = between(&page, "<span class=\"li-after\">", "</span>");
        assert_eq!(format!("{before}{after}"), text);
        assert!(!after.is_empty(), "a long post folds");
        assert!(before.chars().count() <= 210);
        assert!(page.body.contains("Lesbarkeit: Flesch-Amstad"));
        // The template text was kept as a version and can come back.
        assert!(page.body.contains("Frühere Fassungen"));
    }
}

#[tokio::test]
async fn drafts_save_while_typing_and_keep_earlier_versions() {
    for mut app in TestApp::demo_all().await {
        app.login(KATHARINA).await;
        let editor = start(&mut app, "").await;
        let id: i64 = editor.rsplit('/').next().unwrap().parse().unwrap();
        let csrf = app.get(&editor).await.csrf();
        let save = |app: &TestApp, body: &str| {
            app.request("POST", &format!("{editor}/autosave"))
                .header("content-type", "application/json")
                .header("x-csrf-token", csrf.clone())
                .body(axum::body::Body::from(
                    serde_json::json!({ "body": body }).to_string(),
                ))
                .unwrap()
        };
        for (body, expect) in [
            ("Erster Satz", true),
            ("Erster Satz.", true),
            ("Erster Satz.", false),
        ] {
            let req = save(&app, body);
            let res = app.send(req).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert_eq!(res.body, format!("{{\"saved\":{expect}}}"));
        }
        let t = crate::cohorts::tenant(&app).await;
        // Typing within a few minutes keeps one version of the earlier text, not one per keystroke.
        let versions = amtfluencer::db::studio::versions(&app.tdb.db, t, id)
            .await
            .unwrap();
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].body, "Erster Satz");
        // An explicit save keeps the previous text as a version.
        app.post_form(&editor, &editor, &[("body", "Ganz neu.")])
            .await;
        let versions = amtfluencer::db::studio::versions(&app.tdb.db, t, id)
            .await
            .unwrap();
        assert_eq!(versions[0].body, "Erster Satz.");
        let restore = app
            .post_form(
                &editor,
                &format!("{editor}/restore"),
                &[("version", &versions[1].id.to_string())],
            )
            .await;
        assert_eq!(restore.status, StatusCode::SEE_OTHER);
        let page = app.get(&editor).await;
        assert!(page.body.contains(">Erster Satz</textarea>"), "restored");
    }
}

#[tokio::test]
async fn a_post_made_by_hand_is_marked_published_with_a_linkedin_address_only() {
    for mut app in TestApp::demo_all().await {
        app.login(KATHARINA).await;
        let editor = start(&mut app, "three").await;
        let wrong = app
            .post_form(
                &editor,
                &format!("{editor}/published"),
                &[("url", "https://www.linkedin.com/in/katharina-brenner")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("keine Adresse eines LinkedIn-Beitrags"));
        assert!(
            wrong
                .body
                .contains("value=\"https://www.linkedin.com/in/katharina-brenner\"")
        );
        let url = "https://www.linkedin.com/posts/katharina-brenner_bauamt-activity-7265000000000000000-AbCd?utm_source=share";
        let ok = app
            .post_form(&editor, &format!("{editor}/published"), &[("url", url)])
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let page = app.get(&editor).await;
        assert!(page.body.contains("veröffentlicht"));
        assert!(
            page.body.contains(
                "https://www.linkedin.com/feed/update/urn:li:activity:7265000000000000000/"
            )
        );
        assert!(
            !page.body.contains("Ich habe es gepostet"),
            "no second time"
        );
        let again = app
            .post_form(&editor, &format!("{editor}/published"), &[("url", url)])
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);

        // Nobody else opens it: another Amtfluencer, the team.
        app.login("jonas.petersen@musterstadt.example").await;
        assert_eq!(app.get(&editor).await.status, StatusCode::NOT_FOUND);
        app.login("admin@musterstadt.example").await;
        assert_eq!(app.get(&editor).await.status, StatusCode::FORBIDDEN);
    }
}
