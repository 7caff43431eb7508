//! The post studio's live text checks: what an Amtfluencer sees while writing a LinkedIn post.
//!
//! [`check_post`] is pure and fast (well under a millisecond for a full-length post), so the
//! web layer can call it on every pause in typing. Each finding is a [`Check`] with a stable
//! `id` the front end can key on, a severity and a short explanation in the writer's language.
//!
//! Conventions, for everyone who reads the report:
//! - The text is read with line breaks normalised: CRLF and lone CR count as one `\n`, as in a
//!   browser's `textarea.value` and as LinkedIn counts them.
//! - Characters are Unicode scalar values of that normalised text (LinkedIn's count), not bytes;
//!   every `span` is a half-open range `[start, end)` of such character offsets.
//! - `metrics.hashtags` lists each hashtag once, without the `#`, in the spelling first used.
//! - Readability ignores hashtags, URLs, mentions and emoji.

mod confidential;
mod hashtags;
mod inclusive;
mod layout;
mod phrase;
mod plain_language;
mod readability;
pub mod ready;
mod text;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use layout::{FOLD_CHARACTERS, MAX_CHARACTERS};
pub use readability::syllables;

crate::text_enum! {
    /// The language of the messages (the post itself is read as German).
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Language {
        De = "de",
        En = "en",
    }
}

crate::text_enum! {
    /// The authority's house style for gender-inclusive language.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum InclusiveStyle {
        /// `Mitarbeiter:innen`
        Colon = "colon",
        /// `Mitarbeiter*innen`
        Star = "star",
        /// `Mitarbeiterinnen und Mitarbeiter`; no characters inside words (as required in some states).
        PairForms = "pair_forms",
        /// `Mitarbeitende`, `Beschäftigte`
        Neutral = "neutral",
        /// No check.
        Off = "off",
    }
}

/// What the writer asks to have checked.
#[derive(Debug, Clone, Copy)]
pub struct CheckInput<'a> {
    pub text: &'a str,
    pub language: Language,
    pub style: InclusiveStyle,
    /// Name or handle of the authority's LinkedIn page, e.g. "Stadt Musterstadt".
    pub authority_page: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable identifier of the rule, e.g. `hashtag_count`.
    pub id: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Character range `[start, end)` in the normalised text, where the finding sits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
}

/// Figures about the text, shown next to the findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    pub characters: usize,
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Flesch reading ease for German after Amstad: 0 (very hard) to 100 (very easy); the
    /// formula can leave that range for extreme texts. Both scores are 0 for a text without words.
    pub flesch_amstad: f64,
    /// First Wiener Sachtextformel: school grade 4 (very easy) to 15 (very hard).
    pub wiener_sachtextformel: f64,
    /// Each hashtag once, without `#`.
    pub hashtags: Vec<String>,
    /// Character offset where LinkedIn folds the post behind "…mehr"; the length when it doesn't.
    pub fold_index: usize,
    /// The sentence with the lowest reading ease.
    pub hardest_sentence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub checks: Vec<Check>,
    pub metrics: Metrics,
}

impl Check {
    fn new(id: &'static str, severity: Severity, message: String) -> Self {
        Self {
            id,
            severity,
            message,
            span: None,
        }
    }

    fn at(mut self, span: (usize, usize)) -> Self {
        self.span = Some(span);
        self
    }
}

/// Picks the message in the writer's language; both are format strings with inline arguments.
macro_rules! say {
    ($lang:expr, $de:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::studio::Language::De => format!($de),
            $crate::studio::Language::En => format!($en),
        }
    };
}
pub(crate) use say;

/// Runs every check on a post text.
pub fn check_post(input: &CheckInput) -> CheckReport {
    let text = text::Text::new(input.text, input.authority_page);
    let lang = input.language;
    let read = readability::measure(&text);
    let fold_index = layout::fold_index(&text);
    let mut checks = Vec::new();
    if text.is_blank() {
        checks.push(Check::new(
            "empty",
            Severity::Info,
            say!(
                lang,
                "Noch kein Text. Ein guter Beitrag beginnt mit einer Zeile, die neugierig macht.",
                "No text yet. A good post starts with a line that makes people curious."
            ),
        ));
    } else {
        layout::check(&text, lang, fold_index, input.authority_page, &mut checks);
        hashtags::check(&text, lang, &mut checks);
        readability::check(&read, lang, &mut checks);
        plain_language::check(&text, lang, &mut checks);
        inclusive::check(&text, lang, input.style, &mut checks);
        confidential::check(&text, lang, &mut checks);
    }
    let metrics = Metrics {
        characters: text.len(),
        words: read.words,
        sentences: read.sentences,
        syllables: read.syllables,
        flesch_amstad: round1(read.flesch_amstad),
        wiener_sachtextformel: round1(read.wiener),
        hashtags: hashtags::unique(&text),
        fold_index,
        hardest_sentence: read.hardest_sentence,
    };
    CheckReport { checks, metrics }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
