//! The link page's tables as CSV and XLSX: the page's cells, and nothing where the page
//! withholds a link's clicks.

use std::io::Cursor;

use amtfluencer::db;
use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};

use super::{ADMIN, LINKS, TARGET, created, post_link};
use crate::support::{Page, TestApp};

/// The CSV's lines without the byte order mark.
fn lines(file: &Page) -> Vec<String> {
    let text = String::from_utf8(file.bytes.to_vec()).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
    text.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn sheet(file: &Page) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(file.bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn header<'a>(file: &'a Page, name: &str) -> &'a str {
    file.headers.get(name).map_or("", |v| v.to_str().unwrap())
}

#[tokio::test]
async fn the_link_page_offers_its_two_tables_as_csv_and_xlsx() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let link = created(&mut app, "Stellenanzeige Gärtnerin", TARGET).await;
        let now = db::now();
        for (at, from) in [
            (now, Some("www.linkedin.com")),
            (now, Some("www.linkedin.com")),
            (now - chrono::Duration::days(3), None),
        ] {
            db::links::record_click(&app.tdb.db, &link, at, from.map(str::to_owned))
                .await
                .unwrap();
        }
        let path = format!("{LINKS}/{}", link.id);
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        for table in ["days", "referrers"] {
            for format in ["csv", "xlsx"] {
                let href = format!("href=\"?format={format}&amp;table={table}\"");
                assert!(page.body.contains(&href), "{href}");
            }
        }
        let today = now.date_naive();
        let from = today - chrono::Duration::days(29);
        let days = app.get(&format!("{path}?format=csv&table=days")).await;
        let what = app.tdb.backend.to_string();
        assert_eq!(days.status, StatusCode::OK, "{what}");
        assert_eq!(header(&days, "content-type"), "text/csv; charset=utf-8");
        assert_eq!(
            header(&days, "content-disposition"),
            format!(
                "attachment; filename=\"musterstadt-{}-klicks-je-tag-letzte-30-tage-{from}-bis-{today}.csv\"",
                link.code
            )
        );
        let rows = lines(&days);
        assert_eq!(rows[0], "Datum;Klicks");
        assert_eq!(rows.len(), 31, "a row for each of the 30 days");
        assert_eq!(rows[30], format!("{};2", today.format("%d.%m.%Y")));
        let sum: i64 = rows[1..]
            .iter()
            .map(|r| r.split(';').nth(1).unwrap().parse::<i64>().unwrap())
            .sum();
        assert_eq!(sum, 3, "{what}: the page's 30 days");
        let xlsx = app.get(&format!("{path}?format=xlsx&table=days")).await;
        assert_eq!(
            header(&xlsx, "content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let cells = sheet(&xlsx);
        assert_eq!(cells.len(), 31);
        assert!(matches!(cells[30][0], Data::DateTime(_)), "dates are dates");
        assert_eq!(cells[30][1], Data::Float(2.0));
        let referrers = lines(&app.get(&format!("{path}?format=csv&table=referrers")).await);
        assert_eq!(
            referrers,
            ["Website;Klicks", "www.linkedin.com;2", "ohne Angabe;1"]
        );
        let xlsx = app
            .get(&format!("{path}?format=xlsx&table=referrers"))
            .await;
        assert_eq!(sheet(&xlsx).len(), 3);
        assert_eq!(
            app.get(&format!("{path}?format=csv&table=people"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&format!("{path}?format=pdf&table=days"))
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        for who in [
            "leadership@musterstadt.example",
            "council@musterstadt.example",
            "katharina.brenner@musterstadt.example",
        ] {
            app.cookies.remove("amtf_session");
            app.login(who).await;
            let f = app.get(&format!("{path}?format=csv&table=days")).await;
            assert_eq!(f.status, StatusCode::FORBIDDEN, "{who}");
            assert!(!header(&f, "content-type").contains("csv"), "{who}");
        }
    }
}

#[tokio::test]
async fn a_links_file_holds_a_persons_clicks_only_with_their_consent() {
    for mut app in TestApp::demo_all().await {
        let (sharing, private) = crate::metrics::sharing_and_not(&app).await;
        let open = post_link(&app, sharing[0].0, "Link Freigabe", None, 2).await;
        let shy = post_link(&app, private[0].0, "Link ohne Freigabe", None, 3).await;
        app.login(ADMIN).await;
        let today = db::now().date_naive().format("%d.%m.%Y").to_string();
        for format in ["csv", "xlsx"] {
            for table in ["days", "referrers"] {
                let f = app
                    .get(&format!(
                        "{LINKS}/{}?format={format}&table={table}",
                        open.id
                    ))
                    .await;
                assert_eq!(f.status, StatusCode::OK, "{format} {table}");
                let shy_file = app
                    .get(&format!("{LINKS}/{}?format={format}&table={table}", shy.id))
                    .await;
                assert_eq!(
                    shy_file.status,
                    StatusCode::NOT_FOUND,
                    "{format} {table}: no file where the page withholds the clicks"
                );
                assert!(!header(&shy_file, "content-disposition").contains("attachment"));
            }
        }
        let days = lines(
            &app.get(&format!("{LINKS}/{}?format=csv&table=days", open.id))
                .await,
        );
        assert!(days.contains(&format!("{today};2")), "{days:?}");
        let page = app.get(&format!("{LINKS}/{}", shy.id)).await;
        assert!(page.body.contains("id=\"withheld\""));
        assert!(!page.body.contains("format=csv"), "no download offered");
    }
}
