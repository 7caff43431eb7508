//! Backup and restore through the library: a demo authority with an uploaded photo goes into a
//! backup folder, database and photos are lost, and the restore brings back the same rows and
//! the app serves the same bytes. A damaged backup restores nothing.

use std::path::{Path, PathBuf};

use amtfluencer::backup;
use amtfluencer::config::Config;
use amtfluencer_media::store::MediaKey;
use axum::http::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::support::{TestApp, TestDb, test_config};

const KATHARINA: &str = "katharina.brenner@musterstadt.example";

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(80, 60, |x, y| {
        image::Rgb([(x * 3) as u8, (y * 4) as u8, 120])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

/// Uploads a photo to a new post and returns the address the app serves it at.
async fn upload_photo(app: &mut TestApp) -> String {
    app.login(KATHARINA).await;
    let res = app
        .post_form(
            "/t/musterstadt/studio",
            "/t/musterstadt/studio",
            &[("template", "hook")],
        )
        .await;
    let editor = res.location.unwrap();
    let csrf = app.get(&editor).await.csrf();
    let res = app
        .post_multipart(
            &format!("{editor}/photo"),
            &[("csrf", &csrf), ("format", "square")],
            &[("photo", "rathaus.jpg", &jpeg())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&res.location.unwrap()).await;
    let start = page.body.find("/t/musterstadt/media/").unwrap();
    page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect()
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

async fn counts(db: &DatabaseConnection) -> Vec<i64> {
    let mut v = Vec::new();
    for table in ["tenants", "users", "posts", "media", "post_versions"] {
        v.push(count(db, table).await);
    }
    v
}

fn sqlite_file(url: &str) -> PathBuf {
    PathBuf::from(url.trim_start_matches("sqlite://"))
}

/// Closes the app's pool and deletes the database file and the whole media folder.
async fn lose_everything(app: TestApp) -> (TestDb, Config) {
    let TestApp { tdb, state, .. } = app;
    let config = (*state.config).clone();
    drop(state);
    tdb.db.clone().close().await.unwrap();
    let file = sqlite_file(&tdb.url);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    std::fs::remove_dir_all(&config.media_url).unwrap();
    assert!(!file.exists());
    (tdb, config)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                todo.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[tokio::test]
async fn a_restore_brings_back_the_rows_and_the_photo_the_app_serves() {
    let tdb = TestDb::sqlite().await;
    amtfluencer::demo::seed(&tdb.db, 1).await.unwrap();
    let mut app = TestApp::with_db(tdb).await;
    let src = upload_photo(&mut app).await;
    let served = app.get(&src).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(&served.bytes[..2], [0xFF, 0xD8]);
    let rows = counts(&app.tdb.db).await;
    assert_eq!(rows[3], 1, "one photo row");

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup-2026-03-01");
    let report = backup::create(&app.state.config, &target).await.unwrap();
    assert!(report.database_included && report.photos_included);
    assert_eq!(report.photos, 1);
    assert_eq!(report.photo_bytes, served.bytes.len() as u64);
    let summary = report.to_string();
    assert!(summary.contains("photos:   1"), "{summary}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(target.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format_version"], backup::FORMAT_VERSION);
    assert_eq!(manifest["database"]["kind"], "sqlite");
    assert_eq!(manifest["app_version"], env!("CARGO_PKG_VERSION"));
    let file = &manifest["media"]["files"][0];
    assert_eq!(file["size"], served.bytes.len());
    assert_eq!(file["sha256"].as_str().unwrap().len(), 64);
    let key = MediaKey::parse(file["key"].as_str().unwrap()).unwrap();
    assert_eq!(
        std::fs::read(target.join("media").join(key.as_str())).unwrap(),
        served.bytes
    );

    let (mut tdb, config) = lose_everything(app).await;
    let report = backup::restore(&config, &target, false).await.unwrap();
    assert_eq!((report.photos, report.photos_unchanged), (1, 0));
    assert_eq!(
        report.database.as_deref(),
        Some(sqlite_file(&tdb.url).as_path())
    );
    assert!(report.moved_aside.is_none());

    tdb.db = amtfluencer::db::connect(&tdb.url).await.unwrap();
    assert_eq!(counts(&tdb.db).await, rows);
    let mut app = TestApp::with_config(tdb, config).await;
    app.login(KATHARINA).await;
    let again = app.get(&src).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.bytes, served.bytes);

    // Once more without --replace: the database is there now and is not overwritten.
    let err = backup::restore(&app.state.config, &target, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("exists already") && err.contains("--replace"),
        "{err}"
    );
}

#[tokio::test]
async fn a_tampered_photo_in_the_backup_restores_nothing() {
    let tdb = TestDb::sqlite().await;
    amtfluencer::demo::seed(&tdb.db, 1).await.unwrap();
    let app = TestApp::with_db(tdb).await;
    let key = MediaKey::parse("1/2026/03/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg").unwrap();
    app.state
        .media
        .put(&key, jpeg(), "image/jpeg")
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup");
    let report = backup::create(&app.state.config, &target).await.unwrap();
    assert_eq!(report.photos, 1);
    let (_tdb, config) = lose_everything(app).await;

    // Same size, one byte different: only the hash can tell.
    let copy = target.join("media").join(key.as_str());
    let mut bytes = std::fs::read(&copy).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x01;
    std::fs::write(&copy, &bytes).unwrap();
    let err = backup::restore(&config, &target, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&copy.display().to_string()) && err.contains("nothing was restored"),
        "{err}"
    );
    let db_file = sqlite_file(&config.database_url);
    assert!(!db_file.exists(), "no database written");
    assert!(files_under(Path::new(&config.media_url)).is_empty());

    // A missing file and a database copy that is not the one recorded are named the same way.
    std::fs::remove_file(&copy).unwrap();
    let err = backup::restore(&config, &target, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("is missing"), "{err}");
    std::fs::write(
        target.join("amtfluencer.db"),
        b"SQLite format 3\0 but not really",
    )
    .unwrap();
    let err = backup::restore(&config, &target, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("amtfluencer.db"), "{err}");
    assert!(!db_file.exists());
}

#[tokio::test]
async fn a_backup_refuses_a_folder_that_is_not_empty_and_an_interrupted_one_is_refused() {
    let tdb = TestDb::sqlite().await;
    let config = test_config(&tdb.url);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), b"keep me").unwrap();
    let err = backup::create(&config, dir.path())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(files_under(dir.path()).len(), 1, "nothing added");

    // An empty folder is fine; without its manifest it is no backup.
    let empty = tempfile::tempdir().unwrap();
    backup::create(&config, empty.path()).await.unwrap();
    std::fs::remove_file(empty.path().join("manifest.json")).unwrap();
    let err = backup::restore(&config, empty.path(), true)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("manifest.json is missing"), "{err}");
}

