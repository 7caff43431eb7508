//! The outbox folder: where mail goes when no SMTP server is configured (the demo, an offline
//! installation). Each mail is an `.eml` file (RFC 5322, readable by any mail program) and a
//! `.json` side file with its authority and plain text for the outbox pages. File names start
//! with the UTC time, so they sort by time.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::OutgoingMail;
use crate::tenancy::TenantId;

/// How many files one listing looks at, newest first.
const SCAN_LIMIT: usize = 2000;

/// One mail in the outbox, as the pages show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    #[serde(skip)]
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub tenant_id: Option<i64>,
    pub to: String,
    pub subject: String,
    pub text: String,
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// Whose mail a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The operator: everything.
    All,
    /// An authority's programme team: its own mail only.
    Tenant(TenantId),
}

impl Scope {
    fn admits(self, e: &Entry) -> bool {
        match self {
            Scope::All => true,
            Scope::Tenant(t) => e.tenant_id == Some(t.0),
        }
    }
}

/// Writes a mail into `dir` (created if missing); returns its id.
pub async fn write(dir: &Path, mail: &OutgoingMail, eml: &[u8]) -> anyhow::Result<String> {
    tokio::fs::create_dir_all(dir).await?;
    let created_at = crate::db::now();
    let id = format!(
        "{}-{}",
        created_at.format("%Y%m%dT%H%M%S%.6fZ"),
        &crate::auth::tokens::random_token()[..8]
    )
    .replace('.', "");
    let side = Entry {
        id: id.clone(),
        created_at,
        tenant_id: mail.tenant_id,
        to: match &mail.to_name {
            Some(n) => format!("{n} <{}>", mail.to),
            None => mail.to.clone(),
        },
        subject: mail.subject.clone(),
        text: mail.text.clone(),
        attachments: mail.attachments.iter().map(|a| a.name.clone()).collect(),
    };
    // The side file last: a listing only shows mail whose .eml is complete.
    write_atomically(&dir.join(format!("{id}.eml")), eml).await?;
    write_atomically(
        &dir.join(format!("{id}.json")),
        serde_json::to_string_pretty(&side)?.as_bytes(),
    )
    .await?;
    Ok(id)
}

async fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, path).await?;
    Ok(())
}

/// The newest mail first, at most `limit`.
pub async fn list(dir: &Path, scope: Scope, limit: usize) -> anyhow::Result<Vec<Entry>> {
    let mut ids = match tokio::fs::read_dir(dir).await {
        Ok(mut rd) => {
            let mut ids = Vec::new();
            while let Some(e) = rd.next_entry().await? {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(id) = name.strip_suffix(".json").filter(|id| valid_id(id)) {
                    ids.push(id.to_owned());
                }
            }
            ids
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let mut out = Vec::new();
    for id in ids.into_iter().take(SCAN_LIMIT) {
        if out.len() >= limit {
            break;
        }
        if let Some(e) = read_entry(dir, &id).await?.filter(|e| scope.admits(e)) {
            out.push(e);
        }
    }
    Ok(out)
}

/// One mail, if it exists and the scope may see it.
pub async fn read(dir: &Path, id: &str, scope: Scope) -> anyhow::Result<Option<Entry>> {
    if !valid_id(id) {
        return Ok(None);
    }
    Ok(read_entry(dir, id).await?.filter(|e| scope.admits(e)))
}

async fn read_entry(dir: &Path, id: &str) -> anyhow::Result<Option<Entry>> {
    let bytes = match tokio::fs::read(dir.join(format!("{id}.json"))).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    // A damaged side file hides that one mail rather than the whole outbox.
    Ok(serde_json::from_slice::<Entry>(&bytes).ok().map(|mut e| {
        e.id = id.to_owned();
        e
    }))
}

/// Ids are what [`write`] makes: ASCII letters, digits and hyphens, never a path.
fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(tenant: Option<i64>, subject: &str) -> OutgoingMail {
        OutgoingMail {
            tenant_id: tenant,
            to: "a@b.example".into(),
            to_name: None,
            subject: subject.into(),
            text: "Hallo".into(),
            attachments: vec![],
        }
    }

    #[tokio::test]
    async fn mail_is_listed_newest_first_and_only_for_its_authority() {
        let dir = tempfile::tempdir().unwrap();
        let first = write(dir.path(), &mail(Some(1), "eins"), b"x")
            .await
            .unwrap();
        let second = write(dir.path(), &mail(Some(2), "zwei"), b"x")
            .await
            .unwrap();
        assert!(second > first, "{first} {second}");
        let all = list(dir.path(), Scope::All, 10).await.unwrap();
        let subjects: Vec<_> = all.iter().map(|e| e.subject.as_str()).collect();
        assert_eq!(subjects, ["zwei", "eins"]);
        let one = list(dir.path(), Scope::Tenant(TenantId(1)), 10)
            .await
            .unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, first);
        let scope = Scope::Tenant(TenantId(2));
        assert!(read(dir.path(), &first, scope).await.unwrap().is_none());
        assert!(read(dir.path(), &second, scope).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn ids_that_are_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read(dir.path(), "../etc/passwd", Scope::All)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            list(&dir.path().join("missing"), Scope::All, 5)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
