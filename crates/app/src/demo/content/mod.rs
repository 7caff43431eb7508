//! Static content of the fictional demo authority "Stadt Musterstadt am Rhein" (NRW):
//! topic catalogue, ambassadors, candidates, events, costs and post-text fragments for the demo seeder.

/// Display name of the fictional demo authority.
pub const AUTHORITY_NAME: &str = "Stadt Musterstadt am Rhein";

/// Version label of the consent text the demo ambassadors agreed to.
pub const CONSENT_TEXT_VERSION: &str = "2026-01";

mod people;
mod programme;
mod texts;
mod topics;

pub use people::*;
pub use programme::*;
pub use texts::*;
pub use topics::*;

/// The first version of the demo authority's social-media guidelines.
pub const GUIDELINES_TITLE: &str = "Leitlinien für Amtfluencer der Stadt Musterstadt am Rhein";

/// Paragraphs separated by blank lines.
pub const GUIDELINES_BODY: &str = "Du sprichst auf LinkedIn als Mensch, der bei der Stadt arbeitet – nicht als Pressestelle. Erzähl von deinem Arbeitsalltag, so wie er ist.

Neutralität: Keine parteipolitischen Äußerungen im Zusammenhang mit deiner Arbeit, besonders nicht vor Wahlen.

Vertraulichkeit: Keine Personalangelegenheiten, keine Aktenzeichen, keine laufenden Vergaben, keine Namen von Bürgerinnen und Bürgern ohne deren Zustimmung.

Fotos: Wer auf einem Foto erkennbar ist, muss vorher zustimmen. Achte auf Bildschirme, Akten und Kennzeichen im Hintergrund.

Presseanfragen und Kritik: Anfragen von Medien leitest du an die Pressestelle weiter. Auf Kritik darfst du freundlich antworten; bei Beschwerden verweist du an den Bürgerservice.

Arbeitszeit: Beiträge entstehen in der Arbeitszeit, wenn du möchtest. Niemand erwartet Posts am Wochenende.

Freiwilligkeit: Du entscheidest, ob und wie oft du postest. Zwei Beiträge im Monat sind eine Orientierung, keine Pflicht.";
