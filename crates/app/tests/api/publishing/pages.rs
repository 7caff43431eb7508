//! The pages: connecting LinkedIn and Mastodon through their OAuth flows, the team's view of
//! every connection's health, scheduling with the length check and the working-time guard,
//! and the reminders before a LinkedIn connection expires.

use amtfluencer::channels::{LINKEDIN, MASTODON};
use amtfluencer::db;
use amtfluencer::jobs::publishing::remind_expiring;
use amtfluencer_channels::fake::linkedin as li;
use amtfluencer_channels::fake::mastodon as md;
use amtfluencer_domain::calendar::WorkingTimeRules;
use amtfluencer_domain::types::FederalState;
use axum::http::StatusCode;
use chrono::{Datelike, NaiveDate, Weekday};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};

use super::{AMBASSADOR, Setup};

/// Moves the expiry of the ambassador's (only) connection to `days` from now.
async fn set_expiry(s: &Setup, days: i64) {
    let mut c = db::connections::of_ambassador(s.db(), s.tenant, s.ambassador_id)
        .await
        .unwrap()
        .remove(0)
        .into_active_model();
    c.token_expires_at = Set(Some(db::now() + chrono::Duration::days(days)));
    c.update(s.db()).await.unwrap();
}

fn query_param(url: &str, name: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

#[tokio::test]
async fn linkedin_is_connected_through_oauth_and_the_token_is_stored_sealed() {
    for mut s in Setup::all().await {
        s.app.login(AMBASSADOR).await;
        let page = s.app.get("/t/musterstadt/connections").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Mit LinkedIn verbinden"));

        let res = s
            .app
            .post_form(
                "/t/musterstadt/connections",
                "/t/musterstadt/connections/linkedin",
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let to = res.location.unwrap();
        assert!(
            to.starts_with(&format!("{}/oauth/v2/authorization?", s.li.base)),
            "{to}"
        );
        assert_eq!(query_param(&to, "redirect_uri"), li::REDIRECT);
        let state = query_param(&to, "state");

        let back = format!("/oauth/linkedin/callback?code={}&state={state}", li::CODE);
        let res = s.app.get(&back).await;
        assert_eq!(
            res.location.as_deref(),
            Some("/t/musterstadt/connections?result=linkedin")
        );
        let page = s
            .app
            .get("/t/musterstadt/connections?result=linkedin")
            .await;
        assert!(page.body.contains("Ihr LinkedIn-Konto ist verbunden."));
        assert!(page.body.contains("Erika Mustermann"));
        assert!(!page.body.contains(li::TOKEN));

        let conns = db::connections::of_ambassador(s.db(), s.tenant, s.ambassador_id)
            .await
            .unwrap();
        assert_eq!(conns.len(), 1);
        let c = &conns[0];
        assert_eq!(c.external_account_id, format!("urn:li:person:{}", li::SUB));
        assert!(
            !c.access_token_enc
                .windows(8)
                .any(|w| w == li::TOKEN.as_bytes())
        );
        assert_eq!(s.publishing.channels.token(c).unwrap().secret(), li::TOKEN);
        let days = (c.token_expires_at.unwrap() - db::now()).num_days();
        assert!((58..=60).contains(&days), "{days}");

        // The state works once.
        assert_eq!(s.app.get(&back).await.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn mastodon_registers_once_per_instance_and_connects_the_account() {
    for mut s in Setup::all().await {
        s.app.login(AMBASSADOR).await;
        for round in 0..2 {
            let res = s
                .app
                .post_form(
                    "/t/musterstadt/connections",
                    "/t/musterstadt/connections/mastodon",
                    &[("instance", &s.md.base)],
                )
                .await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "round {round}");
            let to = res.location.unwrap();
            assert!(to.starts_with(&format!("{}/oauth/authorize?", s.md.base)));
            assert_eq!(query_param(&to, "redirect_uri"), md::REDIRECT);
            let state = query_param(&to, "state");
            let back = format!("/oauth/mastodon/callback?code={}&state={state}", md::CODE);
            let res = s.app.get(&back).await;
            assert_eq!(
                res.location.as_deref(),
                Some("/t/musterstadt/connections?result=mastodon")
            );
        }
        let registrations =
            s.md.requests()
                .iter()
                .filter(|r| r.path == "/api/v1/apps")
                .count();
        assert_eq!(
            registrations, 1,
            "the app registration is kept per instance"
        );
        let c = db::connections::for_channel(s.db(), s.tenant, s.ambassador_id, MASTODON)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.external_account_id, "14715");
        assert!(c.token_expires_at.is_none());
        assert!(c.display_name.starts_with("@erika@"));

        let res = s
            .app
            .post_form(
                "/t/musterstadt/connections",
                "/t/musterstadt/connections/mastodon",
                &[("instance", "http://social.example")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body.contains("value=\"http://social.example\""),
            "input kept"
        );
    }
}

#[tokio::test]
async fn the_team_sees_every_connections_health_but_never_a_token() {
    for mut s in Setup::all().await {
        let id = s.connect(LINKEDIN).await;
        set_expiry(&s, 5).await;
        s.app.login("admin@musterstadt.example").await;
        let page = s.app.get("/t/musterstadt/connections/team").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Katharina Brenner"));
        assert!(page.body.contains("läuft bald ab"));
        assert!(!page.body.contains(li::TOKEN));
        assert!(page.body.contains("Aufmerksamkeit brauchen: 1"));

        s.app.cookies.clear();
        s.app.login(AMBASSADOR).await;
        assert_eq!(
            s.app.get("/t/musterstadt/connections/team").await.status,
            StatusCode::FORBIDDEN
        );
        let own = s.app.get("/t/musterstadt/publishing").await;
        assert!(
            own.body.contains("Ihre LinkedIn-Verbindung läuft bald ab"),
            "in-app reminder"
        );
        let disconnect = format!("/t/musterstadt/connections/{id}/disconnect");
        let res = s
            .app
            .post_form("/t/musterstadt/connections", &disconnect, &[])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(
            db::connections::of_ambassador(s.db(), s.tenant, s.ambassador_id)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

/// The next day from the day after tomorrow that is (or is not) a working day in NRW.
fn next_day(working: bool) -> NaiveDate {
    let rules = WorkingTimeRules::new(FederalState::NW);
    let mut d = db::now().date_naive() + chrono::Duration::days(2);
    while rules.is_working_day(d).is_ok() != working || (!working && d.weekday() != Weekday::Sat) {
        d += chrono::Duration::days(1);
    }
    d
}

#[tokio::test]
async fn scheduling_on_a_saturday_needs_a_confirmation_and_then_queues_the_post() {
    for mut s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let post = s.draft(LINKEDIN, "Samstags im Freibad.").await;
        s.app.login(AMBASSADOR).await;
        let page_path = format!("/t/musterstadt/publishing/posts/{}", post.id);
        let schedule = format!("{page_path}/schedule");
        let saturday = next_day(false).to_string();
        let fields = [("date", saturday.as_str()), ("time", "10:00")];
        let res = s.app.post_form(&page_path, &schedule, &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("außerhalb der Arbeitszeit"));
        assert!(
            res.body.contains(&format!("value=\"{saturday}\"")),
            "input kept"
        );
        assert_eq!(s.post(post.id).await.status, "draft");

        let confirmed = [fields[0], fields[1], ("confirm", "yes")];
        let res = s.app.post_form(&page_path, &schedule, &confirmed).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let p = s.post(post.id).await;
        assert_eq!(p.status, "scheduled");
        let at = p.scheduled_at.unwrap();
        let local = at.with_timezone(&chrono_tz::Europe::Berlin);
        assert_eq!(
            local.format("%Y-%m-%d %H:%M").to_string(),
            format!("{saturday} 10:00")
        );
        let jobs = db::jobs::count_by_status(s.db()).await.unwrap();
        assert!(jobs.iter().any(|(st, n)| st == "queued" && *n >= 1));
        let page = s.app.get(&page_path).await;
        assert!(page.body.contains("geplant"));
    }
}

#[tokio::test]
async fn a_weekday_morning_is_scheduled_without_questions() {
    for mut s in Setup::all().await {
        s.connect(MASTODON).await;
        let post = s.draft(MASTODON, "Sprechstunde im Bürgerbüro.").await;
        s.app.login(AMBASSADOR).await;
        let page_path = format!("/t/musterstadt/publishing/posts/{}", post.id);
        let day = next_day(true).to_string();
        let res = s
            .app
            .post_form(
                &page_path,
                &format!("{page_path}/schedule"),
                &[("date", &day), ("time", "10:30")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert_eq!(s.post(post.id).await.status, "scheduled");
    }
}

#[tokio::test]
async fn a_text_over_the_networks_limit_is_refused_before_scheduling() {
    for mut s in Setup::all().await {
        s.connect(LINKEDIN).await;
        s.connect(MASTODON).await;
        s.md.set_max_characters(40);
        let day = next_day(true).to_string();
        s.app.login(AMBASSADOR).await;
        for (channel, text, max) in [
            (LINKEDIN, "a".repeat(3001), "3000"),
            (
                MASTODON,
                "Dieser Text ist für diese kleine Instanz zu lang.".to_owned(),
                "40",
            ),
        ] {
            let post = s.draft(channel, &text).await;
            let page_path = format!("/t/musterstadt/publishing/posts/{}", post.id);
            let res = s
                .app
                .post_form(
                    &page_path,
                    &format!("{page_path}/schedule"),
                    &[("date", &day), ("time", "10:30")],
                )
                .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{channel}");
            assert!(res.body.contains(&format!("höchstens {max}")), "{channel}");
            assert_eq!(s.post(post.id).await.status, "draft");
        }
    }
}

#[tokio::test]
async fn another_persons_post_cannot_be_scheduled() {
    for mut s in Setup::all().await {
        let post = s.draft(LINKEDIN, "Nicht Ihrer.").await;
        s.app.login("mehmet.yildirim@musterstadt.example").await;
        let page_path = format!("/t/musterstadt/publishing/posts/{}", post.id);
        let status = s.app.get(&page_path).await.status;
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::SEE_OTHER,
            "{status}"
        );
        assert_eq!(s.post(post.id).await.status, "draft");
    }
}

#[tokio::test]
async fn reminders_go_out_once_per_threshold_before_a_linkedin_connection_expires() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        assert_eq!(
            remind_expiring(&s.publishing, s.db()).await.unwrap(),
            0,
            "60 days left"
        );
        set_expiry(&s, 6).await;
        assert_eq!(remind_expiring(&s.publishing, s.db()).await.unwrap(), 1);
        assert_eq!(
            remind_expiring(&s.publishing, s.db()).await.unwrap(),
            0,
            "only once"
        );
        set_expiry(&s, 1).await;
        assert_eq!(remind_expiring(&s.publishing, s.db()).await.unwrap(), 1);
        let mails = s.mails().await;
        assert_eq!(mails.len(), 2);
        assert!(mails[0].1.contains("LinkedIn-Konto neu"));
        assert!(mails[0].2.contains("weniger als 7 Tagen"), "{}", mails[0].2);
        assert!(mails[1].2.contains("weniger als 2 Tagen"));
        assert!(
            mails[1]
                .2
                .contains("https://amt.example/t/musterstadt/connections")
        );
        assert!(!mails[1].2.contains(li::TOKEN));
    }
}

#[tokio::test]
async fn a_post_of_unknown_fate_is_sent_again_only_after_the_person_looked() {
    for mut s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let post = s.draft(LINKEDIN, "Erschienen oder nicht?").await;
        let at = db::now() + chrono::Duration::hours(1);
        assert!(
            db::publishing::schedule(s.db(), s.tenant, post.id, at)
                .await
                .unwrap()
        );
        db::publishing::mark_failed(s.db(), post.id, "unconfirmed", "Bitte nachsehen.")
            .await
            .unwrap();
        s.app.login(AMBASSADOR).await;
        let page_path = format!("/t/musterstadt/publishing/posts/{}", post.id);
        let page = s.app.get(&page_path).await;
        assert!(page.body.contains("unklar, bitte prüfen"));
        let day = next_day(true).to_string();
        let fields = [("date", day.as_str()), ("time", "10:30")];
        let schedule = format!("{page_path}/schedule");
        let res = s.app.post_form(&page_path, &schedule, &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("id=\"checked-error\""));
        assert_eq!(s.post(post.id).await.status, "failed");

        let looked = [fields[0], fields[1], ("checked", "yes")];
        let res = s.app.post_form(&page_path, &schedule, &looked).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let p = s.post(post.id).await;
        assert_eq!(p.status, "scheduled");
        assert!(p.failure_kind.is_none() && p.failure_reason.is_none());
    }
}
