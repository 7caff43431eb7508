//! Invitations and answers, attendance, changes and cancellations, and who sees what.

use amtfluencer::db::{self, events::Guest};
use axum::http::StatusCode;

use super::{ADMIN, AMBASSADOR, create, event_titled, form, queued, rsvp_token, tenant};
use crate::support::TestApp;

#[tokio::test]
async fn invitations_go_out_once_with_a_calendar_file_and_a_link_that_answers() {
    for mut app in TestApp::demo_all().await {
        let base = app.state.config.base_url.clone();
        let t = tenant(&app).await;
        app.login(ADMIN).await;
        let e = create(&mut app, "Infoveranstaltung Amtfluencer 3.0").await;
        let katharina = db::ambassadors::list(&app.tdb.db, t)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.first_name == "Katharina")
            .unwrap();
        let candidate = db::candidates::list(&app.tdb.db, t, Default::default())
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.status == "interested")
            .unwrap();
        let before = queued(&app).await.len();
        let path = format!("/t/musterstadt/events/{}", e.id);
        let guests = [
            ("guest", format!("a:{}", katharina.id)),
            ("guest", format!("c:{}", candidate.id)),
        ];
        let fields: Vec<(&str, &str)> = guests.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app
            .post_form(&path, &format!("{path}/invite"), &fields)
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let shown = app.get(res.location.as_deref().unwrap()).await;
        assert!(shown.body.contains("2 Einladungen sind auf dem Weg."));
        let mails = queued(&app).await;
        assert_eq!(mails.len(), before + 2);
        let mail = mails
            .iter()
            .find(|m| m.to == "katharina.brenner@musterstadt.example")
            .unwrap();
        assert!(
            mail.subject
                .starts_with("Einladung: Infoveranstaltung Amtfluencer 3.0 am 14.1.2027")
        );
        assert!(
            mail.text.contains("von 10:00 bis 11:30 Uhr"),
            "{}",
            mail.text
        );
        let ics = String::from_utf8(mail.attachments[0].data.clone()).unwrap();
        assert!(
            mail.attachments[0]
                .content_type
                .starts_with("text/calendar")
        );
        let cal: icalendar::Calendar = ics.parse().unwrap();
        let ev = cal.components.iter().find_map(|c| c.as_event()).unwrap();
        use icalendar::Component as _;
        assert_eq!(ev.get_summary(), Some("Infoveranstaltung Amtfluencer 3.0"));
        assert!(ics.contains("DTSTART:20270114T090000Z") && ics.contains("METHOD:PUBLISH"));
        // The candidate is now invited to the info event.
        let c = db::candidates::get(&app.tdb.db, t, candidate.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.status, "invited");

        // Inviting again sends nothing.
        let again = app
            .post_form(&path, &format!("{path}/invite"), &fields)
            .await;
        assert_eq!(
            again.location.as_deref(),
            Some(format!("{path}?invited=0").as_str())
        );
        assert_eq!(queued(&app).await.len(), before + 2);
        // Nobody ticked: a message, nothing sent.
        let none = app.post_form(&path, &format!("{path}/invite"), &[]).await;
        let none = app.get(none.location.as_deref().unwrap()).await;
        assert!(none.body.contains("mindestens eine Person"));

        // The candidate answers through the link, without an account.
        let cand_mail = mails
            .iter()
            .find(|m| m.to == candidate.email.clone().unwrap())
            .unwrap();
        let token = rsvp_token(cand_mail, &base);
        app.cookies.clear();
        let page = app.get(&format!("/rsvp/{token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Infoveranstaltung Amtfluencer 3.0"));
        assert!(page.body.contains("Noch keine Antwort"));
        let yes = app
            .post_form(
                &format!("/rsvp/{token}"),
                &format!("/rsvp/{token}"),
                &[("answer", "yes")],
            )
            .await;
        assert_eq!(yes.status, StatusCode::SEE_OTHER);
        let thanks = app.get(yes.location.as_deref().unwrap()).await;
        assert!(thanks.body.contains("Danke für Ihre Zusage"));
        let unknown = app.get(&format!("/rsvp/{}", "0".repeat(64))).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert!(unknown.body.contains("Dieser Link gilt nicht mehr"));

        // Katharina answers in the app.
        app.login(AMBASSADOR).await;
        let mine = app.get("/t/musterstadt/events").await;
        assert!(mine.body.contains("Infoveranstaltung Amtfluencer 3.0"));
        let no = app
            .post_form(&path, &format!("{path}/rsvp"), &[("answer", "no")])
            .await;
        assert_eq!(no.status, StatusCode::SEE_OTHER);
        let invitees = db::events::invitees(&app.tdb.db, t, e.id).await.unwrap();
        let answer = |g: Guest| {
            invitees
                .iter()
                .find(|i| i.guest == g)
                .and_then(|i| i.invitation.rsvp.clone())
        };
        assert_eq!(
            answer(Guest::Ambassador(katharina.id)).as_deref(),
            Some("no")
        );
        assert_eq!(
            answer(Guest::Candidate(candidate.id)).as_deref(),
            Some("yes")
        );
        // Capacity 2, one yes: one seat left.
        app.login(ADMIN).await;
        assert!(app.get(&path).await.body.contains("1 von 2 Plätzen frei"));
    }
}

