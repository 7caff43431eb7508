use amtfluencer::db;
use amtfluencer_domain::links::CODE_ALPHABET;
use axum::http::StatusCode;

use super::{ADMIN, FIREFOX, LINKS, TARGET, create, created, follow, row_of, tenant};
use crate::support::TestApp;

#[tokio::test]
async fn a_wrong_target_comes_back_at_the_field_with_everything_typed() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let before = db::links::list(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap()
            .len();
        for (target, message) in [
            (
                "http://karriere.musterstadt.example/stellen/1",
                "mit https://",
            ),
            ("javascript:alert(1)", "keine Webadresse"),
            ("karriere.musterstadt.example", "keine Webadresse"),
            (
                "https://chef:geheim@karriere.musterstadt.example/",
                "kein Passwort",
            ),
            ("", "Bitte geben Sie die Zieladresse ein"),
        ] {
            let res = create(
                &mut app,
                &[
                    ("label", "Stellenanzeige Sachbearbeitung"),
                    ("target_url", target),
                    ("topic_id", ""),
                    ("post_id", ""),
                ],
            )
            .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{target}");
            assert!(res.body.contains(message), "{target}: {message}");
            assert!(res.body.contains("id=\"target_url-error\""), "{target}");
            assert!(
                res.body
                    .contains(r#"name="target_url" type="url" inputmode="url" required maxlength="2000" value=""#),
                "{target}"
            );
            assert!(
                res.body.contains(&format!(
                    "value=\"{}\"",
                    target.replace('&', "&amp;").replace('"', "&quot;")
                )),
                "the address as typed: {target}"
            );
            assert!(
                res.body
                    .contains("value=\"Stellenanzeige Sachbearbeitung\"")
            );
        }
        let res = create(&mut app, &[("label", "  "), ("target_url", TARGET)]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("id=\"label-error\""));
        assert!(res.body.contains(&format!("value=\"{TARGET}\"")));
        let after = db::links::list(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap()
            .len();
        assert_eq!(before, after, "nothing stored");
    }
}

#[tokio::test]
async fn a_new_link_gets_a_short_unambiguous_code_and_its_address_to_copy() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let res = create(
            &mut app,
            &[
                ("label", "Stellenanzeige Gärtnerin"),
                ("target_url", TARGET),
            ],
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let to = res.location.unwrap();
        assert!(to.ends_with("?created=1"), "{to}");
        let page = app.get(&to).await;
        assert_eq!(page.status, StatusCode::OK);
        let link = created(&mut app, "Zweite Anzeige", TARGET).await;
        let first = db::links::list(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.label == "Stellenanzeige Gärtnerin")
            .unwrap();
        assert_ne!(first.code, link.code);
        for code in [&first.code, &link.code] {
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        }
        let base = app.state.config.base_url.trim_end_matches('/').to_owned();
        assert!(
            page.body
                .contains(&format!("value=\"{base}/l/{}\"", first.code))
        );
        assert!(page.body.contains("Der Kurzlink ist angelegt"));
    }
}

#[tokio::test]
async fn a_link_is_attributed_to_a_post_and_a_topic_of_this_authority_only() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let t = tenant(&app).await;
        let topic = db::topics::list(&app.tdb.db, t).await.unwrap()[0].clone();
        let post = crate::metrics::published_posts(&app, 1).await[0].0;
        let page = app.get(LINKS).await;
        assert!(
            page.body
                .contains(&format!("<option value=\"{}\"", topic.id))
        );
        for (field, value) in [
            ("post_id", "999999"),
            ("topic_id", "999999"),
            ("post_id", "x"),
        ] {
            let res = create(
                &mut app,
                &[
                    ("label", "Zuordnungstest"),
                    ("target_url", TARGET),
                    (field, value),
                ],
            )
            .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{field}={value}"
            );
            assert!(res.body.contains(&format!("id=\"{field}-error\"")));
        }
        let res = create(
            &mut app,
            &[
                ("label", "Zuordnungstest"),
                ("target_url", TARGET),
                ("post_id", &post.to_string()),
                ("topic_id", &topic.id.to_string()),
            ],
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let link = db::links::list(&app.tdb.db, t)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.label == "Zuordnungstest")
            .unwrap();
        assert_eq!((link.post_id, link.topic_id), (Some(post), Some(topic.id)));
        let row = app.get(LINKS).await;
        assert!(row_of(&row.body, "Zuordnungstest").contains(&topic.title));
    }
}

#[tokio::test]
async fn changing_a_link_keeps_its_code_and_the_new_target_is_followed() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Stellenanzeige alt", TARGET).await;
        let detail = format!("{LINKS}/{}", link.id);
        let bad = app
            .post_form(
                &detail,
                &detail,
                &[("label", "Stellenanzeige neu"), ("target_url", "ftp://x")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("value=\"Stellenanzeige neu\""));
        let new_target = "https://karriere.musterstadt.example/stellen/4712";
        let res = app
            .post_form(
                &detail,
                &detail,
                &[("label", "Stellenanzeige neu"), ("target_url", new_target)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let after = db::links::get(&app.tdb.db, tenant(&app).await, link.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.code, link.code);
        assert_eq!(after.label, "Stellenanzeige neu");
        let (_, headers, _) = follow(
            &app,
            "GET",
            &format!("/l/{}", link.code),
            &[("user-agent", FIREFOX)],
        )
        .await;
        assert_eq!(headers.get("location").unwrap(), new_target);
        let actions = db::audit::actions(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap();
        assert!(actions.iter().any(|a| a == "short_link.updated"));
    }
}

#[tokio::test]
async fn a_merged_topic_hands_its_links_over() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let t = tenant(&app).await;
        let topics = db::topics::list(&app.tdb.db, t).await.unwrap();
        let (from, into) = (&topics[0], &topics[1]);
        let res = create(
            &mut app,
            &[
                ("label", "Themenlink"),
                ("target_url", TARGET),
                ("topic_id", &from.id.to_string()),
            ],
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        db::topics::merge(&app.tdb.db, t, from, into).await.unwrap();
        let link = db::links::list(&app.tdb.db, t)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.label == "Themenlink")
            .unwrap();
        assert_eq!(link.topic_id, Some(into.id));
    }
}
