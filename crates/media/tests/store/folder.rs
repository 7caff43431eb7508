use amtfluencer_media::store::{FolderStore, MediaKey, MediaStore};

#[tokio::test]
async fn the_folder_store_keeps_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", dir.path().display());
    let store = MediaStore::from_url(&url, None).expect("store");
    super::contract::check(&store).await;
}

#[tokio::test]
async fn the_folder_store_leaves_no_temporary_files_and_lists_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MediaStore::Folder(FolderStore::new(dir.path()));
    let key = MediaKey::parse("1/2026/01/a.jpg").expect("key");
    store
        .put(&key, vec![1u8; 1000], "image/jpeg")
        .await
        .expect("put");
    let on_disk = std::fs::read(dir.path().join("1/2026/01/a.jpg")).expect("file");
    assert_eq!(on_disk.len(), 1000);
    let temp = std::fs::read_dir(dir.path().join(".tmp")).expect("temp dir");
    assert_eq!(temp.count(), 0);
    // A stray file from a crash is never listed as media.
    std::fs::write(dir.path().join(".tmp/x.part"), b"half").expect("stray");
    assert_eq!(store.list("").await.expect("list"), vec![key]);
}

#[tokio::test]
async fn the_folder_store_cannot_be_led_outside_its_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inner = dir.path().join("media");
    let store = MediaStore::Folder(FolderStore::new(&inner));
    assert!(MediaKey::parse("../outside.jpg").is_err());
    assert!(MediaKey::parse("/etc/passwd").is_err());
    // Files placed next to the folder are not reachable through list.
    std::fs::create_dir_all(&inner).expect("dir");
    std::fs::write(dir.path().join("secret.txt"), b"x").expect("file");
    assert!(store.list("").await.expect("list").is_empty());
}
