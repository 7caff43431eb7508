//! Decoding under limits, cutting and scaling, colour conversion and encoding without metadata.

use std::io::Cursor;

use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::codecs::png::{CompressionType, PngDecoder, PngEncoder};
use image::imageops::{self, FilterType};
use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageEncoder, Limits, Pixel};

use super::geometry::Plan;
use super::metadata::ColourProfile;
use super::{JPEG_QUALITY, MAX_DECODE_ALLOC, MAX_SIDE, PhotoError};

/// A decoded picture and the colour profile it came with.
pub(crate) struct Decoded {
    pub image: DynamicImage,
    pub icc: Option<Vec<u8>>,
}

pub(crate) fn decode_jpeg(bytes: &[u8], name: &str) -> Result<Decoded, PhotoError> {
    let decoder = JpegDecoder::new(Cursor::new(bytes)).map_err(|e| corrupt(name, &e))?;
    finish(decoder, name)
}

pub(crate) fn decode_png(bytes: &[u8], name: &str) -> Result<Decoded, PhotoError> {
    let decoder =
        PngDecoder::with_limits(Cursor::new(bytes), limits()).map_err(|e| corrupt(name, &e))?;
    finish(decoder, name)
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits
}

fn finish(mut decoder: impl ImageDecoder, name: &str) -> Result<Decoded, PhotoError> {
    let (width, height) = decoder.dimensions();
    super::check_pixels(width, height, name)?;
    decoder.set_limits(limits()).map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels { width, height },
        other => corrupt(name, &other),
    })?;
    // A broken profile is no reason to refuse the photo.
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels { width, height },
        other => corrupt(name, &other),
    })?;
    Ok(Decoded { image, icc })
}

fn corrupt(name: &str, error: &image::ImageError) -> PhotoError {
    PhotoError::Corrupt {
        name: name.to_owned(),
        detail: error.to_string(),
    }
}

/// Whether any pixel is not fully opaque.
pub(crate) fn has_transparency(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageLumaA8(b) => b.pixels().any(|p| p.0[1] < u8::MAX),
        DynamicImage::ImageRgba8(b) => b.pixels().any(|p| p.0[3] < u8::MAX),
        DynamicImage::ImageLumaA16(b) => b.pixels().any(|p| p.0[1] < u16::MAX),
        DynamicImage::ImageRgba16(b) => b.pixels().any(|p| p.0[3] < u16::MAX),
        DynamicImage::ImageRgba32F(b) => b.pixels().any(|p| p.0[3] < 1.0),
        _ => false,
    }
}

/// The output pixels: 8-bit RGB, or RGBA when the picture has transparency.
pub(crate) enum Pixels {
    Rgb(image::RgbImage),
    Rgba(image::RgbaImage),
}

/// Cuts the planned region and scales it to the output size.
pub(crate) fn cut_and_scale(image: DynamicImage, plan: &Plan, transparent: bool) -> Pixels {
    if transparent {
        Pixels::Rgba(cut(&image.into_rgba8(), plan))
    } else {
        Pixels::Rgb(cut(&image.into_rgb8(), plan))
    }
}

fn cut<P>(image: &ImageBuffer<P, Vec<P::Subpixel>>, plan: &Plan) -> ImageBuffer<P, Vec<P::Subpixel>>
where
    P: Pixel + 'static,
    P::Subpixel: 'static,
{
    let r = plan.region;
    let view = imageops::crop_imm(image, r.x, r.y, r.width, r.height);
    let (w, h) = plan.output;
    if (w, h) == (r.width, r.height) {
        view.to_image()
    } else {
        imageops::resize(&*view, w, h, FilterType::CatmullRom)
    }
}

/// Converts the pixels from the embedded profile to sRGB, so the file needs no profile.
pub(crate) fn to_srgb(pixels: &mut Pixels, icc: Option<&[u8]>) -> ColourProfile {
    let Some(icc) = icc else {
        return ColourProfile::None;
    };
    let (buffer, layout): (&mut [u8], _) = match pixels {
        Pixels::Rgb(b) => (b.as_mut(), moxcms::Layout::Rgb),
        Pixels::Rgba(b) => (b.as_mut(), moxcms::Layout::Rgba),
    };
    let Ok(source) = moxcms::ColorProfile::new_from_slice(icc) else {
        return ColourProfile::Ignored;
    };
    let srgb = moxcms::ColorProfile::new_srgb();
    let Ok(transform) =
        source.create_transform_8bit(layout, &srgb, layout, moxcms::TransformOptions::default())
    else {
        return ColourProfile::Ignored;
    };
    let input = buffer.to_vec();
    match transform.transform(&input, buffer) {
        Ok(()) => ColourProfile::ConvertedToSrgb,
        Err(_) => {
            buffer.copy_from_slice(&input);
            ColourProfile::Ignored
        }
    }
}

/// Encodes JPEG (or PNG with transparency). The encoders write the pixels and the bare format
/// headers only (JFIF / IHDR): no EXIF, XMP, IPTC, text or colour profile.
pub(crate) fn encode(pixels: &Pixels) -> Result<(Vec<u8>, &'static str), PhotoError> {
    let mut out = Vec::new();
    let fail = |e: image::ImageError| PhotoError::Encode(e.to_string());
    match pixels {
        Pixels::Rgb(b) => {
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .write_image(
                    b.as_raw(),
                    b.width(),
                    b.height(),
                    image::ExtendedColorType::Rgb8,
                )
                .map_err(fail)?;
            Ok((out, "image/jpeg"))
        }
        Pixels::Rgba(b) => {
            PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(
                b.as_raw(),
                b.width(),
                b.height(),
                image::ExtendedColorType::Rgba8,
            )
            .map_err(fail)?;
            Ok((out, "image/png"))
        }
    }
}

impl Pixels {
    pub(crate) fn dimensions(&self) -> (u32, u32) {
        match self {
            Self::Rgb(b) => b.dimensions(),
            Self::Rgba(b) => b.dimensions(),
        }
    }
}
