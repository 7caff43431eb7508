//! Test pictures built in code: an encoded image from the `image` crate, with metadata segments
//! and chunks assembled byte by byte as a phone or an editor writes them.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage, RgbaImage};

/// A picture whose top-left quarter is red and the rest blue, so a rotation can be seen.
pub fn marked_rgb(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        if x < width / 2 && y < height / 2 {
            image::Rgb([230, 20, 20])
        } else {
            image::Rgb([20, 20, 230])
        }
    })
}

/// Smooth gradients with a little deterministic noise: compresses like a photo.
pub fn photo_like(width: u32, height: u32) -> RgbImage {
    let mut seed = 0x2545_f491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 24) as u8;
        let r = ((x * 255) / width.max(1)) as u8;
        let g = ((y * 255) / height.max(1)) as u8;
        image::Rgb([
            r.saturating_add(noise),
            g.saturating_add(noise),
            128 + noise,
        ])
    })
}

pub fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode jpeg");
    out
}

pub fn png_rgb(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode png");
    out
}

pub fn png_rgba(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgba8,
        )
        .expect("encode png");
    out
}

// ---- EXIF (TIFF structure) ----

const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;
const BYTE: u16 = 1;

struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    data: Vec<u8>,
}

fn ascii(tag: u16, text: &str) -> Entry {
    let mut data = text.as_bytes().to_vec();
    data.push(0);
    Entry {
        tag,
        kind: ASCII,
        count: data.len() as u32,
        data,
    }
}

fn rationals(tag: u16, values: &[(u32, u32)]) -> Entry {
    let data = values
        .iter()
        .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
        .collect();
    Entry {
        tag,
        kind: RATIONAL,
        count: values.len() as u32,
        data,
    }
}

fn ifd_len(entries: &[Entry]) -> u32 {
    let external: usize = entries
        .iter()
        .filter(|e| e.data.len() > 4)
        .map(|e| e.data.len().next_multiple_of(2))
        .sum();
    (2 + 12 * entries.len() + 4 + external) as u32
}

/// Writes an IFD at `out.len()` (which must equal `start`) followed by its out-of-line values.
fn write_ifd(out: &mut Vec<u8>, entries: &[Entry]) {
    let start = out.len() as u32;
    let mut data_at = start + 2 + 12 * entries.len() as u32 + 4;
    let mut external = Vec::new();
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for e in entries {
        out.extend_from_slice(&e.tag.to_le_bytes());
        out.extend_from_slice(&e.kind.to_le_bytes());
        out.extend_from_slice(&e.count.to_le_bytes());
        if e.data.len() <= 4 {
            let mut inline = e.data.clone();
            inline.resize(4, 0);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&data_at.to_le_bytes());
            let mut d = e.data.clone();
            if d.len() % 2 == 1 {
                d.push(0);
            }
            data_at += d.len() as u32;
            external.extend(d);
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend(external);
}

/// A little-endian TIFF block as phones write it: make, model, orientation and, optionally, a GPS
/// IFD with latitude and longitude (Monheim am Rhein).
pub fn exif_tiff(orientation: u16, with_gps: bool) -> Vec<u8> {
    let mut ifd0 = vec![
        ascii(0x010F, "Apple"),
        ascii(0x0110, "iPhone 14"),
        Entry {
            tag: 0x0112,
            kind: SHORT,
            count: 1,
            data: orientation.to_le_bytes().to_vec(),
        },
    ];
    let gps = vec![
        Entry {
            tag: 0x0000,
            kind: BYTE,
            count: 4,
            data: vec![2, 3, 0, 0],
        },
        ascii(0x0001, "N"),
        rationals(0x0002, &[(51, 1), (5, 1), (3012, 100)]),
        ascii(0x0003, "E"),
        rationals(0x0004, &[(6, 1), (53, 1), (1150, 100)]),
    ];
    let gps_pointer_entry_len = if with_gps { 12 } else { 0 };
    let ifd0_len = ifd_len(&ifd0) + gps_pointer_entry_len;
    if with_gps {
        let gps_at = 8 + ifd0_len;
        ifd0.push(Entry {
            tag: 0x8825,
            kind: LONG,
            count: 1,
            data: gps_at.to_le_bytes().to_vec(),
        });
    }
    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&8u32.to_le_bytes());
    write_ifd(&mut out, &ifd0);
    if with_gps {
        write_ifd(&mut out, &gps);
    }
    out
}

// ---- JPEG segments ----

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

pub const XMP_PLAIN: &str = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Lightroom\"/></rdf:RDF></x:xmpmeta>";

pub const XMP_WITH_LOCATION: &str = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"51,5.502N\" exif:GPSLongitude=\"6,53.191E\"/>\
</rdf:RDF></x:xmpmeta>";

/// A JPEG as a phone and an editor leave it: EXIF (with GPS when asked), XMP, Photoshop/IPTC
/// and a comment, all right after the start-of-image marker.
pub fn jpeg_with_metadata(image: &RgbImage, orientation: u16, with_gps: bool) -> Vec<u8> {
    let plain = jpeg(image);
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(exif_tiff(orientation, with_gps));
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    let xmp_text = if with_gps {
        XMP_WITH_LOCATION
    } else {
        XMP_PLAIN
    };
    xmp.extend_from_slice(xmp_text.as_bytes());
    // Photoshop image resource block with an IPTC record (resource 0x0404): caption "Rathaus".
    let iptc: &[u8] = b"\x1c\x02\x78\x00\x07Rathaus";
    let mut photoshop = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    photoshop.extend_from_slice(&(iptc.len() as u32).to_be_bytes());
    photoshop.extend_from_slice(iptc);
    photoshop.push(0);
    let mut out = plain[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xE1, &xmp));
    out.extend(segment(0xED, &photoshop));
    out.extend(segment(0xFE, b"Aufgenommen in der Kantine"));
    out.extend_from_slice(&plain[2..]);
    out
}

/// Markers of the segments before the picture data.
pub fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "not a JPEG");
    let mut markers = Vec::new();
    let mut pos = 2;
    while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
        let marker = bytes[pos + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        pos += 2 + len;
    }
    markers
}

// ---- PNG chunks ----

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    c.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    c
}

/// Inserts chunks right after IHDR.
pub fn png_with_chunks(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let after_ihdr = 8 + 12 + 13;
    let mut out = png[..after_ihdr].to_vec();
    for c in chunks {
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&png[after_ihdr..]);
    out
}

/// Chunk types in order.
pub fn png_chunk_types(bytes: &[u8]) -> Vec<String> {
    let mut types = Vec::new();
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]])
            as usize;
        types.push(String::from_utf8_lossy(&bytes[pos + 4..pos + 8]).into_owned());
        pos += 12 + len;
    }
    types
}

/// An iTXt chunk carrying XMP, uncompressed.
pub fn itxt_xmp(xmp: &str) -> Vec<u8> {
    let mut data = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    data.extend_from_slice(xmp.as_bytes());
    chunk(b"iTXt", &data)
}
