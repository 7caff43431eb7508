//! The job queue's db functions on both backends.

use std::time::Duration;

use amtfluencer::db::{self, jobs::NewJob};
use amtfluencer_domain::jobs::JobStatus;
use sea_orm::EntityTrait;

use crate::support::TestDb;

fn job(kind: &'static str) -> NewJob {
    NewJob::new(kind, serde_json::json!({"n": 1}))
}

#[tokio::test]
async fn a_job_is_claimed_once_and_completed() {
    for t in TestDb::all().await {
        let id = db::jobs::enqueue(&t.db, job("noop"))
            .await
            .unwrap()
            .unwrap();
        let claimed = db::jobs::claim(&t.db, "w1", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (claimed.id, claimed.attempts, claimed.status.as_str()),
            (id, 1, "running")
        );
        assert_eq!(claimed.payload, r#"{"n":1}"#);
        assert!(
            db::jobs::claim(&t.db, "w2", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.backend
        );
        assert!(
            !db::jobs::complete(&t.db, id, "w2").await.unwrap(),
            "another worker cannot complete it"
        );
        assert!(db::jobs::complete(&t.db, id, "w1").await.unwrap());
        let done = db::entities::job::Entity::find_by_id(id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(done.status, "done");
        assert!(done.finished_at.is_some());
    }
}

#[tokio::test]
async fn a_second_job_with_the_same_idempotency_key_is_not_added() {
    for t in TestDb::all().await {
        let mut j = job("publish");
        j.idempotency_key = Some("post:42".into());
        assert!(db::jobs::enqueue(&t.db, j.clone()).await.unwrap().is_some());
        assert!(
            db::jobs::enqueue(&t.db, j).await.unwrap().is_none(),
            "{}",
            t.backend
        );
        assert_eq!(
            db::entities::job::Entity::find()
                .all(&t.db)
                .await
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn a_job_planned_for_later_is_not_claimed_early() {
    for t in TestDb::all().await {
        let mut j = job("later");
        j.run_at = Some(db::now() + chrono::Duration::minutes(10));
        db::jobs::enqueue(&t.db, j).await.unwrap();
        assert!(
            db::jobs::claim(&t.db, "w", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_failed_job_is_retried_later_and_dead_after_its_last_attempt() {
    for t in TestDb::all().await {
        let mut j = job("flaky");
        j.max_attempts = 2;
        let id = db::jobs::enqueue(&t.db, j).await.unwrap().unwrap();
        let c = db::jobs::claim(&t.db, "w", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            db::jobs::fail(&t.db, &c, "w", "LinkedIn antwortet nicht")
                .await
                .unwrap(),
            JobStatus::Queued
        );
        let row = db::entities::job::Entity::find_by_id(id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            row.run_at > db::now() + chrono::Duration::seconds(5),
            "backoff delays the retry"
        );
        assert_eq!(row.last_error.as_deref(), Some("LinkedIn antwortet nicht"));
        assert!(
            db::jobs::claim(&t.db, "w", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );

        // Make it due now and let it fail for the last time.
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
        let mut am = row.into_active_model();
        am.run_at = Set(db::now());
        am.update(&t.db).await.unwrap();
        let c = db::jobs::claim(&t.db, "w", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.attempts, 2);
        assert_eq!(
            db::jobs::fail(&t.db, &c, "w", "immer noch nicht")
                .await
                .unwrap(),
            JobStatus::Dead
        );
        let dead = db::jobs::list_dead(&t.db, 10).await.unwrap();
        assert_eq!(dead.iter().map(|d| d.id).collect::<Vec<_>>(), [id]);
        let counts = db::jobs::count_by_status(&t.db).await.unwrap();
        assert_eq!(counts, [("dead".to_owned(), 1)]);

        assert!(
            db::jobs::retry_dead(&t.db, id).await.unwrap(),
            "an admin can retry it"
        );
        let again = db::jobs::claim(&t.db, "w", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!((again.id, again.attempts), (id, 1));
    }
}

#[tokio::test]
async fn an_expired_lock_lets_another_worker_take_the_job() {
    for t in TestDb::all().await {
        let id = db::jobs::enqueue(&t.db, job("slow"))
            .await
            .unwrap()
            .unwrap();
        db::jobs::claim(&t.db, "crashed", Duration::from_millis(1))
            .await
            .unwrap()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        let c = db::jobs::claim(&t.db, "alive", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (c.id, c.attempts, c.locked_by.as_deref()),
            (id, 2, Some("alive"))
        );
        assert!(
            !db::jobs::complete(&t.db, id, "crashed").await.unwrap(),
            "the old worker lost it"
        );
        assert!(db::jobs::complete(&t.db, id, "alive").await.unwrap());
    }
}

#[tokio::test]
async fn a_job_whose_worker_died_on_the_last_attempt_is_buried() {
    for t in TestDb::all().await {
        let mut j = job("crashy");
        j.max_attempts = 1;
        let id = db::jobs::enqueue(&t.db, j).await.unwrap().unwrap();
        db::jobs::claim(&t.db, "crashed", Duration::from_millis(1))
            .await
            .unwrap()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            db::jobs::claim(&t.db, "other", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(db::jobs::bury_expired(&t.db).await.unwrap(), 1);
        assert_eq!(db::jobs::list_dead(&t.db, 5).await.unwrap()[0].id, id);
    }
}

#[tokio::test]
async fn finished_jobs_are_purged_after_a_while() {
    for t in TestDb::all().await {
        let id = db::jobs::enqueue(&t.db, job("x")).await.unwrap().unwrap();
        db::jobs::claim(&t.db, "w", Duration::from_secs(60))
            .await
            .unwrap();
        db::jobs::complete(&t.db, id, "w").await.unwrap();
        assert_eq!(
            db::jobs::purge_done(&t.db, chrono::Duration::days(7))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            db::jobs::purge_done(&t.db, chrono::Duration::seconds(-1))
                .await
                .unwrap(),
            1
        );
    }
}
