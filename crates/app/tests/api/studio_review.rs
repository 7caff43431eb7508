//! The second look through the router on SQLite and PostgreSQL: by policy, by topic, and an
//! approval that holds for exactly the approved text.

use axum::http::StatusCode;

use crate::studio_consent::{ADMIN, KATHARINA, draft, publish};
use crate::support::TestApp;

#[tokio::test]
async fn the_second_look_holds_for_exactly_the_text_that_was_approved() {
    for mut app in TestApp::demo_all().await {
        // Off by default: nothing to ask for.
        app.login(KATHARINA).await;
        let editor = draft(&mut app, "Heute war Kita-Eröffnung. Was wünscht ihr euch?").await;
        assert!(
            app.get(&editor)
                .await
                .body
                .contains("verlangt keinen zweiten Blick")
        );

        app.login(ADMIN).await;
        let res = app
            .post_form(
                "/t/musterstadt/settings/studio",
                "/t/musterstadt/settings/studio",
                &[("inclusive_style", "colon"), ("review", "all")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

        app.login(KATHARINA).await;
        let refused = publish(&mut app, &editor).await;
        assert!(
            refused.body.contains("bitten Sie um Freigabe"),
            "{}",
            refused.body
        );
        let res = app
            .post_form(
                &editor,
                &format!("{editor}/review"),
                &[("comment", "Passt der Schluss?")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        // While it waits, the text stays as it was asked about.
        let frozen = app
            .post_form(&editor, &editor, &[("body", "Ganz anders.")])
            .await;
        assert_eq!(frozen.status, StatusCode::CONFLICT);
        let id = editor.rsplit('/').next().unwrap().to_owned();

        app.login(ADMIN).await;
        let list = app.get("/t/musterstadt/reviews").await;
        assert!(list.body.contains(&format!("/t/musterstadt/reviews/{id}")));
        let review = format!("/t/musterstadt/reviews/{id}");
        let page = app.get(&review).await;
        assert!(page.body.contains("Passt der Schluss?"));
        let no_comment = app
            .post_form(
                &review,
                &review,
                &[("decision", "changes"), ("comment", " ")],
            )
            .await;
        assert_eq!(no_comment.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_comment.body.contains("id=\"comment-error\""));
        let res = app
            .post_form(
                &review,
                &review,
                &[
                    ("decision", "changes"),
                    ("comment", "Bitte noch ein Foto vom Gruppenraum."),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);

        app.login(KATHARINA).await;
        let page = app.get(&editor).await;
        assert!(page.body.contains("Bitte noch ein Foto vom Gruppenraum."));
        assert!(
            publish(&mut app, &editor)
                .await
                .body
                .contains("Änderungen erbeten")
        );
        app.post_form(
            &editor,
            &editor,
            &[(
                "body",
                "Heute war Kita-Eröffnung in der Gartenstraße. Was wünscht ihr euch?",
            )],
        )
        .await;
        app.post_form(&editor, &format!("{editor}/review"), &[("comment", "")])
            .await;

        app.login(ADMIN).await;
        let res = app
            .post_form(
                &review,
                &review,
                &[("decision", "approve"), ("comment", "")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        // Deciding twice is refused.
        let again = app
            .post_form(
                &review,
                &review,
                &[("decision", "approve"), ("comment", "")],
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);

        // A change after the approval needs a new one; the approved text itself may go.
        app.login(KATHARINA).await;
        app.post_form(
            &editor,
            &editor,
            &[("body", "Geänderter Text nach der Freigabe.")],
        )
        .await;
        assert!(
            publish(&mut app, &editor)
                .await
                .body
                .contains("nach der Freigabe geändert")
        );
        let approved = "Heute war Kita-Eröffnung in der Gartenstraße. Was wünscht ihr euch?";
        app.post_form(&editor, &editor, &[("body", approved)]).await;
        let ok = publish(&mut app, &editor).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

        // The authority's inclusive style now drives the check (API without a style).
        let token = app.token_for(KATHARINA).await;
        let res = app
            .json_as(
                "POST",
                "/api/v1/studio/check",
                &token,
                r#"{"text":"Unsere Mitarbeiter*innen freuen sich auf Sie."}"#,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Mitarbeiter:innen"), "{}", res.body);
    }
}

#[tokio::test]
async fn review_by_topic_applies_only_to_marked_topics() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let settings = app.get("/t/musterstadt/settings/studio").await;
        let start = settings.body.find("name=\"topic\" value=\"").unwrap() + 21;
        let topic: String = settings.body[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        app.post_form(
            "/t/musterstadt/settings/studio",
            "/t/musterstadt/settings/studio",
            &[
                ("inclusive_style", "off"),
                ("review", "topics"),
                ("topic", &topic),
            ],
        )
        .await;
        let bad = app
            .post_form(
                "/t/musterstadt/settings/studio",
                "/t/musterstadt/settings/studio",
                &[("inclusive_style", "off"), ("review", "sometimes")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);

        app.login(KATHARINA).await;
        let plain = draft(&mut app, "Ein Beitrag ohne Thema.").await;
        assert_eq!(
            publish(&mut app, &plain).await.status,
            StatusCode::SEE_OTHER
        );
        let res = app
            .post_form(
                "/t/musterstadt/studio",
                "/t/musterstadt/studio",
                &[("topic_id", &topic), ("template", "hook")],
            )
            .await;
        let on_topic = res.location.unwrap();
        app.post_form(&on_topic, &on_topic, &[("body", "Ein Beitrag zum Thema.")])
            .await;
        let refused = publish(&mut app, &on_topic).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("bitten Sie um Freigabe"));
    }
}
