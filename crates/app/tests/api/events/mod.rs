//! Events: planning in local time, invitations by mail with an `.ics` file and a personal RSVP
//! link, answers, attendance feeding the onboarding checklist and the recruitment, changes and
//! cancellations reaching everyone invited, and who may see what.

mod invitations;

use amtfluencer::db::{self, entities::event};
use amtfluencer::mail::OutgoingMail;
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use chrono::TimeZone;
use sea_orm::ConnectionTrait;

use crate::mail::mail_jobs;
use crate::support::TestApp;

const ADMIN: &str = "admin@musterstadt.example";
const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";

async fn tenant(app: &TestApp) -> TenantId {
    crate::cohorts::tenant(app).await
}

/// The demo's event whose title starts with `title`.
pub async fn event_titled(app: &TestApp, title: &str) -> event::Model {
    db::events::list(&app.tdb.db, tenant(app).await)
        .await
        .unwrap()
        .into_iter()
        .map(|(e, _)| e)
        .find(|e| e.title.starts_with(title))
        .unwrap()
}

/// An event of another authority, for the cross-authority probe.
pub async fn event_of(db: &impl ConnectionTrait, t: TenantId) -> i64 {
    let start = chrono::Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap();
    db::events::create(
        db,
        t,
        db::events::NewEvent {
            kind: amtfluencer_domain::programme::EventKind::Webinar,
            title: "Nachbar-Webinar".into(),
            description: "B-Fehler".into(),
            starts_at: start,
            ends_at: start + chrono::Duration::hours(1),
            location: "Nachbarstadt".into(),
            video_url: None,
            capacity: None,
            cohort_id: None,
        },
    )
    .await
    .unwrap()
    .id
}

fn form<'a>(title: &'a str, date: &'a str, start: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "info_event"),
        ("title", title),
        (
            "description",
            "Wir stellen das Programm vor.\n\nFragen sind willkommen.",
        ),
        ("date", date),
        ("start", start),
        ("end", "11:30"),
        ("location", "Ratssaal, Rathaus Musterstadt"),
        ("video_url", ""),
        ("capacity", "2"),
        ("cohort_id", ""),
    ]
}

async fn create(app: &mut TestApp, title: &str) -> event::Model {
    let res = app
        .post_form(
            "/t/musterstadt/events/new",
            "/t/musterstadt/events/new",
            &form(title, "2027-01-14", "10:00"),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    event_titled(app, title).await
}

/// The mails on the queue, newest last.
async fn queued(app: &TestApp) -> Vec<OutgoingMail> {
    mail_jobs(app)
        .await
        .into_iter()
        .map(|j| serde_json::from_str(&j.payload).unwrap())
        .collect()
}

fn rsvp_token(mail: &OutgoingMail, base: &str) -> String {
    crate::mail::token_after(&mail.text, &format!("{base}/rsvp/"))
}

#[tokio::test]
async fn an_event_is_typed_in_local_time_and_a_wrong_form_comes_back_as_typed() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let mut bad = form("Infoabend", "2027-01-14", "25:00");
        bad[7] = ("video_url", "zoom-link");
        bad[8] = ("capacity", "viele");
        let res = app
            .post_form(
                "/t/musterstadt/events/new",
                "/t/musterstadt/events/new",
                &bad,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        for text in [
            "Bitte geben Sie eine Uhrzeit an",
            "mit https:// beginnt",
            "ganze Zahl zwischen 1 und 10000",
            "value=\"Infoabend\"",
            "value=\"zoom-link\"",
            "value=\"viele\"",
        ] {
            assert!(res.body.contains(text), "{text}");
        }
        // The hour skipped by the spring change does not exist.
        let gap = app
            .post_form(
                "/t/musterstadt/events/new",
                "/t/musterstadt/events/new",
                &form("Infoabend", "2027-03-28", "02:30"),
            )
            .await;
        assert_eq!(gap.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(gap.body.contains("wegen der Zeitumstellung"));

        // 10:00 in Musterstadt in January is 09:00 UTC; in June 08:00 UTC.
        let e = create(&mut app, "Infoveranstaltung Januar").await;
        assert_eq!(
            e.starts_at,
            chrono::Utc.with_ymd_and_hms(2027, 1, 14, 9, 0, 0).unwrap()
        );
        let page = app.get(&format!("/t/musterstadt/events/{}", e.id)).await;
        assert!(
            page.body.contains("14.1.2027, 10:00–11:30"),
            "{}",
            page.body
        );
        let summer = app
            .post_form(
                "/t/musterstadt/events/new",
                "/t/musterstadt/events/new",
                &form("Sommertreffen", "2027-06-17", "10:00"),
            )
            .await;
        assert_eq!(summer.status, StatusCode::SEE_OTHER);
        let s = event_titled(&app, "Sommertreffen").await;
        assert_eq!(
            s.starts_at,
            chrono::Utc.with_ymd_and_hms(2027, 6, 17, 8, 0, 0).unwrap()
        );
    }
}
