//! Sending mail: SMTP when configured, otherwise an outbox folder the operator can read.
//!
//! Handlers never send directly: they put an [`OutgoingMail`] on the job queue
//! (`jobs::mail::enqueue`) in the same transaction as the business write, and the worker hands
//! it to the [`Mailer`]. An SMTP outage therefore delays a mail but never loses it. The SMTP
//! URL may carry a password; it is only ever shown through [`mask_url`].

pub mod compose;
pub mod outbox;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{Config, mask_url};

/// The header that names the authority of a mail in the outbox.
pub const TENANT_HEADER: &str = "X-Amtfluencer-Tenant";

/// How long one SMTP conversation may take before the attempt counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A mail as it waits in the job queue (its JSON is the job's payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingMail {
    /// The authority the mail belongs to; its programme team may read it in the outbox.
    #[serde(default)]
    pub tenant_id: Option<i64>,
    pub to: String,
    #[serde(default)]
    pub to_name: Option<String>,
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// A file sent along, e.g. an `.ics` invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    #[serde(with = "hex_bytes")]
    pub data: Vec<u8>,
}

/// Bytes as hex in the JSON payload.
mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        hex::decode(text).map_err(serde::de::Error::custom)
    }
}

/// Where mail goes.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

enum Transport {
    Smtp {
        inner: AsyncSmtpTransport<Tokio1Executor>,
        /// The URL with its password masked, for errors and logs.
        shown: String,
    },
    Outbox(PathBuf),
}

impl Mailer {
    /// SMTP when `smtp_url` is set, otherwise the outbox folder.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let from: Mailbox = config.mail_from.parse().map_err(|e| {
            anyhow::anyhow!(
                "the sender address {:?} is not a valid mailbox: {e}",
                config.mail_from
            )
        })?;
        let transport = match &config.smtp_url {
            Some(url) => {
                let shown = mask_url(url);
                let inner = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SMTP URL {shown} cannot be used: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Transport::Smtp { inner, shown }
            }
            None => Transport::Outbox(config.outbox_dir.clone()),
        };
        Ok(Self { from, transport })
    }

    pub fn is_smtp(&self) -> bool {
        matches!(self.transport, Transport::Smtp { .. })
    }

    /// Sends the mail, or writes it to the outbox. An error means "try again later".
    pub async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()> {
        match &self.transport {
            Transport::Smtp { inner, shown } => {
                let message = self.message(mail, false)?;
                inner
                    .send(message)
                    .await
                    .map_err(|e| anyhow::anyhow!("sending mail through {shown} failed: {e}"))?;
                Ok(())
            }
            Transport::Outbox(dir) => {
                let message = self.message(mail, true)?;
                let id = outbox::write(dir, mail, &message.formatted())
                    .await
                    .with_context(|| format!("writing mail to the outbox {}", dir.display()))?;
                tracing::info!(id = %id, "mail written to the outbox (no SMTP configured)");
                Ok(())
            }
        }
    }

    /// A Message-ID that stays the same when a failed attempt is repeated, so that a mail
    /// delivered twice (the server took it but the answer was lost) is recognisably one.
    fn message_id(&self, mail: &OutgoingMail) -> String {
        let json = serde_json::to_vec(mail).unwrap_or_default();
        let digest = hex::encode(Sha256::digest(&json));
        format!("<{}@{}>", &digest[..32], self.from.email.domain())
    }

    /// The RFC 5322 message; the outbox copy names its authority in a header.
    fn message(&self, mail: &OutgoingMail, with_tenant: bool) -> anyhow::Result<Message> {
        let address: Address = mail
            .to
            .parse()
            .map_err(|e| anyhow::anyhow!("recipient {:?} is not a valid address: {e}", mail.to))?;
        let mut builder = Message::builder()
            .message_id(Some(self.message_id(mail)))
            .from(self.from.clone())
            .to(Mailbox::new(mail.to_name.clone(), address))
            .subject(mail.subject.clone());
        if let (true, Some(tenant)) = (with_tenant, mail.tenant_id) {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str(TENANT_HEADER),
                tenant.to_string(),
            ));
        }
        let text = SinglePart::plain(mail.text.clone());
        let message = if mail.attachments.is_empty() {
            builder.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().singlepart(text);
            for a in &mail.attachments {
                let ct = ContentType::parse(&a.content_type).map_err(|e| {
                    anyhow::anyhow!("attachment {:?} has an invalid type: {e}", a.name)
                })?;
                parts = parts
                    .singlepart(LettreAttachment::new(a.name.clone()).body(a.data.clone(), ct));
            }
            builder.multipart(parts)
        };
        message.map_err(|e| anyhow::anyhow!("the mail cannot be built: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(smtp: Option<&str>, dir: &std::path::Path) -> Config {
        let o = crate::config::Overrides::default();
        let mut c = Config::load(&o, &|_| None).unwrap();
        c.smtp_url = smtp.map(str::to_owned);
        c.outbox_dir = dir.to_path_buf();
        c
    }

    fn mail() -> OutgoingMail {
        OutgoingMail {
            tenant_id: Some(7),
            to: "anna@musterstadt.example".into(),
            to_name: Some("Anna Schmitz".into()),
            subject: "Einladung / Invitation".into(),
            text: "Grüße\nhttps://a.example/invite/abc".into(),
            attachments: vec![Attachment {
                name: "termin.ics".into(),
                content_type: "text/calendar; charset=utf-8".into(),
                data: b"BEGIN:VCALENDAR".to_vec(),
            }],
        }
    }

    #[test]
    fn the_payload_round_trips_through_json() {
        let m = mail();
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(
            json["attachments"][0]["data"],
            hex::encode(b"BEGIN:VCALENDAR")
        );
        assert_eq!(serde_json::from_value::<OutgoingMail>(json).unwrap(), m);
    }

    #[test]
    fn an_smtp_password_never_shows_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(Some("smtps://amt:postgeheim@[::1"), dir.path());
        let e = Mailer::from_config(&c).err().unwrap().to_string();
        assert!(!e.contains("postgeheim"), "{e}");
    }

    #[tokio::test]
    async fn a_refused_connection_names_the_masked_url_only() {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let dir = tempfile::tempdir().unwrap();
        let url = format!("smtp://amt:postgeheim@127.0.0.1:{port}");
        let m = Mailer::from_config(&config(Some(&url), dir.path())).unwrap();
        assert!(m.is_smtp());
        let e = format!("{:#}", m.send(&mail()).await.unwrap_err());
        assert!(!e.contains("postgeheim"), "{e}");
        assert!(e.contains("amt:***@127.0.0.1"), "{e}");
    }

    #[tokio::test]
    async fn without_smtp_the_mail_lands_in_the_outbox_with_its_authority() {
        let dir = tempfile::tempdir().unwrap();
        let m = Mailer::from_config(&config(None, &dir.path().join("out"))).unwrap();
        assert!(!m.is_smtp());
        m.send(&mail()).await.unwrap();
        let emls: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        assert_eq!(emls.len(), 1);
        let text = std::fs::read_to_string(&emls[0]).unwrap();
        assert!(text.contains("X-Amtfluencer-Tenant: 7\r\n"), "{text}");
        assert!(text.contains("@localhost>\r\n"), "a Message-ID: {text}");
        assert!(
            text.contains("To: \"Anna Schmitz\" <anna@musterstadt.example>"),
            "{text}"
        );
        assert!(text.contains("termin.ics"), "{text}");
    }
}
