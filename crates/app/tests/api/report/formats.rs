//! The pilot cohort's report as a page, a PDF and a workbook, each read back and compared with
//! the figures of the analytics queries; and leadership's decision in all three.

use amtfluencer_domain::money::{format_de, per_thousand};
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::privacy::AggregateAccess;
use axum::http::{StatusCode, header};
use calamine::Data;

use super::*;
use crate::cohorts::{ADMIN, COUNCIL, LEADERSHIP, as_user};

const PILOT_COSTS: &str = "4.872,50 €";

#[tokio::test]
async fn the_report_page_is_linked_from_the_cohort_and_shows_the_pilot_in_german() {
    for mut app in TestApp::demo_all().await {
        super::without_demo_links(&app).await;
        let (pilot, total) = pilot_figures(&app).await;
        as_user(&mut app, ADMIN).await;
        let cohort = app.get(&format!("/t/musterstadt/cohorts/{pilot}")).await;
        assert!(
            cohort
                .body
                .contains(&format!("href=\"{}\"", report_path(pilot)))
        );

        let page = app.get(&report_path(pilot)).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        assert!(body.contains("<html lang=\"de\">"));
        assert!(body.contains(AUTHORITY));
        assert!(body.contains("<h1 id=\"report-title\">Auswertungsbericht: Pilotrunde 2026</h1>"));
        for heading in [
            "Auf einen Blick",
            "Was funktioniert hat und was nicht",
            "Teilnehmende und Onboarding",
            "Beiträge, Reichweite und Interaktion",
            "Themen",
            "Wachstum der Seite der Behörde",
            "Kurzlinks",
            "Kosten",
            "Entscheidung der Leitung",
            "Grundlagen und Datenschutz",
        ] {
            assert!(body.contains(&format!("-h\">{heading}</h2>")), "{heading}");
        }
        let row = |label: &str, value: &str| {
            format!("<th scope=\"row\">{label}</th><td class=\"num\">{value}</td>")
        };
        assert!(body.contains(&row("Teilnehmende", "18")));
        assert!(body.contains(&row("Veröffentlichte Beiträge", &de(total.posts as i64))));
        assert!(body.contains(&row("Impressionen (Reichweite)", &de(total.impressions))));
        assert!(body.contains(&row("Kosten gesamt", PILOT_COSTS)));
        let mille = per_thousand(487_250, total.impressions).unwrap();
        assert!(body.contains(&row("Kosten je 1.000 Impressionen", &format_de(mille))));
        assert!(
            body.contains(&row("Klicks darauf im Zeitraum", "0")),
            "no links: zero"
        );
        assert!(
            body.contains("<td>steht aus</td>"),
            "the decision is pending"
        );

        // Every chart is described by its summary and followed by tables with captions.
        assert_eq!(body.matches("<svg").count(), 4);
        for id in [
            "posts-chart",
            "reach-chart",
            "categories-chart",
            "page-chart",
        ] {
            assert!(
                body.contains(&format!("aria-describedby=\"{id}-summary\"")),
                "{id}"
            );
            assert!(
                body.contains(&format!("<span id=\"{id}-summary\">")),
                "{id}"
            );
        }
        assert!(body.matches("<caption").count() >= 10);

        // What worked names the best topic area with its sample size.
        let access = AggregateAccess::check(Role::Council).unwrap();
        let c = cohort_named(&app, "Pilotrunde 2026").await;
        let range = Range {
            from: c.starts_on,
            to: c.ends_on,
        };
        let f = db::analytics::cohort(&app.tdb.db, tenant(&app).await, &access, c.id, range)
            .await
            .unwrap();
        let best = &f.categories[0];
        let expected = format!(
            "Am besten trugen Beiträge aus „{}“: Median {} Impressionen",
            best.title,
            de(best
                .stats
                .value()
                .unwrap()
                .median_impressions
                .unwrap()
                .round() as i64)
        );
        assert!(body.contains(&expected), "{expected}");
        assert!(body.contains(&format!("bei {} Beiträgen", de(best.posts as i64))));
        assert!(
            body.contains("Das Intervall"),
            "the page effect with its uncertainty"
        );

        // Aggregates only: no participant is named.
        for a in db::ambassadors::list(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap()
        {
            let name = format!("{} {}", a.first_name, a.last_name);
            assert!(!body.contains(&name), "{name} named in the report");
        }

        let css = app.get("/static/app.css").await;
        assert!(css.body.contains("@media print"), "a print stylesheet");
    }
}

#[tokio::test]
async fn the_pdf_report_reads_back_with_the_authority_and_the_key_figures() {
    for mut app in TestApp::demo_all().await {
        let (pilot, total) = pilot_figures(&app).await;
        as_user(&mut app, LEADERSHIP).await;
        let res = app.get(&format!("{}.pdf", report_path(pilot))).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
        let disposition = res.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.contains("auswertung-pilotrunde-2026.pdf"));
        assert!(res.bytes.starts_with(b"%PDF-"));

        let pages = pdf_texts(&res.bytes);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        assert_eq!(pages[0][0], AUTHORITY, "the authority's name comes first");
        assert!(pages[0].contains(&"Auswertungsbericht: Pilotrunde 2026".to_owned()));
        let all: Vec<&String> = pages.iter().flatten().collect();
        let after = |label: &str| -> &str {
            let i = all
                .iter()
                .position(|t| *t == label)
                .unwrap_or_else(|| panic!("{label}"));
            all[i + 1]
        };
        assert_eq!(after("Veröffentlichte Beiträge"), de(total.posts as i64));
        assert_eq!(after("Impressionen (Reichweite)"), de(total.impressions));
        assert_eq!(after("Kosten gesamt"), PILOT_COSTS);
        assert_eq!(after("Entscheidung der Leitung"), "steht aus");
        for text in [
            "Was funktioniert hat",
            "Wachstum der Seite der Behörde",
            "Grundlagen und Datenschutz",
        ] {
            assert!(all.iter().any(|t| *t == text), "{text}");
        }
        let n = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let footer = format!("Seite {} von {n}", i + 1);
            assert!(page.contains(&footer), "{footer}");
        }

        let doc = lopdf::Document::load_mem(&res.bytes).unwrap();
        let catalog = doc.catalog().unwrap();
        let lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
        assert_eq!(lang, "de");
        assert!(catalog.get(b"Outlines").is_ok(), "headings as bookmarks");
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info).unwrap();
        let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
        assert_eq!(title, "Auswertungsbericht: Pilotrunde 2026");
        let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
        assert_eq!(author, AUTHORITY);
    }
}

