//! The people import: a preview with per-row errors before anything is saved, one
//! confirmation, and the same file a second time changing nothing.

use amtfluencer::db;
use axum::http::StatusCode;

use crate::support::{Page, TestApp};

const ADMIN: &str = "admin@musterstadt.example";
const PAGE: &str = "/t/musterstadt/people/import";

const GOOD: &str = "Vorname;Nachname;E-Mail;Abteilung;Funktion;Laufbahn;Runde;LinkedIn\r\n\
    Jana;Özdemir;jana.oezdemir@musterstadt.example;Bauamt;Bauzeichnerin;Azubi;Amtfluencer 2.0;\r\n\
    Paul;Weber;paul.weber@musterstadt.example;Stadtwerke;Elektroniker;Beschäftigte;;https://de.linkedin.com/in/paul-weber\r\n";

async fn upload(app: &mut TestApp, name: &str, bytes: &[u8]) -> Page {
    let csrf = app.get(PAGE).await.csrf();
    app.post_multipart(PAGE, &[("csrf", &csrf)], &[("file", name, bytes)])
        .await
}

/// The hidden confirmation data of a preview.
fn confirm_data(page: &Page) -> String {
    let marker = "name=\"data\" value=\"";
    let start = page.body.find(marker).expect("a confirm form") + marker.len();
    let end = page.body[start..].find('"').unwrap();
    page.body[start..start + end].to_owned()
}

async fn confirm(app: &mut TestApp, preview: &Page) -> Page {
    let csrf = preview.csrf();
    let data = confirm_data(preview);
    app.post_multipart(
        &format!("{PAGE}/confirm"),
        &[
            ("csrf", &csrf),
            ("file_name", "personen.csv"),
            ("data", &data),
        ],
        &[],
    )
    .await
}

async fn count(app: &TestApp) -> usize {
    let t = crate::cohorts::tenant(app).await;
    db::ambassadors::list(&app.tdb.db, t).await.unwrap().len()
}

#[tokio::test]
async fn bad_rows_are_named_per_line_and_nothing_is_saved() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let before = count(&app).await;
        let file = "Vorname;Nachname;E-Mail;Abteilung;Laufbahn;Runde\n\
            Jana;Özdemir;jana@musterstadt.example;Bauamt;Azubi;\n\
            ;Weber;keine-adresse;Stadtwerke;Praktikum;\n\
            Lea;Sommer;JANA@musterstadt.example;Kultur;;\n\
            Tim;Nord;tim@musterstadt.example;IT;;Runde 7\n";
        let res = upload(&mut app, "personen.csv", file.as_bytes()).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        for text in [
            "1 neu, 0 geändert, 0 unverändert, 3 mit Fehlern.",
            "Vorname: fehlt oder ist länger als 100 Zeichen",
            "E-Mail: ist keine gültige E-Mail-Adresse",
            "Laufbahn: unbekannt",
            "E-Mail: kommt in der Datei schon weiter oben vor",
            "Runde: diese Runde gibt es nicht",
            "<td>3</td>",
            "keine-adresse",
            "<td>5</td>",
            "Es wurde nichts gespeichert.",
        ] {
            assert!(res.body.contains(text), "{text} ({})", app.tdb.backend);
        }
        assert!(
            !res.body.contains("name=\"data\""),
            "no confirmation while rows are wrong"
        );
        assert_eq!(count(&app).await, before);

        let missing = upload(&mut app, "liste.csv", b"Vorname;Telefon\nAnna;123\n").await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            missing
                .body
                .contains("Diese Pflichtspalten fehlen: Nachname, E-Mail, Abteilung.")
        );
        let none = upload(&mut app, "leer.csv", b"").await;
        assert!(none.body.contains("Bitte wählen Sie eine Datei aus."));
        assert_eq!(count(&app).await, before);
    }
}

#[tokio::test]
async fn a_clean_file_is_saved_on_confirmation_and_a_second_import_changes_nothing() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let before = count(&app).await;
        let preview = upload(&mut app, "personen.csv", GOOD.as_bytes()).await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(
            preview
                .body
                .contains("2 neu, 0 geändert, 0 unverändert, 0 mit Fehlern.")
        );
        assert_eq!(count(&app).await, before, "the preview saves nothing");
        let done = confirm(&mut app, &preview).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(count(&app).await, before + 2);
        let t = crate::cohorts::tenant(&app).await;
        let people = db::ambassadors::list(&app.tdb.db, t).await.unwrap();
        let jana = people.iter().find(|p| p.last_name == "Özdemir").unwrap();
        assert_eq!(
            (jana.track.as_str(), jana.status.as_str()),
            ("apprentice", "onboarding")
        );
        assert!(jana.cohort_id.is_some());
        let paul = people.iter().find(|p| p.last_name == "Weber").unwrap();
        assert_eq!(
            paul.linkedin_url.as_deref(),
            Some("https://www.linkedin.com/in/paul-weber")
        );
        let stamp = paul.updated_at;

        // The same file again: nothing to do, nothing to confirm, nothing written.
        let again = upload(&mut app, "personen.csv", GOOD.as_bytes()).await;
        assert!(
            again
                .body
                .contains("0 neu, 0 geändert, 2 unverändert, 0 mit Fehlern.")
        );
        assert!(again.body.contains("Nichts zu tun"));
        assert!(!again.body.contains("name=\"data\""));
        // Even a replayed confirmation of the first preview writes nothing.
        confirm(&mut app, &preview).await;
        assert_eq!(count(&app).await, before + 2);
        let paul_after = db::ambassadors::get(&app.tdb.db, t, paul.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(paul_after.updated_at, stamp);

        // A changed department is shown as such and updates only that.
        let changed = GOOD.replace("Stadtwerke", "Bürgerbüro");
        let preview = upload(&mut app, "personen.csv", changed.as_bytes()).await;
        assert!(preview.body.contains("wird geändert: Abteilung"));
        confirm(&mut app, &preview).await;
        let paul_after = db::ambassadors::get(&app.tdb.db, t, paul.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(paul_after.department, "Bürgerbüro");
        assert!(
            crate::mail::audit_actions(&app)
                .await
                .contains(&"people.imported".to_owned())
        );
    }
}

#[tokio::test]
async fn only_the_team_imports_and_an_upload_without_csrf_is_refused() {
    for mut app in TestApp::demo_all().await {
        app.login(ADMIN).await;
        let res = app
            .post_multipart(PAGE, &[], &[("file", "personen.csv", GOOD.as_bytes())])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        app.login("leadership@musterstadt.example").await;
        assert_eq!(app.get(PAGE).await.status, StatusCode::FORBIDDEN);
        let template = {
            app.login(ADMIN).await;
            app.get(&format!("{PAGE}/template.csv")).await
        };
        assert!(template.body.contains("Vorname;Nachname;E-Mail;Abteilung"));
    }
}
