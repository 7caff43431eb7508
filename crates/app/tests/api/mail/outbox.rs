//! Without SMTP, mail lands in the outbox folder; the operator reads all of it, an
//! authority's programme team only its own, and nobody else anything.

use amtfluencer::db;
use axum::http::StatusCode;

use super::{invite, mail_apps, neighbour, run_jobs, token_after};

/// The address of the first mail in a listing page.
fn first_mail_link(body: &str, base: &str) -> String {
    let marker = format!("href=\"{base}/");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no mail in:\n{body}"))
        + 6;
    let end = start + body[start..].find('"').unwrap();
    body[start..end].to_owned()
}

#[tokio::test]
async fn the_outbox_shows_each_mail_only_to_the_right_people() {
    for (mut app, dir) in mail_apps(None).await {
        neighbour(&app).await;
        app.login("admin@musterstadt.example").await;
        let empty = app.get("/t/musterstadt/outbox").await;
        assert!(empty.body.contains("Der Postausgang ist leer."));
        invite(
            &mut app,
            "nora.neu@musterstadt.example",
            "Nora Neu",
            "ambassador",
        )
        .await;
        let list = app.get("/t/musterstadt/invitations").await;
        assert!(
            list.body.contains("href=\"/t/musterstadt/outbox\""),
            "the team finds the outbox"
        );
        assert_eq!(run_jobs(&app).await, 1, "{}", app.tdb.backend);

        // The folder holds the RFC 5322 file, marked with its authority.
        let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        let eml = files
            .iter()
            .find(|f| f.ends_with(".eml"))
            .expect("an .eml file");
        let raw = std::fs::read_to_string(dir.path().join("outbox").join(eml)).unwrap();
        let tenant = db::tenants::by_slug(&app.state.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        assert!(
            raw.contains(&format!("X-Amtfluencer-Tenant: {}\r\n", tenant.id)),
            "{raw}"
        );
        assert!(
            raw.contains("To: \"Nora Neu\" <nora.neu@musterstadt.example>")
                || raw.contains("To: Nora Neu <nora.neu@musterstadt.example>"),
            "{raw}"
        );

        // The programme team sees it, with the link.
        let outbox = app.get("/t/musterstadt/outbox").await;
        assert_eq!(outbox.status, StatusCode::OK);
        assert!(
            outbox
                .body
                .contains("Nora Neu &#60;nora.neu@musterstadt.example&#62;")
                || outbox.body.contains("nora.neu@musterstadt.example")
        );
        let detail_path = first_mail_link(&outbox.body, "/t/musterstadt/outbox");
        let detail = app.get(&detail_path).await;
        assert_eq!(detail.status, StatusCode::OK);
        let prefix = format!("{}/invite/", app.state.config.base_url);
        let token = token_after(&detail.body, &prefix);
        assert!(
            detail
                .body
                .contains(&format!("<a href=\"{prefix}{token}\">")),
            "the link can be followed"
        );
        let mail_id = detail_path.rsplit('/').next().unwrap().to_owned();

        // The council of the same authority may not read mail.
        app.login("council@musterstadt.example").await;
        assert_eq!(
            app.get("/t/musterstadt/outbox").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(app.get(&detail_path).await.status, StatusCode::FORBIDDEN);

        // Another authority's team sees neither the mail nor this authority's outbox.
        app.login("admin@nachbarstadt.example").await;
        let theirs = app.get("/t/nachbarstadt/outbox").await;
        assert_eq!(theirs.status, StatusCode::OK);
        assert!(!theirs.body.contains("nora.neu"));
        assert!(theirs.body.contains("Der Postausgang ist leer."));
        let crossing = app.get(&format!("/t/nachbarstadt/outbox/{mail_id}")).await;
        assert_eq!(crossing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get("/t/musterstadt/outbox").await.status,
            StatusCode::NOT_FOUND
        );
        // Nor the operator's outbox.
        assert_eq!(
            app.get("/operator/outbox").await.status,
            StatusCode::NOT_FOUND
        );
        let op_detail = format!("/operator/outbox/{mail_id}");
        assert_eq!(app.get(&op_detail).await.status, StatusCode::NOT_FOUND);

        // A password reset of a member is the operator's to read, not the team's.
        app.cookies.clear();
        let forgot = "/password/forgot";
        app.post_form(forgot, forgot, &[("email", "council@musterstadt.example")])
            .await;
        assert_eq!(run_jobs(&app).await, 1);
        app.login("admin@musterstadt.example").await;
        let team = app.get("/t/musterstadt/outbox").await;
        assert!(
            !team.body.contains("council@musterstadt.example"),
            "{}",
            team.body
        );

        // The operator reads everything, newest first.
        app.login("operator@amtfluencer.example").await;
        let all = app.get("/operator/outbox").await;
        assert_eq!(all.status, StatusCode::OK);
        assert!(all.body.contains("aria-current=\"page\""));
        let reset_at = all
            .body
            .find("council@musterstadt.example")
            .expect("the reset mail");
        let invite_at = all
            .body
            .find("nora.neu@musterstadt.example")
            .expect("the invitation");
        assert!(reset_at < invite_at, "newest first");
        let op = app.get(&op_detail).await;
        assert_eq!(op.status, StatusCode::OK);
        assert!(op.body.contains(&token));
        assert_eq!(
            app.get("/operator/outbox/..%2Fsecret").await.status,
            StatusCode::NOT_FOUND
        );
    }
}
