//! Invitations: sent by SMTP, accepted once, expired or withdrawn links refused, audited.

use amtfluencer::db::{self, auth_tokens};
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use axum::http::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use amtfluencer::demo::PASSWORD;

use super::{
    SmtpServer, audit_actions, body_text, invite, mail_apps, mail_jobs, neighbour, run_jobs,
    token_after,
};

const NEW: &str = "nora.neu@musterstadt.example";

#[tokio::test]
async fn an_invitation_arrives_by_smtp_and_its_link_makes_a_member_once() {
    let smtp = SmtpServer::start().await;
    for (mut app, _outbox) in mail_apps(Some(&smtp.url())).await {
        let before = smtp.received().len();
        app.login("admin@musterstadt.example").await;
        let sent = invite(&mut app, NEW, "Nora Neu", "ambassador").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let list = app.get(sent.location.as_deref().unwrap()).await;
        assert!(list.body.contains("Die Einladung ist unterwegs."));
        assert!(
            list.body
                .contains("<td class=\"wrap\">nora.neu@musterstadt.example</td>")
        );
        assert!(
            audit_actions(&app)
                .await
                .contains(&"invitation.created".to_owned())
        );
        // With SMTP there is no outbox.
        let outbox = app.get("/t/musterstadt/outbox").await;
        assert!(
            outbox.body.contains("über den eingerichteten Mailserver"),
            "{}",
            outbox.body
        );

        assert_eq!(run_jobs(&app).await, 1, "{}", app.tdb.backend);
        let got = smtp.received();
        assert_eq!(got.len(), before + 1);
        let mail = &got[before];
        assert_eq!(mail.rcpt, [format!("<{NEW}>")]);
        let text = body_text(&mail.data);
        assert!(text.find("Guten Tag Nora Neu").unwrap() < text.find("Hello Nora Neu").unwrap());
        let prefix = format!("{}/invite/", app.state.config.base_url);
        let token = token_after(&text, &prefix);
        // Only the hash is stored.
        let stored = amtfluencer::db::entities::auth_token::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(
            stored
                .iter()
                .all(|t| t.token_hash != token && !t.token_hash.is_empty())
        );

        // The invited person, in a browser of their own.
        app.cookies.clear();
        let link = format!("/invite/{token}");
        let form = app.get(&link).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.body.contains("Stadt Musterstadt am Rhein lädt Sie"),
            "{}",
            form.body
        );
        assert!(form.body.contains("Ihre Rolle: Amtfluencer"));
        let short = app
            .post_form(
                &link,
                &link,
                &[
                    ("name", "Nora Neu"),
                    ("password", "zu-kurz"),
                    ("password2", "zu-kurz"),
                ],
            )
            .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("mindestens 12 Zeichen"));
        assert!(
            short.body.contains("value=\"Nora Neu\""),
            "the name is kept"
        );
        assert!(short.body.contains("role=\"alert\""));
        assert!(
            short
                .body
                .contains("aria-describedby=\"password-hint password-error\"")
        );
        let typo = app
            .post_form(
                &link,
                &link,
                &[
                    ("name", "Nora Neu"),
                    ("password", "ein langes passwort"),
                    ("password2", "ein langes paswort"),
                ],
            )
            .await;
        assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(typo.body.contains("stimmen nicht überein"));

        let done = app
            .post_form(
                &link,
                &link,
                &[
                    ("name", "Nora Neu"),
                    ("password", "ein langes passwort"),
                    ("password2", "ein langes passwort"),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(done.location.as_deref(), Some("/t/musterstadt/"));
        let start = app.get("/t/musterstadt/").await;
        assert!(start.body.contains("Willkommen, Nora Neu."), "signed in");
        let user = db::users::by_email(&app.state.db, &Email::parse(NEW).unwrap())
            .await
            .unwrap()
            .unwrap();
        let tenant = db::tenants::by_slug(&app.state.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        let role = db::users::role_in(&app.state.db, TenantId(tenant.id), user.id)
            .await
            .unwrap();
        assert_eq!(role, Some(Role::Ambassador));
        assert!(
            audit_actions(&app)
                .await
                .contains(&"invitation.accepted".to_owned())
        );

        // Single use: the link is spent, for anyone.
        app.cookies.clear();
        assert_eq!(app.get(&link).await.status, StatusCode::GONE);
        let again = app
            .post_form(
                "/login",
                &link,
                &[
                    ("name", "X"),
                    ("password", "noch ein passwort"),
                    ("password2", "noch ein passwort"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::GONE);
        assert!(again.body.contains("Dieser Link gilt nicht mehr"));
    }
}

#[tokio::test]
async fn expired_unknown_and_withdrawn_links_are_refused_kindly() {
    for (mut app, _outbox) in mail_apps(None).await {
        let tenant = db::tenants::by_slug(&app.state.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        let admin = db::users::by_email(
            &app.state.db,
            &Email::parse("admin@musterstadt.example").unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let email = Email::parse("spaet@musterstadt.example").unwrap();
        let new = auth_tokens::NewInvitation {
            email: &email,
            role: Role::Council,
            created_by: admin.id,
        };
        let (token, row) = auth_tokens::create_invitation(&app.state.db, TenantId(tenant.id), new)
            .await
            .unwrap();
        amtfluencer::db::entities::auth_token::Entity::update_many()
            .col_expr(
                amtfluencer::db::entities::auth_token::Column::ExpiresAt,
                Expr::value(db::now() - chrono::Duration::minutes(1)),
            )
            .filter(amtfluencer::db::entities::auth_token::Column::Id.eq(row.id))
            .exec(&app.state.db)
            .await
            .unwrap();
        let expired = app.get(&format!("/invite/{token}")).await;
        assert_eq!(expired.status, StatusCode::GONE);
        assert!(expired.body.contains("Dieser Link gilt nicht mehr"));
        assert!(expired.body.contains("Programmteam"), "says whom to ask");
        app.accept_language = Some("en".into());
        let english = app.get(&format!("/invite/{token}")).await;
        assert!(
            english.body.contains("This link is no longer valid"),
            "{}",
            english.body
        );
        app.accept_language = None;
        let unknown = app.get(&format!("/invite/{}", "ab".repeat(32))).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert!(unknown.body.contains("Dieser Link gilt nicht mehr"));
        assert_eq!(app.get("/invite/kurz").await.status, StatusCode::NOT_FOUND);

        // Withdrawn by the programme team: the link stops working.
        app.login("admin@musterstadt.example").await;
        invite(
            &mut app,
            "weg@musterstadt.example",
            "Willi Weg",
            "leadership",
        )
        .await;
        let open = auth_tokens::open_invitations(&app.state.db, TenantId(tenant.id), db::now())
            .await
            .unwrap();
        let id = open
            .iter()
            .find(|t| t.email == "weg@musterstadt.example")
            .unwrap()
            .id;
        let list = "/t/musterstadt/invitations";
        let revoked = app
            .post_form(list, &format!("{list}/{id}/revoke"), &[])
            .await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER);
        let page = app.get(revoked.location.as_deref().unwrap()).await;
        assert!(page.body.contains("zurückgezogen"));
        assert!(!page.body.contains("weg@musterstadt.example"));
        assert!(
            audit_actions(&app)
                .await
                .contains(&"invitation.revoked".to_owned())
        );
        let twice = app
            .post_form(list, &format!("{list}/{id}/revoke"), &[])
            .await;
        assert_eq!(twice.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_wrong_entry_keeps_what_was_typed_and_says_why_next_to_the_field() {
    for (mut app, _outbox) in mail_apps(None).await {
        app.login("admin@musterstadt.example").await;
        let bad = invite(&mut app, "kein-at-zeichen", "Karl <Klein>", "superuser").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("value=\"kein-at-zeichen\""));
        assert!(
            bad.body.contains("value=\"Karl &#60;Klein&#62;\"")
                || bad.body.contains("value=\"Karl &lt;Klein&gt;\""),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("id=\"email-error\""));
        assert!(bad.body.contains("aria-describedby=\"email-error\""));
        assert!(bad.body.contains("aria-describedby=\"role-error\""));
        assert!(
            !bad.body.contains("aria-describedby=\"name-error\""),
            "the name is fine"
        );
        assert!(bad.body.contains("role=\"alert\""));
        // Someone who belongs to the authority already is not invited again.
        let member = invite(
            &mut app,
            "council@musterstadt.example",
            "Petra Vogt",
            "admin",
        )
        .await;
        assert_eq!(member.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(member.body.contains("gehört schon zu Ihrer Behörde"));
        assert!(mail_jobs(&app).await.is_empty(), "nothing was sent");
        // Only the programme team invites.
        app.login("council@musterstadt.example").await;
        assert_eq!(
            app.get("/t/musterstadt/invitations").await.status,
            StatusCode::FORBIDDEN
        );
        let csrf = app.get("/t/musterstadt/").await.csrf();
        let post = app
            .post_raw(
                "/t/musterstadt/invitations",
                &[
                    ("csrf", &csrf),
                    ("email", NEW),
                    ("name", "N"),
                    ("role", "admin"),
                ],
            )
            .await;
        assert_eq!(post.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn someone_with_an_account_joins_another_authority_with_their_own_password() {
    for (mut app, _outbox) in mail_apps(None).await {
        neighbour(&app).await;
        app.login("admin@nachbarstadt.example").await;
        let path = "/t/nachbarstadt/invitations";
        let fields = [
            ("email", "admin@musterstadt.example"),
            ("name", "Sabine Krüger"),
            ("role", "council"),
        ];
        let sent = app.post_form(path, path, &fields).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        run_jobs(&app).await;
        let mails = amtfluencer::mail::outbox::list(
            &app.state.config.outbox_dir,
            amtfluencer::mail::outbox::Scope::All,
            10,
        )
        .await
        .unwrap();
        let prefix = format!("{}/invite/", app.state.config.base_url);
        let link = format!("/invite/{}", token_after(&mails[0].text, &prefix));

        // Whoever holds the link still needs the account's password.
        app.cookies.clear();
        let form = app.get(&link).await;
        assert!(
            form.body.contains("autocomplete=\"current-password\""),
            "{}",
            form.body
        );
        assert!(!form.body.contains("name=\"password2\""));
        let wrong = app
            .post_form(&link, &link, &[("password", "falsches passwort")])
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("Das Passwort stimmt nicht"));
        let right = app.post_form(&link, &link, &[("password", PASSWORD)]).await;
        assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
        assert_eq!(right.location.as_deref(), Some("/t/nachbarstadt/"));
        let user = db::users::by_email(
            &app.state.db,
            &Email::parse("admin@musterstadt.example").unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let memberships = db::users::memberships_of(&app.state.db, user.id)
            .await
            .unwrap();
        let roles: Vec<_> = memberships
            .iter()
            .map(|(t, r)| (t.slug.as_str(), *r))
            .collect();
        assert_eq!(
            roles,
            [
                ("musterstadt", Role::Admin),
                ("nachbarstadt", Role::Council)
            ]
        );
        assert_eq!(
            user.display_name, "Sabine Krüger",
            "the account is unchanged"
        );
    }
}
