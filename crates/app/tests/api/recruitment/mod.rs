//! Recruitment for the next cohort: the team's candidate list with the under-18 flag, status
//! changes, the team-only note and nominations (here); the self-nomination form open to all
//! staff (`join`); the balance view with its minimum group size and the isolation between
//! authorities (`balance`).

mod balance;
mod join;

use amtfluencer::db::{self, entities::candidate};
use axum::http::StatusCode;
use chrono::Datelike;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::support::TestApp;

pub const LIST: &str = "/t/musterstadt/recruitment";
pub const JOIN: &str = "/t/musterstadt/mitmachen";
pub const ADMIN: &str = "admin@musterstadt.example";

pub fn this_year() -> i32 {
    chrono::Utc::now().year()
}

pub async fn candidates_with_email(app: &TestApp, email: &str) -> Vec<candidate::Model> {
    candidate::Entity::find()
        .filter(candidate::Column::Email.eq(email))
        .all(&app.tdb.db)
        .await
        .unwrap()
}

pub async fn candidate_id(app: &TestApp, email: &str) -> i64 {
    let found = candidates_with_email(app, email).await;
    assert_eq!(found.len(), 1, "{email}");
    found[0].id
}

/// The table row of the list that shows `name`.
pub fn row_of<'a>(body: &'a str, name: &str) -> &'a str {
    let at = body
        .find(name)
        .unwrap_or_else(|| panic!("{name} not listed"));
    let start = body[..at].rfind("<tr>").unwrap();
    let end = at + body[at..].find("</tr>").unwrap();
    &body[start..end]
}

/// The fields of a person with some values replaced.
pub fn person<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("first_name", "Ida"),
        ("last_name", "Neumann"),
        ("email", "ida.neumann@musterstadt.example"),
        ("department", "Stadtarchiv"),
        ("job_title", "Archivarin"),
        ("track", "employee"),
        ("birth_year", ""),
        ("gender", ""),
        ("reason", "Erzählt gern von alten Akten."),
    ];
    for (k, v) in changes {
        match fields.iter_mut().find(|(f, _)| f == k) {
            Some(f) => f.1 = v,
            None => fields.push((k, v)),
        }
    }
    fields
}

pub async fn nominate(app: &mut TestApp, changes: &[(&str, &str)]) -> axum::http::StatusCode {
    let from = format!("{LIST}/nominate");
    app.post_form(&from, &from, &person(changes)).await.status
}

pub async fn set_status(app: &mut TestApp, id: i64, status: &str) -> StatusCode {
    let page = format!("{LIST}/{id}");
    let to = format!("{page}/status");
    app.post_form(&page, &to, &[("status", status)])
        .await
        .status
}

pub async fn audit_actions(app: &TestApp, action: &str) -> Vec<db::entities::audit_entry::Model> {
    db::entities::audit_entry::Entity::find()
        .filter(db::entities::audit_entry::Column::Action.eq(action))
        .all(&app.tdb.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_under_18_flag_marks_a_minor_apprentice_not_an_adult_and_says_when_unknown() {
    let (minor, adult) = (
        (this_year() - 16).to_string(),
        (this_year() - 40).to_string(),
    );
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        // Born 2010 in 2026: an apprentice of 15 or 16.
        let young = [
            ("first_name", "Jule"),
            ("last_name", "Azubi"),
            ("email", "jule.azubi@musterstadt.example"),
            ("track", "apprentice"),
            ("birth_year", minor.as_str()),
        ];
        assert_eq!(nominate(&mut app, &young).await, StatusCode::SEE_OTHER);
        let grown = [
            ("last_name", "Erwachsen"),
            ("email", "ida.erwachsen@musterstadt.example"),
            ("birth_year", adult.as_str()),
        ];
        assert_eq!(nominate(&mut app, &grown).await, StatusCode::SEE_OTHER);
        let unknown = [
            ("last_name", "Ohnejahr"),
            ("email", "ida.o@musterstadt.example"),
        ];
        assert_eq!(nominate(&mut app, &unknown).await, StatusCode::SEE_OTHER);

        let list = app.get(LIST).await;
        assert_eq!(list.status, StatusCode::OK);
        let flag = "Unter 18: Einwilligungen brauchen die Erziehungsberechtigten";
        let row = row_of(&list.body, "Jule Azubi");
        assert!(
            row.contains(flag) && row.contains("data-flag=\"minor\""),
            "{row}"
        );
        let row = row_of(&list.body, "Ida Erwachsen");
        assert!(
            !row.contains(flag) && row.contains("<td>nein</td>"),
            "{row}"
        );
        let row = row_of(&list.body, "Ida Ohnejahr");
        assert!(!row.contains(flag) && row.contains("unbekannt"), "{row}");

        let id = candidate_id(&app, "jule.azubi@musterstadt.example").await;
        let detail = app.get(&format!("{LIST}/{id}")).await.body;
        assert!(
            detail.contains(flag) && detail.contains("Erziehungsberechtigten mit unterschreiben")
        );
        let apprentices = app.get(&format!("{LIST}?track=apprentice")).await.body;
        assert!(apprentices.contains("Jule Azubi") && !apprentices.contains("Ida Erwachsen"));
    }
}

#[tokio::test]
async fn a_candidate_moves_along_the_pipeline_and_skips_are_refused() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        assert_eq!(nominate(&mut app, &[]).await, StatusCode::SEE_OTHER);
        let id = candidate_id(&app, "ida.neumann@musterstadt.example").await;
        assert_eq!(
            set_status(&mut app, id, "selected").await,
            StatusCode::CONFLICT
        );
        assert_eq!(
            set_status(&mut app, id, "bogus").await,
            StatusCode::BAD_REQUEST
        );
        for next in ["invited", "attended", "applied"] {
            assert_eq!(set_status(&mut app, id, next).await, StatusCode::SEE_OTHER);
        }
        let page = app.get(&format!("{LIST}/{id}")).await.body;
        assert!(page.contains("Beworben") && page.contains("Status: Ausgewählt"));
        assert!(!page.contains("Status: Interessiert"), "no way back");
        assert_eq!(
            set_status(&mut app, id, "declined").await,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            set_status(&mut app, id, "applied").await,
            StatusCode::CONFLICT
        );
        let page = app.get(&format!("{LIST}/{id}")).await.body;
        assert!(page.contains("abgeschlossen"), "declined is final");
        let declined = app.get(&format!("{LIST}?status=declined")).await.body;
        assert!(declined.contains("Ida Neumann"));
        let changes = audit_actions(&app, "candidate.status_changed").await;
        assert_eq!(changes.len(), 4, "{}", app.tdb.backend);
        assert!(
            changes
                .iter()
                .any(|e| e.details.contains("\"to\":\"declined\""))
        );
    }
}

