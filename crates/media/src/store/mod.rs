//! Where processed media is kept, behind one interface: a folder on disk by default, an
//! S3-compatible object store when several instances serve one database.
//!
//! Chosen by one URL in the configuration:
//! - `file:///var/lib/amtfluencer/media` (or a plain path): [`FolderStore`];
//! - `s3://BUCKET?endpoint=https://s3.rz.example&region=eu-central-1`: [`S3Store`]. Query keys:
//!   `endpoint` (omit for AWS itself), `region` (default `us-east-1`, which self-hosted servers
//!   accept), `path_style` (`true`/`false`; default `true` with an endpoint, `false` without).
//!   Plain `http://` endpoints are allowed because the operator wrote them. The access key and
//!   secret never go into the URL: they come as [`S3Credentials`] from separate settings.

mod folder;
mod key;
mod s3;

use bytes::Bytes;
use url::Url;

pub use folder::FolderStore;
pub use key::MediaKey;
pub use s3::{S3Config, S3Credentials, S3Store};

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObject {
    pub bytes: Bytes,
    pub content_type: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("invalid media key {0:?}")]
    InvalidKey(String),
    #[error("no media stored under {0}")]
    NotFound(MediaKey),
    #[error("invalid media storage configuration: {0}")]
    Config(String),
    #[error("media folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("object store: {0}")]
    ObjectStore(#[from] object_store::Error),
    #[error("media storage: {0}")]
    Internal(String),
}

/// The media storage the instance is configured with.
#[derive(Debug, Clone)]
pub enum MediaStore {
    Folder(FolderStore),
    S3(S3Store),
}

impl MediaStore {
    /// Builds the store from its URL (see the module documentation). `credentials` are needed
    /// for `s3://` only.
    pub fn from_url(url: &str, credentials: Option<S3Credentials>) -> Result<Self, StoreError> {
        let config = |msg: String| StoreError::Config(msg);
        if !url.contains("://") {
            if url.trim().is_empty() {
                return Err(config("the media storage URL is empty".to_owned()));
            }
            return Ok(Self::Folder(FolderStore::new(url)));
        }
        let parsed = Url::parse(url).map_err(|e| config(format!("{e}")))?;
        match parsed.scheme() {
            "file" => {
                let path = parsed
                    .to_file_path()
                    .map_err(|()| config(format!("{url} names no local folder")))?;
                Ok(Self::Folder(FolderStore::new(path)))
            }
            "s3" => {
                let credentials = credentials.ok_or_else(|| {
                    config("an s3:// media store needs an access key and a secret".to_owned())
                })?;
                Ok(Self::S3(S3Store::new(&s3_config(&parsed, credentials)?)?))
            }
            other => Err(config(format!(
                "unknown scheme {other:?}; use file:// or s3://"
            ))),
        }
    }

    /// Stores `bytes` under `key`, replacing what was there.
    pub async fn put(
        &self,
        key: &MediaKey,
        bytes: impl Into<Bytes>,
        content_type: &str,
    ) -> Result<(), StoreError> {
        match self {
            Self::Folder(store) => store.put(key, bytes.into()).await,
            Self::S3(store) => store.put(key, bytes.into(), content_type).await,
        }
    }

    /// The file under `key`, or [`StoreError::NotFound`].
    pub async fn get(&self, key: &MediaKey) -> Result<StoredObject, StoreError> {
        match self {
            Self::Folder(store) => store.get(key).await,
            Self::S3(store) => store.get(key).await,
        }
    }

    /// Removes the file; removing a missing file is not an error (deletion jobs may repeat).
    pub async fn delete(&self, key: &MediaKey) -> Result<(), StoreError> {
        match self {
            Self::Folder(store) => store.delete(key).await,
            Self::S3(store) => store.delete(key).await,
        }
    }

