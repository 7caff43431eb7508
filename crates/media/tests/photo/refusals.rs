//! Uploads that are refused, each with a message the person can act on.

use amtfluencer_media::photo::{CropRect, Format, PhotoError, process};

use crate::images;

#[test]
fn a_text_file_named_like_a_photo_is_not_an_image() {
    let err = process(
        b"Liebe Kolleginnen und Kollegen,\n",
        "photo.jpg",
        None,
        None,
    )
    .expect_err("refused");
    assert!(matches!(err, PhotoError::NotAnImage { .. }));
    let message = err.message();
    assert!(
        message.de.contains("„photo.jpg“ ist kein Bild"),
        "{}",
        message.de
    );
    assert!(message.en.contains("not an image"));
}

#[test]
fn a_heic_photo_is_refused_with_what_to_do_on_the_iphone() {
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    let err = process(&heic, "IMG_1234.HEIC", None, None).expect_err("refused");
    assert!(matches!(err, PhotoError::Heic { .. }));
    let text = err.to_string();
    assert!(text.contains("HEIC"));
    assert!(text.contains("Maximale Kompatibilität"));
    assert!(err.message().en.contains("Most Compatible"));
}

#[test]
fn a_heic_photo_renamed_to_jpg_is_still_recognised() {
    let mut heic = vec![0, 0, 0, 20];
    heic.extend_from_slice(b"ftypmif1\0\0\0\0heic");
    heic.extend_from_slice(&[0; 64]);
    let err = process(&heic, "urlaub.jpg", None, None).expect_err("refused");
    assert!(matches!(err, PhotoError::Heic { .. }));
}

#[test]
fn a_gif_is_refused_by_its_name() {
    let err = process(
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00",
        "animation.gif",
        None,
        None,
    )
    .expect_err("refused");
    assert!(err.to_string().contains("GIF-Bild"));
}

#[test]
fn an_empty_upload_is_refused() {
    assert_eq!(process(&[], "leer.jpg", None, None), Err(PhotoError::Empty));
}

#[test]
fn a_jpeg_cut_off_in_its_header_is_reported_as_damaged() {
    let full = images::jpeg(&images::photo_like(64, 64));
    let err = process(&full[..40], "kaputt.jpg", None, None).expect_err("refused");
    assert!(matches!(err, PhotoError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("beschädigt"));
}

#[test]
fn a_crop_outside_the_picture_is_refused() {
    let upload = images::jpeg(&images::photo_like(100, 100));
    let crop = CropRect {
        x: 90,
        y: 0,
        width: 20,
        height: 20,
    };
    let err = process(&upload, "foto.jpg", Some(Format::Square), Some(crop)).expect_err("refused");
    assert_eq!(err, PhotoError::InvalidCrop);
}

#[test]
fn the_browser_path_is_not_shown_in_messages() {
    let err = process(b"not an image", "C:\\fakepath\\bild.png", None, None).expect_err("refused");
    assert!(err.to_string().contains("„bild.png“"));
    assert!(!err.to_string().contains("fakepath"));
}
