//! Secrets at rest (OAuth tokens, SSO client secrets): AES-256-GCM with the key from
//! `AMTFLUENCER_SECRET_KEY`. A stored value is `nonce (12 bytes) || ciphertext+tag`.
//! In demo mode without a key, a fixed demo key is used (demo data only).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};

use crate::config::Config;

const DEMO_KEY: [u8; 32] = *b"amtfluencer-demo-key-not-secret!";

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error(
        "no secret key is configured: set AMTFLUENCER_SECRET_KEY (create one with: openssl rand -hex 32)"
    )]
    NoKey,
    #[error("a stored secret cannot be decrypted (was the secret key changed?)")]
    Corrupt,
}

/// The key for secrets at rest, if one is configured (or the demo key in demo mode).
pub fn key(config: &Config) -> Result<[u8; 32], CryptoError> {
    match config.secret_key {
        Some(k) => Ok(k),
        None if config.demo => Ok(DEMO_KEY),
        None => Err(CryptoError::NoKey),
    }
}

pub fn encrypt(key: &[u8; 32], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let cipher = Aes256Gcm::new(key.into());
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce).map_err(|_| CryptoError::Corrupt)?;
    let mut out = nonce.to_vec();
    let ct = cipher
        .encrypt(&Nonce::from(nonce), plaintext)
        .map_err(|_| CryptoError::Corrupt)?;
    out.extend(ct);
    Ok(out)
}

pub fn decrypt(key: &[u8; 32], stored: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if stored.len() < 12 + 16 {
        return Err(CryptoError::Corrupt);
    }
    let (nonce, ct) = stored.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().map_err(|_| CryptoError::Corrupt)?;
    Aes256Gcm::new(key.into())
        .decrypt(&Nonce::from(nonce), ct)
        .map_err(|_| CryptoError::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_survives_the_round_trip_and_is_not_stored_in_clear() {
        let key = [7u8; 32];
        let stored = encrypt(&key, b"client-secret").unwrap();
        assert!(!stored.windows(6).any(|w| w == b"client"));
        assert_eq!(decrypt(&key, &stored).unwrap(), b"client-secret");
    }

    #[test]
    fn the_wrong_key_or_a_damaged_value_is_refused() {
        let stored = encrypt(&[1u8; 32], b"x").unwrap();
        assert!(decrypt(&[2u8; 32], &stored).is_err());
        let mut bad = stored.clone();
        bad[20] ^= 1;
        assert!(decrypt(&[1u8; 32], &bad).is_err());
        assert!(decrypt(&[1u8; 32], b"short").is_err());
    }
}
