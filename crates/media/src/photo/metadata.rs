//! What an upload carries besides its pixels: found by walking the JPEG segments or PNG chunks,
//! so that we can tell the person what was removed. Nothing found here is written back: the
//! encoder starts from bare pixels.

use serde::Serialize;

use crate::Message;

/// What the upload carried and the stored file no longer does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// GPS coordinates (EXIF GPS block or XMP location).
    pub gps: bool,
    /// An EXIF block (date, device, exposure, often serial numbers).
    pub exif: bool,
    /// An XMP block (editing history, sometimes location and names).
    pub xmp: bool,
    /// IPTC data (captions, author, keywords).
    pub iptc: bool,
    /// Free-text comments (JPEG comments, PNG text chunks).
    pub comments: bool,
    /// Make and model of the camera or phone, e.g. "Apple iPhone 14".
    pub camera: Option<String>,
    /// What happened to an embedded colour profile.
    pub colour_profile: ColourProfile,
}

/// The colour profile: not personal, but the stored file carries none, so the pixels are
/// converted to sRGB, which every browser and LinkedIn assume for a file without a profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColourProfile {
    #[default]
    None,
    /// The pixels were converted from the embedded profile (e.g. Display P3) to sRGB.
    ConvertedToSrgb,
    /// The profile could not be read; the pixels were kept as they were.
    Ignored,
}

impl Removed {
    /// Whether anything personal or descriptive was removed.
    pub fn any(&self) -> bool {
        self.gps || self.exif || self.xmp || self.iptc || self.comments
    }

    /// One line per removed kind, the location first: what the person sees after the upload.
    pub fn summary(&self) -> Vec<Message> {
        let mut lines = Vec::new();
        if self.gps {
            lines.push(Message::new("Standort entfernt", "Location removed"));
        }
        if let Some(camera) = &self.camera {
            lines.push(Message::new(
                format!("Gerätedaten entfernt ({camera})"),
                format!("Device data removed ({camera})"),
            ));
        }
        if self.exif {
            lines.push(Message::new(
                "EXIF-Daten entfernt (Aufnahmezeit, Kameraeinstellungen)",
                "EXIF data removed (time taken, camera settings)",
            ));
        }
        if self.xmp {
            lines.push(Message::new("XMP-Daten entfernt", "XMP data removed"));
        }
        if self.iptc {
            lines.push(Message::new(
                "IPTC-Daten entfernt (Bildbeschreibung, Urheber, Stichwörter)",
                "IPTC data removed (caption, author, keywords)",
            ));
        }
        if self.comments {
            lines.push(Message::new("Kommentare entfernt", "Comments removed"));
        }
        if self.colour_profile == ColourProfile::ConvertedToSrgb {
            lines.push(Message::new(
                "Farbprofil in sRGB umgerechnet",
                "Colour profile converted to sRGB",
            ));
        }
        lines
    }
}

/// The result of walking the container.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub removed: Removed,
    /// The EXIF block as a TIFF structure (without the `Exif\0\0` prefix).
    pub exif_tiff: Option<Vec<u8>>,
    /// EXIF orientation 1..=8, when present.
    pub orientation: Option<u8>,
    /// Width and height as the header states them (before any decoding).
    pub dimensions: Option<(u32, u32)>,
}

const EXIF_PREFIX: &[u8] = b"Exif\0\0";
const XMP_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXTENSION_PREFIX: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";
const PHOTOSHOP_PREFIX: &[u8] = b"Photoshop 3.0\0";

/// Walks the segments of a JPEG up to the start of the picture data.
pub(crate) fn scan_jpeg(bytes: &[u8]) -> Scan {
    let mut scan = Scan::default();
    let mut pos = 2;
    while pos + 4 <= bytes.len() {
        if bytes[pos] != 0xFF {
            break;
        }
        let marker = bytes[pos + 1];
        if marker == 0xFF {
            // Fill byte.
            pos += 1;
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            break; // Start of scan or end of image: no more metadata segments.
        }
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            pos += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        let Some(payload) = bytes.get(pos + 4..pos + 2 + len.max(2)) else {
            break;
        };
        match marker {
            0xE1 if payload.starts_with(EXIF_PREFIX) => {
                scan.removed.exif = true;
                if scan.exif_tiff.is_none() {
                    scan.exif_tiff = Some(payload[EXIF_PREFIX.len()..].to_vec());
                }
            }
            0xE1 if payload.starts_with(XMP_PREFIX)
                || payload.starts_with(XMP_EXTENSION_PREFIX) =>
            {
                scan.removed.xmp = true;
                scan.removed.gps |= xmp_has_location(payload);
            }
            0xED if payload.starts_with(PHOTOSHOP_PREFIX) => {
                // Photoshop resources; IPTC is resource 0x0404, but the whole block goes either way.
                scan.removed.iptc = true;
            }
            0xFE => scan.removed.comments = true,
            // Start of frame (all coding processes): precision, height, width.
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) && payload.len() >= 5 => {
                let height = u16::from_be_bytes([payload[1], payload[2]]);
                let width = u16::from_be_bytes([payload[3], payload[4]]);
                scan.dimensions = Some((u32::from(width), u32::from(height)));
            }
            _ => {}
        }
        pos += 2 + len;
    }
    read_exif(&mut scan);
    scan
}

