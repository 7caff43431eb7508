//! Against a real S3-compatible server: `moto_server`, started on a free local port.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use amtfluencer_media::store::{MediaKey, MediaStore, S3Credentials, StoreError};

/// The server process, stopped when the test ends.
struct Moto {
    child: Child,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `moto_server`, or tells why not. CI sets `MEDIA_REQUIRE_S3=1` so that a missing
/// server fails instead of skipping.
fn start_moto() -> Option<Moto> {
    let port = TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let spawned = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut moto = match spawned {
        Ok(child) => Moto { child, port },
        Err(_) => return skip(),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = moto.child.try_wait() {
            // A shim without the package behind it exits at once.
            return skip();
        }
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(moto);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("moto_server did not listen on port {port} within 30 s");
}

fn skip() -> Option<Moto> {
    if std::env::var_os("MEDIA_REQUIRE_S3").is_some() {
        panic!("moto_server not found (pip install 'moto[server]') and MEDIA_REQUIRE_S3 is set");
    }
    eprintln!("skipped: moto_server not found (pip install 'moto[server]')");
    None
}

/// Creates a bucket with a plain `PUT /bucket` (object_store does not manage buckets).
fn create_bucket(port: u16, bucket: &str) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "PUT /{bucket} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "create bucket: {answer}"
    );
}

fn credentials() -> S3Credentials {
    S3Credentials {
        access_key_id: "testing".to_owned(),
        secret_access_key: "testing".to_owned(),
    }
}

#[tokio::test]
async fn the_s3_store_keeps_the_contract() {
    let Some(moto) = start_moto() else { return };
    create_bucket(moto.port, "media");
    let url = format!(
        "s3://media?endpoint=http://127.0.0.1:{}&region=eu-central-1",
        moto.port
    );
    let store = MediaStore::from_url(&url, Some(credentials())).expect("store");
    assert_eq!(store.describe(), "S3 bucket media");
    super::contract::check(&store).await;
}

#[tokio::test]
async fn a_processed_photo_round_trips_through_s3_without_metadata() {
    let Some(moto) = start_moto() else { return };
    create_bucket(moto.port, "photos");
    let url = format!("s3://photos?endpoint=http://127.0.0.1:{}", moto.port);
    let store = MediaStore::from_url(&url, Some(credentials())).expect("store");

    let picture = image::RgbImage::from_pixel(300, 200, image::Rgb([120, 130, 140]));
    let mut upload = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::jpeg::JpegEncoder::new(&mut upload),
        picture.as_raw(),
        300,
        200,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode");
    let processed =
        amtfluencer_media::photo::process(&upload, "foto.jpg", None, None).expect("processed");
    let key = MediaKey::new_photo("3", chrono::Utc::now(), processed.extension()).expect("key");
    store
        .put(&key, processed.bytes.clone(), processed.mime)
        .await
        .expect("put");

    let stored = store.get(&key).await.expect("get");
    assert_eq!(stored.bytes.as_ref(), processed.bytes.as_slice());
    assert_eq!(stored.content_type, "image/jpeg");
    let mut cursor = std::io::Cursor::new(stored.bytes.as_ref());
    assert!(
        exif::Reader::new()
            .read_from_container(&mut cursor)
            .is_err()
    );
}

#[tokio::test]
async fn a_missing_bucket_is_an_error_not_a_silent_success() {
    let Some(moto) = start_moto() else { return };
    let url = format!("s3://nonexistent?endpoint=http://127.0.0.1:{}", moto.port);
    let store = MediaStore::from_url(&url, Some(credentials())).expect("store");
    let key = MediaKey::parse("1/a.jpg").expect("key");
    let err = store
        .put(&key, b"x".to_vec(), "image/jpeg")
        .await
        .expect_err("no bucket");
    assert!(matches!(err, StoreError::ObjectStore(_)), "{err:?}");
}