#[tokio::test]
async fn attendance_completes_the_checklist_and_moves_candidates_on() {
    for mut app in TestApp::demo_all().await {
        let t = tenant(&app).await;
        app.login(ADMIN).await;
        let e = create(&mut app, "Infoveranstaltung Frühjahr").await;
        // Someone who missed the pilot's info event.
        let mut person = None;
        for a in db::ambassadors::list(&app.tdb.db, t).await.unwrap() {
            let facts = db::ambassadors::onboarding_facts(&app.tdb.db, t, &a)
                .await
                .unwrap();
            if !facts.info_event_attended {
                person = Some(a);
                break;
            }
        }
        let person = person.expect("the demo has someone who missed the info event");
        let candidate = db::candidates::list(&app.tdb.db, t, Default::default())
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.status == "interested")
            .unwrap();
        let path = format!("/t/musterstadt/events/{}", e.id);
        let guests = [format!("a:{}", person.id), format!("c:{}", candidate.id)];
        let fields: Vec<(&str, &str)> = guests.iter().map(|v| ("guest", v.as_str())).collect();
        app.post_form(&path, &format!("{path}/invite"), &fields)
            .await;
        let before = db::ambassadors::onboarding_facts(&app.tdb.db, t, &person)
            .await
            .unwrap();
        let invitees = db::events::invitees(&app.tdb.db, t, e.id).await.unwrap();
        let ids: Vec<String> = invitees
            .iter()
            .map(|i| i.invitation.id.to_string())
            .collect();
        let present: Vec<(&str, &str)> = ids.iter().map(|v| ("present", v.as_str())).collect();
        let res = app
            .post_form(&path, &format!("{path}/attendance"), &present)
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let shown = app.get(res.location.as_deref().unwrap()).await;
        assert!(shown.body.contains("Die Anwesenheit ist gespeichert."));
        let after = db::ambassadors::onboarding_facts(&app.tdb.db, t, &person)
            .await
            .unwrap();
        assert!(after.info_event_attended, "{before:?} → {after:?}");
        let c = db::candidates::get(&app.tdb.db, t, candidate.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.status, "attended");
        // Unticking everyone takes the attendance back, without touching the recruitment.
        app.post_form(&path, &format!("{path}/attendance"), &[])
            .await;
        let invitees = db::events::invitees(&app.tdb.db, t, e.id).await.unwrap();
        assert!(invitees.iter().all(|i| !i.invitation.attended));
        assert!(
            crate::mail::audit_actions(&app)
                .await
                .contains(&"event.attendance".to_owned())
        );
    }
}

