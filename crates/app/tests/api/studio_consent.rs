//! The people in a photo and their consent, and the second look: through the router on SQLite
//! and PostgreSQL, and at the minute the publish job runs.

use amtfluencer::channels::LINKEDIN;
use amtfluencer::db::{self, entities::post_image};
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use crate::publishing::Setup;
use crate::support::TestApp;

pub const KATHARINA: &str = "katharina.brenner@musterstadt.example";
pub const ADMIN: &str = "admin@musterstadt.example";
const URL: &str = "https://www.linkedin.com/feed/update/urn:li:activity:7267000000000000001/";

fn small_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 5, y as u8 * 7, 60]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

/// A new draft with a text; its editor address.
pub async fn draft(app: &mut TestApp, text: &str) -> String {
    let res = app
        .post_form(
            "/t/musterstadt/studio",
            "/t/musterstadt/studio",
            &[("template", "hook")],
        )
        .await;
    let editor = res.location.unwrap();
    let saved = app.post_form(&editor, &editor, &[("body", text)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    editor
}

async fn with_photo(app: &mut TestApp, editor: &str) {
    let csrf = app.get(editor).await.csrf();
    let res = app
        .post_multipart(
            &format!("{editor}/photo"),
            &[("csrf", &csrf), ("format", "original")],
            &[("photo", "team.jpg", &small_jpeg())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let alt = "Drei Kolleginnen vor dem neuen Bürgerbüro";
    app.post_form(editor, &format!("{editor}/photo/alt"), &[("alt_text", alt)])
        .await;
}

/// The person ids listed on the editor page, in order.
fn person_ids(body: &str, editor: &str) -> Vec<String> {
    let marker = format!("{editor}/photo/people/");
    let mut ids: Vec<String> = body
        .match_indices(&marker)
        .map(|(i, _)| {
            body[i + marker.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    ids.dedup();
    ids
}

pub async fn publish(app: &mut TestApp, editor: &str) -> crate::support::Page {
    app.post_form(editor, &format!("{editor}/published"), &[("url", URL)])
        .await
}

#[tokio::test]
async fn a_photo_with_people_is_published_only_with_every_valid_consent() {
    for mut app in TestApp::demo_all().await {
        app.login(KATHARINA).await;
        let editor = draft(&mut app, "Unser neues Bürgerbüro ist offen. Kommt vorbei!").await;
        with_photo(&mut app, &editor).await;

        // The question is open: publishing waits and says why.
        let refused = publish(&mut app, &editor).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("Sind Personen auf dem Foto?"),
            "{}",
            refused.body
        );

        // "Yes" with nobody listed is not enough.
        app.post_form(
            &editor,
            &format!("{editor}/photo/people"),
            &[("people", "yes")],
        )
        .await;
        let refused = publish(&mut app, &editor).await;
        assert!(refused.body.contains("tragen Sie jede Person"));

        // A minor with a consent date but no guardian: the form comes back as typed.
        let wrong = app
            .post_form(
                &editor,
                &format!("{editor}/photo/people/add"),
                &[
                    ("name", "Lena Vogt"),
                    ("kind", "citizen"),
                    ("minor", "on"),
                    ("guardian_name", ""),
                    ("consent_on", "2026-11-20"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("value=\"Lena Vogt\""));
        assert!(wrong.body.contains("value=\"2026-11-20\""));
        assert!(wrong.body.contains("id=\"person_guardian-error\""));
        // A consent date in the future is refused, too.
        let future = app
            .post_form(
                &editor,
                &format!("{editor}/photo/people/add"),
                &[
                    ("name", "Jonas Berger"),
                    ("kind", "colleague"),
                    ("consent_on", "2099-01-01"),
                ],
            )
            .await;
        assert!(future.body.contains("id=\"person_consent_on-error\""));

        for (name, kind, minor, guardian, on) in [
            ("Lena Vogt", "citizen", "on", "Petra Vogt", "2026-11-20"),
            ("Jonas Berger", "colleague", "", "", ""),
        ] {
            let res = app
                .post_form(
                    &editor,
                    &format!("{editor}/photo/people/add"),
                    &[
                        ("name", name),
                        ("kind", kind),
                        ("minor", minor),
                        ("guardian_name", guardian),
                        ("consent_on", on),
                    ],
                )
                .await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        }
        let page = app.get(&editor).await;
        assert!(page.body.contains("erziehungsberechtigt: Petra Vogt"));
        let refused = publish(&mut app, &editor).await;
        assert!(
            refused
                .body
                .contains("Für Jonas Berger liegt noch keine Einwilligung vor.")
        );
        assert!(!refused.body.contains("Lena Vogt liegt"));

        let ids = person_ids(&page.body, &editor);
        assert_eq!(ids.len(), 2, "{ids:?}");
        let jonas = &ids[1];
        let res = app
            .post_form(
                &editor,
                &format!("{editor}/photo/people/{jonas}/consent"),
                &[("consent_on", "2026-11-24")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);

        // Withdrawn before publishing: stopped for good, and the entry stays on record.
        app.post_form(
            &editor,
            &format!("{editor}/photo/people/{jonas}/withdraw"),
            &[],
        )
        .await;
        let refused = publish(&mut app, &editor).await;
        assert!(
            refused
                .body
                .contains("Jonas Berger hat die Einwilligung widerrufen")
        );
        let gone = app
            .post_form(
                &editor,
                &format!("{editor}/photo/people/{jonas}/remove"),
                &[],
            )
            .await;
        assert_eq!(gone.status, StatusCode::CONFLICT);

        // Another person's post is not reachable.
        app.login("jonas.petersen@musterstadt.example").await;
        let other = app
            .post_form(
                &editor,
                &format!("{editor}/photo/people/{jonas}/withdraw"),
                &[],
            )
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);

        // A new photo without recognisable people can go.
        app.login(KATHARINA).await;
        with_photo(&mut app, &editor).await;
        app.post_form(
            &editor,
            &format!("{editor}/photo/people"),
            &[("people", "no")],
        )
        .await;
        let ok = publish(&mut app, &editor).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

        let n = db::entities::audit_entry::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.action.starts_with("photo."))
            .count();
        assert_eq!(n, 4, "two people added, one consent, one withdrawal");
    }
}

#[tokio::test]
async fn a_consent_withdrawn_after_scheduling_stops_the_photo_at_the_minute() {
    for s in Setup::all().await {
        s.connect(LINKEDIN).await;
        let (id, _) = s.due(LINKEDIN, "Unser Team im neuen Bürgerbüro.").await;
        let photo = post_image::ActiveModel {
            tenant_id: Set(s.tenant.0),
            post_id: Set(Some(id)),
            ambassador_id: Set(Some(s.ambassador_id)),
            storage_key: Set("musterstadt/2026/11/team.jpg".into()),
            content_type: Set("image/jpeg".into()),
            width: Set(1200),
            height: Set(800),
            byte_size: Set(10),
            alt_text: Set("Das Team am Empfang".into()),
            consent_state: Set("people".into()),
            created_at: Set(db::now()),
            ..Default::default()
        }
        .insert(s.db())
        .await
        .unwrap();
        db::consent::add(
            s.db(),
            s.tenant,
            db::consent::NewPerson {
                media_id: photo.id,
                name: "Aylin Demir",
                kind: amtfluencer_domain::studio::ready::PersonKind::Colleague,
                minor: false,
                guardian_name: None,
                consent_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
            },
        )
        .await
        .unwrap();
        let person = db::consent::list(s.db(), s.tenant, photo.id).await.unwrap()[0].id;
        let today = db::now().date_naive();
        db::consent::withdraw(s.db(), s.tenant, person, today)
            .await
            .unwrap();
        s.run_publishing().await;

        assert!(s.li.posts().is_empty(), "nothing reaches LinkedIn");
        let p = s.post(id).await;
        assert_eq!(p.status, "failed");
        let reason = p.failure_reason.unwrap_or_default();
        assert!(
            reason.contains("Aylin Demir hat die Einwilligung widerrufen"),
            "{reason}"
        );
    }
}
