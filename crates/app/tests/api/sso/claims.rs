//! What the claims decide: the address and its domain, the role in the styles of Entra ID and
//! Keycloak, and linking to an existing account (never one of another authority).

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{FederalState, Slug};
use axum::http::StatusCode;
use serde_json::json;

use super::provider::Idp;
use super::{CLIENT_ID, apps, audit, configure, signed_in, sso_login, tenant, user};

#[tokio::test]
async fn an_address_outside_the_allowed_domains_is_refused() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        idp.claims(json!({ "email": "jemand@anderswo.example" }));
        let res = sso_login(&mut app, &idp).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", app.tdb.backend);
        assert!(!signed_in(&res));
        assert!(res.body.contains("nicht zu den Domains"));
        let failed = audit(&app, "login.sso_failed").await;
        assert_eq!(failed[0]["reason"], json!("domain_not_allowed"));
        assert_eq!(failed[0]["email"], json!("jemand@anderswo.example"));
        assert!(user(&app, "jemand@anderswo.example").await.is_none());
        // An address the provider marks as unverified is not taken either.
        idp.claims(json!({ "email_verified": false }));
        let res = sso_login(&mut app, &idp).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(
            audit(&app, "login.sso_failed").await[1]["reason"],
            json!("no_email")
        );
    }
}

#[tokio::test]
async fn entra_style_claims_sign_in_with_the_username_and_app_roles() {
    for mut app in apps().await {
        let idp = Idp::start(&[
            "client_secret_post",
            "private_key_jwt",
            "client_secret_basic",
        ])
        .await;
        configure(&app, &idp, "roles", "Amtfluencer.Council = council", None).await;
        // Entra ID v2: no `email` without an optional claim, the UPN in preferred_username,
        // app roles in `roles`, and a tenant id.
        idp.claims(json!({
            "email": null,
            "email_verified": null,
            "preferred_username": "Rat.Mitglied@musterstadt.example",
            "roles": ["Amtfluencer.Council"],
            "tid": "8a1c2b3d-0000-4000-8000-000000000001",
            "oid": "00000000-0000-0000-0000-00000000abcd",
            "ver": "2.0",
        }));
        let res = sso_login(&mut app, &idp).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{}: {}",
            app.tdb.backend,
            res.body
        );
        let u = user(&app, "rat.mitglied@musterstadt.example")
            .await
            .unwrap();
        let role = db::users::role_in(&app.tdb.db, tenant(&app).await, u.id)
            .await
            .unwrap();
        assert_eq!(role, Some(Role::Council));
        // A single role as a string works as well; no mapped role and no default: refused.
        app.post_form("/t/musterstadt/", "/logout", &[]).await;
        idp.claims(json!({ "email": null, "preferred_username": "x@musterstadt.example", "roles": "Andere.Rolle" }));
        let refused = sso_login(&mut app, &idp).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.contains("keiner Rolle im Programm zugeordnet"));
        assert!(user(&app, "x@musterstadt.example").await.is_none());
        assert_eq!(
            audit(&app, "login.sso_failed").await[0]["reason"],
            json!("no_role")
        );
    }
}

#[tokio::test]
async fn keycloak_style_claims_map_realm_roles_with_basic_client_authentication() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_basic"]).await;
        configure(
            &app,
            &idp,
            "realm_access.roles",
            "amtfluencer-leitung = leadership",
            None,
        )
        .await;
        idp.claims(json!({
            "email": "Leitung.Neu@Musterstadt.example",
            "preferred_username": "lneu",
            "azp": CLIENT_ID,
            "realm_access": { "roles": ["offline_access", "amtfluencer-leitung"] },
        }));
        let res = sso_login(&mut app, &idp).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{}: {}",
            app.tdb.backend,
            res.body
        );
        assert_eq!(idp.exchanges(), vec!["client_secret_basic"]);
        let u = user(&app, "leitung.neu@musterstadt.example").await.unwrap();
        let role = db::users::role_in(&app.tdb.db, tenant(&app).await, u.id)
            .await
            .unwrap();
        assert_eq!(role, Some(Role::Leadership));
    }
}

#[tokio::test]
async fn an_existing_account_is_linked_unless_it_belongs_to_another_authority() {
    for mut app in apps().await {
        let idp = Idp::start(&["client_secret_post"]).await;
        configure(&app, &idp, "groups", "", Some(Role::Ambassador)).await;
        let katharina = user(&app, "katharina.brenner@musterstadt.example")
            .await
            .unwrap();
        idp.claims(json!({ "email": "katharina.brenner@musterstadt.example", "sub": "kb" }));
        assert!(
            signed_in(&sso_login(&mut app, &idp).await),
            "{}",
            app.tdb.backend
        );
        let ids = db::oidc::identities_of(&app.tdb.db, katharina.id)
            .await
            .unwrap();
        assert_eq!(ids.len(), 1, "linked to the existing account");
        app.post_form("/t/musterstadt/", "/logout", &[]).await;

        // The leadership account also belongs to another authority that does not trust
        // this provider: this provider must not become a way into it.
        let other = db::tenants::create(
            &app.tdb.db,
            db::tenants::NewTenant {
                slug: Slug::parse("nachbarstadt").unwrap(),
                name: "Nachbarstadt".into(),
                federal_state: FederalState::NW,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap();
        let lead = user(&app, "leadership@musterstadt.example").await.unwrap();
        db::users::add_membership(&app.tdb.db, TenantId(other.id), lead.id, Role::Admin)
            .await
            .unwrap();
        idp.claims(json!({ "email": "leadership@musterstadt.example", "sub": "lead" }));
        let res = sso_login(&mut app, &idp).await;
        assert_eq!(res.status, StatusCode::CONFLICT);
        assert!(!signed_in(&res));
        assert!(
            db::oidc::identities_of(&app.tdb.db, lead.id)
                .await
                .unwrap()
                .is_empty()
        );
        let failed = audit(&app, "login.sso_failed").await;
        assert_eq!(failed[0]["reason"], json!("account_in_other_authority"));
    }
}
