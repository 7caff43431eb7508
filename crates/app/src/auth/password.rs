//! Password hashing with argon2id (the crate's defaults: 19 MiB memory, 2 iterations,
//! 1 lane, as OWASP recommends), run off the async runtime.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let hash: PasswordHash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    Ok(hash.to_string())
}

/// Checks a password against a stored hash. With no stored hash a dummy hash is checked, so
/// that an unknown account answers in about the same time as a wrong password.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let dummy;
        let phc = match &stored {
            Some(s) => s.as_str(),
            None => {
                dummy = DUMMY.get_or_init(|| hash_blocking("dummy").unwrap_or_default());
                dummy.as_str()
            }
        };
        let ok = PasswordHash::new(phc)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && stored.is_some()
    })
    .await
    .unwrap_or(false)
}

static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("richtig-lang-genug".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("richtig-lang-genug".into(), Some(h.clone())).await);
        assert!(!verify("falsch".into(), Some(h)).await);
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("dummy".into(), None).await);
    }
}
