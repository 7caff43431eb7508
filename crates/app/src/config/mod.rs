//! Configuration: flags > `AMTFLUENCER_*` environment > `amtfluencer.toml` > defaults.
//!
//! Secrets (the database password) never leave this module unmasked: `Display` and `Debug`
//! of [`Config`] and every error show `***` instead.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

mod linkedin;
pub use linkedin::LinkedInSettings;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://amtfluencer.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_CONFIG_FILE: &str = "amtfluencer.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The effective configuration of one instance.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    /// The public address of this instance, used in links; defaults to `http://{bind}`.
    pub base_url: String,
    /// Whether this instance runs the background worker.
    pub worker: bool,
    pub log_format: LogFormat,
    pub demo: bool,
    /// SMTP server for mail, e.g. `smtps://user:pass@mail.example:465`; without it, mails are
    /// written to `outbox_dir` for the operator to read.
    pub smtp_url: Option<String>,
    /// The sender of all mail.
    pub mail_from: String,
    pub outbox_dir: PathBuf,
    /// The key that encrypts secrets at rest (32 bytes, hex); see `crate::crypto`.
    pub secret_key: Option<[u8; 32]>,
    /// Send `Strict-Transport-Security`; on by default when `base_url` is https.
    pub hsts: bool,
    /// How long audit-log entries are kept.
    pub audit_retention_days: u32,
    /// Where photos are stored: a folder (`file:///var/lib/amtfluencer/media` or a path) or an
    /// S3-compatible bucket (`s3://bucket?endpoint=…&region=…`).
    pub media_url: String,
    /// Access key and secret for an `s3://` media store.
    pub media_s3_access_key_id: Option<String>,
    pub media_s3_secret_access_key: Option<String>,
    /// The LinkedIn app and hosts (`[linkedin]`, `AMTFLUENCER_LINKEDIN_*`).
    pub linkedin: LinkedInSettings,
}

/// What the command line may override.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub database_url: Option<String>,
    pub bind: Option<String>,
    pub worker: Option<bool>,
    pub log_format: Option<String>,
    pub demo: bool,
}

/// The file's shape; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    bind: Option<String>,
    base_url: Option<String>,
    worker: Option<bool>,
    log_format: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    outbox_dir: Option<PathBuf>,
    secret_key: Option<String>,
    hsts: Option<bool>,
    audit_retention_days: Option<u32>,
    media_url: Option<String>,
    media_s3_access_key_id: Option<String>,
    media_s3_secret_access_key: Option<String>,
    linkedin: Option<linkedin::FileLinkedIn>,
}

