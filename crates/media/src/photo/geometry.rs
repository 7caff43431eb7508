//! Where to cut and how large the result is: pure arithmetic on sizes, so that it can be tested
//! without pictures.

use super::{CropRect, Format, ORIGINAL_MAX_SIDE, PhotoError};

/// The region of the upright picture to keep and the size to scale it to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    pub region: CropRect,
    pub output: (u32, u32),
    /// The chosen crop had another aspect ratio and was trimmed (centred) to the format's.
    pub trimmed: bool,
}

/// Plans the cut for a picture of `size` (after orientation).
pub(crate) fn plan(
    size: (u32, u32),
    format: Format,
    crop: Option<CropRect>,
) -> Result<Plan, PhotoError> {
    let region = match crop {
        Some(c) => {
            let inside = c.width > 0
                && c.height > 0
                && c.x.checked_add(c.width).is_some_and(|r| r <= size.0)
                && c.y.checked_add(c.height).is_some_and(|b| b <= size.1);
            if !inside {
                return Err(PhotoError::InvalidCrop);
            }
            c
        }
        None => CropRect {
            x: 0,
            y: 0,
            width: size.0,
            height: size.1,
        },
    };
    Ok(match format.target_size() {
        Some(target) => {
            let fitted = fit_to_ratio(region, target);
            Plan {
                region: fitted,
                output: target,
                // A crop the person drew that we had to change noticeably; the full picture
                // is always trimmed, which is what choosing a format means.
                trimmed: crop.is_some() && !nearly_same(fitted, region),
            }
        }
        None => Plan {
            region,
            output: scale_to_fit(region.width, region.height, ORIGINAL_MAX_SIDE),
            trimmed: false,
        },
    })
}

/// The largest centred part of `region` with the aspect ratio of `target`.
fn fit_to_ratio(region: CropRect, target: (u32, u32)) -> CropRect {
    let (w, h) = (u64::from(region.width), u64::from(region.height));
    let (tw, th) = (u64::from(target.0), u64::from(target.1));
    if w * th > h * tw {
        // Too wide: keep the height.
        let new_w = ((h * tw + th / 2) / th).clamp(1, w);
        let new_w = u32::try_from(new_w).unwrap_or(region.width);
        CropRect {
            x: region.x + (region.width - new_w) / 2,
            width: new_w,
            ..region
        }
    } else {
        let new_h = ((w * th + tw / 2) / tw).clamp(1, h);
        let new_h = u32::try_from(new_h).unwrap_or(region.height);
        CropRect {
            y: region.y + (region.height - new_h) / 2,
            height: new_h,
            ..region
        }
    }
}

/// Scales down (never up) so that the longer side is at most `max_side`, keeping the ratio.
fn scale_to_fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longest) / 2) / u64::from(longest);
        u32::try_from(scaled.max(1)).unwrap_or(max_side)
    };
    (scale(width), scale(height))
}

/// Within 1 % on both sides: a hand-drawn crop never hits a ratio exactly.
fn nearly_same(a: CropRect, b: CropRect) -> bool {
    let close = |x: u32, y: u32| x.abs_diff(y) * 100 <= y.max(1);
    close(a.width, b.width) && close(a.height, b.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: u32, y: u32, width: u32, height: u32) -> CropRect {
        CropRect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn a_4_3_photo_is_trimmed_top_and_bottom_for_the_landscape_format() {
        let p = plan((4000, 3000), Format::Landscape191, None).expect("plan");
        assert_eq!(p.output, (1200, 627));
        assert_eq!(p.region.width, 4000);
        assert_eq!(p.region.height, 2090);
        assert_eq!(p.region.y, (3000 - 2090) / 2);
        assert!(!p.trimmed);
    }

    #[test]
    fn a_4_3_photo_is_trimmed_left_and_right_for_the_portrait_format() {
        let p = plan((4000, 3000), Format::Portrait45, None).expect("plan");
        assert_eq!(p.output, (1080, 1350));
        assert_eq!((p.region.width, p.region.height), (2400, 3000));
        assert_eq!(p.region.x, 800);
    }

    #[test]
    fn a_crop_with_another_ratio_is_trimmed_and_reported() {
        let p = plan(
            (4000, 3000),
            Format::Square,
            Some(rect(100, 100, 2000, 1000)),
        )
        .expect("plan");
        assert_eq!(p.region, rect(600, 100, 1000, 1000));
        assert!(p.trimmed);
    }

    #[test]
    fn a_crop_that_nearly_matches_the_ratio_is_not_reported() {
        let p = plan((4000, 3000), Format::Square, Some(rect(0, 0, 1005, 1000))).expect("plan");
        assert!(!p.trimmed);
    }

    #[test]
    fn a_crop_outside_the_picture_is_refused() {
        let err = plan((100, 100), Format::Square, Some(rect(50, 50, 60, 10)));
        assert_eq!(err, Err(PhotoError::InvalidCrop));
        let err = plan((100, 100), Format::Square, Some(rect(u32::MAX, 0, 2, 2)));
        assert_eq!(err, Err(PhotoError::InvalidCrop));
        let err = plan((100, 100), Format::Square, Some(rect(0, 0, 0, 10)));
        assert_eq!(err, Err(PhotoError::InvalidCrop));
    }

    #[test]
    fn the_original_format_shrinks_large_pictures_and_keeps_small_ones() {
        let big = plan((4000, 3000), Format::Original, None).expect("plan");
        assert_eq!(big.output, (2048, 1536));
        let small = plan((800, 600), Format::Original, None).expect("plan");
        assert_eq!(small.output, (800, 600));
    }
}
