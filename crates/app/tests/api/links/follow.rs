use amtfluencer::db;
use axum::http::StatusCode;
use chrono::Timelike;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use super::{ADMIN, FIREFOX, TARGET, clicks, created, follow, tenant};
use crate::support::TestApp;

/// The columns of the clicks table, read from the database's own catalogue.
async fn click_columns(app: &TestApp) -> Vec<String> {
    let db = &app.tdb.db;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_name = 'link_clicks' AND table_schema = current_schema()"
        }
        _ => "SELECT name FROM pragma_table_info('link_clicks')",
    };
    let mut cols: Vec<String> = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get("", "name").unwrap())
        .collect();
    cols.sort();
    cols
}

#[tokio::test]
async fn a_short_link_redirects_to_its_target_and_counts_the_click_without_cookie_or_ip() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Stellenanzeige Testerin", TARGET).await;
        assert_eq!(link.code.len(), 8);
        let (status, headers, _) = follow(
            &app,
            "GET",
            &format!("/l/{}", link.code),
            &[
                ("user-agent", FIREFOX),
                (
                    "referer",
                    "https://www.linkedin.com/feed/update/urn:li:activity:7?trk=public",
                ),
                ("cookie", "amtf_session=someone"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::FOUND, "{}", app.tdb.backend);
        assert_eq!(headers.get("location").unwrap(), TARGET);
        assert!(headers.get("set-cookie").is_none(), "no cookie");
        assert_eq!(headers.get("cache-control").unwrap(), "no-store");
        let stored = clicks(&app, link.id).await;
        assert_eq!(stored.len(), 1);
        let (at, from) = &stored[0];
        assert_eq!(from.as_deref(), Some("www.linkedin.com"), "the host only");
        assert_eq!((at.minute(), at.second()), (0, 0), "the hour only");
        assert_eq!(
            click_columns(&app).await,
            [
                "clicked_at",
                "id",
                "referrer_host",
                "short_link_id",
                "tenant_id"
            ],
            "nothing about the person can be stored"
        );
        // Upper case, as typed from a flyer, is the same link.
        let (status, ..) = follow(
            &app,
            "GET",
            &format!("/l/{}", link.code.to_uppercase()),
            &[("user-agent", FIREFOX)],
        )
        .await;
        assert_eq!(status, StatusCode::FOUND);
        let stored = clicks(&app, link.id).await;
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[1].1, None, "no referrer sent, none stored");
        let list = app.get(super::LINKS).await;
        assert!(
            super::row_of(&list.body, "Stellenanzeige Testerin")
                .ends_with("<td>2</td>\n      <td>2</td>"),
            "two clicks in total and in 30 days: {}",
            super::row_of(&list.body, "Stellenanzeige Testerin")
        );
    }
}

#[tokio::test]
async fn head_requests_link_previews_crawlers_and_prefetches_are_not_counted() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Kampagne Test", TARGET).await;
        let path = format!("/l/{}", link.code);
        for (method, headers) in [
            ("HEAD", vec![("user-agent", FIREFOX)]),
            (
                "GET",
                vec![(
                    "user-agent",
                    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
                )],
            ),
            ("GET", vec![("user-agent", "facebookexternalhit/1.1")]),
            (
                "GET",
                vec![("user-agent", FIREFOX), ("sec-purpose", "prefetch")],
            ),
            (
                "GET",
                vec![("user-agent", FIREFOX), ("purpose", "prefetch")],
            ),
            ("GET", vec![]),
        ] {
            let (status, h, _) = follow(&app, method, &path, &headers).await;
            assert_eq!(status, StatusCode::FOUND, "{method} {headers:?}");
            assert_eq!(h.get("location").unwrap(), TARGET);
            assert!(
                clicks(&app, link.id).await.is_empty(),
                "{method} {headers:?}"
            );
        }
        follow(&app, "GET", &path, &[("user-agent", FIREFOX)]).await;
        assert_eq!(
            clicks(&app, link.id).await.len(),
            1,
            "a person's click counts"
        );
    }
}

#[tokio::test]
async fn an_unknown_code_gets_a_friendly_page_and_a_link_never_leads_elsewhere() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Stellenanzeige Umleitung", TARGET).await;
        for path in [
            "/l/zzzzzzzz",
            "/l/ab0defgh",
            "/l/..%2F..%2Ft%2Fmusterstadt",
            "/l/https:%2F%2Fevil.example",
        ] {
            let (status, headers, body) =
                follow(&app, "GET", path, &[("user-agent", FIREFOX)]).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert!(headers.get("location").is_none(), "{path}");
            assert!(headers.get("set-cookie").is_none(), "{path}");
            assert!(body.contains("Diesen Kurzlink gibt es nicht"), "{path}");
            assert!(body.contains("<html lang=\"de\""));
        }
        let (_, _, english) = follow(
            &app,
            "GET",
            "/l/zzzzzzzz",
            &[("accept-language", "en-GB,en;q=0.8")],
        )
        .await;
        assert!(english.contains("This short link does not exist"));
        // Whatever the request carries, the browser goes to the stored target only.
        let (status, headers, _) = follow(
            &app,
            "GET",
            &format!(
                "/l/{}?to=https://evil.example/&url=https://evil.example/",
                link.code
            ),
            &[("user-agent", FIREFOX), ("host", "evil.example")],
        )
        .await;
        assert_eq!(status, StatusCode::FOUND);
        assert_eq!(headers.get("location").unwrap(), TARGET);
    }
}

#[tokio::test]
async fn a_switched_off_link_says_the_offer_ended_and_counts_nothing() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Stellenanzeige besetzt", TARGET).await;
        let detail = format!("{}/{}", super::LINKS, link.id);
        let res = app
            .post_form(&detail, &format!("{detail}/archive"), &[])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let path = format!("/l/{}", link.code);
        let (status, headers, body) = follow(&app, "GET", &path, &[("user-agent", FIREFOX)]).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(headers.get("location").is_none());
        assert!(body.contains("Dieses Angebot ist beendet"));
        assert!(body.contains("Stadt Musterstadt am Rhein"));
        assert!(clicks(&app, link.id).await.is_empty());
        let page = app.get(&detail).await;
        assert!(page.body.contains("id=\"archived-note\""));
        app.post_form(&detail, &format!("{detail}/restore"), &[])
            .await;
        let (status, ..) = follow(&app, "GET", &path, &[("user-agent", FIREFOX)]).await;
        assert_eq!(status, StatusCode::FOUND);
        let actions = db::audit::actions(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap();
        for a in [
            "short_link.created",
            "short_link.archived",
            "short_link.restored",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a}: {actions:?}");
        }
    }
}

#[tokio::test]
async fn a_suspended_authoritys_links_lead_nowhere() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Stellenanzeige ruhend", TARGET).await;
        db::tenants::set_suspended(&app.tdb.db, tenant(&app).await.0, true)
            .await
            .unwrap();
        let (status, ..) = follow(
            &app,
            "GET",
            &format!("/l/{}", link.code),
            &[("user-agent", FIREFOX)],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(clicks(&app, link.id).await.is_empty());
    }
}
