//! The photo pipeline: upload in, a clean file for storage and LinkedIn out.
//!
//! Order matters: the real format is read from the bytes; the header's dimensions are checked
//! before a single pixel is decoded, and the decoder runs under an allocation limit, so that a
//! small file that claims a huge picture (a decompression bomb) is refused cheaply; the EXIF
//! orientation is applied to the pixels before the crop, because the crop is chosen on the picture
//! as the person sees it; and the encoder starts from bare pixels, so no metadata can survive.

mod checks;
mod codec;
mod error;
mod geometry;
mod metadata;
mod sniff;

use serde::{Deserialize, Serialize};

pub use checks::{LINKEDIN_MAX_BYTES, LINKEDIN_MAX_PIXELS, MIN_SHARP_WIDTH, PhotoCheck, Severity};
pub use error::PhotoError;
pub use metadata::{ColourProfile, Removed};

use sniff::Sniffed;

/// Uploads larger than this are refused before anything else (phone photos are 2–12 MB).
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;
/// No side longer than this (a 50-megapixel camera makes about 8,700 × 5,800).
pub const MAX_SIDE: u32 = 12_000;
/// No picture with more pixels than this many millions.
pub const MAX_MEGAPIXELS: u64 = 50;
/// What the decoder may allocate in all; a 50-megapixel RGB picture needs 150 MB.
pub const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;
/// The longer side of a photo kept in its own format.
pub const ORIGINAL_MAX_SIDE: u32 = 2048;
/// JPEG quality of the stored file: no visible loss, a third of a phone's file size.
pub const JPEG_QUALITY: u8 = 85;

/// The format to cut the photo to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// 1.91:1, 1200 × 627: LinkedIn's landscape and link-preview format.
    #[serde(rename = "landscape_1_91")]
    Landscape191,
    /// 1:1, 1200 × 1200.
    Square,
    /// 4:5, 1080 × 1350: the most space in the mobile feed.
    #[serde(rename = "portrait_4_5")]
    Portrait45,
    /// The photo's own aspect ratio, the longer side at most [`ORIGINAL_MAX_SIDE`].
    Original,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Landscape191,
        Format::Square,
        Format::Portrait45,
        Format::Original,
    ];

    /// The exact output size in pixels; `None` for [`Format::Original`].
    pub fn target_size(self) -> Option<(u32, u32)> {
        match self {
            Self::Landscape191 => Some((1200, 627)),
            Self::Square => Some((1200, 1200)),
            Self::Portrait45 => Some((1080, 1350)),
            Self::Original => None,
        }
    }
}

/// A rectangle in pixels of the upright picture (after the EXIF orientation is applied), as the
/// person chose it in the cropper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CropRect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// A processed photo, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Processed {
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// `image/jpeg`, or `image/png` for a picture with transparency.
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    /// What the upload carried and the stored file no longer does.
    pub removed: Removed,
    pub checks: Vec<PhotoCheck>,
}

impl Processed {
    /// The file extension that matches [`Processed::mime`].
    pub fn extension(&self) -> &'static str {
        if self.mime == "image/png" {
            "png"
        } else {
            "jpg"
        }
    }
}

/// Processes an upload: checks, orientation, crop and resize to `target` (default: the
/// original ratio), metadata removal, encoding.
///
/// `declared_name` is the file name the browser sent; it only appears in messages. The format
/// comes from the bytes. `crop` is in pixels of the upright picture; with a fixed format it is
/// trimmed (centred) to the format's aspect ratio, so the result always has the exact size.
///
/// CPU-bound (a quarter to half a second for 12 megapixels) and up to ~150 MB for such a photo
/// (more for the largest accepted ones): call it from `spawn_blocking` and bound how many run at
/// once.
pub fn process(
    bytes: &[u8],
    declared_name: &str,
    target: Option<Format>,
    crop: Option<CropRect>,
) -> Result<Processed, PhotoError> {
    let name = display_name(declared_name);
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoError::FileTooLarge {
            bytes: bytes.len(),
            limit: MAX_UPLOAD_BYTES,
        });
    }
    let kind = sniff::sniff(bytes);
    let scan = match kind {
        Sniffed::Jpeg => metadata::scan_jpeg(bytes),
        Sniffed::Png => metadata::scan_png(bytes),
        Sniffed::Heic => return Err(PhotoError::Heic { name }),
        Sniffed::Other(format) => return Err(PhotoError::UnsupportedFormat { name, format }),
        Sniffed::Unknown => return Err(PhotoError::NotAnImage { name }),
    };
    // Refuse a bomb on the header's word, before the decoder is even constructed.
    if let Some((width, height)) = scan.dimensions {
        check_pixels(width, height, &name)?;
    }
    let decoded = match kind {
        Sniffed::Png => codec::decode_png(bytes, &name)?,
        _ => codec::decode_jpeg(bytes, &name)?,
    };
    let mut image = decoded.image;
    if let Some(orientation) = scan
        .orientation
        .and_then(image::metadata::Orientation::from_exif)
    {
        image.apply_orientation(orientation);
    }
    let format = target.unwrap_or(Format::Original);
    let plan = geometry::plan((image.width(), image.height()), format, crop)?;
    let transparent = codec::has_transparency(&image);
    let mut pixels = codec::cut_and_scale(image, &plan, transparent);
    let mut removed = scan.removed;
    removed.colour_profile = codec::to_srgb(&mut pixels, decoded.icc.as_deref());
    let (bytes, mime) = codec::encode(&pixels)?;
    let (width, height) = pixels.dimensions();
    let checks = checks::run(format, &plan, bytes.len());
    Ok(Processed {
        bytes,
        mime,
        width,
        height,
        removed,
        checks,
    })
}

pub(crate) fn check_pixels(width: u32, height: u32, name: &str) -> Result<(), PhotoError> {
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_MEGAPIXELS * 1_000_000 {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt {
            name: name.to_owned(),
            detail: "zero width or height".to_owned(),
        });
    }
    Ok(())
}

/// The last path component (old browsers send `C:\fakepath\photo.jpg`), printable, not too long.
fn display_name(declared: &str) -> String {
    let last = declared.rsplit(['/', '\\']).next().unwrap_or(declared);
    let clean: String = last.chars().filter(|c| !c.is_control()).take(80).collect();
    if clean.trim().is_empty() {
        "Datei".to_owned()
    } else {
        clean
    }
}
