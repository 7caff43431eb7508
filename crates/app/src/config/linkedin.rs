//! The `[linkedin]` section: where LinkedIn lives and who we are to it. Every address is
//! configuration, so that tests, staging and an authority's proxy can point elsewhere.

use anyhow::Context;
use serde::Deserialize;

pub const DEFAULT_API_BASE_URL: &str = "https://api.linkedin.com";
pub const DEFAULT_OAUTH_BASE_URL: &str = "https://www.linkedin.com";
/// The `LinkedIn-Version` month sent with every call. LinkedIn retires a version about a
/// year after its release, so an operator moves it on with the releases.
pub const DEFAULT_VERSION: &str = "202511";

/// The LinkedIn app of this instance; posting to LinkedIn is offered only when both client id
/// and secret are set.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkedInSettings {
    pub api_base_url: String,
    pub oauth_base_url: String,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub version: String,
    /// Ask members for `r_member_postAnalytics` and read their posts' figures through the API.
    /// Only for an app LinkedIn approved for member post analytics: LinkedIn refuses the
    /// sign-in of any other app that asks for the scope, so it is off by default.
    pub post_analytics: bool,
}

impl LinkedInSettings {
    pub fn is_configured(&self) -> bool {
        self.client_id.is_some() && self.client_secret.is_some()
    }
}

impl std::fmt::Debug for LinkedInSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkedInSettings")
            .field("api_base_url", &self.api_base_url)
            .field("oauth_base_url", &self.oauth_base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .field("version", &self.version)
            .field("post_analytics", &self.post_analytics)
            .finish()
    }
}

impl std::fmt::Display for LinkedInSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = if self.client_secret.is_some() {
            "***"
        } else {
            "(none)"
        };
        write!(
            f,
            "api {} · oauth {} · client id {} · client secret {secret} · version {} · post \
             analytics {}",
            self.api_base_url,
            self.oauth_base_url,
            self.client_id.as_deref().unwrap_or("(none)"),
            self.version,
            if self.post_analytics { "on" } else { "off" }
        )
    }
}

/// The section as written in `amtfluencer.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileLinkedIn {
    api_base_url: Option<String>,
    oauth_base_url: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    version: Option<String>,
    post_analytics: Option<bool>,
}

