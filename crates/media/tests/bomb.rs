//! Decompression bombs: a few hundred bytes that claim billions of pixels are refused from the
//! header, and the process never allocates the picture. Alone in its test binary so that the
//! peak memory it reads is its own.

use amtfluencer_media::photo::{PhotoError, process};

#[expect(dead_code, reason = "shares the picture builders with the photo tests")]
#[path = "photo/images.rs"]
mod images;

/// A PNG whose header claims `width × height` RGB pixels, with a tiny (valid) zlib body.
fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    // zlib: a single stored empty block would not fill the rows; a few bytes is all a bomb needs
    // to claim its size.
    let idat = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(images::chunk(b"IHDR", &ihdr));
    out.extend(images::chunk(b"IDAT", &idat));
    out.extend(images::chunk(b"IEND", &[]));
    out
}

/// A real JPEG whose frame header is rewritten to claim `width × height`.
fn jpeg_bomb(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = images::jpeg(&images::photo_like(16, 16));
    let mut pos = 2;
    while pos + 4 <= bytes.len() {
        let marker = bytes[pos + 1];
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        if marker == 0xC0 {
            bytes[pos + 5..pos + 7].copy_from_slice(&height.to_be_bytes());
            bytes[pos + 7..pos + 9].copy_from_slice(&width.to_be_bytes());
            return bytes;
        }
        pos += 2 + len;
    }
    panic!("no SOF0 in test JPEG");
}

/// Peak resident memory of this process in MB (Linux), `None` elsewhere.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[test]
fn bombs_are_refused_with_a_clear_message_and_bounded_memory() {
    // 100,000 × 100,000 RGB would be 30 GB.
    let png = png_bomb(100_000, 100_000);
    assert!(png.len() < 100);
    let err = process(&png, "bombe.png", None, None).expect_err("refused");
    assert_eq!(
        err,
        PhotoError::TooManyPixels {
            width: 100_000,
            height: 100_000
        }
    );
    assert!(err.to_string().contains("zu groß"), "{err}");
    assert!(err.message().en.contains("too large"));

    // Within JPEG's 65,535 a side, but 4 gigapixels.
    let jpeg = jpeg_bomb(65_000, 65_000);
    let err = process(&jpeg, "bombe.jpg", None, None).expect_err("refused");
    assert_eq!(
        err,
        PhotoError::TooManyPixels {
            width: 65_000,
            height: 65_000
        }
    );

    // Under the side limit but over the pixel limit: 11,000 × 11,000 = 121 megapixels.
    let png = png_bomb(11_000, 11_000);
    let err = process(&png, "bombe.png", None, None).expect_err("refused");
    assert!(matches!(err, PhotoError::TooManyPixels { .. }));

    // Allowed size, but the body is three bytes: damaged, not a crash or a huge allocation
    // beyond the picture itself (6,000 × 4,000 RGB = 72 MB).
    let png = png_bomb(6_000, 4_000);
    let err = process(&png, "kaputt.png", None, None).expect_err("refused");
    assert!(matches!(err, PhotoError::Corrupt { .. }), "{err:?}");

    if let Some(peak) = peak_rss_mb() {
        assert!(peak < 250, "peak memory {peak} MB");
    }
}