    /// Every key under `prefix` (whole segments, e.g. `7/` or `7/2026/03`), sorted; `""` for all.
    pub async fn list(&self, prefix: &str) -> Result<Vec<MediaKey>, StoreError> {
        let prefix = key::parse_prefix(prefix)?;
        match self {
            Self::Folder(store) => store.list(prefix).await,
            Self::S3(store) => store.list(prefix).await,
        }
    }

    /// For the startup log: where media goes, without secrets.
    pub fn describe(&self) -> String {
        match self {
            Self::Folder(store) => format!("folder {}", store.root().display()),
            Self::S3(store) => format!("S3 bucket {}", store.bucket()),
        }
    }
}

fn s3_config(url: &Url, credentials: S3Credentials) -> Result<S3Config, StoreError> {
    let bucket = url
        .host_str()
        .filter(|b| !b.is_empty())
        .ok_or_else(|| StoreError::Config("s3:// needs a bucket: s3://BUCKET".to_owned()))?;
    let mut endpoint = None;
    let mut region = None;
    let mut path_style = None;
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "endpoint" => endpoint = Some(value.into_owned()),
            "region" => region = Some(value.into_owned()),
            "path_style" => {
                path_style = Some(value.parse::<bool>().map_err(|_| {
                    StoreError::Config(format!("path_style must be true or false, not {value:?}"))
                })?);
            }
            other => {
                return Err(StoreError::Config(format!(
                    "unknown setting {other:?} in the s3:// URL (known: endpoint, region, path_style)"
                )));
            }
        }
    }
    let allow_http = endpoint
        .as_deref()
        .is_some_and(|e| e.starts_with("http://"));
    Ok(S3Config {
        bucket: bucket.to_owned(),
        path_style: path_style.unwrap_or(endpoint.is_some()),
        endpoint,
        region: region.unwrap_or_else(|| "us-east-1".to_owned()),
        allow_http,
        credentials,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> S3Credentials {
        S3Credentials {
            access_key_id: "id".to_owned(),
            secret_access_key: "very-secret".to_owned(),
        }
    }

    #[test]
    fn a_file_url_gives_a_folder_store() {
        let store = MediaStore::from_url("file:///var/lib/amtfluencer/media", None).expect("store");
        assert!(
            matches!(&store, MediaStore::Folder(f) if f.root() == std::path::Path::new("/var/lib/amtfluencer/media"))
        );
        let plain = MediaStore::from_url("media", None).expect("store");
        assert_eq!(plain.describe(), "folder media");
    }

    #[test]
    fn an_s3_url_reads_endpoint_region_and_path_style() {
        let url = Url::parse("s3://photos?endpoint=http://127.0.0.1:9000&region=eu-central-1")
            .expect("url");
        let config = s3_config(&url, creds()).expect("config");
        assert_eq!(config.bucket, "photos");
        assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(config.region, "eu-central-1");
        assert!(config.path_style);
        assert!(config.allow_http);
    }

    #[test]
    fn an_s3_url_without_endpoint_means_aws_with_virtual_hosts() {
        let url = Url::parse("s3://photos").expect("url");
        let config = s3_config(&url, creds()).expect("config");
        assert_eq!(config.endpoint, None);
        assert!(!config.path_style);
        assert!(!config.allow_http);
        assert_eq!(config.region, "us-east-1");
    }

    #[test]
    fn a_misspelt_setting_or_missing_credentials_are_refused() {
        let err = MediaStore::from_url("s3://photos?endpont=http://x", Some(creds()));
        assert!(matches!(err, Err(StoreError::Config(m)) if m.contains("endpont")));
        let err = MediaStore::from_url("s3://photos", None);
        assert!(matches!(err, Err(StoreError::Config(_))));
        let err = MediaStore::from_url("ftp://x/y", None);
        assert!(matches!(err, Err(StoreError::Config(_))));
    }

    #[test]
    fn credentials_never_show_their_secret() {
        let shown = format!("{:?}", creds());
        assert!(!shown.contains("very-secret"));
        assert!(shown.contains("id"));
    }
}
