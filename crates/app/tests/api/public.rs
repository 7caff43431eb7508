//! The public "Meet our Amtfluencer" page and its embeddable version.

use amtfluencer::db;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

use crate::support::TestApp;

#[tokio::test]
async fn the_public_page_shows_only_people_who_opted_in_and_nothing_else_about_them() {
    for mut app in TestApp::demo_all().await {
        let people = db::entities::ambassador::Entity::find()
            .all(&app.tdb.db)
            .await
            .unwrap();
        let page = app.get("/p/musterstadt").await;
        assert_eq!(page.status, StatusCode::OK, "{}", app.tdb.backend);
        assert!(
            page.set_cookies.is_empty(),
            "no cookies: {:?}",
            page.set_cookies
        );
        assert!(page.body.contains("Unsere Amtfluencer"));
        for p in &people {
            let name = format!("{} {}", p.first_name, p.last_name);
            let shown = p.public_profile && matches!(p.status.as_str(), "active" | "paused");
            assert_eq!(page.body.contains(&name), shown, "{name}");
            if let Some(email) = &p.email {
                assert!(!page.body.contains(email.as_str()), "no email addresses");
            }
            if shown && !p.bio.is_empty() {
                assert!(!page.body.contains(&p.bio), "no bio");
            }
        }
        assert!(!page.body.contains("<script"), "no script, no tracking");
        let csp = page
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}

#[tokio::test]
async fn the_embeddable_page_may_be_framed_and_follows_an_opt_out_at_once() {
    for mut app in TestApp::demo_all().await {
        let embed = app.get("/p/musterstadt/embed").await;
        assert_eq!(embed.status, StatusCode::OK);
        let csp = embed
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors *"), "{csp}");
        assert!(embed.headers.get("x-frame-options").is_none());
        assert!(
            embed.headers.get("x-amtfluencer-embeddable").is_none(),
            "the marker stays inside"
        );
        assert!(embed.set_cookies.is_empty());
        // Katharina Brenner opted in (demo); withdrawing removes her.
        assert!(embed.body.contains("Katharina Brenner"));
        app.login("katharina.brenner@musterstadt.example").await;
        app.post_form(
            "/t/musterstadt/me",
            "/t/musterstadt/me",
            &[
                ("monthly_goal", "2"),
                ("paused_until", ""),
                ("bio", ""),
                ("ask_me_about", ""),
            ],
        )
        .await;
        app.cookies.clear();
        assert!(
            !app.get("/p/musterstadt/embed")
                .await
                .body
                .contains("Katharina Brenner")
        );
    }
}

#[tokio::test]
async fn an_unknown_or_suspended_authority_has_no_public_page() {
    for mut app in TestApp::demo_all().await {
        assert_eq!(
            app.get("/p/gibt-es-nicht").await.status,
            StatusCode::NOT_FOUND
        );
        let t = db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        db::tenants::set_suspended(&app.tdb.db, t.id, true)
            .await
            .unwrap();
        assert_eq!(
            app.get("/p/musterstadt").await.status,
            StatusCode::NOT_FOUND
        );
    }
}