#[tokio::test]
async fn on_postgresql_the_photos_are_backed_up_and_the_database_is_left_to_pg_dump() {
    let Some(tdb) = TestDb::postgres().await else {
        return;
    };
    let app = TestApp::with_db(tdb).await;
    let key = MediaKey::parse("1/2026/04/00112233445566778899aabbccddeeff.jpg").unwrap();
    app.state
        .media
        .put(&key, jpeg(), "image/jpeg")
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup");
    let config = (*app.state.config).clone();
    let report = backup::create(&config, &target).await.unwrap();
    assert!(!report.database_included && report.photos == 1);
    assert!(report.to_string().contains("pg_dump"), "{report}");
    assert!(!target.join("amtfluencer.db").exists());

    std::fs::remove_dir_all(&config.media_url).unwrap();
    let report = backup::restore(&config, &target, false).await.unwrap();
    assert_eq!(report.photos, 1);
    assert!(report.database.is_none());
    assert!(report.to_string().contains("pg_restore"), "{report}");
    assert_eq!(app.state.media.get(&key).await.unwrap().bytes, jpeg());

    // Such a backup has no database to put into a SQLite file.
    let sqlite = TestDb::sqlite().await;
    let err = backup::restore(&test_config(&sqlite.url), &target, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("PostgreSQL"), "{err}");
}
