//! Errors of the calendar computations.

use super::holidays::{FIRST_YEAR, LAST_YEAR};

/// A calendar question that cannot be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The year is outside the years whose holiday law is modelled.
    #[error(
        "public holidays are only known for the years {FIRST_YEAR} to {LAST_YEAR}, not for {year}"
    )]
    YearOutOfRange { year: i32 },
}

impl CalendarError {
    /// The message for a German-speaking user.
    pub fn text_de(&self) -> String {
        match self {
            CalendarError::YearOutOfRange { year } => format!(
                "Feiertage sind nur für die Jahre {FIRST_YEAR} bis {LAST_YEAR} hinterlegt, \
                 nicht für {year}."
            ),
        }
    }

    /// The message for an English-speaking user.
    pub fn text_en(&self) -> String {
        let mut text = self.to_string();
        text.push('.');
        super::text::capitalised(&text)
    }
}
