//! The real format of an upload, from its first bytes: a file name or a browser's MIME type says
//! nothing about what a file is.

/// What the first bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Jpeg,
    Png,
    Heic,
    /// Recognised, but not taken; the name for the message.
    Other(&'static str),
    Unknown,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// HEIF brands (ISO/IEC 23008-12) used for HEVC-coded still images and sequences.
const HEIC_BRANDS: &[&[u8]] = &[
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"heif",
];
const AVIF_BRANDS: &[&[u8]] = &[b"avif", b"avis"];

pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Jpeg
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Sniffed::Png
    } else if let Some(brands) = iso_bmff_brands(bytes) {
        bmff_kind(&brands)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Sniffed::Other("GIF")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Sniffed::Other("WebP")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Sniffed::Other("TIFF")
    } else if bytes.starts_with(b"BM") && bytes.len() >= 26 {
        Sniffed::Other("BMP")
    } else {
        Sniffed::Unknown
    }
}

/// The major brand followed by the compatible brands of an ISO base media file's `ftyp` box.
fn iso_bmff_brands(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = size.clamp(16, bytes.len());
    let mut brands = vec![&bytes[8..12]];
    // Bytes 12..16 are the minor version; compatible brands follow.
    brands.extend(bytes[16..end].chunks_exact(4));
    Some(brands)
}

fn bmff_kind(brands: &[&[u8]]) -> Sniffed {
    let has = |set: &[&[u8]]| brands.iter().any(|b| set.contains(b));
    if has(AVIF_BRANDS) {
        Sniffed::Other("AVIF")
    } else if has(HEIC_BRANDS) || brands.iter().any(|b| *b == b"mif1" || *b == b"msf1") {
        // `mif1` alone is the generic HEIF image brand; without an AVIF brand it is HEIC in
        // practice (phones and cameras).
        Sniffed::Heic
    } else {
        // MP4, MOV, 3GP: a video.
        Sniffed::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut v = (size as u32).to_be_bytes().to_vec();
        v.extend_from_slice(b"ftyp");
        v.extend_from_slice(major);
        v.extend_from_slice(&[0, 0, 0, 0]);
        for c in compatible {
            v.extend_from_slice(*c);
        }
        v.extend_from_slice(&[0; 32]);
        v
    }

    #[test]
    fn an_iphone_heic_header_is_recognised_as_heic() {
        assert_eq!(sniff(&ftyp(b"heic", &[b"mif1", b"heic"])), Sniffed::Heic);
        assert_eq!(sniff(&ftyp(b"mif1", &[b"mif1", b"miaf"])), Sniffed::Heic);
    }

    #[test]
    fn an_avif_header_is_not_mistaken_for_heic() {
        assert_eq!(
            sniff(&ftyp(b"mif1", &[b"avif", b"mif1"])),
            Sniffed::Other("AVIF")
        );
    }

    #[test]
    fn an_mp4_video_is_not_an_image() {
        assert_eq!(sniff(&ftyp(b"isom", &[b"isom", b"mp41"])), Sniffed::Unknown);
    }

    #[test]
    fn gif_webp_and_text_are_told_apart() {
        assert_eq!(sniff(b"GIF89a\x01\x00\x01\x00"), Sniffed::Other("GIF"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Other("WebP"));
        assert_eq!(sniff(b"Hello, this is text"), Sniffed::Unknown);
        assert_eq!(sniff(b""), Sniffed::Unknown);
    }
}
