//! What the person should know about the photo before posting it: LinkedIn's formats, sizes and
//! limits, with a short reason each.

use serde::Serialize;

use super::Format;
use super::geometry::Plan;
use crate::Message;

/// LinkedIn refuses larger image files.
pub const LINKEDIN_MAX_BYTES: usize = 5 * 1024 * 1024;
/// LinkedIn's Images API takes fewer pixels than this.
pub const LINKEDIN_MAX_PIXELS: u64 = 36_152_320;
/// Below this width a photo looks soft in the feed on a large screen.
pub const MIN_SHARP_WIDTH: u32 = 1080;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One finding about the photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoCheck {
    /// Stable identifier the front end can key on, e.g. `resolution_low`.
    pub id: &'static str,
    pub severity: Severity,
    pub message: Message,
}

impl PhotoCheck {
    fn new(id: &'static str, severity: Severity, de: String, en: String) -> Self {
        Self {
            id,
            severity,
            message: Message::new(de, en),
        }
    }
}

/// LinkedIn's feed formats as width/height, with the name people know them by.
const LINKEDIN_RATIOS: &[(f64, &str, &str)] = &[
    (1.91, "1,91:1", "1.91:1"),
    (1.0, "1:1", "1:1"),
    (0.8, "4:5", "4:5"),
];

pub(crate) fn run(format: Format, plan: &Plan, stored_bytes: usize) -> Vec<PhotoCheck> {
    let mut checks = Vec::new();
    let region = plan.region;
    let (out_w, out_h) = plan.output;
    if let Some((tw, th)) = format.target_size() {
        if region.width < tw || region.height < th {
            checks.push(PhotoCheck::new(
                "resolution_low",
                Severity::Warning,
                format!(
                    "Der Ausschnitt hat nur {} × {} Pixel und wird auf {tw} × {th} vergrößert; das Foto kann unscharf wirken.",
                    region.width, region.height
                ),
                format!(
                    "The crop has only {} × {} pixels and is enlarged to {tw} × {th}; the photo may look soft.",
                    region.width, region.height
                ),
            ));
        }
    } else if out_w < MIN_SHARP_WIDTH {
        checks.push(PhotoCheck::new(
            "resolution_low",
            Severity::Warning,
            format!(
                "Das Foto ist nur {out_w} Pixel breit; LinkedIn empfiehlt mindestens {MIN_SHARP_WIDTH}. Es kann unscharf wirken."
            ),
            format!(
                "The photo is only {out_w} pixels wide; LinkedIn recommends at least {MIN_SHARP_WIDTH}. It may look soft."
            ),
        ));
    }
    if format == Format::Original {
        let ratio = f64::from(out_w) / f64::from(out_h.max(1));
        let matches = LINKEDIN_RATIOS
            .iter()
            .any(|(r, _, _)| (ratio - r).abs() / r <= 0.02);
        if !matches {
            let names = |pick: fn(&(f64, &'static str, &'static str)) -> &'static str| {
                LINKEDIN_RATIOS
                    .iter()
                    .map(pick)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (de, en) = (names(|r| r.1), names(|r| r.2));
            checks.push(PhotoCheck::new(
                "aspect_ratio",
                Severity::Info,
                format!(
                    "Das Seitenverhältnis ist keines der LinkedIn-Formate ({de}); LinkedIn schneidet das Foto im Feed selbst zu. \
                     Wählen Sie ein Format, um den Ausschnitt selbst zu bestimmen."
                ),
                format!(
                    "The aspect ratio is none of LinkedIn's formats ({en}); LinkedIn crops the photo in the feed by itself. \
                     Choose a format to decide the crop yourself."
                ),
            ));
        }
    }
    if plan.trimmed {
        checks.push(PhotoCheck::new(
            "crop_adjusted",
            Severity::Info,
            "Der gewählte Ausschnitt wurde mittig auf das Seitenverhältnis des Formats gekürzt."
                .to_owned(),
            "The chosen crop was trimmed, centred, to the format's aspect ratio.".to_owned(),
        ));
    }
    if u64::from(out_w) * u64::from(out_h) >= LINKEDIN_MAX_PIXELS {
        checks.push(PhotoCheck::new(
            "too_many_pixels",
            Severity::Error,
            "Das Foto hat mehr Pixel, als LinkedIn annimmt.".to_owned(),
            "The photo has more pixels than LinkedIn accepts.".to_owned(),
        ));
    }
    if stored_bytes > LINKEDIN_MAX_BYTES {
        checks.push(PhotoCheck::new(
            "file_too_large",
            Severity::Error,
            format!(
                "Die Datei ist größer als die {} MB, die LinkedIn annimmt. Wählen Sie ein Format oder einen kleineren Ausschnitt.",
                LINKEDIN_MAX_BYTES / (1024 * 1024)
            ),
            format!(
                "The file is larger than the {} MB LinkedIn accepts. Choose a format or a smaller crop.",
                LINKEDIN_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    checks
}
