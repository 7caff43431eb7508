//! The message catalogue (Fluent): German first, English second. Templates never hold text;
//! they ask the catalogue by key.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::langid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().get(..2)?.to_ascii_lowercase().as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        }
    }

    /// The first supported language in an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        header
            .split(',')
            .find_map(|part| Lang::parse(part.split(';').next()?))
    }
}

pub struct I18n {
    de: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

/// The catalogue files, one per area, as (name, German, English).
pub const CATALOGUES: &[(&str, &str, &str)] = &[
    (
        "main",
        include_str!("../locales/de/main.ftl"),
        include_str!("../locales/en/main.ftl"),
    ),
    (
        "events",
        include_str!("../locales/de/events.ftl"),
        include_str!("../locales/en/events.ftl"),
    ),
    (
        "people_import",
        include_str!("../locales/de/people_import.ftl"),
        include_str!("../locales/en/people_import.ftl"),
    ),
    (
        "studio",
        include_str!("../locales/de/studio.ftl"),
        include_str!("../locales/en/studio.ftl"),
    ),
    (
        "review",
        include_str!("../locales/de/review.ftl"),
        include_str!("../locales/en/review.ftl"),
    ),
    (
        "mail",
        include_str!("../locales/de/mail.ftl"),
        include_str!("../locales/en/mail.ftl"),
    ),
    (
        "sso",
        include_str!("../locales/de/sso.ftl"),
        include_str!("../locales/en/sso.ftl"),
    ),
    (
        "cohorts",
        include_str!("../locales/de/cohorts.ftl"),
        include_str!("../locales/en/cohorts.ftl"),
    ),
    (
        "recruitment",
        include_str!("../locales/de/recruitment.ftl"),
        include_str!("../locales/en/recruitment.ftl"),
    ),
    (
        "topics",
        include_str!("../locales/de/topics.ftl"),
        include_str!("../locales/en/topics.ftl"),
    ),
    (
        "calendar",
        include_str!("../locales/de/calendar.ftl"),
        include_str!("../locales/en/calendar.ftl"),
    ),
    (
        "publishing",
        include_str!("../locales/de/publishing.ftl"),
        include_str!("../locales/en/publishing.ftl"),
    ),
    (
        "report",
        include_str!("../locales/de/report.ftl"),
        include_str!("../locales/en/report.ftl"),
    ),
    (
        "metrics",
        include_str!("../locales/de/metrics.ftl"),
        include_str!("../locales/en/metrics.ftl"),
    ),
    (
        "links",
        include_str!("../locales/de/links.ftl"),
        include_str!("../locales/en/links.ftl"),
    ),
];

impl I18n {
    /// Builds the catalogue; the files are part of the binary, so a broken one fails at start.
    pub fn load() -> anyhow::Result<Self> {
        Ok(Self {
            de: bundle(CATALOGUES.iter().map(|c| c.1), langid!("de"))?,
            en: bundle(CATALOGUES.iter().map(|c| c.2), langid!("en"))?,
        })
    }

    fn bundle_for(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    /// The message for `key`; a missing key shows the key itself (and a test keeps both
    /// catalogues complete).
    pub fn tr(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
    }

    pub fn tr_args(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, FluentValue::from(*v));
        }
        self.format(lang, key, Some(&fa))
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle_for(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

fn bundle<'a>(
    sources: impl Iterator<Item = &'a str>,
    id: unic_langid::LanguageIdentifier,
) -> anyhow::Result<FluentBundle<FluentResource>> {
    let mut b = FluentBundle::new_concurrent(vec![id.clone()]);
    // Unicode isolation marks around arguments would end up in HTML attributes and tests.
    b.set_use_isolating(false);
    for source in sources {
        let res = FluentResource::try_new(source.to_owned())
            .map_err(|(_, errs)| anyhow::anyhow!("message catalogue {id} is invalid: {errs:?}"))?;
        b.add_resource(res)
            .map_err(|errs| anyhow::anyhow!("message catalogue has duplicate keys: {errs:?}"))?;
    }
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(src: &str) -> Vec<&str> {
        src.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
            .filter(|k| !k.is_empty() && !k.starts_with('#'))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys_in_every_catalogue() {
        for (name, de, en) in CATALOGUES {
            let (mut de, mut en) = (keys(de), keys(en));
            de.sort();
            en.sort();
            assert_eq!(de, en, "catalogue {name}");
        }
    }

    #[test]
    fn messages_are_formatted_with_arguments() {
        let i = I18n::load().unwrap();
        assert_eq!(i.tr(Lang::De, "nav-login"), "Anmelden");
        assert_eq!(
            i.tr_args(Lang::En, "signed-in-as", &[("name", "Anna")]),
            "Signed in as Anna"
        );
        assert_eq!(i.tr(Lang::De, "no-such-key"), "no-such-key");
    }

    #[test]
    fn accept_language_picks_the_first_supported() {
        assert_eq!(
            Lang::from_accept_language("fr-FR, en;q=0.8, de;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de-DE,de;q=0.9"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("fr"), None);
    }
}
