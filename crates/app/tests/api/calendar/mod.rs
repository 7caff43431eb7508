//! The editorial calendar: public holidays of every state, slot suggestions, planned posts
//! through the API and the pages, working-time settings and the calendar feeds.

mod feeds;
mod holidays;
mod pages;
mod posts;
mod slots;

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::types::Email;

use crate::support::{Page, TestApp};

pub const ADMIN: &str = "admin@musterstadt.example";
pub const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";
pub const OTHER_AMBASSADOR: &str = "mehmet.yildirim@musterstadt.example";

pub async fn tenant(app: &TestApp) -> TenantId {
    crate::cohorts::tenant(app).await
}

/// A write token of the person with this address in the demo authority.
pub async fn token(app: &TestApp, email: &str) -> String {
    let user = db::users::by_email(&app.tdb.db, &Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    db::api_tokens::create(
        &app.tdb.db,
        tenant(app).await,
        db::api_tokens::NewToken {
            user_id: user.id,
            name: "test",
            scope: db::api_tokens::Scope::Write,
            valid_for: chrono::Duration::days(1),
        },
    )
    .await
    .unwrap()
    .0
}

/// A JSON request with a bearer token.
pub async fn json(app: &TestApp, method: &str, path: &str, token: &str, body: &str) -> Page {
    let mut c = TestApp::with_db_shared(app).await;
    c.json(method, path, token, body).await
}

/// The ambassador record behind a demo address.
pub async fn ambassador_id(app: &TestApp, email: &str) -> i64 {
    let user = db::users::by_email(&app.tdb.db, &Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    db::ambassadors::of_user(&app.tdb.db, tenant(app).await, user.id)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A topic, a planned post (June 2027) and a blackout period in another authority, for the
/// cross-authority probe: (topic, post, blackout).
pub async fn objects_of(
    db: &sea_orm::DatabaseConnection,
    tid: TenantId,
    person: i64,
) -> (i64, i64, i64) {
    use amtfluencer_domain::calendar::Blackout;
    use amtfluencer_domain::programme::PostStatus;
    let topic = db::topics::create(
        db,
        tid,
        db::topics::NewTopic {
            title: "Nachbar-Thema".into(),
            description: "Nachbar-Beschreibung".into(),
            prompt: String::new(),
            photo_idea: String::new(),
            category: "Nachbar-Kategorie".into(),
            tags: vec!["Nachbar-Tag".into()],
        },
        db::topics::TopicStatus::Active,
        None,
    )
    .await
    .unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2027-06-08T08:00:00Z")
        .unwrap()
        .to_utc();
    let post = db::calendar::posts::plan(
        db,
        tid,
        db::calendar::posts::NewPlan {
            ambassador_id: person,
            topic_id: Some(topic.id),
            at,
            status: PostStatus::Idea,
        },
    )
    .await
    .unwrap();
    let d = |s: &str| s.parse().unwrap();
    let blackout = db::calendar::settings::add_blackout(
        db,
        tid,
        &Blackout {
            from: d("2027-06-01"),
            to: d("2027-06-02"),
            reason: "Nachbar-Wahl".into(),
        },
    )
    .await
    .unwrap();
    (topic.id, post.id, blackout.id)
}

pub async fn assert_untouched(
    db: &sea_orm::DatabaseConnection,
    tid: TenantId,
    topic: i64,
    post: i64,
    blackout: i64,
) {
    let t = db::topics::get(db, tid, topic).await.unwrap().unwrap();
    assert_eq!(t.status, "active", "B's topic untouched");
    let p = db::calendar::posts::get(db, tid, post)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        p.scheduled_at.unwrap().to_rfc3339(),
        "2027-06-08T08:00:00+00:00",
        "B's post untouched"
    );
    assert!(
        db::calendar::settings::blackouts(db, tid)
            .await
            .unwrap()
            .iter()
            .any(|b| b.id == blackout)
    );
}