impl Config {
    /// Loads the configuration from all sources; `env` is passed in so tests need no globals.
    pub fn load(
        overrides: &Overrides,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        let file = read_file(overrides, env)?;
        let var = |k: &str| env(&format!("AMTFLUENCER_{k}")).filter(|v| !v.is_empty());

        let database_url = overrides
            .database_url
            .clone()
            .or_else(|| var("DATABASE_URL"))
            .or_else(|| env("DATABASE_URL").filter(|v| !v.is_empty()))
            .or(file.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        check_database_url(&database_url)?;

        let bind_text = overrides
            .bind
            .clone()
            .or_else(|| var("BIND"))
            .or(file.bind)
            .unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind: SocketAddr = bind_text.parse().with_context(|| {
            format!("bind address {bind_text:?} is not of the form IP:PORT, e.g. 127.0.0.1:8080")
        })?;

        let worker = match overrides.worker {
            Some(w) => w,
            None => match var("WORKER") {
                Some(v) => parse_bool("AMTFLUENCER_WORKER", &v)?,
                None => file.worker.unwrap_or(true),
            },
        };

        let log_format = match overrides
            .log_format
            .clone()
            .or_else(|| var("LOG_FORMAT"))
            .or(file.log_format)
            .as_deref()
        {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => bail!("log format {other:?} is unknown: use \"text\" or \"json\""),
        };

        let base_url = var("BASE_URL")
            .or(file.base_url)
            .unwrap_or_else(|| format!("http://{bind}"));
        url::Url::parse(&base_url)
            .with_context(|| format!("base URL {base_url:?} is not a valid URL"))?;

        let smtp_url = var("SMTP_URL").or(file.smtp_url);
        if let Some(u) = &smtp_url {
            let parsed = url::Url::parse(u)
                .map_err(|e| anyhow::anyhow!("SMTP URL {} is not a valid URL: {e}", mask_url(u)))?;
            if !matches!(parsed.scheme(), "smtp" | "smtps") {
                bail!(
                    "SMTP URL {} must start with smtp:// or smtps://",
                    mask_url(u)
                );
            }
        }
        let secret_key = match var("SECRET_KEY").or(file.secret_key) {
            Some(hex_key) => Some(parse_key(&hex_key)?),
            None => None,
        };
        let hsts = match var("HSTS") {
            Some(v) => parse_bool("AMTFLUENCER_HSTS", &v)?,
            None => file.hsts.unwrap_or(base_url.starts_with("https://")),
        };
        let audit_retention_days = match var("AUDIT_RETENTION_DAYS") {
            Some(v) => v.parse().map_err(|_| {
                anyhow::anyhow!(
                    "AMTFLUENCER_AUDIT_RETENTION_DAYS must be a number of days, not {v:?}"
                )
            })?,
            None => file.audit_retention_days.unwrap_or(730),
        };

        let linkedin = linkedin::load(file.linkedin, &var)?;

        Ok(Self {
            database_url,
            bind,
            base_url: base_url.trim_end_matches('/').to_owned(),
            worker,
            log_format,
            demo: overrides.demo,
            smtp_url,
            mail_from: var("MAIL_FROM")
                .or(file.mail_from)
                .unwrap_or_else(|| "Amtfluencer <amtfluencer@localhost>".to_owned()),
            outbox_dir: var("OUTBOX_DIR")
                .map(PathBuf::from)
                .or(file.outbox_dir)
                .unwrap_or_else(|| PathBuf::from("outbox")),
            secret_key,
            hsts,
            audit_retention_days,
            media_url: var("MEDIA_URL")
                .or(file.media_url)
                .unwrap_or_else(|| "media".to_owned()),
            media_s3_access_key_id: var("MEDIA_S3_ACCESS_KEY_ID").or(file.media_s3_access_key_id),
            media_s3_secret_access_key: var("MEDIA_S3_SECRET_ACCESS_KEY")
                .or(file.media_s3_secret_access_key),
            linkedin,
        })
    }

    pub fn from_env(overrides: &Overrides) -> anyhow::Result<Self> {
        Self::load(overrides, &|k| std::env::var(k).ok())
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

fn read_file(
    overrides: &Overrides,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<FileConfig> {
    let explicit = overrides
        .config_file
        .clone()
        .or_else(|| env("AMTFLUENCER_CONFIG").map(PathBuf::from));
    let path = match explicit {
        Some(p) => p,
        None if Path::new(DEFAULT_CONFIG_FILE).exists() => PathBuf::from(DEFAULT_CONFIG_FILE),
        None => return Ok(FileConfig::default()),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read configuration file {}", path.display()))?;
    toml::from_str(&text).map_err(|e| {
        let msg = e.message().to_owned();
        anyhow::anyhow!("configuration file {} is invalid: {msg}", path.display())
    })
}

/// A 32-byte key written as 64 hex digits (`openssl rand -hex 32`).
fn parse_key(text: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = hex::decode(text.trim())
        .ok()
        .filter(|b| b.len() == 32)
        .ok_or_else(|| {
            anyhow::anyhow!("AMTFLUENCER_SECRET_KEY must be 64 hex digits (create one with: openssl rand -hex 32)")
        })?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes);
    Ok(key)
}

fn parse_bool(name: &str, v: &str) -> anyhow::Result<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => bail!("{name} must be true or false, not {v:?}"),
    }
}

/// Refuses a database URL that no backend can use, naming the problem in one line.
pub fn check_database_url(url: &str) -> anyhow::Result<()> {
    if url.starts_with("sqlite:") {
        return Ok(());
    }
    let parsed = url::Url::parse(url)
        .map_err(|e| anyhow::anyhow!("database URL {} is not a valid URL: {e}", mask_url(url)))?;
    match parsed.scheme() {
        "postgres" | "postgresql" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        "postgres" | "postgresql" => {
            bail!("database URL {} names no host", mask_url(url))
        }
        other => bail!(
            "database URL scheme {other:?} is not supported: use sqlite://FILE or postgres://…"
        ),
    }
}

/// The URL with its password replaced by `***`, for logs and errors.
pub fn mask_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(_) => url.to_owned(),
        // Unparseable: hide anything between "//user:" and "@".
        Err(_) => match (url.find("://"), url.rfind('@')) {
            (Some(s), Some(at)) if at > s => {
                let creds = &url[s + 3..at];
                match creds.split_once(':') {
                    Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                    None => url.to_owned(),
                }
            }
            _ => url.to_owned(),
        },
    }
}

impl std::fmt::Display for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "database_url = {}", mask_url(&self.database_url))?;
        writeln!(f, "bind         = {}", self.bind)?;
        writeln!(f, "base_url     = {}", self.base_url)?;
        writeln!(f, "worker       = {}", self.worker)?;
        writeln!(f, "log_format   = {:?}", self.log_format)?;
        writeln!(f, "demo         = {}", self.demo)?;
        match &self.smtp_url {
            Some(u) => writeln!(f, "smtp_url     = {}", mask_url(u))?,
            None => writeln!(
                f,
                "smtp_url     = (none: mails go to {})",
                self.outbox_dir.display()
            )?,
        }
        writeln!(f, "mail_from    = {}", self.mail_from)?;
        writeln!(
            f,
            "secret_key   = {}",
            if self.secret_key.is_some() {
                "set"
            } else {
                "not set"
            }
        )?;
        writeln!(f, "hsts         = {}", self.hsts)?;
        writeln!(f, "linkedin     = {}", self.linkedin)?;
        writeln!(f, "audit_retention_days = {}", self.audit_retention_days)?;
        // The media address carries no secret (the S3 keys are separate settings).
        write!(f, "media_url    = {}", self.media_url)
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests;