/// Walks the chunks of a PNG up to `IEND`.
pub(crate) fn scan_png(bytes: &[u8]) -> Scan {
    let mut scan = Scan::default();
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]]);
        let kind = &bytes[pos + 4..pos + 8];
        let Some(data) = bytes.get(pos + 8..(pos + 8).saturating_add(len as usize)) else {
            break;
        };
        match kind {
            b"eXIf" => {
                scan.removed.exif = true;
                let tiff = data.strip_prefix(EXIF_PREFIX).unwrap_or(data);
                scan.exif_tiff = Some(tiff.to_vec());
            }
            b"tEXt" | b"zTXt" | b"iTXt" => {
                let keyword = data.split(|b| *b == 0).next().unwrap_or_default();
                match keyword {
                    b"XML:com.adobe.xmp" => {
                        scan.removed.xmp = true;
                        scan.removed.gps |= xmp_has_location(data);
                    }
                    // ImageMagick keeps profiles as hex text in these.
                    b"Raw profile type exif" | b"Raw profile type APP1" => scan.removed.exif = true,
                    b"Raw profile type iptc" | b"Raw profile type 8bim" => scan.removed.iptc = true,
                    b"Raw profile type xmp" => scan.removed.xmp = true,
                    _ => scan.removed.comments = true,
                }
            }
            b"IHDR" if data.len() >= 8 => {
                let width = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                let height = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                scan.dimensions = Some((width, height));
            }
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len as usize;
    }
    read_exif(&mut scan);
    scan
}

/// Uncompressed XMP mentions a location as `exif:GPSLatitude`/`GPSLongitude` (attribute or
/// element); compressed iTXt is reported as XMP without location detail.
fn xmp_has_location(data: &[u8]) -> bool {
    data.windows(11)
        .any(|w| w == b"GPSLatitude" || w == b"GPSLongitud")
}

/// Reads GPS presence, the camera and the orientation from the EXIF block.
fn read_exif(scan: &mut Scan) {
    let Some(tiff) = &scan.exif_tiff else {
        return;
    };
    let mut reader = exif::Reader::new();
    reader.continue_on_error(true);
    let parsed = match reader.read_raw(tiff.clone()) {
        Ok(exif) => exif,
        Err(exif::Error::PartialResult(partial)) => partial.into_inner().0,
        Err(_) => return,
    };
    let mut make = None;
    let mut model = None;
    for field in parsed.fields() {
        if field.tag.context() == exif::Context::Gps {
            scan.removed.gps = true;
        }
        match field.tag {
            exif::Tag::Make if field.ifd_num == exif::In::PRIMARY => make = ascii(&field.value),
            exif::Tag::Model if field.ifd_num == exif::In::PRIMARY => model = ascii(&field.value),
            exif::Tag::Orientation if field.ifd_num == exif::In::PRIMARY => {
                scan.orientation = field
                    .value
                    .get_uint(0)
                    .and_then(|v| u8::try_from(v).ok())
                    .filter(|v| (1..=8).contains(v));
            }
            _ => {}
        }
    }
    scan.removed.camera = match (make, model) {
        // Phones repeat the make in the model ("Apple" + "iPhone 14" vs "Canon" + "Canon EOS R6").
        (Some(make), Some(model)) if model.starts_with(&make) => Some(model),
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (one, other) => one.or(other),
    };
}

fn ascii(value: &exif::Value) -> Option<String> {
    let exif::Value::Ascii(parts) = value else {
        return None;
    };
    let text: String = parts
        .iter()
        .flat_map(|p| p.iter())
        .map(|b| char::from(*b))
        .filter(|c| !c.is_control())
        .collect();
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}
