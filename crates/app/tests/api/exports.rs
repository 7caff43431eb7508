//! CSV and XLSX downloads of the dashboards' tables, the people list and the short links: the
//! files for German Excel, their names, and the privacy rules they share with the pages.

use std::io::Cursor;

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use calamine::{Data, Reader, Xlsx};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::metrics::sharing_and_not;
use crate::support::TestApp;

const ADMIN: &str = "admin@musterstadt.example";
const LEADERSHIP: &str = "leadership@musterstadt.example";
const COUNCIL: &str = "council@musterstadt.example";
const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";
const PILOT: &str = "from=2026-02-01&to=2026-07-31";

struct File {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl File {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    /// The CSV's lines without the byte order mark.
    fn lines(&self) -> Vec<String> {
        let text = String::from_utf8(self.bytes.clone()).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
        text.split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The first worksheet's cells.
    fn sheet(&self) -> Vec<Vec<Data>> {
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(self.bytes.clone())).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        range.rows().map(<[Data]>::to_vec).collect()
    }
}

async fn download(app: &mut TestApp, path: &str) -> File {
    let req = app.request("GET", path).body(Body::empty()).unwrap();
    let res = amtfluencer::web::router(app.state.clone())
        .oneshot(req)
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    File {
        status,
        headers,
        bytes,
    }
}

/// Every table the team sees on the dashboards: (dashboard, table ids).
const TABLES: [(&str, &[&str]); 4] = [
    ("programme", &["posts", "reach", "cohorts", "link-clicks"]),
    ("topics", &["categories", "topics", "topic-links"]),
    ("page-effect", &["page"]),
    ("participation", &["not-posted", "shared"]),
];

#[tokio::test]
async fn every_dashboard_table_downloads_as_csv_for_german_excel_and_as_xlsx() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        for (dashboard, ids) in TABLES {
            let page = app
                .get(&format!("/t/musterstadt/analytics/{dashboard}?{PILOT}"))
                .await;
            for id in ids {
                let base = format!("/t/musterstadt/analytics/{dashboard}?{PILOT}&");
                let href = format!(
                    "href=\"?from=2026-02-01&#38;to=2026-07-31&#38;format=csv&amp;table={id}\""
                );
                assert!(page.body.contains(&href), "{dashboard}: a link to {id}");
                let csv = download(&mut app, &format!("{base}format=csv&table={id}")).await;
                let what = format!("{dashboard} {id} ({})", app.tdb.backend);
                assert_eq!(csv.status, StatusCode::OK, "{what}");
                assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
                let disposition = csv.header("content-disposition");
                assert!(
                    disposition.starts_with("attachment; filename=\"musterstadt-")
                        && disposition.ends_with("-2026-02-01-bis-2026-07-31.csv\""),
                    "{what}: {disposition}"
                );
                assert!(disposition.is_ascii());
                let lines = csv.lines();
                let xlsx = download(&mut app, &format!("{base}format=xlsx&table={id}")).await;
                assert_eq!(xlsx.status, StatusCode::OK, "{what}");
                assert_eq!(
                    xlsx.header("content-type"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                );
                assert!(xlsx.header("content-disposition").ends_with(".xlsx\""));
                let sheet = xlsx.sheet();
                assert_eq!(sheet.len(), lines.len(), "{what}: the same rows");
                let head: Vec<String> = sheet[0].iter().map(ToString::to_string).collect();
                assert_eq!(head.join(";"), lines[0], "{what}: the same header");
                assert!(
                    lines.len() > 1 || *id == "shared",
                    "{what}: the demo has rows"
                );
            }
        }
        let posts = download(
            &mut app,
            &format!("/t/musterstadt/analytics/programme?{PILOT}&format=csv&table=posts"),
        )
        .await;
        assert_eq!(
            posts.header("content-disposition"),
            "attachment; filename=\"musterstadt-beitraege-je-monat-und-orientierung-2026-02-01-bis-2026-07-31.csv\""
        );
        let lines = posts.lines();
        assert_eq!(
            lines[0],
            "Monat;Beiträge;Orientierung;Aktive Personen;Impressionen;Median Impressionen;Median Interaktionsrate"
        );
        let march: Vec<&str> = lines[2].split(';').collect();
        assert_eq!(march[0], "03/2026");
        assert!(
            march[4].parse::<i64>().unwrap() > 1000,
            "plain digits: {march:?}"
        );
        assert!(
            march[6].ends_with('%') && march[6].contains(','),
            "{march:?}"
        );
        let sheet = download(
            &mut app,
            &format!("/t/musterstadt/analytics/programme?{PILOT}&format=xlsx&table=posts"),
        )
        .await
        .sheet();
        assert!(matches!(sheet[2][4], Data::Float(_)), "numbers are numbers");
        assert!(
            matches!(sheet[2][6], Data::Float(f) if f < 1.0),
            "a fraction"
        );
        let weeks = download(
            &mut app,
            &format!("/t/musterstadt/analytics/page-effect?{PILOT}&format=xlsx&table=page"),
        )
        .await
        .sheet();
        assert!(matches!(weeks[1][0], Data::DateTime(_)), "dates are dates");
    }
}

