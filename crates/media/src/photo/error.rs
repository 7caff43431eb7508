//! Why an upload was refused, in words the uploader can act on.

use crate::Message;

/// A photo that cannot be used. `Display` gives the German message; [`PhotoError::message`] both.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message().de)]
pub enum PhotoError {
    /// No bytes at all.
    Empty,
    /// Larger than we accept for upload.
    FileTooLarge { bytes: usize, limit: usize },
    /// Neither JPEG nor PNG nor any other image we recognise, whatever the file name says.
    NotAnImage { name: String },
    /// HEIC/HEIF (iPhone default): no maintained pure-Rust decoder exists.
    Heic { name: String },
    /// An image format we recognise but do not take (GIF, WebP, TIFF, BMP, AVIF).
    UnsupportedFormat { name: String, format: &'static str },
    /// The header claims more pixels than a photo has: a decompression bomb or a scan.
    TooManyPixels { width: u32, height: u32 },
    /// The header or the picture data is broken, or decoding would exceed the memory limit.
    Corrupt { name: String, detail: String },
    /// The crop rectangle lies (partly) outside the picture or is empty.
    InvalidCrop,
    /// The picture could not be encoded again (should not happen).
    Encode(String),
}

impl PhotoError {
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new(
                "Die Datei ist leer. Bitte wählen Sie ein Foto aus.",
                "The file is empty. Please choose a photo.",
            ),
            Self::FileTooLarge { bytes, limit } => {
                let mb = |n: usize| n.div_ceil(1024 * 1024);
                Message::new(
                    format!(
                        "Die Datei ist mit {} MB zu groß (höchstens {} MB). Bitte laden Sie ein kleineres Foto hoch.",
                        mb(*bytes),
                        mb(*limit)
                    ),
                    format!(
                        "The file is too large at {} MB (at most {} MB). Please upload a smaller photo.",
                        mb(*bytes),
                        mb(*limit)
                    ),
                )
            }
            Self::NotAnImage { name } => Message::new(
                format!(
                    "„{name}“ ist kein Bild, auch wenn der Dateiname danach aussieht. Bitte laden Sie ein Foto als JPEG oder PNG hoch."
                ),
                format!(
                    "“{name}” is not an image, even if its name looks like one. Please upload a photo as JPEG or PNG."
                ),
            ),
            Self::Heic { name } => Message::new(
                format!(
                    "„{name}“ ist ein HEIC-Foto (Standard auf dem iPhone). Dieses Format können wir nicht verarbeiten. \
                     Bitte teilen Sie das Foto als JPEG (in der Fotos-App: Teilen → Optionen → „Automatisch“ bzw. als JPEG sichern) \
                     oder stellen Sie das iPhone dauerhaft um: Einstellungen → Kamera → Formate → „Maximale Kompatibilität“."
                ),
                format!(
                    "“{name}” is a HEIC photo (the iPhone's default). We cannot process this format. \
                     Please share the photo as JPEG, or switch the iPhone for good: \
                     Settings → Camera → Formats → “Most Compatible”."
                ),
            ),
            Self::UnsupportedFormat { name, format } => Message::new(
                format!(
                    "„{name}“ ist ein {format}-Bild. Bitte speichern Sie es als JPEG oder PNG und laden Sie es erneut hoch."
                ),
                format!(
                    "“{name}” is a {format} image. Please save it as JPEG or PNG and upload it again."
                ),
            ),
            Self::TooManyPixels { width, height } => Message::new(
                format!(
                    "Das Bild ist mit {width} × {height} Pixeln zu groß für ein Foto (höchstens {} Megapixel, {} Pixel je Seite). \
                     Bitte verkleinern Sie es vor dem Hochladen.",
                    super::MAX_MEGAPIXELS,
                    super::MAX_SIDE
                ),
                format!(
                    "At {width} × {height} pixels the image is too large for a photo (at most {} megapixels, {} pixels a side). \
                     Please make it smaller before uploading.",
                    super::MAX_MEGAPIXELS,
                    super::MAX_SIDE
                ),
            ),
            Self::Corrupt { name, .. } => Message::new(
                format!(
                    "„{name}“ ist beschädigt oder unvollständig und lässt sich nicht öffnen. Bitte laden Sie das Foto noch einmal hoch."
                ),
                format!(
                    "“{name}” is damaged or incomplete and cannot be opened. Please upload the photo again."
                ),
            ),
            Self::InvalidCrop => Message::new(
                "Der gewählte Ausschnitt liegt nicht (ganz) im Bild. Bitte wählen Sie den Ausschnitt neu.",
                "The chosen crop is not (entirely) inside the picture. Please choose the crop again.",
            ),
            Self::Encode(_) => Message::new(
                "Das Foto konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal.",
                "The photo could not be saved. Please try again.",
            ),
        }
    }
}
