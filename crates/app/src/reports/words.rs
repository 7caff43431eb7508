//! Text for the report in one language: messages from the catalogue and numbers, amounts and
//! dates written the way that language writes them. Also the page effect in words, which the
//! page-effect dashboard and the API say the same way.

use amtfluencer_domain::analytics::Certainty;
use amtfluencer_domain::money::{format_de, format_en};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::db::analytics::PageEffect;
use crate::i18n::{I18n, Lang};
use crate::numbers;

#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub i18n: &'a I18n,
    pub lang: Lang,
}

impl<'a> Words<'a> {
    pub fn new(i18n: &'a I18n, lang: Lang) -> Self {
        Self { i18n, lang }
    }

    pub fn t(&self, key: &str) -> String {
        self.i18n.tr(self.lang, key)
    }

    /// A message with arguments.
    pub fn ta(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.i18n.tr_args(self.lang, key, args)
    }

    pub fn num(&self, n: i64) -> String {
        numbers::num(self.lang, n)
    }

    pub fn count(&self, n: usize) -> String {
        self.num(i64::try_from(n).unwrap_or(i64::MAX))
    }

    pub fn dec(&self, v: f64) -> String {
        numbers::dec(self.lang, v)
    }

    /// Two decimals, for correlations.
    pub fn dec2(&self, v: f64) -> String {
        let s = format!("{v:.2}");
        if self.lang == Lang::De {
            s.replace('.', ",")
        } else {
            s
        }
    }

    pub fn pct(&self, v: f64) -> String {
        numbers::pct(self.lang, v)
    }

    pub fn money(&self, cents: i64) -> String {
        match self.lang {
            Lang::De => format_de(cents),
            Lang::En => format_en(cents),
        }
    }

    pub fn date(&self, d: NaiveDate) -> String {
        numbers::date(self.lang, d)
    }

    pub fn timestamp(&self, t: DateTime<Utc>) -> String {
        format!("{}, {} UTC", self.date(t.date_naive()), t.format("%H:%M"))
    }

    /// "02/2026" or "2026-02".
    pub fn month(&self, m: NaiveDate) -> String {
        match self.lang {
            Lang::De => format!("{:02}/{}", m.month(), m.year()),
            Lang::En => format!("{}-{:02}", m.year(), m.month()),
        }
    }

    /// The page effect in words, with its uncertainty.
    pub fn effect_statements(&self, e: &PageEffect) -> Vec<String> {
        let mut out = Vec::new();
        match e.followers {
            Some(c) => {
                let args = [
                    ("after", self.dec(c.mean_after_posts)),
                    ("other", self.dec(c.mean_other)),
                    ("diff", self.dec(c.difference)),
                    ("low", self.dec(c.low)),
                    ("high", self.dec(c.high)),
                    ("days", c.days_after_posts.to_string()),
                    ("others", c.other_days.to_string()),
                ];
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                out.push(self.ta("analytics-effect-followers", &args));
                out.push(self.t(match c.certainty {
                    Certainty::Clear if c.difference < 0.0 => "analytics-effect-clear-less",
                    Certainty::Clear => "analytics-effect-clear",
                    Certainty::Unclear => "analytics-effect-unclear",
                    Certainty::TooFewData => "analytics-effect-too-few",
                }));
            }
            None => out.push(self.t("analytics-effect-none")),
        }
        if let Some(best) = e.correlations.iter().max_by(|a, b| a.r.total_cmp(&b.r)) {
            out.push(self.ta(
                "analytics-effect-correlation",
                &[
                    ("lag", &best.lag.to_string()),
                    ("r", &self.dec2(best.r)),
                    ("low", &self.dec2(best.low)),
                    ("high", &self.dec2(best.high)),
                ],
            ));
        }
        out.push(self.t("analytics-effect-caveat"));
        out
    }
}
