//! Crop and resize to LinkedIn's formats, and the checks that come with them.

use amtfluencer_media::photo::{CropRect, Format, Severity, process};

use crate::images;

#[test]
fn each_format_gives_exactly_its_target_size() {
    let upload = images::jpeg(&images::photo_like(1600, 1200));
    for (format, size) in [
        (Format::Landscape191, (1200, 627)),
        (Format::Square, (1200, 1200)),
        (Format::Portrait45, (1080, 1350)),
    ] {
        let processed = process(&upload, "foto.jpg", Some(format), None).expect("processed");
        assert_eq!((processed.width, processed.height), size, "{format:?}");
        let stored = image::load_from_memory(&processed.bytes).expect("decode");
        assert_eq!((stored.width(), stored.height()), size, "{format:?}");
    }
}

#[test]
fn a_chosen_crop_is_cut_and_scaled_to_the_exact_size() {
    let upload = images::jpeg(&images::photo_like(2400, 1600));
    let crop = CropRect {
        x: 200,
        y: 300,
        width: 2000,
        height: 1047,
    };
    let processed =
        process(&upload, "foto.jpg", Some(Format::Landscape191), Some(crop)).expect("processed");
    assert_eq!((processed.width, processed.height), (1200, 627));
    assert!(processed.checks.iter().all(|c| c.id != "crop_adjusted"));

    let square = CropRect {
        x: 0,
        y: 0,
        width: 1500,
        height: 1400,
    };
    let processed =
        process(&upload, "foto.jpg", Some(Format::Square), Some(square)).expect("processed");
    assert_eq!((processed.width, processed.height), (1200, 1200));
    assert!(processed.checks.iter().any(|c| c.id == "crop_adjusted"));
}

#[test]
fn the_crop_refers_to_the_upright_picture() {
    // Sensor 64×32, orientation 6: the person sees 32×64 and crops its top half.
    let upload = images::jpeg_with_metadata(&images::marked_rgb(64, 32), 6, false);
    let crop = CropRect {
        x: 0,
        y: 0,
        width: 32,
        height: 32,
    };
    let processed =
        process(&upload, "hochkant.jpg", Some(Format::Square), Some(crop)).expect("processed");
    let stored = image::load_from_memory(&processed.bytes)
        .expect("decode")
        .to_rgb8();
    // The upright top half holds the red quarter on its right.
    let right = stored.get_pixel(1100, 600);
    let left = stored.get_pixel(100, 600);
    assert!(right[0] > 150 && right[2] < 100, "{right:?}");
    assert!(left[2] > 150 && left[0] < 100, "{left:?}");
}

#[test]
fn a_small_photo_gets_a_warning_that_it_may_look_soft() {
    let upload = images::jpeg(&images::photo_like(800, 600));
    let processed = process(&upload, "klein.jpg", Some(Format::Square), None).expect("processed");
    assert_eq!((processed.width, processed.height), (1200, 1200));
    let check = processed
        .checks
        .iter()
        .find(|c| c.id == "resolution_low")
        .expect("resolution warning");
    assert_eq!(check.severity, Severity::Warning);
    assert!(check.message.de.contains("unscharf"));
    assert!(check.message.en.contains("soft"));
}

#[test]
fn the_original_format_keeps_the_ratio_and_notes_an_unusual_one() {
    let upload = images::jpeg(&images::photo_like(3000, 1000));
    let processed = process(&upload, "panorama.jpg", None, None).expect("processed");
    assert_eq!((processed.width, processed.height), (2048, 683));
    assert!(processed.checks.iter().any(|c| c.id == "aspect_ratio"));

    let square = images::jpeg(&images::photo_like(1200, 1200));
    let processed =
        process(&square, "quadrat.jpg", Some(Format::Original), None).expect("processed");
    assert_eq!((processed.width, processed.height), (1200, 1200));
    assert!(processed.checks.is_empty(), "{:?}", processed.checks);
}

#[test]
fn the_stored_file_is_well_under_linkedins_limit() {
    let upload = images::jpeg(&images::photo_like(2600, 1950));
    let processed = process(&upload, "gross.jpg", None, None).expect("processed");
    assert!(processed.bytes.len() < amtfluencer_media::photo::LINKEDIN_MAX_BYTES);
    assert!(processed.checks.iter().all(|c| c.id != "file_too_large"));
}
