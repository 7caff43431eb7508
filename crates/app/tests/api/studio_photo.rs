//! A post's photo through the router: processed before it is stored (the location and the
//! EXIF block are gone when read back), an alt text required before publishing, a file that is
//! not a picture refused with a clear message, and only the author and the team see it.

use axum::http::StatusCode;

use crate::support::TestApp;

const KATHARINA: &str = "katharina.brenner@musterstadt.example";

/// A small JPEG with an EXIF block that holds a GPS position (latitude reference "N").
fn jpeg_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    });
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    // TIFF (little endian): IFD0 with one entry GPSInfo → GPS IFD with GPSLatitudeRef = "N".
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x8825u16.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes()); // LONG
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&26u32.to_le_bytes()); // offset of the GPS IFD
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x0001u16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes()); // ASCII
    tiff.extend_from_slice(&2u32.to_le_bytes());
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn stored_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "jpg") {
                out.push(p);
            }
        }
    }
    out
}

fn has_segment(jpeg: &[u8], marker: u8) -> bool {
    jpeg.windows(2).any(|w| w == [0xFF, marker])
}

#[tokio::test]
async fn a_photo_loses_its_location_before_it_is_stored_and_needs_an_alt_text() {
    for mut app in TestApp::demo_all().await {
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
        let original = jpeg_with_gps();
        assert!(
            has_segment(&original, 0xE1),
            "the test picture has an EXIF block"
        );

        let not_a_photo = app
            .post_multipart(
                &format!("{editor}/photo"),
                &[("csrf", &csrf), ("format", "square")],
                &[("photo", "foto.jpg", b"Das ist kein Bild, nur Text.")],
            )
            .await;
        let page = app.get(not_a_photo.location.as_deref().unwrap()).await;
        assert!(
            page.body.contains("role=\"alert\" id=\"photo-error\""),
            "{}",
            page.body
        );

        let res = app
            .post_multipart(
                &format!("{editor}/photo"),
                &[("csrf", &csrf), ("format", "square")],
                &[("photo", "baustelle.jpg", &original)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let location = res.location.unwrap();
        assert!(location.contains("removed=gps"), "{location}");
        let page = app.get(&location).await;
        assert!(page.body.contains("Standort entfernt"));
        let src_start = page.body.find("/t/musterstadt/media/").unwrap();
        let src: String = page.body[src_start..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let stored = app.get(&src).await;
        assert_eq!(stored.status, StatusCode::OK);
        assert_eq!(stored.headers["content-type"], "image/jpeg");
        // Read the stored file back: a 1200 × 1200 JPEG with no EXIF (APP1) block and no
        // trace of the GPS entry.
        let files = stored_files(std::path::Path::new(&app.state.config.media_url));
        assert_eq!(files.len(), 1, "{files:?}");
        let bytes = std::fs::read(&files[0]).unwrap();
        assert_eq!(&bytes[..2], [0xFF, 0xD8]);
        assert!(!has_segment(&bytes, 0xE1), "no APP1 (EXIF/XMP) left");
        assert!(!bytes.windows(6).any(|w| w == b"Exif\0\0"));
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (1200, 1200));
        assert!(page.body.contains("1200 × 1200 px"));

        // Without an alt text the post cannot be marked published.
        let url = "https://www.linkedin.com/feed/update/urn:li:activity:7267000000000000000/";
        let refused = app
            .post_form(&editor, &format!("{editor}/published"), &[("url", url)])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused
                .body
                .contains("Das Foto braucht einen Alternativtext")
        );
        app.post_form(
            &editor,
            &format!("{editor}/photo/alt"),
            &[(
                "alt_text",
                "Zwei Kolleginnen prüfen auf der Baustelle einen Plan.",
            )],
        )
        .await;
        app.post_form(
            &editor,
            &format!("{editor}/photo/people"),
            &[("people", "no")],
        )
        .await;
        let ok = app
            .post_form(&editor, &format!("{editor}/published"), &[("url", url)])
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);

        // "Foto herunterladen" serves the stored file as an attachment.
        let download = app.get(&format!("{src}?download=1")).await;
        assert_eq!(download.status, StatusCode::OK);
        assert!(
            download.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"amtfluencer-foto-")
        );

        // Another Amtfluencer does not get the picture; the team does.
        app.login("jonas.petersen@musterstadt.example").await;
        assert_eq!(app.get(&src).await.status, StatusCode::NOT_FOUND);
        app.login("admin@musterstadt.example").await;
        assert_eq!(app.get(&src).await.status, StatusCode::OK);
    }
}
