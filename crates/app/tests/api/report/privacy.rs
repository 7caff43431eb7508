//! Who may read the report, small groups kept out of every format, and the short-link clicks
//! counted from the link tables.

use amtfluencer::db::bulk::insert_rows;
use amtfluencer::db::entities::{ambassador, planned_post as post};
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use calamine::Data;
use chrono::{Duration, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Value};

use super::*;
use crate::cohorts::{ADMIN, AMBASSADOR, COUNCIL, LEADERSHIP, as_user};

const SUPPRESSED: &str = "weniger als fünf Personen";

#[tokio::test]
async fn the_team_leadership_and_the_council_read_the_report_and_ambassadors_do_not() {
    for mut app in TestApp::demo_all().await {
        let (pilot, _) = pilot_figures(&app).await;
        let paths = [
            report_path(pilot),
            format!("{}.pdf", report_path(pilot)),
            format!("{}.xlsx", report_path(pilot)),
        ];
        for email in [ADMIN, LEADERSHIP, COUNCIL] {
            as_user(&mut app, email).await;
            for p in &paths {
                assert_eq!(app.get(p).await.status, StatusCode::OK, "{email} {p}");
            }
        }
        as_user(&mut app, AMBASSADOR).await;
        for p in &paths {
            let res = app.get(p).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{p}");
            assert!(!res.bytes.starts_with(b"%PDF") && !res.body.contains("Kennzahl"));
        }
        // A cohort that does not exist is not found, in every format.
        as_user(&mut app, ADMIN).await;
        for suffix in ["", ".pdf", ".xlsx"] {
            let res = app
                .get(&format!("/t/musterstadt/cohorts/999999/report{suffix}"))
                .await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{suffix}");
        }
        app.cookies.remove("amtf_session");
        let res = app.get(&paths[1]).await;
        assert!(res.location.is_some_and(|l| l.starts_with("/login")));
    }
}

/// A short link on a post, with clicks at the given times.
async fn link(
    app: &TestApp,
    t: TenantId,
    code: &str,
    post: Option<i64>,
    clicks: &[chrono::DateTime<Utc>],
) {
    // Made at the start of the pilot, before its clicks.
    let made = Utc.with_ymd_and_hms(2026, 2, 1, 8, 0, 0).unwrap();
    let row = vec![
        Value::from(t.0),
        code.into(),
        post.into(),
        "https://www.musterstadt.example/karriere".into(),
        made.into(),
    ];
    let cols = ["tenant_id", "code", "post_id", "target_url", "created_at"];
    insert_rows(&app.tdb.db, "short_links", &cols, vec![row])
        .await
        .unwrap();
    let r = app
        .tdb
        .db
        .query_one(
            &sea_orm::sea_query::Query::select()
                .column("id")
                .from("short_links")
                .and_where(Expr::col("code").eq(code))
                .to_owned(),
        )
        .await
        .unwrap()
        .unwrap();
    let id: i64 = r.try_get("", "id").unwrap();
    let rows = clicks
        .iter()
        .map(|at| {
            vec![
                Value::from(t.0),
                id.into(),
                (*at).into(),
                None::<String>.into(),
            ]
        })
        .collect();
    let cols = ["tenant_id", "short_link_id", "clicked_at", "referrer_host"];
    insert_rows(&app.tdb.db, "link_clicks", &cols, rows)
        .await
        .unwrap();
}