#[tokio::test]
async fn an_export_never_holds_a_non_consenting_persons_figures() {
    for mut app in TestApp::demo_all().await {
        let (sharing, private) = sharing_and_not(&app).await;
        app.login(ADMIN).await;
        let path = format!("/t/musterstadt/analytics/participation?{PILOT}");
        let csv = download(&mut app, &format!("{path}&format=csv&table=shared")).await;
        let xlsx = download(&mut app, &format!("{path}&format=xlsx&table=shared")).await;
        let text = csv.lines().join("\n");
        let cells: Vec<String> = xlsx
            .sheet()
            .concat()
            .iter()
            .map(ToString::to_string)
            .collect();
        for (_, name) in &sharing {
            assert!(text.contains(name.as_str()), "{name} shares");
            assert!(cells.contains(name), "{name} shares");
        }
        for (_, name) in &private {
            assert!(!text.contains(name.as_str()), "{name} does not share");
            assert!(!cells.contains(name), "{name} does not share");
        }
        // Downloads of other tables and dashboards name no one's figures either.
        for (dashboard, ids) in TABLES {
            for id in ids.iter().filter(|id| **id != "not-posted") {
                let f = download(
                    &mut app,
                    &format!("/t/musterstadt/analytics/{dashboard}?{PILOT}&format=csv&table={id}"),
                )
                .await;
                let text = f.lines().join("\n");
                for (_, name) in &private {
                    assert!(!text.contains(name.as_str()), "{dashboard} {id}: {name}");
                }
            }
        }
        let own = download(
            &mut app,
            &format!("/t/musterstadt/analytics/personal?{PILOT}&format=csv&table=own-posts"),
        )
        .await;
        assert_eq!(
            own.status,
            StatusCode::FORBIDDEN,
            "the team has no figures of its own"
        );
        // Links in posts: their clicks per link only with the author's consent.
        let t = crate::cohorts::tenant(&app).await;
        let posts = crate::metrics::published_posts(&app, 100_000).await;
        for (person, label, shares) in [
            (sharing[0].0, "Link Freigabe", true),
            (private[0].0, "Link ohne Freigabe", false),
        ] {
            let post = posts.iter().find(|p| p.1 == person).unwrap().0;
            let link = amtfluencer::db::links::create(
                &app.tdb.db,
                t,
                amtfluencer::db::links::NewLink {
                    label: label.into(),
                    target: amtfluencer_domain::links::TargetUrl::parse("https://example.org/")
                        .unwrap(),
                    post_id: Some(post),
                    topic_id: None,
                },
            )
            .await
            .unwrap();
            amtfluencer::db::links::record_click(&app.tdb.db, &link, amtfluencer::db::now(), None)
                .await
                .unwrap();
            for format in ["csv", "xlsx"] {
                let f = download(&mut app, &format!("/t/musterstadt/links?format={format}")).await;
                assert_eq!(f.status, StatusCode::OK);
                let rows: Vec<Vec<String>> = if format == "csv" {
                    f.lines()
                        .iter()
                        .map(|l| l.split(';').map(str::to_owned).collect())
                        .collect()
                } else {
                    f.sheet()
                        .iter()
                        .map(|r| r.iter().map(ToString::to_string).collect())
                        .collect()
                };
                let row = rows.iter().find(|r| r[0] == label).unwrap();
                let total = if shares { "1" } else { "nicht freigegeben" };
                assert_eq!(row[5], total, "{label} ({format}): {row:?}");
            }
        }

        for (who, path) in [
            (
                LEADERSHIP,
                "/t/musterstadt/analytics/participation?format=csv&table=shared",
            ),
            (COUNCIL, "/t/musterstadt/links?format=xlsx"),
            (COUNCIL, "/t/musterstadt/people?format=csv"),
            (
                AMBASSADOR,
                "/t/musterstadt/analytics/programme?format=csv&table=posts",
            ),
            (AMBASSADOR, "/t/musterstadt/people?format=xlsx"),
        ] {
            app.cookies.remove("amtf_session");
            app.login(who).await;
            let f = download(&mut app, path).await;
            assert_eq!(f.status, StatusCode::FORBIDDEN, "{who} {path}");
            assert!(!f.header("content-type").contains("csv"), "{who} {path}");
        }
        // The council's aggregates come as the page shows them: suppressed where small.
        app.cookies.remove("amtf_session");
        app.login(COUNCIL).await;
        let f = download(
            &mut app,
            &format!("/t/musterstadt/analytics/programme?{PILOT}&format=csv&table=link-clicks"),
        )
        .await;
        assert!(f.lines().join("\n").contains("weniger als fünf Personen"));
    }
}

