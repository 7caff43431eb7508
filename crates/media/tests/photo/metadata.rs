//! Metadata removal, verified by reading the stored bytes back.

use amtfluencer_media::photo::{ColourProfile, Format, process};

use crate::images;

fn assert_no_exif_readable(bytes: &[u8]) {
    let mut cursor = std::io::Cursor::new(bytes);
    let read = exif::Reader::new().read_from_container(&mut cursor);
    assert!(read.is_err(), "the stored file still carries EXIF");
}

#[test]
fn a_phone_jpeg_is_stored_without_gps_exif_xmp_iptc_or_comment() {
    let upload = images::jpeg_with_metadata(&images::marked_rgb(64, 32), 1, true);
    // The upload really carries what we claim to remove.
    let mut cursor = std::io::Cursor::new(&upload);
    let before = exif::Reader::new()
        .read_from_container(&mut cursor)
        .expect("exif in upload");
    assert!(
        before
            .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    );

    let processed = process(&upload, "IMG_0042.JPG", None, None).expect("processed");

    assert_eq!(processed.mime, "image/jpeg");
    let markers = images::jpeg_markers(&processed.bytes);
    assert!(
        !markers.contains(&0xE1),
        "APP1 (EXIF/XMP) left: {markers:x?}"
    );
    assert!(!markers.contains(&0xED), "APP13 (IPTC) left: {markers:x?}");
    assert!(!markers.contains(&0xFE), "comment left: {markers:x?}");
    assert!(
        !markers.contains(&0xE2),
        "APP2 (ICC/MPF) left: {markers:x?}"
    );
    assert_no_exif_readable(&processed.bytes);
    let stored = String::from_utf8_lossy(&processed.bytes);
    assert!(!stored.contains("GPSLatitude"));
    assert!(!stored.contains("iPhone"));
    assert!(!stored.contains("Rathaus"));
    assert!(!stored.contains("Kantine"));

    let removed = &processed.removed;
    assert!(removed.gps && removed.exif && removed.xmp && removed.iptc && removed.comments);
    assert_eq!(removed.camera.as_deref(), Some("Apple iPhone 14"));
    let summary: Vec<String> = removed.summary().into_iter().map(|m| m.de).collect();
    assert_eq!(summary[0], "Standort entfernt");
    assert!(summary.iter().any(|l| l.contains("Apple iPhone 14")));
}

#[test]
fn the_orientation_is_applied_to_the_pixels_before_the_tag_is_dropped() {
    // Orientation 6: the camera was turned; the picture must be rotated 90° clockwise.
    let upload = images::jpeg_with_metadata(&images::marked_rgb(64, 32), 6, false);
    let processed = process(&upload, "hochkant.jpg", None, None).expect("processed");
    assert_eq!((processed.width, processed.height), (32, 64));
    let stored = image::load_from_memory(&processed.bytes)
        .expect("decode")
        .to_rgb8();
    assert_eq!(stored.dimensions(), (32, 64));
    // The red top-left quarter of the sensor image is now the top-right quarter.
    let top_right = stored.get_pixel(24, 8);
    let top_left = stored.get_pixel(8, 8);
    assert!(
        top_right[0] > 150 && top_right[2] < 100,
        "top right {top_right:?}"
    );
    assert!(
        top_left[2] > 150 && top_left[0] < 100,
        "top left {top_left:?}"
    );
    assert!(!processed.removed.gps);
    assert_no_exif_readable(&processed.bytes);
}

#[test]
fn a_png_with_exif_and_xmp_chunks_is_stored_without_them() {
    let base = images::png_rgb(&images::photo_like(40, 30));
    let upload = images::png_with_chunks(
        &base,
        &[
            images::chunk(b"eXIf", &images::exif_tiff(1, true)),
            images::itxt_xmp(images::XMP_WITH_LOCATION),
            images::chunk(b"tEXt", b"Comment\0Hinter dem Rathaus"),
        ],
    );
    let processed = process(&upload, "screenshot.png", None, None).expect("processed");
    let removed = &processed.removed;
    assert!(removed.gps && removed.exif && removed.xmp && removed.comments);
    // Opaque PNGs are stored as JPEG; either way nothing but the pixels.
    assert_eq!(processed.mime, "image/jpeg");
    let markers = images::jpeg_markers(&processed.bytes);
    assert!(!markers.contains(&0xE1) && !markers.contains(&0xED));
    assert_no_exif_readable(&processed.bytes);
}

#[test]
fn a_transparent_png_stays_a_png_with_only_image_chunks() {
    let mut rgba = image::RgbaImage::from_pixel(50, 50, image::Rgba([10, 200, 10, 255]));
    rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
    let upload = images::png_with_chunks(
        &images::png_rgba(&rgba),
        &[
            images::chunk(b"eXIf", &images::exif_tiff(1, true)),
            images::itxt_xmp(images::XMP_WITH_LOCATION),
        ],
    );
    let processed = process(&upload, "logo.png", None, None).expect("processed");
    assert_eq!(processed.mime, "image/png");
    assert_eq!(processed.extension(), "png");
    let chunks = images::png_chunk_types(&processed.bytes);
    assert!(
        chunks
            .iter()
            .all(|c| matches!(c.as_str(), "IHDR" | "IDAT" | "IEND")),
        "unexpected chunks: {chunks:?}"
    );
    let stored = image::load_from_memory(&processed.bytes)
        .expect("decode")
        .to_rgba8();
    assert_eq!(stored.get_pixel(0, 0)[3], 0);
    assert!(processed.removed.gps);
}

#[test]
fn a_photo_without_metadata_reports_nothing_removed() {
    let upload = images::jpeg(&images::photo_like(120, 80));
    let processed = process(&upload, "clean.jpg", None, None).expect("processed");
    assert!(!processed.removed.any());
    assert_eq!(processed.removed.colour_profile, ColourProfile::None);
    assert!(processed.removed.summary().is_empty());
}

#[test]
fn an_embedded_colour_profile_is_converted_to_srgb_and_not_stored() {
    let profile = moxcms::ColorProfile::new_display_p3()
        .encode()
        .expect("encode profile");
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    image::ImageEncoder::set_icc_profile(&mut encoder, profile).expect("icc");
    let picture = image::RgbImage::from_pixel(32, 32, image::Rgb([255, 0, 0]));
    image::ImageEncoder::write_image(
        encoder,
        picture.as_raw(),
        32,
        32,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode");

    let processed = process(&out, "p3.jpg", Some(Format::Original), None).expect("processed");

    assert_eq!(
        processed.removed.colour_profile,
        ColourProfile::ConvertedToSrgb
    );
    assert!(!images::jpeg_markers(&processed.bytes).contains(&0xE2));
    // P3's pure red lies outside sRGB: it ends up as the most saturated sRGB red.
    let stored = image::load_from_memory(&processed.bytes)
        .expect("decode")
        .to_rgb8();
    let p = stored.get_pixel(16, 16);
    assert!(p[0] > 240 && p[1] < 40 && p[2] < 40, "{p:?}");
}