/// `AMTFLUENCER_LINKEDIN_*` beats the file, which beats the defaults.
pub(super) fn load(
    file: Option<FileLinkedIn>,
    var: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<LinkedInSettings> {
    let file = file.unwrap_or_default();
    let url = |env: &str, from_file: Option<String>, default: &str| -> anyhow::Result<String> {
        let u = var(env).or(from_file).unwrap_or_else(|| default.to_owned());
        let parsed = url::Url::parse(&u)
            .with_context(|| format!("AMTFLUENCER_{env} {u:?} is not a valid URL"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            anyhow::bail!("AMTFLUENCER_{env} {u:?} must start with https://");
        }
        Ok(u.trim_end_matches('/').to_owned())
    };
    let version = var("LINKEDIN_VERSION")
        .or(file.version)
        .unwrap_or_else(|| DEFAULT_VERSION.to_owned());
    if version.len() != 6 || !version.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!(
            "AMTFLUENCER_LINKEDIN_VERSION must be a month written YYYYMM, e.g. {DEFAULT_VERSION}, not {version:?}"
        );
    }
    let post_analytics = match var("LINKEDIN_POST_ANALYTICS") {
        Some(v) => super::parse_bool("AMTFLUENCER_LINKEDIN_POST_ANALYTICS", &v)?,
        None => file.post_analytics.unwrap_or(false),
    };
    Ok(LinkedInSettings {
        api_base_url: url(
            "LINKEDIN_API_BASE_URL",
            file.api_base_url,
            DEFAULT_API_BASE_URL,
        )?,
        oauth_base_url: url(
            "LINKEDIN_OAUTH_BASE_URL",
            file.oauth_base_url,
            DEFAULT_OAUTH_BASE_URL,
        )?,
        client_id: var("LINKEDIN_CLIENT_ID").or(file.client_id),
        client_secret: var("LINKEDIN_CLIENT_SECRET").or(file.client_secret),
        version,
        post_analytics,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Config, Overrides};
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)], file: Option<&str>) -> anyhow::Result<Config> {
        let dir = tempfile::tempdir()?;
        let mut o = Overrides::default();
        if let Some(text) = file {
            let path = dir.path().join("a.toml");
            std::fs::write(&path, text)?;
            o.config_file = Some(path);
        }
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load(&o, &|k| map.get(k).cloned())
    }

    #[test]
    fn linkedin_defaults_to_the_real_hosts_and_is_off_without_an_app() {
        let c = load(&[], None).unwrap();
        assert_eq!(c.linkedin.api_base_url, "https://api.linkedin.com");
        assert_eq!(c.linkedin.oauth_base_url, "https://www.linkedin.com");
        assert!(!c.linkedin.is_configured());
        assert!(
            !c.linkedin.post_analytics,
            "LinkedIn refuses unapproved scopes"
        );
    }

    #[test]
    fn post_analytics_are_switched_on_in_the_file_or_the_environment() {
        let c = load(&[], Some("[linkedin]\npost_analytics = true\n")).unwrap();
        assert!(c.linkedin.post_analytics);
        assert!(format!("{c}").contains("post analytics on"), "{c}");
        let c = load(
            &[("AMTFLUENCER_LINKEDIN_POST_ANALYTICS", "false")],
            Some("[linkedin]\npost_analytics = true\n"),
        )
        .unwrap();
        assert!(!c.linkedin.post_analytics, "the environment wins");
        let c = load(&[("AMTFLUENCER_LINKEDIN_POST_ANALYTICS", "yes")], None).unwrap();
        assert!(c.linkedin.post_analytics);
        let e = load(
            &[("AMTFLUENCER_LINKEDIN_POST_ANALYTICS", "vielleicht")],
            None,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("AMTFLUENCER_LINKEDIN_POST_ANALYTICS"),
            "{e}"
        );
    }

    #[test]
    fn the_environment_beats_the_linkedin_section_of_the_file() {
        let file = "[linkedin]\nclient_id = \"file-id\"\nclient_secret = \"file-secret\"\n\
                    api_base_url = \"http://127.0.0.1:9/\"\nversion = \"202510\"\n";
        let c = load(
            &[
                ("AMTFLUENCER_LINKEDIN_CLIENT_ID", "env-id"),
                ("AMTFLUENCER_LINKEDIN_OAUTH_BASE_URL", "http://127.0.0.1:8"),
            ],
            Some(file),
        )
        .unwrap();
        assert_eq!(c.linkedin.client_id.as_deref(), Some("env-id"));
        assert_eq!(c.linkedin.client_secret.as_deref(), Some("file-secret"));
        assert_eq!(c.linkedin.api_base_url, "http://127.0.0.1:9");
        assert_eq!(c.linkedin.oauth_base_url, "http://127.0.0.1:8");
        assert_eq!(c.linkedin.version, "202510");
        assert!(c.linkedin.is_configured());
    }

    #[test]
    fn an_unknown_linkedin_key_and_a_bad_version_are_refused() {
        let e = load(&[], Some("[linkedin]\nclient_key = \"x\"\n")).unwrap_err();
        assert!(e.to_string().contains("client_key"), "{e}");
        let e = load(&[("AMTFLUENCER_LINKEDIN_VERSION", "2025-11")], None).unwrap_err();
        assert!(e.to_string().contains("YYYYMM"), "{e}");
    }

    #[test]
    fn the_linkedin_client_secret_is_never_shown() {
        let c = load(&[("AMTFLUENCER_LINKEDIN_CLIENT_SECRET", "s3cr3t")], None).unwrap();
        assert!(!format!("{c}").contains("s3cr3t"));
        assert!(!format!("{c:?}").contains("s3cr3t"));
    }
}