#[tokio::test]
async fn the_people_list_downloads_with_its_filter() {
    for mut app in TestApp::demo_all().await {
        let t = crate::cohorts::tenant(&app).await;
        let active = amtfluencer::db::ambassadors::list(&app.tdb.db, t)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.status == "active")
            .count();
        app.login(ADMIN).await;
        let page = app.get("/t/musterstadt/people?status=active").await;
        assert!(page.body.contains(
            "href=\"/t/musterstadt/people?department=&#38;status=active&#38;format=csv\""
        ));
        let csv = download(
            &mut app,
            "/t/musterstadt/people?department=&status=active&format=csv",
        )
        .await;
        assert_eq!(csv.status, StatusCode::OK);
        let today = amtfluencer::db::now().date_naive();
        assert_eq!(
            csv.header("content-disposition"),
            format!("attachment; filename=\"musterstadt-amtfluencer-{today}.csv\"")
        );
        let lines = csv.lines();
        assert_eq!(
            lines[0],
            "Name;Abteilung;Laufbahn;Status;Orientierung: Beiträge pro Monat;Einstieg"
        );
        assert_eq!(lines.len(), active + 1);
        let sheet = download(&mut app, "/t/musterstadt/people?status=active&format=xlsx")
            .await
            .sheet();
        assert_eq!(sheet.len(), active + 1);
        assert!(
            matches!(sheet[1][4], Data::Float(_)),
            "the goal is a number"
        );
    }
}

#[tokio::test]
async fn a_wrong_format_or_table_is_a_clear_mistake() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let bad = app
            .get("/t/musterstadt/analytics/programme?format=pdf&table=posts")
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("format"));
        let none = app
            .get("/t/musterstadt/analytics/programme?format=csv&table=leaderboard")
            .await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get("/t/musterstadt/people?format=docx").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}
