//! A post deleted while figures are written for it, on PostgreSQL, where the write does not
//! lock its posts row by row but takes the authority's lock against their deletion (migration
//! `m20261208_000021_snapshot_post_lock`): whichever comes first, the other waits for it, and
//! no snapshot outlives its post.

use std::time::Duration;

use amtfluencer::db::metrics;
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::{seeded_postgres, snapshot};
use crate::support::{ids, scalar};

/// Long enough for a statement that does not wait to have finished.
const SETTLE: Duration = Duration::from_millis(300);

#[tokio::test]
async fn a_post_deleted_while_its_figures_are_written_keeps_no_snapshots() {
    let Some((t, tenant)) = seeded_postgres().await else {
        return;
    };
    let db = &t.db;
    let posts = ids(
        db,
        "SELECT DISTINCT post_id FROM post_metrics ORDER BY post_id LIMIT 2",
    )
    .await;
    let (first, second) = (posts[0], posts[1]);
    let snapshots_of =
        |post: i64| format!("SELECT COUNT(*) FROM post_metrics WHERE post_id = {post}");

    // The write first: the deletion waits until the write is committed, then takes the new
    // snapshot along with the older ones.
    let txn = db.begin().await.unwrap();
    metrics::insert_snapshots(&txn, tenant, &[snapshot(first, 0, 1_000_000)])
        .await
        .unwrap();
    let deleting = {
        let db = db.clone();
        tokio::spawn(async move {
            db.execute_unprepared(&format!("DELETE FROM posts WHERE id = {first}"))
                .await
                .map(|_| ())
        })
    };
    tokio::time::sleep(SETTLE).await;
    assert!(!deleting.is_finished(), "the deletion waits for the write");
    txn.commit().await.unwrap();
    deleting.await.unwrap().unwrap();
    assert_eq!(scalar(db, &snapshots_of(first)).await, 0);

    // The deletion first: the write waits until the deletion is committed, then finds the
    // post gone and writes nothing.
    let deletion = db.begin().await.unwrap();
    deletion
        .execute_unprepared(&format!("DELETE FROM posts WHERE id = {second}"))
        .await
        .unwrap();
    let writing = {
        let db = db.clone();
        tokio::spawn(async move {
            let txn = db.begin().await?;
            metrics::insert_snapshots(&txn, tenant, &[snapshot(second, 0, 1_000_000)]).await?;
            txn.commit().await
        })
    };
    tokio::time::sleep(SETTLE).await;
    assert!(!writing.is_finished(), "the write waits for the deletion");
    deletion.commit().await.unwrap();
    let written = writing.await.unwrap();
    assert!(
        written
            .as_ref()
            .is_err_and(|e| e.to_string().contains("no longer exist")),
        "figures of a deleted post are refused: {written:?}"
    );
    assert_eq!(scalar(db, &snapshots_of(second)).await, 0);
}