#[tokio::test]
async fn the_workbook_holds_every_table_as_numbers() {
    for mut app in TestApp::demo_all().await {
        super::without_demo_links(&app).await;
        let (pilot, total) = pilot_figures(&app).await;
        as_user(&mut app, COUNCIL).await;
        let res = app.get(&format!("{}.xlsx", report_path(pilot))).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(
            res.headers[header::CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let disposition = res.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.starts_with("attachment") && disposition.contains(".xlsx"));

        let sheets = xlsx_sheets(&res.bytes);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Bericht",
                "Kennzahlen",
                "Teilnehmende",
                "Laufbahnen",
                "Onboarding",
                "Monate",
                "Themenbereiche",
                "Themen",
                "Seite",
                "Kurzlinks",
                "Kosten",
                "Entscheidung"
            ]
        );
        let report = sheet(&sheets, "Bericht");
        assert_eq!(report[0][0], Data::String(AUTHORITY.into()));
        assert_eq!(
            report[1][0],
            Data::String("Auswertungsbericht: Pilotrunde 2026".into())
        );

        let figures = sheet(&sheets, "Kennzahlen");
        let float = |d: &Data| match d {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("not a number: {other:?}"),
        };
        assert_eq!(float(value_of(figures, "Teilnehmende")), 18.0);
        assert_eq!(
            float(value_of(figures, "Veröffentlichte Beiträge")),
            total.posts as f64
        );
        assert_eq!(
            float(value_of(figures, "Impressionen (Reichweite)")),
            total.impressions as f64
        );
        assert_eq!(float(value_of(figures, "Kosten gesamt")), 4872.5);
        assert_eq!(
            value_of(figures, "Entscheidung der Leitung").to_string(),
            "steht aus"
        );

        // The months: caption, a blank row, the headers, then February to July 2026.
        let months = sheet(&sheets, "Monate");
        assert_eq!(months[2][0].to_string(), "Monat");
        assert_eq!(months[2][1].to_string(), "Beiträge");
        let data = &months[3..];
        assert_eq!(data.len(), 6);
        assert!(matches!(data[0][0], Data::DateTime(_)), "{:?}", data[0][0]);
        // Each month as the query has it: its posts, or the note that too few people posted.
        let access = AggregateAccess::check(Role::Council).unwrap();
        let c = cohort_named(&app, "Pilotrunde 2026").await;
        let range = Range {
            from: c.starts_on,
            to: c.ends_on,
        };
        let f = db::analytics::cohort(&app.tdb.db, tenant(&app).await, &access, c.id, range)
            .await
            .unwrap();
        for (row, month) in data.iter().zip(&f.months) {
            match month.posts.value() {
                Some(s) => assert_eq!(float(&row[1]), s.posts as f64),
                None => assert_eq!(row[1], Data::String("weniger als fünf Personen".into())),
            }
        }
        let links = sheet(&sheets, "Kurzlinks");
        assert_eq!(float(value_of(links, "Klicks darauf im Zeitraum")), 0.0);
        assert_eq!(
            float(value_of(links, "Kurzlinks der Behörde insgesamt")),
            0.0
        );
        let costs = sheet(&sheets, "Kosten");
        assert_eq!(float(value_of(costs, "Kosten gesamt")), 4872.5);
    }
}

