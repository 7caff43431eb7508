//! Values parsed at the edge: once a value has one of these types, it is valid.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("is not a valid email address")]
    Email,
    #[error("must be 2 to 40 characters: lowercase letters, digits and hyphens")]
    Slug,
    #[error("must not be empty")]
    Empty,
    #[error("is too long (at most {0} characters)")]
    TooLong(usize),
    #[error("is not a LinkedIn profile address like https://www.linkedin.com/in/name")]
    LinkedIn,
}

/// An email address, trimmed and lowercased so that it identifies one person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim().to_lowercase();
        let (local, domain) = s.split_once('@').ok_or(ParseError::Email)?;
        let valid = !local.is_empty()
            && s.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !s.contains(char::is_whitespace)
            && !domain.contains('@');
        if valid {
            Ok(Self(s))
        } else {
            Err(ParseError::Email)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The URL name of an authority, e.g. `musterstadt` in `/t/musterstadt/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim();
        let valid = (2..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        if valid {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError::Slug)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A LinkedIn member profile address, normalised to `https://www.linkedin.com/in/<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedInUrl(String);

impl LinkedInUrl {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim();
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        let (host, path) = rest.split_once('/').ok_or(ParseError::LinkedIn)?;
        let host = host.to_ascii_lowercase();
        let host_ok = host == "linkedin.com"
            || (host.ends_with(".linkedin.com")
                && host.len() <= "www.linkedin.com".len()
                && host[..host.len() - ".linkedin.com".len()]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase()));
        let path = path.split(['?', '#']).next().unwrap_or("");
        let name = path
            .strip_prefix("in/")
            .map(|n| n.trim_end_matches('/'))
            .ok_or(ParseError::LinkedIn)?;
        let name_ok = (3..=100).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '%');
        if host_ok && name_ok {
            Ok(Self(format!("https://www.linkedin.com/in/{name}")))
        } else {
            Err(ParseError::LinkedIn)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A required, trimmed line of text with a maximum length in characters.
pub fn required_text(input: &str, max_chars: usize) -> Result<String, ParseError> {
    let s = input.trim();
    if s.is_empty() {
        Err(ParseError::Empty)
    } else if s.chars().count() > max_chars {
        Err(ParseError::TooLong(max_chars))
    } else {
        Ok(s.to_owned())
    }
}

crate::text_enum! {
    /// The 16 German federal states by their official two-letter codes; they decide the
    /// public holidays.
    pub enum FederalState {
        BW = "BW", BY = "BY", BE = "BE", BB = "BB", HB = "HB", HH = "HH", HE = "HE", MV = "MV",
        NI = "NI", NW = "NW", RP = "RP", SL = "SL", SN = "SN", ST = "ST", SH = "SH", TH = "TH",
    }
}

impl FederalState {
    pub fn name_de(self) -> &'static str {
        use FederalState::*;
        match self {
            BW => "Baden-Württemberg",
            BY => "Bayern",
            BE => "Berlin",
            BB => "Brandenburg",
            HB => "Bremen",
            HH => "Hamburg",
            HE => "Hessen",
            MV => "Mecklenburg-Vorpommern",
            NI => "Niedersachsen",
            NW => "Nordrhein-Westfalen",
            RP => "Rheinland-Pfalz",
            SL => "Saarland",
            SN => "Sachsen",
            ST => "Sachsen-Anhalt",
            SH => "Schleswig-Holstein",
            TH => "Thüringen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lowercased() {
        let e = Email::parse("  Anna.Beispiel@Musterstadt.Example ").unwrap();
        assert_eq!(e.as_str(), "anna.beispiel@musterstadt.example");
    }

    #[test]
    fn an_email_without_domain_is_refused() {
        for bad in [
            "anna",
            "anna@",
            "@musterstadt.example",
            "a b@x.de",
            "a@x",
            "a@.x.de",
        ] {
            assert_eq!(Email::parse(bad), Err(ParseError::Email), "{bad}");
        }
    }

    #[test]
    fn a_slug_is_lowercase_letters_digits_and_hyphens() {
        assert!(Slug::parse("musterstadt").is_ok());
        assert!(Slug::parse("kreis-nord-2").is_ok());
        for bad in [
            "M",
            "Musterstadt",
            "muster stadt",
            "-a",
            "a-",
            "ä-stadt",
            "",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_linkedin_profile_address_is_normalised() {
        for ok in [
            "https://www.linkedin.com/in/katharina-brenner/",
            "linkedin.com/in/katharina-brenner",
            "https://de.linkedin.com/in/katharina-brenner?utm_source=x",
        ] {
            assert_eq!(
                LinkedInUrl::parse(ok).unwrap().as_str(),
                "https://www.linkedin.com/in/katharina-brenner",
                "{ok}"
            );
        }
    }

    #[test]
    fn other_addresses_are_not_linkedin_profiles() {
        for bad in [
            "https://www.linkedin.com/company/stadt-musterstadt",
            "https://evil.example/in/katharina",
            "https://linkedin.com.evil.example/in/katharina",
            "https://www.linkedin.com/in/",
            "katharina",
        ] {
            assert_eq!(LinkedInUrl::parse(bad), Err(ParseError::LinkedIn), "{bad}");
        }
    }

    #[test]
    fn required_text_counts_characters_not_bytes() {
        assert_eq!(required_text(" Übung ", 5), Ok("Übung".to_owned()));
        assert_eq!(required_text("   ", 5), Err(ParseError::Empty));
        assert_eq!(required_text("Äpfel!", 5), Err(ParseError::TooLong(5)));
    }

    #[test]
    fn all_sixteen_states_have_a_german_name() {
        assert_eq!(FederalState::ALL.len(), 16);
        assert_eq!(FederalState::NW.name_de(), "Nordrhein-Westfalen");
        assert!("XX".parse::<FederalState>().is_err());
    }
}
