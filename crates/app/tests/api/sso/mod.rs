//! Single sign-on over HTTP, on both backends, against a local OpenID Connect provider that
//! each test starts: discovery document, key set, and a token endpoint that checks PKCE and
//! the client's credentials and returns an ID token signed with a fixed test key.
//!
//! `provider` is that provider; the tests are in `settings` (the settings page), `login`
//! (the sign-in and its checks) and `claims` (addresses, roles and accounts from the claims).

mod claims;
mod login;
mod provider;
mod settings;

use amtfluencer::db::{self, entities};
use amtfluencer::state::AppState;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::support::{Page, TestApp, test_config};
use provider::Idp;

const CLIENT_ID: &str = "amtfluencer";
const CLIENT_SECRET: &str = "geheim:+/= 1";
const START: &str = "/t/musterstadt/login/sso";
const SETTINGS: &str = "/t/musterstadt/settings/sso";
const KEY: [u8; 32] = [7; 32];

/// The demo authority on every backend, with a key for secrets at rest.
async fn apps() -> Vec<TestApp> {
    let mut apps = TestApp::demo_all().await;
    for app in &mut apps {
        let mut config = test_config(&app.tdb.url);
        config.secret_key = Some(KEY);
        app.state = AppState::new(app.tdb.db.clone(), config).unwrap();
    }
    apps
}

/// Stores the demo authority's provider directly.
async fn configure(app: &TestApp, idp: &Idp, claim: &str, mapping: &str, default: Option<Role>) {
    let settings = db::oidc::ProviderSettings {
        issuer: idp.issuer.clone(),
        client_id: CLIENT_ID.into(),
        allowed_domains: vec!["musterstadt.example".into()],
        role_claim: claim.into(),
        role_mapping: amtfluencer::auth::oidc::parse_mapping(mapping).unwrap(),
        default_role: default,
        enabled: true,
    };
    let secret = amtfluencer::crypto::encrypt(&KEY, CLIENT_SECRET.as_bytes()).unwrap();
    db::oidc::save_provider(&app.tdb.db, tenant(app).await, &settings, Some(secret))
        .await
        .unwrap();
}

async fn tenant(app: &TestApp) -> TenantId {
    let t = db::tenants::by_slug(&app.tdb.db, "musterstadt")
        .await
        .unwrap()
        .unwrap();
    TenantId(t.id)
}

/// Starts a sign-in, lets the provider answer and follows it back to our callback.
async fn sso_login(app: &mut TestApp, idp: &Idp) -> Page {
    let start = app.get(START).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let callback = idp.authorize(start.location.as_deref().unwrap());
    app.get(&callback).await
}

async fn user(app: &TestApp, email: &str) -> Option<entities::user::Model> {
    db::users::by_email(&app.tdb.db, &Email::parse(email).unwrap())
        .await
        .unwrap()
}

async fn audit(app: &TestApp, action: &str) -> Vec<Value> {
    entities::audit_entry::Entity::find()
        .filter(entities::audit_entry::Column::Action.eq(action))
        .all(&app.tdb.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| serde_json::from_str(&e.details).unwrap())
        .collect()
}

fn signed_in(p: &Page) -> bool {
    p.set_cookies
        .iter()
        .any(|c| c.starts_with("amtf_session=") && !c.contains("Max-Age=0"))
}