#[tokio::test]
async fn leadership_s_decision_appears_in_all_three_formats() {
    for mut app in TestApp::demo_all().await {
        let (pilot, _) = pilot_figures(&app).await;
        as_user(&mut app, LEADERSHIP).await;
        let comment = "Die Seite wächst; die nächste Runde mit Auszubildenden soll kommen.";
        let res = app
            .post_form(
                "/account",
                &format!("/t/musterstadt/cohorts/{pilot}/decision"),
                &[("decision", "approved"), ("comment", comment)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);

        let page = app.get(&report_path(pilot)).await;
        assert!(page.body.contains("<td>Fortsetzung beschlossen</td>"));
        assert!(page.body.contains("Entschieden von Dr. Frank Albers am"));
        assert!(page.body.contains(comment));

        let pdf = app.get(&format!("{}.pdf", report_path(pilot))).await;
        let texts: Vec<String> = pdf_texts(&pdf.bytes).into_iter().flatten().collect();
        assert!(texts.iter().any(|t| t == "Fortsetzung beschlossen"));
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Entschieden von Dr. Frank Albers am"))
        );

        let sheets = xlsx_sheets(&app.get(&format!("{}.xlsx", report_path(pilot))).await.bytes);
        let decision = sheet(&sheets, "Entscheidung");
        assert_eq!(
            value_of(decision, "Entscheidung").to_string(),
            "Fortsetzung beschlossen"
        );
        assert_eq!(
            value_of(decision, "Entschieden von").to_string(),
            "Dr. Frank Albers"
        );
        assert_eq!(value_of(decision, "Begründung").to_string(), comment);
    }
}

#[tokio::test]
async fn the_report_follows_the_chosen_language_and_every_text_is_in_the_catalogue() {
    for mut app in TestApp::demo_all().await {
        let (pilot, _) = pilot_figures(&app).await;
        as_user(&mut app, ADMIN).await;
        for (lang, title) in [
            ("de", "Auswertungsbericht: Pilotrunde 2026"),
            ("en", "Evaluation report: Pilotrunde 2026"),
        ] {
            app.cookies.insert("amtf_lang".into(), lang.into());
            let page = app.get(&report_path(pilot)).await;
            assert!(page.body.contains(title), "{lang}");
            let pdf = app.get(&format!("{}.pdf", report_path(pilot))).await;
            let texts: Vec<String> = pdf_texts(&pdf.bytes).into_iter().flatten().collect();
            assert!(texts.contains(&title.to_owned()), "{lang}");
            let sheets = xlsx_sheets(&app.get(&format!("{}.xlsx", report_path(pilot))).await.bytes);
            // A message missing from the catalogue would show its key.
            let keys = [
                "report-",
                "analytics-",
                "cohort-",
                "cost-",
                "status-",
                "track-",
                "onboarding-",
            ];
            let cells = sheets
                .iter()
                .flat_map(|(_, rows)| rows.iter().flatten().map(|c| c.to_string()));
            for text in texts.iter().cloned().chain(cells) {
                assert!(!keys.iter().any(|k| text.starts_with(k)), "{lang}: {text}");
            }
        }
        app.cookies.remove("amtf_lang");
    }
}