/// One published post of each of the first `n` people of the cohort who have posted.
async fn posts_of_people(app: &TestApp, cohort: i64, n: usize) -> Vec<i64> {
    let people: Vec<i64> = ambassador::Entity::find()
        .filter(ambassador::Column::CohortId.eq(cohort))
        .order_by_asc(ambassador::Column::Id)
        .all(&app.tdb.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut out = Vec::new();
    for person in people {
        let p = post::Entity::find()
            .filter(post::Column::AmbassadorId.eq(person))
            .filter(post::Column::Status.eq("published"))
            .one(&app.tdb.db)
            .await
            .unwrap();
        if let Some(p) = p {
            out.push(p.id);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

#[tokio::test]
async fn short_link_clicks_are_counted_for_the_cohort_and_the_whole_authority() {
    for mut app in TestApp::demo_all().await {
        super::without_demo_links(&app).await;
        let t = tenant(&app).await;
        let (pilot, _) = pilot_figures(&app).await;
        let in_period = Utc.with_ymd_and_hms(2026, 4, 14, 10, 0, 0).unwrap();
        let before = Utc.with_ymd_and_hms(2025, 12, 1, 10, 0, 0).unwrap();
        for (i, post) in posts_of_people(&app, pilot, 5)
            .await
            .into_iter()
            .enumerate()
        {
            let clicks = [
                in_period,
                in_period + Duration::hours(1),
                in_period + Duration::days(3),
                before,
            ];
            link(&app, t, &format!("job{i}"), Some(post), &clicks).await;
        }
        link(&app, t, "kampagne", None, &[in_period; 4]).await;

        as_user(&mut app, ADMIN).await;
        let sheets = xlsx_sheets(&app.get(&format!("{}.xlsx", report_path(pilot))).await.bytes);
        let links = sheet(&sheets, "Kurzlinks");
        let n = |label: &str| value_of(links, label).to_string();
        assert_eq!(n("Kurzlinks in Beiträgen der Runde"), "5");
        assert_eq!(
            n("Klicks darauf im Zeitraum"),
            "15",
            "three in the period per link"
        );
        assert_eq!(n("Kurzlinks der Behörde insgesamt"), "6");
        assert_eq!(n("Klicks auf alle Kurzlinks der Behörde im Zeitraum"), "19");
        let page = app.get(&report_path(pilot)).await;
        assert!(page.body.contains(
            "Kurzlinks in Beiträgen der Runde (5 Links) wurden im Zeitraum 15-mal geklickt."
        ));
    }
}

#[tokio::test]
async fn a_cohort_of_fewer_than_five_people_is_reported_without_its_figures() {
    for mut app in TestApp::demo_all().await {
        let t = tenant(&app).await;
        let (pilot, _) = pilot_figures(&app).await;
        let pilot_model = cohort_named(&app, "Pilotrunde 2026").await;
        let small = db::cohorts::create(
            &app.tdb.db,
            t,
            db::cohorts::CohortFields {
                name: "Kleine Runde".into(),
                phase: "Test".into(),
                starts_on: pilot_model.starts_on,
                ends_on: pilot_model.ends_on,
            },
        )
        .await
        .unwrap();
        // Three people who posted move to the small cohort, with their posts and a link.
        let posts = posts_of_people(&app, pilot, 3).await;
        let mut people = Vec::new();
        for p in &posts {
            let post = post::Entity::find_by_id(*p)
                .one(&app.tdb.db)
                .await
                .unwrap()
                .unwrap();
            people.push(post.ambassador_id);
        }
        ambassador::Entity::update_many()
            .col_expr(ambassador::Column::CohortId, Expr::value(small.id))
            .filter(ambassador::Column::Id.is_in(people.clone()))
            .exec(&app.tdb.db)
            .await
            .unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        link(&app, t, "klein", Some(posts[0]), &[at; 7]).await;

        as_user(&mut app, LEADERSHIP).await;
        let path = report_path(small.id);
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        let suppressed_row =
            |label: &str| format!("<th scope=\"row\">{label}</th><td>{SUPPRESSED}</td>");
        for label in [
            "Veröffentlichte Beiträge",
            "Impressionen (Reichweite)",
            "Kosten je 1.000 Impressionen",
            "Klicks darauf im Zeitraum",
        ] {
            assert!(page.body.contains(&suppressed_row(label)), "{label}");
        }
        assert!(
            page.body
                .contains("Die Runde hat weniger als fünf Teilnehmende")
        );

        let sheets = xlsx_sheets(&app.get(&format!("{path}.xlsx")).await.bytes);
        let figures = sheet(&sheets, "Kennzahlen");
        assert_eq!(value_of(figures, "Teilnehmende"), &Data::Float(3.0));
        for label in [
            "Veröffentlichte Beiträge",
            "Impressionen (Reichweite)",
            "Interaktionen (Reaktionen, Kommentare, Reposts, Klicks)",
        ] {
            assert_eq!(
                value_of(figures, label),
                &Data::String(SUPPRESSED.into()),
                "{label}"
            );
        }
        let months = sheet(&sheets, "Monate");
        for row in &months[3..] {
            for (i, cell) in row.iter().enumerate().skip(1) {
                // The orientation (third column) is a goal, not a figure of the posts.
                assert!(
                    i == 2 || !matches!(cell, Data::Float(_) | Data::Int(_)),
                    "{row:?}"
                );
            }
        }
        let status = sheet(&sheets, "Teilnehmende");
        assert!(
            status[3..]
                .iter()
                .all(|r| r[1] == Data::String(SUPPRESSED.into()))
        );
        let links = sheet(&sheets, "Kurzlinks");
        assert_eq!(
            value_of(links, "Klicks darauf im Zeitraum"),
            &Data::String(SUPPRESSED.into())
        );

        let pdf = app.get(&format!("{path}.pdf")).await;
        let texts: Vec<String> = pdf_texts(&pdf.bytes).into_iter().flatten().collect();
        let i = texts
            .iter()
            .position(|t| t == "Veröffentlichte Beiträge")
            .unwrap();
        assert_eq!(texts[i + 1], SUPPRESSED);
    }
}
