//! What every media store must do; run against each implementation.

use amtfluencer_media::store::{MediaKey, MediaStore, StoreError};
use chrono::TimeZone;

pub async fn check(store: &MediaStore) {
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 3, 9, 10, 0, 0)
        .single()
        .expect("date");
    let photo = MediaKey::new_photo("7", at, "jpg").expect("key");
    let other_tenant = MediaKey::new_photo("8", at, "png").expect("key");
    let april = MediaKey::parse("7/2026/04/b.jpg").expect("key");

    store
        .put(&photo, b"jpeg bytes".to_vec(), "image/jpeg")
        .await
        .expect("put");
    store
        .put(&other_tenant, b"png bytes".to_vec(), "image/png")
        .await
        .expect("put");
    store
        .put(&april, b"x".to_vec(), "image/jpeg")
        .await
        .expect("put");

    let got = store.get(&photo).await.expect("get");
    assert_eq!(&got.bytes[..], b"jpeg bytes");
    assert_eq!(got.content_type, "image/jpeg");
    assert_eq!(
        store.get(&other_tenant).await.expect("get").content_type,
        "image/png"
    );

    // Replacing keeps one object with the new content.
    store
        .put(&photo, b"new bytes".to_vec(), "image/jpeg")
        .await
        .expect("put again");
    assert_eq!(
        &store.get(&photo).await.expect("get").bytes[..],
        b"new bytes"
    );

    assert_eq!(
        store.list("7").await.expect("list"),
        vec![photo.clone(), april.clone()]
    );
    assert_eq!(
        store.list("7/2026/03/").await.expect("list"),
        vec![photo.clone()]
    );
    assert_eq!(store.list("").await.expect("list").len(), 3);
    assert!(store.list("9").await.expect("list").is_empty());
    assert!(matches!(
        store.list("../").await,
        Err(StoreError::InvalidKey(_))
    ));

    store.delete(&photo).await.expect("delete");
    assert!(matches!(store.get(&photo).await, Err(StoreError::NotFound(k)) if k == photo));
    // Deleting again is fine: deletion jobs may run twice.
    store.delete(&photo).await.expect("delete again");
    assert_eq!(store.list("7").await.expect("list"), vec![april]);
}
