//! The self-nomination form "Ich möchte Amtfluencer werden", open to all staff without an
//! account.

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{ADMIN, JOIN, LIST, audit_actions, candidates_with_email, person, row_of, this_year};
use crate::support::TestApp;

#[tokio::test]
async fn a_colleague_nominates_themselves_without_an_account() {
    for mut app in TestApp::demo_all().await {
        let form = app.get(JOIN).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.body.contains("Ich möchte Amtfluencer werden") && form.body.contains("Freiwillig")
        );
        let no_csrf = app.post_raw(JOIN, &person(&[("agree", "on")])).await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

        let bad = app
            .post_form(
                JOIN,
                JOIN,
                &person(&[
                    ("email", "ida@intranet"),
                    ("first_name", " "),
                    ("agree", "on"),
                ]),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("value=\"ida@intranet\"") && bad.body.contains("value=\"Neumann\"")
        );
        assert!(
            bad.body.contains("id=\"email-error\"") && bad.body.contains("id=\"first_name-error\"")
        );
        assert!(bad.body.contains(" checked"), "the agreement stays ticked");
        let no_agreement = app.post_form(JOIN, JOIN, &person(&[])).await;
        assert_eq!(no_agreement.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_agreement.body.contains("Ohne Ihr Einverständnis"));
        assert!(
            candidates_with_email(&app, "ida.neumann@musterstadt.example")
                .await
                .is_empty()
        );

        let year = (this_year() - 30).to_string();
        let good = person(&[("agree", "on"), ("gender", "f"), ("birth_year", &year)]);
        let done = app.post_form(JOIN, JOIN, &good).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(
            done.location.as_deref(),
            Some("/t/musterstadt/mitmachen/danke")
        );
        let thanks = app.get("/t/musterstadt/mitmachen/danke").await;
        assert!(thanks.status == StatusCode::OK && thanks.body.contains("Vielen Dank"));
        let c = &candidates_with_email(&app, "ida.neumann@musterstadt.example").await[0];
        assert!(c.self_nominated && c.status == "interested" && c.gender.as_deref() == Some("f"));

        // The same address again: the same answer, no second entry, the data unchanged.
        let twice = app
            .post_form(
                JOIN,
                JOIN,
                &person(&[("agree", "on"), ("first_name", "Mallory")]),
            )
            .await;
        assert_eq!(twice.location, done.location);
        let all = candidates_with_email(&app, "ida.neumann@musterstadt.example").await;
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].first_name, "Ida");
        let log = audit_actions(&app, "candidate.self_nominated").await;
        assert_eq!(log.len(), 2);
        assert!(
            log.iter()
                .all(|e| e.actor_user_id.is_none() && e.details.contains("agreement"))
        );
        assert!(log.iter().any(|e| e.details.contains("\"repeat\":true")));

        app.login(ADMIN).await;
        let row = app.get(LIST).await.body;
        assert!(row_of(&row, "Ida Neumann").contains("selbst gemeldet"));
        let page = app.get(&format!("{LIST}/{}", c.id)).await.body;
        assert!(page.contains("Selbst gemeldet") && page.contains("alten Akten"));
    }
}

#[tokio::test]
async fn staff_email_domains_are_required_only_when_the_authority_sets_them() {
    for mut app in TestApp::demo_all().await {
        let tenant = db::tenants::by_slug(&app.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        db::entities::tenant::Entity::update_many()
            .col_expr(
                db::entities::tenant::Column::Settings,
                sea_orm::sea_query::Expr::value(r#"{"staff_email_domains":["musterstadt.de"]}"#),
            )
            .filter(db::entities::tenant::Column::Id.eq(tenant.id))
            .exec(&app.tdb.db)
            .await
            .unwrap();
        let private = person(&[("agree", "on"), ("email", "ida@beispiel-mail.example")]);
        let refused = app.post_form(JOIN, JOIN, &private).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("dienstliche E-Mail-Adresse")
                && refused.body.contains("musterstadt.de")
        );
        let work = person(&[("agree", "on"), ("email", "Ida.Neumann@Musterstadt.de")]);
        assert_eq!(
            app.post_form(JOIN, JOIN, &work).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            candidates_with_email(&app, "ida.neumann@musterstadt.de")
                .await
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn a_colleague_who_withdraws_is_deleted_with_their_nominations() {
    for mut app in TestApp::demo_all().await {
        let done = app.post_form(JOIN, JOIN, &person(&[("agree", "on")])).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        let id = candidates_with_email(&app, "ida.neumann@musterstadt.example").await[0].id;
        app.login(ADMIN).await;
        let page = format!("{LIST}/{id}");
        let unconfirmed = app.post_form(&page, &format!("{page}/delete"), &[]).await;
        assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unconfirmed
                .body
                .contains("Bitte bestätigen Sie das Löschen")
        );
        let deleted = app
            .post_form(&page, &format!("{page}/delete"), &[("confirm", "on")])
            .await;
        assert_eq!(
            deleted.location.as_deref(),
            Some("/t/musterstadt/recruitment?done=deleted")
        );
        assert!(
            app.get(deleted.location.as_deref().unwrap())
                .await
                .body
                .contains("gelöscht")
        );
        assert!(
            candidates_with_email(&app, "ida.neumann@musterstadt.example")
                .await
                .is_empty()
        );
        assert_eq!(app.get(&page).await.status, StatusCode::NOT_FOUND);
        let left = db::candidates::nominations(&app.tdb.db, TenantId(tenant_id(&app).await), id)
            .await
            .unwrap();
        assert!(left.is_empty(), "the nominations went with the candidate");
        let log = audit_actions(&app, "candidate.deleted").await;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].object_id.as_deref(), Some(id.to_string().as_str()));
    }
}

async fn tenant_id(app: &TestApp) -> i64 {
    db::tenants::by_slug(&app.tdb.db, "musterstadt")
        .await
        .unwrap()
        .unwrap()
        .id
}