#[tokio::test]
async fn the_team_note_is_seen_by_the_programme_team_only() {
    let secret = "Vertraulich: spricht nur dienstags";
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        assert_eq!(nominate(&mut app, &[]).await, StatusCode::SEE_OTHER);
        let id = candidate_id(&app, "ida.neumann@musterstadt.example").await;
        let page = format!("{LIST}/{id}");
        let saved = app
            .post_form(&page, &format!("{page}/note"), &[("note", secret)])
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert!(app.get(&page).await.body.contains(secret));
        let too_long = "x".repeat(2001);
        let bad = app
            .post_form(&page, &format!("{page}/note"), &[("note", &too_long)])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("höchstens 2000"));
        let note = audit_actions(&app, "candidate.note_changed").await;
        assert_eq!(note.len(), 1);
        assert!(!note[0].details.contains("dienstags"), "never in the log");
        assert!(
            !app.get(LIST).await.body.contains(secret),
            "not on the list"
        );

        for email in [
            "leadership@musterstadt.example",
            "council@musterstadt.example",
            "katharina.brenner@musterstadt.example",
        ] {
            app.login(email).await;
            for path in [LIST.to_owned(), page.clone(), format!("{LIST}/balance")] {
                let res = app.get(&path).await;
                assert_eq!(res.status, StatusCode::FORBIDDEN, "{email} {path}");
                assert!(!res.body.contains(secret));
            }
            let post = app
                .post_form("/account", &format!("{page}/note"), &[("note", "x")])
                .await;
            assert_eq!(post.status, StatusCode::FORBIDDEN, "{email}");
            let home = app.get("/t/musterstadt/").await.body;
            assert!(
                !home.contains("/recruitment\""),
                "{email}: no navigation entry"
            );
        }
        app.login("council@musterstadt.example").await;
        let log = app.get("/t/musterstadt/audit").await;
        assert!(log.body.contains("candidate.note_changed") && !log.body.contains(secret));

        app.cookies.remove("amtf_session");
        for path in [JOIN, "/t/musterstadt/mitmachen/danke"] {
            let body = app.get(path).await.body;
            assert!(!body.contains(secret) && !body.contains("Fotografiert privat viel"));
        }
        let again = app.post_form(JOIN, JOIN, &person(&[("agree", "on")])).await;
        assert!(!again.body.contains(secret));
        assert_eq!(
            candidates_with_email(&app, "ida.neumann@musterstadt.example").await[0].team_note,
            secret,
            "a self-nomination does not touch the candidate"
        );
    }
}

#[tokio::test]
async fn the_team_nominates_a_colleague_once_with_every_reason_kept() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let from = format!("{LIST}/nominate");
        let bad = app
            .post_form(
                &from,
                &from,
                &person(&[("email", "ida@"), ("birth_year", "19x")]),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("value=\"ida@\"") && bad.body.contains("value=\"Stadtarchiv\""));
        assert!(
            bad.body.contains("id=\"email-error\"") && bad.body.contains("id=\"birth_year-error\"")
        );
        let first = app.post_form(&from, &from, &person(&[])).await;
        let first = app.get(first.location.as_deref().unwrap()).await.body;
        assert!(first.contains("Der Vorschlag wurde gespeichert"));
        let again = app
            .post_form(
                &from,
                &from,
                &person(&[("reason", "Hat im Netzwerktreffen überzeugt.")]),
            )
            .await;
        assert!(
            again
                .location
                .as_deref()
                .unwrap()
                .ends_with("?done=existing")
        );
        let id = candidate_id(&app, "ida.neumann@musterstadt.example").await;
        let page = app.get(again.location.as_deref().unwrap()).await.body;
        assert!(page.contains("steht schon auf der Liste"));
        assert!(
            again
                .location
                .unwrap()
                .starts_with(&format!("{LIST}/{id}?"))
        );
        assert!(page.contains("Sabine Krüger") && page.contains("alten Akten"));
        assert!(page.contains("Netzwerktreffen überzeugt") && page.contains("Amtfluencer 2.0"));
        assert_eq!(audit_actions(&app, "candidate.nominated").await.len(), 2);
    }
}