#[tokio::test]
async fn a_change_of_time_and_a_cancellation_reach_everyone_with_a_fresh_link() {
    for mut app in TestApp::demo_all().await {
        let base = app.state.config.base_url.clone();
        let t = tenant(&app).await;
        app.login(ADMIN).await;
        let e = create(&mut app, "Netzwerktreffen Winter").await;
        let path = format!("/t/musterstadt/events/{}", e.id);
        let people = db::ambassadors::list(&app.tdb.db, t).await.unwrap();
        let guests: Vec<String> = people
            .iter()
            .take(2)
            .map(|a| format!("a:{}", a.id))
            .collect();
        let fields: Vec<(&str, &str)> = guests.iter().map(|v| ("guest", v.as_str())).collect();
        app.post_form(&path, &format!("{path}/invite"), &fields)
            .await;
        let first = queued(&app).await;
        let old_token = rsvp_token(first.last().unwrap(), &base);

        // A new title only: no mail. A new time: everyone invited hears of it.
        let mut changed = form("Netzwerktreffen Winter (Raum 3.12)", "2027-01-14", "10:00");
        changed[0] = ("kind", "network_meeting");
        let res = app
            .post_form(&format!("{path}/edit"), &format!("{path}/edit"), &changed)
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert_eq!(queued(&app).await.len(), first.len());
        let mut moved = changed.clone();
        moved[4] = ("start", "13:00");
        moved[5] = ("end", "14:30");
        let res = app
            .post_form(&format!("{path}/edit"), &format!("{path}/edit"), &moved)
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let after = queued(&app).await;
        assert_eq!(after.len(), first.len() + 2);
        let update = after.last().unwrap();
        assert!(
            update.subject.starts_with("Geändert:"),
            "{}",
            update.subject
        );
        let ics = String::from_utf8(update.attachments[0].data.clone()).unwrap();
        assert!(
            ics.contains("SEQUENCE:2") && ics.contains("DTSTART:20270114T120000Z"),
            "{ics}"
        );
        // The link of the first mail no longer works; the new one does.
        app.cookies.clear();
        assert_eq!(
            app.get(&format!("/rsvp/{old_token}")).await.status,
            StatusCode::NOT_FOUND
        );
        let new_token = rsvp_token(update, &base);
        assert_eq!(
            app.get(&format!("/rsvp/{new_token}")).await.status,
            StatusCode::OK
        );

        app.login(ADMIN).await;
        let res = app.post_form(&path, &format!("{path}/cancel"), &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let last = queued(&app).await;
        assert_eq!(last.len(), after.len() + 2);
        let cancel = last.last().unwrap();
        assert!(cancel.subject.starts_with("Abgesagt:"));
        let ics = String::from_utf8(cancel.attachments[0].data.clone()).unwrap();
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
        let page = app.get(&path).await;
        assert!(page.body.contains("Dieser Termin wurde abgesagt."));
        // A cancelled event invites nobody any more, and cancelling twice sends nothing.
        let res = app
            .post_form(&path, &format!("{path}/invite"), &fields)
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT);
        app.post_form(&path, &format!("{path}/cancel"), &[]).await;
        assert_eq!(queued(&app).await.len(), last.len());
    }
}

#[tokio::test]
async fn ambassadors_see_their_own_invitations_and_leadership_sees_counts_without_names() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let e = create(&mut app, "Webinar ohne Katharina").await;
        let kickoff = event_titled(&app, "Auftaktworkshop Teil 1").await;

        app.login(AMBASSADOR).await;
        let list = app.get("/t/musterstadt/events").await;
        assert!(list.body.contains("Auftaktworkshop Teil 1"));
        assert!(!list.body.contains("Webinar ohne Katharina"));
        let hidden = app.get(&format!("/t/musterstadt/events/{}", e.id)).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        let own = app
            .get(&format!("/t/musterstadt/events/{}", kickoff.id))
            .await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Ihre Antwort bisher: Zugesagt"));
        assert!(!own.body.contains("Anwesenheit speichern"));
        let ics = app
            .get(&format!("/t/musterstadt/events/{}/event.ics", kickoff.id))
            .await;
        assert!(ics.body.starts_with("BEGIN:VCALENDAR\r\n"));

        app.login("leadership@musterstadt.example").await;
        let page = app
            .get(&format!("/t/musterstadt/events/{}", kickoff.id))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("18 eingeladen"), "{}", page.body);
        assert!(!page.body.contains("Brenner") && !page.body.contains("Anwesenheit speichern"));
        let post = app
            .post_form(
                &format!("/t/musterstadt/events/{}", kickoff.id),
                &format!("/t/musterstadt/events/{}/attendance", kickoff.id),
                &[],
            )
            .await;
        assert_eq!(post.status, StatusCode::FORBIDDEN);
    }
}
