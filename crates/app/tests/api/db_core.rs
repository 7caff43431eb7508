//! Tenants, users, memberships, sessions, audit log, migrations and backup on both backends.

use amtfluencer::db;
use amtfluencer::error::AppError;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::support::TestDb;

async fn tenant(db: &impl ConnectionTrait, slug: &str) -> amtfluencer::db::entities::tenant::Model {
    db::tenants::create(
        db,
        db::tenants::NewTenant {
            slug: Slug::parse(slug).unwrap(),
            name: format!("Stadt {slug}"),
            federal_state: FederalState::NW,
            time_zone: "Europe/Berlin".into(),
        },
    )
    .await
    .unwrap()
}

async fn user(db: &impl ConnectionTrait, email: &str) -> amtfluencer::db::entities::user::Model {
    let e = Email::parse(email).unwrap();
    db::users::create(
        db,
        db::users::NewUser {
            email: &e,
            display_name: "Test",
            password_hash: None,
            is_operator: false,
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn migrations_are_idempotent_and_a_newer_schema_is_refused() {
    for t in TestDb::all().await {
        assert_eq!(db::migrate(&t.db).await.unwrap(), 0, "{}", t.backend);
        t.db.execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_future', 0)",
        )
        .await
        .unwrap();
        let err = db::migrate(&t.db).await.unwrap_err().to_string();
        assert!(err.contains("newer than this Amtfluencer binary"), "{err}");
        assert!(err.contains("m20991231_000001_future"), "{err}");
    }
}

#[tokio::test]
async fn a_tenant_is_found_by_its_slug_and_a_duplicate_slug_is_a_conflict() {
    for t in TestDb::all().await {
        let a = tenant(&t.db, "musterstadt").await;
        assert_eq!(
            db::tenants::by_slug(&t.db, "musterstadt")
                .await
                .unwrap()
                .unwrap()
                .id,
            a.id
        );
        assert!(
            db::tenants::by_slug(&t.db, "anderswo")
                .await
                .unwrap()
                .is_none()
        );
        let dup = db::tenants::create(
            &t.db,
            db::tenants::NewTenant {
                slug: Slug::parse("musterstadt").unwrap(),
                name: "x".into(),
                federal_state: FederalState::BY,
                time_zone: "Europe/Berlin".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(AppError::from(dup), AppError::Conflict(_)),
            "{}",
            t.backend
        );
        tenant(&t.db, "beispielkreis").await;
        let names: Vec<_> = db::tenants::list(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.slug)
            .collect();
        assert_eq!(names, ["beispielkreis", "musterstadt"]);
    }
}

#[tokio::test]
async fn memberships_give_a_role_per_authority() {
    for t in TestDb::all().await {
        let (a, b) = (
            tenant(&t.db, "stadt-a").await,
            tenant(&t.db, "stadt-b").await,
        );
        let u = user(&t.db, "Anna@Stadt-A.example").await;
        assert_eq!(u.email, "anna@stadt-a.example");
        let found = db::users::by_email(&t.db, &Email::parse("ANNA@stadt-a.example").unwrap())
            .await
            .unwrap();
        assert_eq!(found.map(|f| f.id), Some(u.id));
        db::users::add_membership(&t.db, TenantId(a.id), u.id, Role::Admin)
            .await
            .unwrap();
        db::users::add_membership(&t.db, TenantId(b.id), u.id, Role::Council)
            .await
            .unwrap();
        assert_eq!(
            db::users::role_in(&t.db, TenantId(a.id), u.id)
                .await
                .unwrap(),
            Some(Role::Admin)
        );
        assert_eq!(
            db::users::role_in(&t.db, TenantId(b.id), u.id)
                .await
                .unwrap(),
            Some(Role::Council)
        );
        let all = db::users::memberships_of(&t.db, u.id).await.unwrap();
        assert_eq!(all.len(), 2);
        let again = db::users::add_membership(&t.db, TenantId(a.id), u.id, Role::Ambassador)
            .await
            .unwrap_err();
        assert!(matches!(AppError::from(again), AppError::Conflict(_)));
        assert!(
            db::users::by_id(&t.db, u.id + 1000)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_or_too_old_and_can_all_be_ended() {
    for t in TestDb::all().await {
        let u = user(&t.db, "s@x.example").await;
        let (token, s) = db::sessions::create(&t.db, u.id, None, Some("Test".into()))
            .await
            .unwrap();
        assert_ne!(token, s.id, "only the hash is stored");
        let now = db::now();
        assert!(
            db::sessions::find_live(&t.db, &token, now)
                .await
                .unwrap()
                .is_some()
        );
        let idle = now + db::sessions::IDLE_TIMEOUT + chrono::Duration::minutes(1);
        assert!(
            db::sessions::find_live(&t.db, &token, idle)
                .await
                .unwrap()
                .is_none()
        );
        // Activity keeps a session alive, but not beyond its absolute limit.
        db::sessions::touch(&t.db, &s, now + chrono::Duration::hours(1))
            .await
            .unwrap();
        let later = now + chrono::Duration::hours(2) + chrono::Duration::minutes(30);
        assert!(
            db::sessions::find_live(&t.db, &token, later)
                .await
                .unwrap()
                .is_some()
        );
        let too_old = now + db::sessions::ABSOLUTE_TIMEOUT + chrono::Duration::minutes(1);
        assert!(
            db::sessions::find_live(&t.db, &token, too_old)
                .await
                .unwrap()
                .is_none()
        );

        db::sessions::create(&t.db, u.id, None, None).await.unwrap();
        assert_eq!(
            db::sessions::delete_all_for_user(&t.db, u.id)
                .await
                .unwrap(),
            2
        );
        assert!(
            db::sessions::find_live(&t.db, &token, now)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(db::sessions::purge_expired(&t.db).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn the_audit_log_keeps_who_did_what() {
    for t in TestDb::all().await {
        let a = tenant(&t.db, "stadt").await;
        let u = user(&t.db, "a@x.example").await;
        db::audit::record(
            &t.db,
            Some(TenantId(a.id)),
            db::audit::Entry {
                actor_user_id: Some(u.id),
                action: "cohort.decided",
                object_type: "cohort",
                object_id: Some("7".into()),
                details: serde_json::json!({"decision": "approved"}),
            },
        )
        .await
        .unwrap();
        let rows = db::entities::audit_entry::Entity::find()
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].action.as_str(), rows[0].actor_user_id),
            ("cohort.decided", Some(u.id))
        );
        assert!(rows[0].details.contains("approved"));
    }
}

#[tokio::test]
async fn a_sqlite_backup_is_a_complete_readable_copy() {
    let t = TestDb::sqlite().await;
    amtfluencer::demo::seed(&t.db, 1).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("copy.db");
    db::backup_sqlite(&t.db, &target).await.unwrap();
    let copy = db::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    let slug = db::tenants::by_slug(&copy, "musterstadt").await.unwrap();
    assert!(slug.is_some());
    let err = db::backup_sqlite(&t.db, &target)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("exists already"), "{err}");
}

#[tokio::test]
async fn a_postgres_backup_points_to_pg_dump() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let err = db::backup_sqlite(&t.db, &dir.path().join("x.db"))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("pg_dump"), "{err}");
}

#[tokio::test]
async fn the_database_answers_a_ping() {
    for t in TestDb::all().await {
        assert!(db::ping(&t.db).await, "{}", t.backend);
    }
}
